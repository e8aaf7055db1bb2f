"""Command-line entry point: ``housing-research``.

``housing-research build`` rebuilds everything (processed data, notebooks,
figures); each pipeline step also has its own subcommand.

Examples
--------
>>> main(["--help"])  # doctest: +SKIP
"""

from __future__ import annotations

import argparse
import sys

from housing_research import __version__
from housing_research.errors import InputError
from housing_research.build import STEPS, run


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser, one subcommand per pipeline step plus ``build``."""
    parser = argparse.ArgumentParser(
        prog="housing-research",
        description="Rebuild the inventory, the typology coding, the analyses and the figures.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("build", help="run every step below, in order")
    for step in STEPS:
        sub.add_parser(step.name, help=step.help)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    names = None if args.command == "build" else [args.command]
    try:
        run(names)
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
