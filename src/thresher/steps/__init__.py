"""Pipeline steps: one folder per kind, each step a small class over an iterable of documents."""
