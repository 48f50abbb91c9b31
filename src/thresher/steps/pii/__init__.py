"""Personal data redaction."""
