"""Text utilities shared by steps: a fast tokenizer and character classes."""

from thresher.text.chars import SYMBOL_CHARS, TERMINAL_PUNCTUATION
from thresher.text.tokens import tokenize

__all__ = ["SYMBOL_CHARS", "TERMINAL_PUNCTUATION", "tokenize"]
