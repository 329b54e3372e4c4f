"""Placeholder: being written."""


def command_check(args) -> int:
    raise SystemExit("not implemented yet")
