"""Signal computation, one module per rule set; pure functions of a :class:`TextView`."""
