"""Messages between the two companies of a meeting request."""
