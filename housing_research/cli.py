"""Command-line entry point: ``housing-research``.

``housing-research build`` rebuilds everything (processed data, docs,
notebooks, figures); each pipeline step also has its own subcommand. A
mistake in the user's files never shows a traceback: one ``error:`` line
names the file, the row, the column and the fix, and the exit status is 2.

Examples
--------
>>> main(["clean", "--inventory", "no/such/file.csv"])
[clean] clean and validate the raw inventory (data/processed/inventory.csv)
2
"""

from __future__ import annotations

import argparse
import sys

import pandas as pd

from housing_research import __version__
from housing_research.build import STEPS, run
from housing_research.errors import InputError


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser, one subcommand per pipeline step plus ``build``."""
    parser = argparse.ArgumentParser(
        prog="housing-research",
        description="Rebuild the inventory, the typology coding, the analyses and the figures.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands = [("build", "run every step below, in order")] + [(s.name, s.help) for s in STEPS]
    for name, help_text in commands:
        cmd = sub.add_parser(name, help=help_text, description=help_text)
        if name in ("build", "clean"):
            cmd.add_argument("--inventory", metavar="PATH",
                             help="raw inventory to read, CSV or XLSX (default data/raw/inventory.csv)")
            cmd.add_argument("--sheet", metavar="NAME", help="sheet of an XLSX inventory holding the table")
        if name != "build":
            cmd.add_argument("--out", metavar="DIR", help="folder to write into (default: the step's own)")
    check = sub.add_parser("locators", help="check every row's locator against the team's copies of the documents",
                           description="Check that every raw row's passage lies in the documents' plain text "
                                       "(listed SHA-256) and names the row, and that document 004's glyph table "
                                       "decodes its own evidence.")
    check.add_argument("--documents", metavar="DIR", required=True,
                       help="folder holding the plain-text copies (<doc_id>_*.txt)")
    return parser


def check_sources(documents: str) -> int:
    """Run ``housing-research locators``: print the problems, return 0 when every locator holds."""
    from housing_research.inventory.locators import check_glyph_derivation, check_locators
    from housing_research.inventory.reading import load_inventory

    inventory = load_inventory()
    problems = pd.concat([check_locators(documents, inventory), check_glyph_derivation(documents)],
                         ignore_index=True)
    for row in problems.itertuples(index=False):
        print(f"error: {row.raw_id} (document {row.source_doc}): {row.problem}", file=sys.stderr)
    if len(problems):
        return 2
    print(f"locators: all {len(inventory)} rows hold in {inventory['source_doc'].nunique()} documents, "
          "and document 004's glyph table decodes its evidence")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (0 done, 2 a problem in the input)."""
    args = build_parser().parse_args(argv)
    names = None if args.command == "build" else [args.command]
    try:
        if args.command == "locators":
            return check_sources(args.documents)
        run(names, out_dir=getattr(args, "out", None), inventory=getattr(args, "inventory", None),
            sheet=getattr(args, "sheet", None))
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except OSError as err:
        where = f"{err.filename}: " if getattr(err, "filename", None) else ""
        print(f"error: {where}{err.strerror or err}. Fix: check the path and its permissions", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
