"""Reading and validating the team's manual codes (``data/raw/manual_codes.csv``).

One row per code: ``initiative_id, period, axis, code, coder, date,
justification``. Several ``origin`` rows for the same initiative, period and
coding mean a joint origin; several ``register`` rows, several registers. The
four dimensions (``animation``, ``gestion``, ``decision``, ``financement``)
take one code per coding. Every problem is reported as an
:class:`~housing_research.InputError` naming the file, the spreadsheet row
(header = row 1), the column and the value.

Examples
--------
>>> import pandas as pd
>>> from housing_research import read_manual_codes
>>> import io
>>> text = io.StringIO(
...     "initiative_id,period,axis,code,coder,date,justification\\n"
...     "I000-001,principal,origin,locataires,AB,2026-11-20,l'amicale a lancé l'action\\n")
>>> read_manual_codes(text)[["initiative_id", "axis", "code", "row"]].values.tolist()
[['I000-001', 'origin', 'locataires', 2]]
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from housing_research import paths
from housing_research.coding.codebook import MANUAL_AXES, MULTI_AXES, PERIODS, Codebook, codebook
from housing_research.errors import InputError
from housing_research.spreadsheet import read_spreadsheet
from housing_research.text import did_you_mean

#: Columns of the manual codes table, in order.
COLUMNS: tuple[str, ...] = ("initiative_id", "period", "axis", "code", "coder", "date",
                            "justification")
_ID = re.compile(r"^I\d{3}-\d{3,6}$")


def _check_row(rec, row, file, cb, inventory_ids):
    def fail(column, message, suggestion):
        raise InputError(message, file=file, row=row, column=column, value=rec[column],
                         suggestion=suggestion)

    for column in COLUMNS:
        if not rec[column].strip():
            fail(column, "empty cell", f"fill in {column!r}; every column is required")
    if not _ID.match(rec["initiative_id"]):
        fail("initiative_id", "malformed initiative id", "ids look like 'I003-014'")
    if inventory_ids is not None and rec["initiative_id"] not in inventory_ids:
        fail("initiative_id", "initiative id not found in the inventory",
             did_you_mean(rec["initiative_id"], sorted(inventory_ids)))
    if rec["period"] not in PERIODS:
        fail("period", "unknown period", did_you_mean(rec["period"], PERIODS))
    if rec["axis"] not in MANUAL_AXES:
        fail("axis", "unknown axis", did_you_mean(rec["axis"], MANUAL_AXES))
    allowed = (*cb.codes(rec["axis"]), cb.unknown)
    if rec["code"] not in allowed:
        owners = [a for a in MANUAL_AXES if rec["code"] in cb.codes(a)]
        if owners:
            fail("code", f"code of axis {owners[0]!r} used on axis {rec['axis']!r}",
                 f"move it to axis {owners[0]!r} or use one of {', '.join(allowed)}")
        fail("code", f"unknown code for axis {rec['axis']!r}", did_you_mean(rec["code"], allowed))
    try:
        dt.date.fromisoformat(rec["date"])
    except ValueError:
        fail("date", "malformed date", "write dates as YYYY-MM-DD, e.g. 2026-11-20")


def _check_groups(table, file, cb):
    codings: dict[tuple, dict[str, int]] = {}
    for rec in table.to_dict("records"):
        coding = (rec["initiative_id"], rec["period"], rec["axis"], rec["coder"], rec["date"])
        codes = codings.setdefault(coding, {})
        if rec["code"] in codes:
            raise InputError(f"duplicate code (same as row {codes[rec['code']]})",
                             file=file, row=rec["row"], column="code", value=rec["code"],
                             suggestion="delete one of the two rows")
        others = list(codes.items())
        codes[rec["code"]] = rec["row"]
        if others and rec["axis"] not in MULTI_AXES:
            raise InputError(f"axis {rec['axis']!r} takes one code per coding (row "
                             f"{others[0][1]} already codes it {others[0][0]!r})",
                             file=file, row=rec["row"], column="code", value=rec["code"],
                             suggestion="keep one row, or give the new coding another date")
        if others and cb.unknown in {rec["code"], *(c for c, _ in others)}:
            raise InputError(f"{cb.unknown!r} cannot be combined with other codes (row "
                             f"{others[0][1]})", file=file, row=rec["row"], column="code",
                             value=rec["code"], suggestion=f"drop the {cb.unknown!r} row")
    firsts = table.drop_duplicates("initiative_id")
    coded_principal = set(table.loc[table["period"] == "principal", "initiative_id"])
    for rec in firsts.to_dict("records"):
        if rec["initiative_id"] not in coded_principal:
            raise InputError("initiative coded without its 'principal' period", file=file,
                             row=rec["row"], column="period", value=rec["period"],
                             suggestion="code the principal period first; debut and covid "
                                        "only record changes")


def read_manual_codes(path=None, inventory_ids=None, cb: Codebook | None = None) -> pd.DataFrame:
    """Read and validate the manual codes table.

    Parameters
    ----------
    path : path-like or file-like, optional
        By default ``data/raw/manual_codes.csv``.
    inventory_ids : collection of str, optional
        Ids of the cleaned inventory; when given, every coded id must be one.
    cb : Codebook, optional

    Returns
    -------
    DataFrame
        The table (all columns as strings, surrounding spaces removed) plus
        ``row``, the spreadsheet row of each code (header = row 1).

    Raises
    ------
    InputError
        Missing column, empty cell, malformed or unknown initiative id, unknown
        period or axis, unknown code, code of another axis, malformed date,
        duplicate code, two codes on a single-code dimension, ``inconnu``
        combined with another code, initiative coded without its ``principal``
        period. The error names the file, the row, the column and the value.

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
    path = paths.MANUAL_CODES if path is None else path
    raw = read_spreadsheet(path, what="manual codes", required=COLUMNS)
    file = raw.attrs["source"]["file"]
    table = raw[list(COLUMNS)].astype(object).where(raw[list(COLUMNS)].notna(), "")
    table = table.apply(lambda col: col.astype(str).str.strip())
    table["row"] = list(raw.attrs["source"]["rows"])
    table.attrs = {}
    if table.empty:
        return table.reset_index(drop=True)
    ids = None if inventory_ids is None else set(map(str, inventory_ids))
    for rec in table.to_dict("records"):
        _check_row(rec, rec["row"], file, cb, ids)
    _check_groups(table, file, cb)
    return table.reset_index(drop=True)
