"""Trajectories: initiatives coded at several moments, and how their codes change.

Examples
--------
>>> import pandas as pd
>>> coded = pd.DataFrame({"initiative_id": ["I1", "I1"], "period": ["debut", "principal"],
...     "origin": ["bailleur", "bailleur"], "animation": ["institution", "habitants"],
...     "gestion": ["inconnu"] * 2, "decision": ["inconnu"] * 2, "financement": ["inconnu"] * 2,
...     "institutionalisation_level": ["fort", "faible"], "register": ["collaboration"] * 2,
...     "pole_class": ["dispositif", "initiative_habitante"]})
>>> period_changes(coded)[["axis", "from_code", "to_code"]].values.tolist()[0]
['animation', 'institution', 'habitants']
"""

from __future__ import annotations

import pandas as pd

from housing_research.analysis.typology import TypologyResult
from housing_research.analysis.typology_tables import active_table
from housing_research.coding.codebook import DIMENSIONS, PERIODS



def trajectory_coordinates(result: TypologyResult, coded: pd.DataFrame) -> pd.DataFrame:
    """Map coordinates of the initiatives coded at several periods, period by period.

    Each period's coding is projected as a supplementary individual of the
    fitted MCA; categories the MCA did not see are ignored for that row.

    Returns
    -------
    DataFrame
        ``initiative_id``, ``period``, ``Dim 1``, ``Dim 2`` for every coded
        period of the initiatives that have more than one, periods in the
        codebook's order (debut, principal, covid).
    """
    counts = coded.groupby("initiative_id")["period"].nunique()
    several = counts[counts > 1].index
    frames = []
    for period in PERIODS:
        sub = coded[(coded["period"] == period) & coded["initiative_id"].isin(several)]
        if sub.empty:
            continue
        table = active_table(sub, period=period)[list(result.active.columns)]
        coords = result.mca.transform(table, unseen="ignore").iloc[:, :2]
        frames.append(coords.assign(period=period).reset_index(names="initiative_id"))
    if not frames:
        return pd.DataFrame(columns=["initiative_id", "period", "Dim 1", "Dim 2"])
    out = pd.concat(frames, ignore_index=True)
    out["order"] = out["period"].map({p: i for i, p in enumerate(PERIODS)})
    return out.sort_values(["initiative_id", "order"]).drop(columns="order").reset_index(drop=True)


def period_changes(coded: pd.DataFrame) -> pd.DataFrame:
    """For initiatives coded at several periods, the axes whose code changed.

    Returns
    -------
    DataFrame
        One row per initiative, period pair and changed axis: ``initiative_id``,
        ``from_period``, ``to_period``, ``axis``, ``from_code``, ``to_code``.
    """
    axes = ["origin", *DIMENSIONS, "institutionalisation_level", "register", "pole_class"]
    rows = []
    for iid, group in coded.groupby("initiative_id", sort=True):
        if group["period"].nunique() < 2:
            continue
        group = group.set_index("period").reindex([p for p in PERIODS if p in set(group["period"])])
        periods = list(group.index)
        for a, b in zip(periods, periods[1:]):
            for axis in axes:
                x, y = group.loc[a, axis], group.loc[b, axis]
                if str(x) != str(y):
                    rows.append({"initiative_id": iid, "from_period": a, "to_period": b, "axis": axis,
                                 "from_code": x, "to_code": y})
    return pd.DataFrame(rows, columns=["initiative_id", "from_period", "to_period", "axis", "from_code", "to_code"])
