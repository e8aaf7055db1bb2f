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
from housing_research.coding.codebook import codebook
from housing_research.errors import InputError
from housing_research.i18n import LANGS
from housing_research.team_cli import add_team_commands, run_team


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
        if name == "seminar":
            cmd.add_argument("--lang", choices=LANGS, help="the deck of one language only (default: every language)")
    check = sub.add_parser("locators", help="check every row's locator against the team's copies of the documents",
                           description="Check that every raw row's passage lies in the documents' plain text "
                                       "(listed SHA-256) and names the row, and that document 004's glyph table "
                                       "decodes its own evidence.")
    check.add_argument("--documents", metavar="DIR", required=True,
                       help="folder holding the plain-text copies (<doc_id>_*.txt)")
    add_qda_commands(sub)
    add_team_commands(sub)
    return parser


def add_qda_commands(sub) -> None:
    """The ``qda`` command: exchange with QDA software in the REFI-QDA standard."""
    qda = sub.add_parser("qda", help="exchange with QDA software (REFI-QDA .qdpx projects and .qdc codebooks)",
                         description="Export the codebook (.qdc) and the coded inventory (.qdpx) for QualCoder, "
                                     "ATLAS.ti, NVivo or MAXQDA, and import the codes applied there.")
    actions = qda.add_subparsers(dest="qda_command", required=True, metavar="ACTION")
    export = actions.add_parser("export", help="write a .qdpx project and/or a .qdc codebook",
                                description="Write the inventory's descriptions and the coders' codes as a "
                                            "REFI-QDA project, and/or the codebook as a REFI-QDA codebook.")
    export.add_argument("--out", metavar="FILE.qdpx", help="the project to write")
    export.add_argument("--codebook", metavar="FILE.qdc", help="the codebook to write")
    export.add_argument("--coder", metavar="NAME",
                        help="that coder's codes only, so that coding stays blind (default: every coder's)")
    export.add_argument("--lang", choices=("fr", "en"), default="fr", help="language of the code names")
    imp = actions.add_parser("import", help="read a .qdpx project's codes (or check a .qdc codebook)",
                             description="Read the codes applied in a REFI-QDA project into one file per "
                                         "coder (<coder>.csv), or compare a REFI-QDA codebook with ours.")
    imp.add_argument("file", metavar="FILE", help="a .qdpx project or a .qdc codebook")
    imp.add_argument("--out", metavar="DIR", default=".", help="folder of the coders' files (default: here)")
    imp.add_argument("--coder", metavar="NAME", help="coder of the codings that name no user")


def run_qda(args) -> int:
    """Run ``housing-research qda export|import``; return the exit status."""
    from housing_research.coding.manual_codes import read_manual_codes
    from housing_research.coding.refi_qda_codes import codebook_document
    from housing_research.coding.refi_qda_import import read_project, write_coder_codes
    from housing_research.coding.refi_qda_matching import read_codebook_file
    from housing_research.coding.refi_qda_project import write_project
    from housing_research.tables import read_processed

    if args.qda_command == "import" and args.file.lower().endswith(".qdc"):
        table = read_codebook_file(args.file)
        missing = table.loc[~table["in_file"], ["period", "axis", "code"]]
        print(f"{args.file}: {int(table['in_file'].sum())} of {len(table)} codes of the codebook, none unknown"
              + "".join(f"\nmissing: {r.period} / {r.axis} / {r.code}" for r in missing.itertuples()))
        return 0
    inventory = read_processed("inventory", dtype=str)
    if args.qda_command == "import":
        table = read_project(args.file, inventory["initiative_id"], coder=args.coder)
        for path in write_coder_codes(table, args.out):
            print(f"{path}: {int((table['coder'] == path.stem).sum())} codes of coder {path.stem}; check them, "
                  "then put the file in data/raw/codes/ in place of the coder's file")
        return 0
    if not (args.out or args.codebook):
        raise InputError("nothing to export", suggestion="give --out FILE.qdpx, --codebook FILE.qdc or both")
    if args.codebook:
        with open(args.codebook, "wb") as handle:
            handle.write(codebook_document(codebook(), args.lang))
        print(f"{args.codebook}: the codebook {codebook().version} as a REFI-QDA codebook")
    if args.out:
        codes = read_manual_codes(inventory_ids=inventory["initiative_id"])
        write_project(args.out, inventory, codes, lang=args.lang, coder=args.coder)
        print(f"{args.out}: {len(inventory)} initiatives and "
              f"{len(codes) if args.coder is None else int((codes['coder'] == args.coder).sum())} codes")
    return 0


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
        if args.command == "qda":
            return run_qda(args)
        if args.command in ("sheets", "agreement", "export"):
            return run_team(args)
        run(names, out_dir=getattr(args, "out", None), inventory=getattr(args, "inventory", None),
            sheet=getattr(args, "sheet", None), lang=getattr(args, "lang", None))
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except FileNotFoundError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except OSError as err:
        where = f"{err.filename}: " if getattr(err, "filename", None) else ""
        print(f"error: {where}{err.strerror or err}. Fix: check the path and its permissions", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
