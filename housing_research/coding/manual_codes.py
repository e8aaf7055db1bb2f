"""Reading and validating the team's manual codes: one file per coder, blind.

Coding is blind: each coder's codes live in their own file of
``data/raw/codes/`` (``<coder>.csv`` or ``.xlsx``; the adjudication and the
change history sit beside them, :mod:`housing_research.coding.final_codes`),
and nobody's sheet shows another coder's codes. One row per code:

``initiative_id, period, axis, code, basis, rule, coder, date, justification``

Several ``origin`` rows for the same initiative, period and coding mean a
joint origin; several ``register`` rows, several registers; the four
dimensions take one code per coding. ``basis`` says whether the source
**states** the code or a decision rule of the codebook **infers** it (required
for every code but ``inconnu`` in a file that has the column; files older than
codebook 2.0 may lack it); an inferred code names its ``rule`` (an id of the codebook's rules, on the same
axis). Origin is coded for the ``principal`` period only (rule O-FIXED).
Every problem is an :class:`~housing_research.InputError` naming the file,
the row, the column and the value.

Examples
--------
>>> import io
>>> text = io.StringIO(
...     "initiative_id,period,axis,code,basis,rule,coder,date,justification\\n"
...     "I000-001,principal,origin,locataires,stated,O-STATED,AB,2026-11-20,l'amicale a lancé l'action\\n")
>>> read_manual_codes(text)[["initiative_id", "axis", "code", "basis", "row"]].values.tolist()
[['I000-001', 'origin', 'locataires', 'stated', 2]]
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd

from housing_research import paths
from housing_research.coding.codebook import MANUAL_AXES, MULTI_AXES, PERIODS, Codebook, codebook
from housing_research.errors import InputError
from housing_research.spreadsheet import read_spreadsheet
from housing_research.text import did_you_mean

#: Columns of a coder's codes, in order.
COLUMNS: tuple[str, ...] = ("initiative_id", "period", "axis", "code", "basis", "rule", "coder", "date",
                            "justification")
#: Columns a file must have (``basis`` and ``rule`` may be absent in files older than codebook 2.0).
REQUIRED: tuple[str, ...] = ("initiative_id", "period", "axis", "code", "coder", "date", "justification")
#: Files of the codes folder that are not a coder's codes.
NOT_CODER_FILES = ("adjudication", "history")
BASES = ("stated", "inferred")
_ID = re.compile(r"^I\d{3}-\d{3,6}$")


def check_unit(rec: dict, fail, inventory_ids=None) -> None:
    """Check a coded unit's initiative (against ``inventory_ids`` when given), period and axis.

    ``fail(column, message, suggestion)`` raises the caller's error; the
    change history (:mod:`~housing_research.coding.history`) checks its rows with it too.
    """
    if inventory_ids is not None and rec["initiative_id"] not in inventory_ids:
        fail("initiative_id", "initiative id not found in the inventory",
             did_you_mean(rec["initiative_id"], sorted(inventory_ids)))
    if rec["period"] not in PERIODS:
        fail("period", "unknown period", did_you_mean(rec["period"], PERIODS))
    if rec["axis"] not in MANUAL_AXES:
        fail("axis", "unknown axis", did_you_mean(rec["axis"], MANUAL_AXES))


def check_date(rec: dict, fail) -> None:
    """Check that ``rec["date"]`` is an ISO date (YYYY-MM-DD)."""
    try:
        dt.date.fromisoformat(rec["date"])
    except ValueError:
        fail("date", "malformed date", "write dates as YYYY-MM-DD, e.g. 2026-11-20")


def _check_row(rec, row, file, cb, inventory_ids, needs_basis=False):
    def fail(column, message, suggestion):
        raise InputError(message, file=file, row=row, column=column, value=rec[column], suggestion=suggestion)

    for column in REQUIRED:
        if not rec[column].strip():
            fail(column, "empty cell", f"fill in {column!r}")
    if not _ID.match(rec["initiative_id"]):
        fail("initiative_id", "malformed initiative id", "ids look like 'I003-014'")
    check_unit(rec, fail, inventory_ids)
    if rec["axis"] == "origin" and rec["period"] != "principal":
        fail("period", "origin is coded for the principal period only (rule O-FIXED)",
             "delete this row: the other periods repeat the principal origin")
    allowed = (*cb.codes(rec["axis"]), cb.unknown)
    if rec["code"] not in allowed:
        owners = [a for a in MANUAL_AXES if rec["code"] in cb.codes(a)]
        if owners:
            fail("code", f"code of axis {owners[0]!r} used on axis {rec['axis']!r}",
                 f"move it to axis {owners[0]!r} or use one of {', '.join(allowed)}")
        fail("code", f"unknown code for axis {rec['axis']!r}", did_you_mean(rec["code"], allowed))
    if needs_basis and not rec["basis"] and rec["code"] != cb.unknown:
        fail("basis", "a code without its basis",
             "write stated (the source says it) or inferred (a decision rule gives it; name the rule)")
    _check_basis(rec, fail, cb)
    check_date(rec, fail)


def _check_basis(rec, fail, cb: Codebook) -> None:
    basis, rule = rec["basis"], rec["rule"]
    if basis and basis not in BASES:
        fail("basis", "unknown basis", "write stated (the source says it) or inferred (a decision rule gives it)")
    if basis == "inferred" and not rule:
        fail("rule", "an inferred code needs the decision rule that gives it",
             "write the rule's id, e.g. " + ", ".join(r.id for r in cb.rules if r.axis == rec["axis"])[:80])
    if rule:
        ids = [r.id for r in cb.rules]
        if rule not in ids:
            fail("rule", "unknown decision rule", did_you_mean(rule, ids))
        if cb.rule(rule).axis != rec["axis"]:
            fail("rule", f"rule {rule} is a rule of axis {cb.rule(rule).axis!r}",
                 f"use a rule of axis {rec['axis']!r}: "
                 + ", ".join(r.id for r in cb.rules if r.axis == rec["axis"]))


def _check_groups(table, file, cb):
    codings: dict[tuple, dict[str, int]] = {}
    for rec in table.to_dict("records"):
        coding = (rec["initiative_id"], rec["period"], rec["axis"], rec["coder"], rec["date"])
        codes = codings.setdefault(coding, {})
        if rec["code"] in codes:
            raise InputError(f"duplicate code (same as row {codes[rec['code']]})", file=file, row=rec["row"],
                             column="code", value=rec["code"], suggestion="delete one of the two rows")
        others = list(codes.items())
        codes[rec["code"]] = rec["row"]
        if others and rec["axis"] not in MULTI_AXES:
            raise InputError(f"axis {rec['axis']!r} takes one code per coding (row {others[0][1]} already codes it "
                             f"{others[0][0]!r})", file=file, row=rec["row"], column="code", value=rec["code"],
                             suggestion="keep one row, or give the new coding another date")
        if others and cb.unknown in {rec["code"], *(c for c, _ in others)}:
            raise InputError(f"{cb.unknown!r} cannot be combined with other codes (row {others[0][1]})", file=file,
                             row=rec["row"], column="code", value=rec["code"],
                             suggestion=f"drop the {cb.unknown!r} row")
    coded_principal = set(table.loc[table["period"] == "principal", "initiative_id"])
    for rec in table.drop_duplicates("initiative_id").to_dict("records"):
        if rec["initiative_id"] not in coded_principal:
            raise InputError("initiative coded without its 'principal' period", file=file, row=rec["row"],
                             column="period", value=rec["period"],
                             suggestion="code the principal period first; debut and covid only record changes")


def read_coder_file(path, inventory_ids=None, cb: Codebook | None = None) -> pd.DataFrame:
    """Read and check one coder's file (CSV or XLSX, or a file-like CSV)."""
    cb = cb or codebook()
    raw = read_spreadsheet(path, what="manual codes", required=REQUIRED)
    file = raw.attrs["source"]["file"]
    needs_basis = "basis" in raw.columns
    for column in ("basis", "rule"):
        if column not in raw.columns:
            raw[column] = None
    table = raw[list(COLUMNS)].astype(object).where(raw[list(COLUMNS)].notna(), "")
    table = table.apply(lambda col: col.astype(str).str.strip())
    table["row"] = list(raw.attrs["source"]["rows"])
    table["file"] = file
    table.attrs = {}
    ids = None if inventory_ids is None else set(map(str, inventory_ids))
    for rec in table.to_dict("records"):
        _check_row(rec, rec["row"], file, cb, ids, needs_basis)
    if not table.empty:
        _check_groups(table, file, cb)
    return table.reset_index(drop=True)


def coder_files(folder) -> list[Path]:
    """The coders' files of a codes folder (everything but the adjudication and the history)."""
    folder = Path(folder)
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".csv", ".xlsx")
                  and p.stem not in NOT_CODER_FILES and not p.name.startswith((".", "~$")))


def read_manual_codes(path=None, inventory_ids=None, cb: Codebook | None = None) -> pd.DataFrame:
    """Read and check the manual codes: a folder of coders' files (default ``data/raw/codes``), or one file.

    Returns
    -------
    DataFrame
        Columns :data:`COLUMNS` (text, spaces removed), ``row`` (spreadsheet
        row, header = row 1) and ``file``, every coder's codes kept (long format).

    Raises
    ------
    InputError
        Missing column, empty cell, malformed or unknown initiative id, unknown
        period, axis, code, basis or rule, a rule of another axis, origin
        outside the principal period, malformed date, duplicate code, two codes
        on a single-code dimension, ``inconnu`` with another code, an
        initiative without its principal period, one coder in two files or
        two coders in one file.

    Examples
    --------
    >>> import io
    >>> bad = io.StringIO("initiative_id,period,axis,code,coder,date,justification\\n"
    ...                   "I000-001,principal,origin,entraide,AB,2026-11-20,voir texte\\n")
    >>> read_manual_codes(bad)
    Traceback (most recent call last):
    ...
    housing_research.errors.InputError: manual codes, row 2, column 'code': code of axis 'register' used on axis 'origin' (value: 'entraide'). Fix: move it to axis 'register' or use one of locataires, bailleur, collectivite, tiers, inconnu
    """
    cb = cb or codebook()
    path = paths.CODES if path is None else path
    if hasattr(path, "read") or not Path(path).is_dir():
        return read_coder_file(path, inventory_ids, cb)
    tables, owners = [], {}
    for file in coder_files(path):
        table = read_coder_file(file, inventory_ids, cb)
        coders = set(table["coder"])
        if len(coders) > 1:
            raise InputError(f"several coders in one file: {', '.join(sorted(coders))}", file=table["file"].iloc[0],
                             column="coder", suggestion="coding is blind: give each coder a file of their own")
        for coder in coders:
            if coder in owners:
                raise InputError(f"coder {coder!r} has codes in two files ({owners[coder]})",
                                 file=table["file"].iloc[0], column="coder",
                                 suggestion="keep each coder's codes in one file")
            owners[coder] = table["file"].iloc[0]
        tables.append(table)
    if not tables:
        return pd.DataFrame(columns=[*COLUMNS, "row", "file"])
    return pd.concat(tables, ignore_index=True)
