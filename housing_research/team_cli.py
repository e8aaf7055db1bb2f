"""The team's commands: coder sheets, agreement and adjudication, the XLSX export.

Added to ``housing-research`` by :mod:`housing_research.cli`:

- ``sheets --coder NAME [--lang fr|en] [--only-uncoded] [--order uncertainty] [--out DIR]``
  writes ``DIR/NAME.xlsx``, the coder's blank sheet;
- ``sheets read FILE [--out DIR] [--date YYYY-MM-DD]`` checks a filled sheet
  and adds its codes to ``DIR/<coder>.csv`` (which then takes the place of
  ``data/raw/codes/<coder>.csv``);
- ``agreement [--coders A B ...] [--out DIR] [--bootstrap N]`` writes the
  agreement of the coders (:data:`AGREEMENT_FILES` and ``coders_agreement.xlsx``)
  and the adjudication sheet (``adjudication_sheet.xlsx`` and ``.csv``): once
  filled, it becomes ``data/raw/codes/adjudication.csv`` (or ``.xlsx``);
- ``export --xlsx FILE`` writes the processed tables and the data dictionary.

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser(); add_team_commands(parser.add_subparsers(dest="command"))
>>> args = parser.parse_args(["sheets", "--coder", "AB", "--order", "uncertainty"])
>>> args.coder, args.order, args.action
('AB', 'uncertainty', None)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from housing_research import paths
from housing_research.errors import InputError

#: Files ``agreement`` writes in its folder.
AGREEMENT_FILES = {"summary": "coders_agreement_summary.csv", "pairs": "coders_agreement_pairs.csv",
                   "confusion": "coders_agreement_confusion.csv", "adjudication": "adjudication_sheet.csv"}


def add_team_commands(sub) -> None:
    """Add the ``sheets``, ``agreement`` and ``export`` commands to a subparsers object."""
    sheets = sub.add_parser("sheets", help="write a coder's XLSX sheet, or read a filled one back",
                            description="Write one coder's blank sheet (one row per initiative in scope, "
                                        "drop-down lists of the codebook's codes), or check a filled sheet "
                                        "and add its codes to the coder's file (`sheets read FILE`).")
    sheets.add_argument("action", nargs="?", choices=("read",), help="read a filled sheet back")
    sheets.add_argument("file", nargs="?", metavar="FILE", help="the filled sheet to read")
    sheets.add_argument("--coder", metavar="NAME", help="the coder the sheet is for")
    sheets.add_argument("--lang", choices=("fr", "en"), default="fr", help="language of the headers")
    sheets.add_argument("--only-uncoded", action="store_true", help="leave out what the coder has already coded")
    sheets.add_argument("--order", choices=("inventory", "uncertainty"), default="inventory",
                        help="row order: the inventory's, or the supervised coder's uncertainty, highest first")
    sheets.add_argument("--out", metavar="DIR", default=".", help="folder to write into (default: here)")
    sheets.add_argument("--date", metavar="YYYY-MM-DD", help="date of the coding read (default: today)")
    agree = sub.add_parser("agreement", help="agreement of two or more coders and the adjudication sheet",
                           description="Fleiss' and Cohen's kappa, Krippendorff's alpha (with bootstrap "
                                       "intervals) and confusion tables per axis over every period, and the "
                                       "adjudication sheet of every disagreement.")
    agree.add_argument("--coders", nargs="+", metavar="CODER",
                       help="coders (files data/raw/codes/<CODER>.csv) or paths of coders' files "
                            "(default: every coder's file in data/raw/codes)")
    agree.add_argument("--out", metavar="DIR", default=".", help="folder to write into (default: here)")
    agree.add_argument("--bootstrap", type=int, default=500, metavar="N", help="bootstrap resamples (default 500)")
    export = sub.add_parser("export", help="write the cleaned and coded inventory as one XLSX workbook",
                            description="One sheet per processed table plus the data dictionary.")
    export.add_argument("--xlsx", metavar="FILE", required=True, help="the workbook to write")


def _inventory() -> pd.DataFrame:
    from housing_research.tables import read_processed

    if not paths.processed("inventory").exists():
        raise InputError("cleaned inventory not found", file=paths.relative(paths.processed("inventory")),
                         suggestion="run `housing-research clean` first")
    return read_processed("inventory", dtype=str, keep_default_na=False)


def make_sheet(args) -> int:
    """``sheets --coder NAME``: write the coder's blank sheet."""
    from housing_research.coding.manual_codes import read_manual_codes
    from housing_research.coding.sheets import sheet_initiatives, uncertainty_order, write_coder_sheet

    if not args.coder:
        raise InputError("a coder sheet needs the coder's name", column="coder",
                         suggestion="give --coder NAME (initials, as in data/raw/codes/NAME.csv)")
    inventory = _inventory()
    own = paths.coder_file(args.coder)                        # blind: the coder's own codes only
    coded = set(read_manual_codes(own)["initiative_id"]) if own.exists() else set()
    order = None
    if args.order == "uncertainty":
        from housing_research.inventory.reference import load_organisations
        from housing_research.tables import read_processed

        order = uncertainty_order(inventory, read_processed("final_codes", dtype=str, keep_default_na=False),
                                  coded, load_organisations())
    rows = sheet_initiatives(inventory, coded, args.only_uncoded, order)
    path = write_coder_sheet(Path(args.out) / f"{args.coder}.xlsx", inventory, args.coder, lang=args.lang,
                             rows=rows)
    print(f"{path}: {len(rows)} initiatives to code for {args.coder} ({args.lang}); "
          f"fill it, then run `housing-research sheets read {path}`")
    return 0


def read_sheet(args) -> int:
    """``sheets read FILE``: check a filled sheet and add its codes to the coder's file."""
    from housing_research.coding.sheet_reading import read_coder_sheet, write_sheet_codes

    if not args.file:
        raise InputError("which sheet?", suggestion="give the filled sheet: `housing-research sheets read FILE`")
    try:
        date = dt.date.fromisoformat(args.date) if args.date else None
    except ValueError:
        raise InputError("malformed date", column="--date", value=args.date,
                         suggestion="write dates as YYYY-MM-DD") from None
    codes = read_coder_sheet(args.file, _inventory(), date=date)
    if codes.empty:
        print(f"{args.file}: no code in the sheet yet")
        return 0
    path = write_sheet_codes(codes, args.out)
    print(f"{path}: {len(codes)} codes of {codes['coder'].iloc[0]} on {codes['initiative_id'].nunique()} "
          "initiatives added; check the file, then put it in data/raw/codes/ in place of the coder's file")
    return 0


def _coders_codes(coders) -> pd.DataFrame:
    from housing_research.coding.manual_codes import read_manual_codes

    inventory_ids = set(_inventory()["initiative_id"])
    if not coders:
        return read_manual_codes(inventory_ids=inventory_ids)
    tables = []
    for coder in coders:
        path = Path(coder) if Path(coder).suffix.lower() in (".csv", ".xlsx") else paths.coder_file(coder)
        tables.append(read_manual_codes(path, inventory_ids=inventory_ids))
    return pd.concat(tables, ignore_index=True)


def run_agreement(args) -> int:
    """``agreement``: the coders' agreement and the adjudication sheet."""
    from housing_research.coding.final_codes import read_adjudication
    from housing_research.coding.multi_coder import adjudication_sheet, coders_agreement
    from housing_research.tables import write_table
    from housing_research.workbook import save_workbook, write_frame
    import openpyxl

    codes = _coders_codes(args.coders)
    result = coders_agreement(codes, n_bootstrap=args.bootstrap)
    names = _inventory().set_index("initiative_id")["name"]
    sheet = adjudication_sheet(codes, read_adjudication(), names)
    out = Path(args.out)
    tables = {"summary": result.summary, "pairs": result.pairs, "confusion": result.confusion,
              "adjudication": sheet}
    for key, table in tables.items():
        write_table(table, out / AGREEMENT_FILES[key])
    wb = openpyxl.Workbook()                                  # one sheet: read_adjudication reads it as it is
    wb.active.title = "adjudication"
    write_frame(wb.active, sheet, {c: 40 for c in sheet.columns if c.startswith("justification_")})
    xlsx = save_workbook(wb, out / "adjudication_sheet.xlsx")
    wb = openpyxl.Workbook()
    wb.active.title = "summary"
    write_frame(wb.active, result.summary.round(3))
    for key in ("pairs", "confusion"):
        write_frame(wb.create_sheet(key), tables[key].round(3))
    save_workbook(wb, out / "coders_agreement.xlsx")
    print(f"{', '.join(result.coders)}: {len(sheet)} disagreements to adjudicate in {xlsx} (or "
          f"{AGREEMENT_FILES['adjudication']}); agreement in coders_agreement.xlsx and the CSV files of {out}")
    return 0


def run_team(args) -> int:
    """Run ``sheets``, ``agreement`` or ``export``; return the exit status."""
    if args.command == "sheets":
        return read_sheet(args) if args.action == "read" else make_sheet(args)
    if args.command == "agreement":
        return run_agreement(args)
    from housing_research.export import export_xlsx

    path = export_xlsx(args.xlsx)
    print(f"{path}: the processed tables and the data dictionary")
    return 0
