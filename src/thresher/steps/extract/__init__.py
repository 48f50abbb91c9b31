"""HTML to line-per-paragraph main text: the ``extract`` step and the extraction it runs."""
