"""Meeting requests between companies: sending, answering, withdrawing, and the rules."""
