"""Reading a filled coder sheet back: checked, then one coder's codes in long format with their provenance.

:func:`read_coder_sheet` reads a workbook written by
:func:`~housing_research.coding.sheets.write_coder_sheet` and refuses it with
an :class:`~housing_research.InputError` naming the sheet, the row and the
column, with a fix, when

- it is not a coder sheet, names no coder, or was made for another version
  of the codebook;
- a header was changed or a column deleted;
- an id was changed (not one the sheet was made for, or its name is another
  initiative's), is unknown to the inventory, or appears twice;
- a code is not a code of the codebook for that axis, a dimension's cell
  holds two codes, a slot holds several codes, a code is repeated, or
  ``inconnu`` stands beside another code;
- a basis is not ``stated``/``inferred``, an inferred code names no rule, a
  rule is unknown or of another axis, a basis, rule or justification stands
  without a code, a code has no justification;
- ``debut`` or ``covid`` is coded without the ``principal`` period.

The codes come back in the long format of a coder's file
(:data:`~housing_research.coding.manual_codes.COLUMNS`) plus
:data:`PROVENANCE`: the codebook version, the sheet's file name and its
SHA-256. :func:`write_sheet_codes` adds them to the coder's file, keeping
every code already there.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> from housing_research.coding.sheets import write_coder_sheet
>>> from housing_research.tables import read_processed
>>> inventory = read_processed("inventory", dtype=str, keep_default_na=False)
>>> path = write_coder_sheet(Path(tempfile.mkdtemp()) / "AB.xlsx", inventory, "AB")
>>> read_coder_sheet(path, inventory).empty          # nothing coded yet
True
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from pathlib import Path

import pandas as pd

from housing_research import paths
from housing_research.coding.codebook import MULTI_AXES, Codebook, codebook
from housing_research.coding.manual_codes import BASES, COLUMNS, read_coder_file
from housing_research.coding.sheet_layout import SHEET_PERIODS, code_columns, period_axes, sheet_columns
from housing_research.coding.sheets import ABOUT_SHEET, CODES_SHEET, LISTS_SHEET, SHEET_FORMAT
from housing_research.errors import InputError
from housing_research.i18n import LANGS
from housing_research.spreadsheet import read_spreadsheet
from housing_research.tables import write_table
from housing_research.text import did_you_mean

#: Provenance columns added to the codes read from a sheet.
PROVENANCE: tuple[str, ...] = ("codebook_version", "sheet_file", "sheet_sha256")
_REMAKE = "make a new sheet with `housing-research sheets --coder NAME` and copy the codes into it"
_SEPARATORS = re.compile(r"[;,/+|\n]")


def _about(path: Path, file: str, cb: Codebook) -> dict:
    import openpyxl

    names = openpyxl.load_workbook(path, read_only=True).sheetnames
    for sheet in (CODES_SHEET, ABOUT_SHEET, LISTS_SHEET):
        if sheet not in names:
            raise InputError(f"not a coder sheet: no sheet named {sheet!r}", file=file,
                             suggestion=f"read a workbook written by `housing-research sheets`, or {_REMAKE}")
    about = read_spreadsheet(path, what="coder sheet", sheet=ABOUT_SHEET, required=("key", "value"))
    where = about.attrs["source"]["file"]
    rows = dict(zip(about["key"], about.attrs["source"]["rows"]))
    values = dict(zip(about["key"], about["value"]))
    if values.get("format") != SHEET_FORMAT:
        raise InputError("not a coder sheet of this version", file=where, row=rows.get("format"), column="value",
                         value=values.get("format"), suggestion=_REMAKE)
    if not (values.get("coder") or "").strip():
        raise InputError("the sheet names no coder", file=where, row=rows.get("coder", 2), column="value",
                         suggestion="write the coder's initials in the 'value' cell of the 'coder' row "
                                    "(unhide the 'about' sheet), or " + _REMAKE)
    if values.get("codebook_version") != cb.version:
        raise InputError(f"sheet made for codebook {values.get('codebook_version')}, the codebook is now "
                         f"{cb.version}", file=where, row=rows.get("codebook_version"), column="value",
                         value=values.get("codebook_version"),
                         suggestion=_REMAKE + " (check each code against the codebook's changes)")
    if values.get("lang") not in LANGS:
        raise InputError("unknown language of the headers", file=where, row=rows.get("lang"), column="value",
                         value=values.get("lang"), suggestion=f"write one of {', '.join(LANGS)}")
    return {"coder": values["coder"].strip(), "lang": values["lang"]}


def _issued_ids(path: Path) -> set[str]:
    lists = read_spreadsheet(path, what="coder sheet", sheet=LISTS_SHEET)
    return set(lists["initiative_id"].dropna()) if "initiative_id" in lists.columns else set()


def _check_headers(table: pd.DataFrame, columns, where: str) -> None:
    expected = [c.header for c in columns]
    for position, header in enumerate(table.columns):
        if header not in expected:
            here = expected[position] if position < len(expected) and expected[position] not in table.columns \
                else None
            raise InputError("unknown column header", file=where, row=1, column=header,
                             suggestion=(f"write back {here!r}" if here else did_you_mean(header, expected))
                             + "; headers must stay as written")
    missing = [h for h in expected if h not in table.columns]
    if missing:
        raise InputError("column missing", file=where, row=1, column=missing[0],
                         suggestion=f"put the column {missing[0]!r} back, or {_REMAKE}")


def _check_id(rec: dict, row: int, where: str, names: dict, issued: set, seen: dict, header: dict) -> str:
    iid, column = (rec[header["initiative_id"]] or "").strip(), header["initiative_id"]

    def fail(message, suggestion):
        raise InputError(message, file=where, row=row, column=column, value=iid or None, suggestion=suggestion)

    if not iid:
        fail("empty initiative id", "put the id back (copy it from a fresh sheet), or delete the row")
    if iid not in names:
        fail("initiative id not found in the inventory", did_you_mean(iid, sorted(issued or names)))
    if iid not in issued:
        fail("initiative id changed: the sheet was not made for it", "put back the id the sheet had on this row")
    if iid in seen:
        fail(f"duplicate row (same initiative as row {seen[iid]})", "keep one row per initiative")
    name = (rec[header["name"]] or "").strip()
    if name and name != names[iid].strip():
        owner = [i for i, n in names.items() if n.strip() == name]
        fail("initiative id changed: the name on this row is not that of the id"
             + (f" but of {owner[0]}" if owner else ""),
             f"put back the id {owner[0]}" if owner else "put back the id and the name the sheet had")
    seen[iid] = row
    return iid


def _group_codes(rec: dict, row: int, where: str, slots, cb: Codebook) -> list[str]:
    codes, axis = [], slots[0].axis
    allowed = (*cb.codes(axis), cb.unknown)
    for column in slots:
        value = (rec[column.header] or "").strip()
        if not value:
            continue

        def fail(message, suggestion, value=value, column=column):
            raise InputError(message, file=where, row=row, column=column.header, value=value, suggestion=suggestion)

        if value not in allowed and _SEPARATORS.search(value):
            if axis in MULTI_AXES:
                fail("one code per cell", "put each code in its own column, from the left")
            fail(f"two codes in a single-code dimension ({axis!r} takes one code)", "keep the one code that holds")
        if value not in allowed:
            fail(f"code not in the codebook for axis {axis!r}", did_you_mean(value, allowed))
        if value in codes:
            fail("the same code twice", "delete the repeated code")
        if cb.unknown in (value, *codes) and codes:
            fail(f"{cb.unknown!r} cannot be combined with another code", f"drop {cb.unknown!r} or the other codes")
        codes.append(value)
    return codes


def _group_rows(rec, row, where, columns, period, axis, cb) -> list[dict]:
    slots = code_columns(columns, period, axis)
    codes = _group_codes(rec, row, where, slots, cb)
    extra = {c.role: c for c in columns if c.period == period and c.axis == axis and c.role != "code"}
    value = {role: (rec[c.header] or "").strip() for role, c in extra.items()}

    def fail(role, message, suggestion):
        raise InputError(message, file=where, row=row, column=extra[role].header, value=value[role] or None,
                         suggestion=suggestion)

    if not codes:
        for role in ("basis", "rule", "justification"):
            if value[role]:
                fail(role, f"{role} without a code", f"write the code in {slots[0].header!r}, or clear this cell")
        return []
    if not value["basis"] and codes != [cb.unknown] and axis not in MULTI_AXES:   # a set's codes may differ
        fail("basis", "a code needs its basis", "stated (the source says it) or inferred (a decision rule gives it)")
    if value["basis"] and value["basis"] not in BASES:
        fail("basis", "unknown basis", "stated (the source says it) or inferred (a decision rule gives it)")
    rules = extra["rule"].choices
    if value["rule"] and value["rule"] not in rules:
        owner = [r.axis for r in cb.rules if r.id == value["rule"]]
        fail("rule", f"rule of axis {owner[0]!r}" if owner else "unknown decision rule",
             f"use a rule of axis {axis!r}: {', '.join(rules)}")
    if value["basis"] == "inferred" and not value["rule"]:
        fail("rule", "an inferred code needs the decision rule that gives it", f"choose one of {', '.join(rules)}")
    if not value["justification"]:
        fail("justification", "a code needs its justification", "say in a few words what in the source gives it")
    return [{"period": period, "axis": axis, "code": code, **value} for code in codes]


def _row_codes(rec, row, where, columns, cb, header) -> list[dict]:
    out = []
    for period in SHEET_PERIODS:
        for axis in period_axes(period):
            out += _group_rows(rec, row, where, columns, period, axis, cb)
    periods = {r["period"] for r in out}
    if periods and "principal" not in periods:
        first = next(c for c in columns if c.period == sorted(periods)[0] and c.role == "code")
        raise InputError("period coded without the principal period", file=where, row=row, column=first.header,
                         suggestion=f"code the principal period first ({header['principal']!r}); "
                                    "debut and covid only record changes")
    return out


def read_coder_sheet(path, inventory: pd.DataFrame, cb: Codebook | None = None,
                     date: dt.date | None = None) -> pd.DataFrame:
    """Read and check a filled coder sheet; return its codes (long format with provenance).

    Parameters
    ----------
    path : path-like
        The ``.xlsx`` workbook.
    inventory : DataFrame
        The cleaned inventory (``initiative_id``, ``name``).
    cb : Codebook, optional
    date : date, optional
        Date of the coding written with each code (default: today).

    Returns
    -------
    DataFrame
        :data:`~housing_research.coding.manual_codes.COLUMNS` then
        :data:`PROVENANCE`, one row per code.
    """
    cb, path = cb or codebook(), Path(path)
    file = paths.relative(path)
    about = _about(path, file, cb)
    columns = sheet_columns(cb, about["lang"])
    table = read_spreadsheet(path, what="coder sheet", sheet=CODES_SHEET)
    where = table.attrs["source"]["file"]
    _check_headers(table, columns, where)
    header = {c.key: c.header for c in columns if c.role == "info"}
    header["principal"] = next(c.header for c in columns if c.period == "principal")
    names = dict(zip(inventory["initiative_id"].astype(str), inventory["name"].fillna("").astype(str)))
    issued, seen, rows = _issued_ids(path), {}, []
    for row, rec in zip(table.attrs["source"]["rows"], table.to_dict("records")):
        iid = _check_id(rec, row, where, names, issued, seen, header)
        rows += [{"initiative_id": iid, **r} for r in _row_codes(rec, row, where, columns, cb, header)]
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    codes = pd.DataFrame(rows, columns=["initiative_id", "period", "axis", "code", "basis", "rule",
                                        "justification"])
    codes = codes.assign(coder=about["coder"], date=(date or dt.date.today()).isoformat(),
                         codebook_version=cb.version, sheet_file=path.name, sheet_sha256=digest)
    codes = codes[[*COLUMNS, *PROVENANCE]]
    if not codes.empty:                                        # the coder file's own checks, as a safeguard
        read_coder_file(io.StringIO(codes.to_csv(index=False)), set(names), cb)
    return codes


def write_sheet_codes(codes: pd.DataFrame, folder, previous=None, cb: Codebook | None = None) -> Path:
    """Add a sheet's codes to ``<folder>/<coder>.csv``, keeping every code already there; return the file.

    The codes already there are those of that file, else those of
    ``previous`` (default: the coder's file in ``data/raw/codes``), so the
    file written can take the coder's file's place: nothing is overwritten,
    a later coding of a unit simply has a later date. Reading the same sheet
    twice adds nothing. The pipeline never writes under ``data/raw``.
    """
    cb = cb or codebook()
    coders = sorted(set(codes["coder"]))
    if len(coders) != 1:
        raise InputError("the codes of one coder are written at a time", column="coder", value="; ".join(coders),
                         suggestion="read one sheet at a time")
    folder, coder = Path(folder), coders[0]
    if folder.resolve().is_relative_to(paths.RAW.resolve()):
        raise InputError("the pipeline never writes under data/raw (the team's own files)", file=str(folder),
                         suggestion="write into another folder, check the file, then move it into data/raw/codes/")
    target = paths.coder_file(coder, folder)
    source = target if target.exists() else Path(previous or paths.coder_file(coder))
    old = pd.read_csv(source, dtype=str, keep_default_na=False) if source.exists() else pd.DataFrame(columns=COLUMNS)
    keys = ["initiative_id", "period", "axis", "code", "coder", "date"]
    new = codes.merge(old[keys].drop_duplicates(), on=keys, how="left", indicator=True)
    new = new[new["_merge"] == "left_only"].drop(columns="_merge")
    table = pd.concat([old, new], ignore_index=True).fillna("")
    read_coder_file(io.StringIO(table.to_csv(index=False)), None, cb)
    return write_table(table, target)
