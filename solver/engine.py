"""Placeholder: being written."""


def command_solve(args) -> int:
    raise SystemExit("not implemented yet")
