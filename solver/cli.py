"""Command line of the scheduling engine (a contract: see README "Solver").

Each sub-command lives next to the code it drives; this module only parses arguments.
Every handler returns a process exit code and reports bad input on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys

from solver import bench, bound, checker, engine, generate
from solver.brokerage import FAMILIES


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m solver", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    solve = commands.add_parser("solve", help="schedule an instance")
    solve.add_argument("instance", help="matchmaker-instance/1 JSON file")
    solve.add_argument("-o", "--output", required=True, help="where to write the schedule JSON")
    solve.add_argument("--time-limit", type=float, default=30.0, help="seconds (default 30)")
    solve.add_argument(
        "--workers",
        type=int,
        default=None,
        help="CP-SAT workers of whole-model solves (default 4; LNS sub-solves use 1)",
    )
    solve.add_argument("--seed", type=int, default=None, help="fixed seed: reproducible result")
    solve.add_argument("--quiet", action="store_true", help="no progress lines")
    solve.set_defaults(handler=engine.command_solve)

    check = commands.add_parser("check", help="independently check a schedule")
    check.add_argument("instance")
    check.add_argument("schedule")
    check.set_defaults(handler=checker.command_check)

    bnd = commands.add_parser("bound", help="upper bound on weight and meetings")
    bnd.add_argument("instance")
    bnd.add_argument(
        "--granularity",
        choices=["block", "slot"],
        default="block",
        help="pool the slots of each (day, session) block (default) or keep every slot apart",
    )
    bnd.set_defaults(handler=bound.command_bound)

    gen = commands.add_parser("generate", help="synthetic fair or brokerage event")
    gen.add_argument("--companies", type=int, help="a synthetic fair of this many companies")
    gen.add_argument(
        "--family",
        choices=sorted(FAMILIES),
        help="a brokerage event of this family instead (see solver/README.md)",
    )
    gen.add_argument("--seed", type=int, default=0)
    gen.add_argument("--slots", type=int, default=None, help="default: 24 (32 above 5,000)")
    gen.add_argument("-o", "--output", default="-", help="file, or - for stdout")
    gen.set_defaults(handler=generate.command_generate)

    bch = commands.add_parser("bench", help="run the benchmark, print a table, save JSON")
    bch.add_argument(
        "--sizes", default="S,L,XL,replan,b2bsp,brokerage", help="comma-separated cases"
    )
    bch.add_argument("--output", default="bench-results/bench.json")
    bch.add_argument("--workers", type=int, default=None)
    bch.add_argument("--b2bsp-dir", default=None, help="default: ../shared/benchmarks/b2bsp")
    bch.add_argument(
        "--families", default=",".join(FAMILIES), help="brokerage families (default: all)"
    )
    bch.add_argument(
        "--seeds", default="1-3", help="brokerage seeds, e.g. 1-3 or 1,5 (tuning used 100+)"
    )
    bch.add_argument(
        "--event-time", type=float, default=10.0, help="seconds per b2bsp/brokerage event"
    )
    bch.set_defaults(handler=bench.command_bench)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.handler(args))


if __name__ == "__main__":
    sys.exit(main())
