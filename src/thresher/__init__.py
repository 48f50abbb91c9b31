"""thresher: turn raw web-crawled pages into clean, unique, trustworthy text."""

__version__ = "0.1.0"
