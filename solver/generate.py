"""Placeholder: being written."""


def command_generate(args) -> int:
    raise SystemExit("not implemented yet")
