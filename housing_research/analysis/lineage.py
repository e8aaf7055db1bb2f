"""Moves between the poles: an initiative coded at several moments, or one that grew out of another.

Two kinds of evidence show an initiative moving between the *dispositif*
and the *initiative habitante* poles:

- **periods** — the same initiative coded at its start (``debut``) or during
  the crisis (``covid``) as well as in its described functioning
  (``principal``): the move is from one period's pole score to the next;
- **lineage** — an initiative that *grew out of* another (``issu_de`` in
  ``initiative_links.csv``: a tenants' association born in a landlord's
  scheme, a volunteers' team formed at a landlord's call): the move is from
  the parent's pole score to the child's.

:func:`pole_moves` lists both, with the pole classes at each end and the
direction of the move (``vers_habitante``, ``vers_dispositif``, ``stable``
when the score does not change).

Examples
--------
>>> import pandas as pd
>>> coded = pd.DataFrame({"initiative_id": ["A", "B"], "period": "principal", "pole_score": [-1.0, 1.0],
...                       "pole_class": ["dispositif", "initiative_habitante"]})
>>> links = pd.DataFrame({"initiative_id": ["B"], "parent_id": ["A"], "relation": ["issu_de"]})
>>> pole_moves(coded, links)[["source", "from_id", "to_id", "direction"]].values.tolist()
[['lignee', 'A', 'B', 'vers_habitante']]
"""

from __future__ import annotations

import pandas as pd

#: Link relations read as a move (the child grew out of the parent).
MOVE_RELATIONS: tuple[str, ...] = ("issu_de",)
#: Reading order of the periods of one initiative.
PERIOD_ORDER = {"debut": 0, "principal": 1, "covid": 2}
COLUMNS = ["source", "from_id", "from_period", "to_id", "to_period", "from_class", "to_class", "from_score",
           "to_score", "direction"]


def _direction(a: float, b: float) -> str:
    if pd.isna(a) or pd.isna(b) or abs(b - a) < 1e-9:
        return "stable" if not (pd.isna(a) or pd.isna(b)) else "inconnu"
    return "vers_habitante" if b > a else "vers_dispositif"


def pole_moves(coded: pd.DataFrame, links: pd.DataFrame | None = None, in_scope=None) -> pd.DataFrame:
    """Every documented move between periods of one initiative and from a parent to the initiative it gave.

    Parameters
    ----------
    coded : DataFrame
        The coded inventory (``initiative_id``, ``period``, ``pole_score``, ``pole_class``).
    links : DataFrame, optional
        ``initiative_links.csv`` (``initiative_id``, ``parent_id``, ``relation``).
    in_scope : collection of str, optional
        Initiatives analysed; a move with an end outside it is left out.
    """
    table = coded.assign(pole_score=pd.to_numeric(coded["pole_score"], errors="coerce"))
    if in_scope is not None:
        table = table[table["initiative_id"].isin(set(in_scope))]
    rows = []
    for iid, group in table.groupby("initiative_id", sort=True):
        group = group.assign(_o=group["period"].map(PERIOD_ORDER)).sort_values("_o")
        recs = group.to_dict("records")
        for a, b in zip(recs, recs[1:]):
            rows.append(("periodes", iid, a["period"], iid, b["period"], a["pole_class"], b["pole_class"],
                         a["pole_score"], b["pole_score"], _direction(a["pole_score"], b["pole_score"])))
    if links is not None and len(links):
        main = table[table["period"] == "principal"].set_index("initiative_id")
        for rec in links[links["relation"].isin(MOVE_RELATIONS)].to_dict("records"):
            parent, child = rec["parent_id"], rec["initiative_id"]
            if parent in main.index and child in main.index:
                a, b = main.loc[parent], main.loc[child]
                rows.append(("lignee", parent, "principal", child, "principal", a["pole_class"], b["pole_class"],
                             a["pole_score"], b["pole_score"], _direction(a["pole_score"], b["pole_score"])))
    return pd.DataFrame(rows, columns=COLUMNS)
