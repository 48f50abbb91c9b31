"""Language and script identification."""
