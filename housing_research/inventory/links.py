"""Parent-child links between initiatives: checked, and carried to the cleaned inventory.

A raw row may name a parent (``parent_id``, the raw id of another row of any
document) and the kind of link (``relation``):

``issu_de``
    the row grew out of its parent (a tenants' association born from a
    landlord's scheme);
``composante``
    a named component, team, unit or a partner's own action inside the parent;
``financement``
    the parent is a programme, fund or call for projects that finances the row;
``declinaison``
    the local application of a parent charter, network or national programme.

:func:`check_links` refuses a parent that does not exist, a relation without
a parent (or the reverse), a row that is its own parent and any cycle, naming
the row. :func:`initiative_links` maps the links to cleaned initiatives (after
duplicates across documents are merged).

Examples
--------
>>> import pandas as pd
>>> raw = pd.DataFrame({"raw_id": ["I000-001", "I000-002"], "parent_id": [None, "I000-001"],
...                     "relation": [None, "issu_de"]})
>>> check_links(raw, rows=[2, 3])
>>> raw.loc[0, ["parent_id", "relation"]] = ["I000-002", "composante"]
>>> check_links(raw, rows=[2, 3])
Traceback (most recent call last):
...
housing_research.errors.InputError: inventory, row 2, column 'parent_id': the links form a cycle: I000-001 -> I000-002 -> I000-001 (value: 'I000-002'). Fix: a row cannot descend from itself; remove one of these links
"""

from __future__ import annotations

import pandas as pd

from housing_research.errors import InputError
from housing_research.text import did_you_mean, is_missing

#: Kinds of link between a row and its parent.
RELATIONS = ("issu_de", "composante", "financement", "declinaison")


def check_links(raw: pd.DataFrame, rows=None, file: str = "inventory") -> None:
    """Refuse unknown parents, half-given links and cycles; see the module docstring."""
    if "parent_id" not in raw.columns:
        return
    ids = list(raw["raw_id"])
    numbers = dict(zip(ids, rows if rows is not None else range(2, len(ids) + 2)))
    relation = raw["relation"] if "relation" in raw.columns else pd.Series([None] * len(raw), index=raw.index)
    parents = {}
    for raw_id, parent, kind in zip(ids, raw["parent_id"], relation):
        where = {"file": file, "row": numbers[raw_id]}
        if is_missing(parent) != is_missing(kind):
            missing = "relation" if is_missing(kind) else "parent_id"
            raise InputError("a link needs both a parent and a relation", **where, column=missing,
                             suggestion=f"fill in {missing!r} or empty both cells")
        if is_missing(parent):
            continue
        if parent not in numbers:
            raise InputError("parent not found in the inventory", **where, column="parent_id", value=parent,
                             suggestion=did_you_mean(parent, ids))
        if parent == raw_id:
            raise InputError("a row cannot be its own parent", **where, column="parent_id", value=parent,
                             suggestion="empty the cell or name another row")
        parents[raw_id] = parent
    _refuse_cycles(parents, numbers, file)


def _refuse_cycles(parents: dict, numbers: dict, file: str) -> None:
    for start in parents:
        chain, node = [start], parents[start]
        while node in parents and node not in chain:
            chain.append(node)
            node = parents[node]
        if node in chain:
            loop = chain[chain.index(node):] + [node]
            first = min(loop[:-1], key=lambda r: numbers[r])
            raise InputError(f"the links form a cycle: {' -> '.join(loop)}", file=file, row=numbers[first],
                             column="parent_id", value=parents[first],
                             suggestion="a row cannot descend from itself; remove one of these links")


def initiative_links(raw: pd.DataFrame, into: dict) -> pd.DataFrame:
    """Links between cleaned initiatives: ``initiative_id, parent_id, relation``.

    ``into`` maps every raw id to the initiative it belongs to (itself, or the
    row it was merged into); a link inside one initiative disappears.
    """
    rows = []
    if "parent_id" in raw.columns:
        for raw_id, parent, kind in zip(raw["raw_id"], raw["parent_id"], raw["relation"]):
            if is_missing(parent) or raw_id not in into or parent not in into:
                continue
            child, mother = into[raw_id], into[parent]
            if child != mother and (child, mother, kind) not in rows:
                rows.append((child, mother, kind))
    return pd.DataFrame(rows, columns=["initiative_id", "parent_id", "relation"])
