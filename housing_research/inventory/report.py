"""The cleaning report: what changed, what is proposed, what is wrong but kept.

:class:`CleaningLog` collects, while :func:`housing_research.clean` runs,

- ``changes`` — one record per cell a rule really changed or derived (an
  empty cell left empty is not a change);
- ``proposals`` — near-misses (organisation spellings, places, regions,
  possible duplicates) listed for review and never applied;
- ``warnings`` — what the cleaning could not read and did not guess (a period
  without a year, an impossible year, an unknown place or region, a column
  that is not in the data dictionary), each with the cell and the fix.

Examples
--------
>>> log = CleaningLog()
>>> log.change("I000-001", 2, "name", "  Jardin", "Jardin", "whitespace")
>>> log.change("I000-001", 2, "partners", None, None, "organisation_alias")   # not a change
>>> len(log.changes)
1
"""

from __future__ import annotations

import pandas as pd

from housing_research.text import is_missing

CHANGE_COLUMNS = ["raw_id", "row", "column", "old", "new", "rule"]
PROPOSAL_COLUMNS = ["kind", "raw_id", "row", "value", "candidate", "score"]
WARNING_COLUMNS = ["kind", "raw_id", "row", "column", "value", "message"]


def _text(value) -> str:
    return "" if is_missing(value) else str(value)


class CleaningLog:
    """Changes, proposals and warnings of one cleaning run."""

    def __init__(self):
        self.changes: list[dict] = []
        self.proposals: list[dict] = []
        self.warnings: list[dict] = []

    def change(self, raw_id, row, column, old, new, rule) -> None:
        """Record a changed or derived cell; nothing when old and new are the same text."""
        old, new = _text(old), _text(new)
        if old != new:
            self.changes.append({"raw_id": raw_id, "row": row, "column": column, "old": old, "new": new,
                                 "rule": rule})

    def propose(self, kind, raw_id, row, value, candidate, score) -> None:
        """Record a near-miss, for review; it is never applied."""
        self.proposals.append({"kind": kind, "raw_id": raw_id, "row": row, "value": value,
                               "candidate": candidate, "score": score})

    def warn(self, kind, raw_id, row, column, value, message) -> None:
        """Record a cell the cleaning could not read, with what to do about it."""
        self.warnings.append({"kind": kind, "raw_id": raw_id, "row": row, "column": column,
                              "value": _text(value), "message": message})

    def tables(self) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """The changes, proposals and warnings as DataFrames (fixed columns, also when empty)."""
        return (pd.DataFrame(self.changes, columns=CHANGE_COLUMNS),
                pd.DataFrame(self.proposals, columns=PROPOSAL_COLUMNS),
                pd.DataFrame(self.warnings, columns=WARNING_COLUMNS))
