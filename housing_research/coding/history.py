"""The change history of re-read codes: what each code was, what it became, and by which rule.

When the codebook's version goes up, the coders re-read their codes against
the new rules. Their files then hold the new codes only; every code that
changed keeps its old value in ``data/raw/codes/history.csv``, one row per
unit (initiative, period, axis):

``initiative_id, period, axis, old_code, new_code, rule, reason, coder, codebook_from, codebook_to, date``

``old_code`` and ``new_code`` hold the unit's whole set of codes (several
parties of a joint origin or several registers joined by ``"; "``); an empty
``old_code`` is a unit coded for the first time by the re-reading, an empty
``new_code`` a unit no longer coded (a period found to function as the
principal one, an initiative found out of scope). ``rule`` names the
codebook rules that motivate the change (empty when the change rests on a
plain reading of the source). :func:`codes_before` rebuilds a coder's
earlier codes from the current ones and the history, so the agreement can be
reported before and after the re-reading.

Examples
--------
>>> import io
>>> text = io.StringIO(
...     "initiative_id,period,axis,old_code,new_code,rule,reason,coder,codebook_from,codebook_to,date\\n"
...     "I000-001,principal,financement,inconnu,institution,F-OWN,own action,AB,1.4.0,2.0.0,2026-12-03\\n")
>>> read_history(text)[["axis", "old_code", "new_code"]].values.tolist()
[['financement', 'inconnu', 'institution']]
"""

from __future__ import annotations

import pandas as pd

from housing_research import paths
from housing_research.coding.codebook import MULTI_AXES, PERIODS, Codebook, codebook
from housing_research.coding.manual_codes import check_date, check_unit
from housing_research.errors import InputError
from housing_research.spreadsheet import read_spreadsheet
from housing_research.text import did_you_mean, join_multi, split_multi

HISTORY_COLUMNS: tuple[str, ...] = ("initiative_id", "period", "axis", "old_code", "new_code", "rule", "reason",
                                    "coder", "codebook_from", "codebook_to", "date")
_KEYS = ["initiative_id", "period", "axis"]


def _check(rec: dict, row: int, file: str, cb: Codebook, inventory_ids) -> None:
    def fail(column, message, suggestion):
        raise InputError(message, file=file, row=row, column=column, value=rec[column], suggestion=suggestion)

    for column in ("initiative_id", "period", "axis", "reason", "coder", "codebook_from", "codebook_to", "date"):
        if not rec[column]:
            fail(column, "empty cell", f"fill in {column!r}: every change says who made it, when and why")
    check_unit(rec, fail, inventory_ids)
    if rec["old_code"] == rec["new_code"]:
        fail("new_code", "the old and the new code are the same", "delete the row: nothing changed")
    allowed = (*cb.codes(rec["axis"]), cb.unknown)
    for column in ("old_code", "new_code"):
        codes = split_multi(rec[column])
        if len(codes) > 1 and rec["axis"] not in MULTI_AXES:
            fail(column, f"axis {rec['axis']!r} takes one code", "keep one code")
        for code in codes:
            if code not in allowed:
                fail(column, f"unknown code for axis {rec['axis']!r}", did_you_mean(code, allowed))
    ids = [r.id for r in cb.rules]
    for rule in split_multi(rec["rule"]):
        if rule not in ids:
            fail("rule", "unknown decision rule", did_you_mean(rule, ids))
    check_date(rec, fail)


def read_history(path=None, inventory_ids=None, cb: Codebook | None = None) -> pd.DataFrame:
    """Read and check the change history (default ``data/raw/codes/history.csv``; absent = no change).

    Raises
    ------
    InputError
        A missing column, an empty cell, an unknown code or rule, or a unit listed twice for one re-reading.
    """
    cb = cb or codebook()
    path = paths.CODE_HISTORY if path is None else path
    if not hasattr(path, "read") and not pd.io.common.file_exists(path):
        return pd.DataFrame(columns=HISTORY_COLUMNS)
    raw = read_spreadsheet(path, what="code history", required=HISTORY_COLUMNS)
    file, rows = raw.attrs["source"]["file"], list(raw.attrs["source"]["rows"])
    table = raw[list(HISTORY_COLUMNS)].astype(object).where(raw[list(HISTORY_COLUMNS)].notna(), "")
    table = table.apply(lambda col: col.astype(str).str.strip())
    table.attrs = {}
    ids = None if inventory_ids is None else set(map(str, inventory_ids))
    seen: dict[tuple, int] = {}
    for row, rec in zip(rows, table.to_dict("records")):
        _check(rec, row, file, cb, ids)
        key = (rec["initiative_id"], rec["period"], rec["axis"], rec["coder"], rec["codebook_to"])
        if key in seen:
            raise InputError(f"unit already listed at row {seen[key]} for this coder and re-reading", file=file,
                             row=row, column="axis", value=rec["axis"], suggestion="merge the two rows into one")
        seen[key] = row
    return table.reset_index(drop=True)


def codes_before(codes: pd.DataFrame, history: pd.DataFrame, codebook_from: str | None = None) -> pd.DataFrame:
    """A coder's codes as they stood before the re-reading recorded in ``history``.

    Units the history names get their old codes (and lose the new ones);
    units it does not name are unchanged. Rebuilt codes carry no basis or rule
    and say which codebook they were coded under.

    Examples
    --------
    >>> now = pd.DataFrame({"initiative_id": ["I1", "I1"], "period": "principal", "axis": ["gestion", "register"],
    ...                     "code": ["institution", "entraide"], "coder": "AB"})
    >>> hist = pd.DataFrame({"initiative_id": ["I1"], "period": ["principal"], "axis": ["gestion"],
    ...                      "old_code": ["inconnu"], "new_code": ["institution"], "coder": ["AB"],
    ...                      "codebook_from": ["1.4.0"]})
    >>> codes_before(now, hist)[["axis", "code"]].values.tolist()
    [['gestion', 'inconnu'], ['register', 'entraide']]
    """
    if codebook_from is not None:
        history = history[history["codebook_from"] == codebook_from]
    changed = set(map(tuple, history[[*_KEYS, "coder"]].to_numpy()))
    keys = list(map(tuple, codes[[*_KEYS, "coder"]].to_numpy()))
    kept = codes[[k not in changed for k in keys]]
    rows = [{**dict(zip([*_KEYS, "coder"], (r["initiative_id"], r["period"], r["axis"], r["coder"]))),
             "code": code, "basis": "", "rule": "",
             "justification": f"as coded under codebook {r['codebook_from']}"}
            for r in history.to_dict("records") for code in split_multi(r["old_code"])]
    out = pd.concat([kept, pd.DataFrame(rows, columns=[*_KEYS, "coder", "code", "basis", "rule", "justification"])],
                    ignore_index=True)
    order = {p: i for i, p in enumerate(PERIODS)}
    out = out.assign(_p=out["period"].map(order)).sort_values(["initiative_id", "_p", "axis"], kind="stable")
    return out.drop(columns="_p").reset_index(drop=True)


def unit_changes(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Units whose set of codes differs between two codings: ``initiative_id, period, axis, old_code, new_code``."""
    def sets(t):
        return t.groupby(_KEYS)["code"].apply(lambda s: join_multi(sorted(set(s))))
    old, new = sets(before), sets(after)
    units = sorted(set(old.index) | set(new.index))
    rows = [(*u, old.get(u, ""), new.get(u, "")) for u in units if old.get(u, "") != new.get(u, "")]
    return pd.DataFrame(rows, columns=[*_KEYS, "old_code", "new_code"])
