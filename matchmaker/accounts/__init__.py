"""Accounts: registration, log-in, password reset, own account, company profile, colleagues and
participation in editions of the fair."""
