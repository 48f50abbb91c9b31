"""Executors and the corpus-wide stage contract."""
