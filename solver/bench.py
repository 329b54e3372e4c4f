"""Placeholder: being written."""


def command_bench(args) -> int:
    raise SystemExit("not implemented yet")
