"""Placeholder: being written."""


def command_bound(args) -> int:
    raise SystemExit("not implemented yet")
