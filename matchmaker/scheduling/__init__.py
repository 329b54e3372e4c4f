"""Scheduling: event set-up (slots, tables, interpreters), solver runs, drafts and publishing."""
