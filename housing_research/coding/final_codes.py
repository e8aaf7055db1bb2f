"""From every coder's codes to the final codes: agreement, adjudication, and who decided.

Every coder's codes are kept, never overwritten. For each unit (initiative,
period, axis) each coder's latest coding counts; then the final code is

- the **adjudicated** code when ``data/raw/codes/adjudication.csv`` has one
  (with who decided and why);
- else the code the coders **agreed** on (``single`` when one coder coded it);
- else the unit is **unresolved**: it gets ``inconnu``, and the adjudication
  sheet (``housing-research agreement``) lists it for discussion.

The adjudication table has one row per adjudicated code:
``initiative_id, period, axis, code, basis, rule, decided_by, date, note``.

Examples
--------
>>> import pandas as pd
>>> codes = pd.DataFrame({"initiative_id": ["I1", "I1"], "period": "principal", "axis": "gestion",
...                       "code": ["habitants", "partage"], "basis": "stated", "rule": "",
...                       "coder": ["AB", "CD"], "date": "2026-12-01", "justification": ["x", "y"]})
>>> final, unresolved = resolve(codes)
>>> final[["code", "status"]].values.tolist(), unresolved["coder"].tolist()
([['inconnu', 'unresolved']], ['AB', 'CD'])
>>> adj = pd.DataFrame({"initiative_id": ["I1"], "period": ["principal"], "axis": ["gestion"],
...                     "code": ["partage"], "basis": ["stated"], "rule": [""], "decided_by": ["EF"],
...                     "date": ["2026-12-02"], "note": ["les deux tiennent la gestion"]})
>>> resolve(codes, adj)[0][["code", "status", "decided_by"]].values.tolist()
[['partage', 'adjudicated', 'EF']]
"""

from __future__ import annotations

import pandas as pd

from housing_research import paths
from housing_research.coding.codebook import MANUAL_AXES, MULTI_AXES, PERIODS, Codebook, codebook
from housing_research.errors import InputError
from housing_research.spreadsheet import read_spreadsheet
from housing_research.text import did_you_mean, split_multi

ADJUDICATION_COLUMNS = ("initiative_id", "period", "axis", "code", "basis", "rule", "decided_by", "date", "note")
FINAL_COLUMNS = ["initiative_id", "period", "axis", "code", "basis", "rule", "status", "coders", "decided_by",
                 "justification"]
_KEYS = ["initiative_id", "period", "axis"]


def read_adjudication(path=None, cb: Codebook | None = None) -> pd.DataFrame:
    """Read and check the adjudicated codes (default ``data/raw/codes/adjudication.csv``; absent = none).

    The file may be the adjudication sheet of ``housing-research agreement``
    as filled: rows still to decide (``code``, ``decided_by``, ``date`` and
    ``note`` all empty) are skipped, other columns (each coder's codes) are
    ignored, and the ``code`` of origin or register may hold several codes
    (``"bailleur; tiers"``), one row each in the result.
    """
    cb = cb or codebook()
    path = paths.ADJUDICATION if path is None else path
    if not hasattr(path, "read") and not pd.io.common.file_exists(path):
        return pd.DataFrame(columns=ADJUDICATION_COLUMNS)
    raw = read_spreadsheet(path, what="adjudication", required=ADJUDICATION_COLUMNS)
    file, rows = raw.attrs["source"]["file"], list(raw.attrs["source"]["rows"])
    table = raw[list(ADJUDICATION_COLUMNS)].astype(object).where(raw[list(ADJUDICATION_COLUMNS)].notna(), "")
    table.attrs = {}
    out = []
    for row, rec in zip(rows, table.to_dict("records")):
        if not any(str(rec[c]).strip() for c in ("code", "decided_by", "date", "note")):
            continue                                           # still to decide
        for column in ("initiative_id", "period", "axis", "code", "decided_by", "date", "note"):
            if not str(rec[column]).strip():
                raise InputError("empty cell", file=file, row=row, column=column,
                                 suggestion="an adjudicated code says who decided, when and why")
        if rec["period"] not in PERIODS or rec["axis"] not in MANUAL_AXES:
            raise InputError("unknown period or axis", file=file, row=row, column="axis", value=rec["axis"],
                             suggestion=f"periods: {', '.join(PERIODS)}; axes: {', '.join(MANUAL_AXES)}")
        codes = split_multi(rec["code"]) if rec["axis"] in MULTI_AXES else [str(rec["code"]).strip()]
        for code in codes:
            if code not in (*cb.codes(rec["axis"]), cb.unknown):
                raise InputError(f"unknown code for axis {rec['axis']!r}", file=file, row=row, column="code",
                                 value=code, suggestion=did_you_mean(code, (*cb.codes(rec["axis"]), cb.unknown)))
            out.append({**rec, "code": code})
    return pd.DataFrame(out, columns=ADJUDICATION_COLUMNS)


def latest_per_coder(codes: pd.DataFrame) -> pd.DataFrame:
    """Each coder's latest coding of each unit (a coder who coded a unit twice keeps the later one)."""
    if codes is None or codes.empty:
        return pd.DataFrame(columns=["initiative_id", "period", "axis", "code", "basis", "rule", "coder", "date",
                                     "justification"])
    latest = codes.groupby([*_KEYS, "coder"], sort=False)["date"].transform("max")
    return codes[codes["date"] == latest]


def resolve(codes: pd.DataFrame, adjudication: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The final codes (:data:`FINAL_COLUMNS`) and the unresolved disagreements (one row per unit and coder)."""
    codes = latest_per_coder(codes)
    adjudicated = {}
    if adjudication is not None:
        for key, group in adjudication.groupby(_KEYS, sort=False):
            adjudicated[key] = group
    rows, unresolved = [], []
    for key, group in codes.groupby(_KEYS, sort=True):
        sets = {c: tuple(sorted(set(g["code"]))) for c, g in group.groupby("coder", sort=True)}
        coders = "; ".join(sets)
        if key in adjudicated:
            for rec in adjudicated.pop(key).to_dict("records"):
                rows.append({**dict(zip(_KEYS, key)), "code": rec["code"], "basis": rec.get("basis", ""),
                             "rule": rec.get("rule", ""), "status": "adjudicated", "coders": coders,
                             "decided_by": rec["decided_by"], "justification": rec["note"]})
        elif len(set(sets.values())) == 1:
            first = group[group["coder"] == next(iter(sets))]
            status = "agreed" if len(sets) > 1 else "single"
            for rec in first.to_dict("records"):
                rows.append({**dict(zip(_KEYS, key)), "code": rec["code"], "basis": rec.get("basis", ""), "rule": rec.get("rule", ""),
                             "status": status, "coders": coders, "decided_by": "",
                             "justification": rec["justification"]})
        else:
            rows.append({**dict(zip(_KEYS, key)), "code": "inconnu", "basis": "", "rule": "", "status": "unresolved",
                         "coders": coders, "decided_by": "", "justification": "coders disagree; see the adjudication"})
            unresolved.append(group)
    for key, group in adjudicated.items():                    # adjudicated without any coder's code
        for rec in group.to_dict("records"):
            rows.append({**dict(zip(_KEYS, key)), "code": rec["code"], "basis": rec.get("basis", ""),
                         "rule": rec.get("rule", ""), "status": "adjudicated", "coders": "",
                         "decided_by": rec["decided_by"], "justification": rec["note"]})
    final = pd.DataFrame(rows, columns=FINAL_COLUMNS)
    pending = pd.concat(unresolved, ignore_index=True) if unresolved else codes.iloc[:0]
    return final, pending
