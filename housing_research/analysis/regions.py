"""Where the practices are: initiatives and Covid statuses by region (figure G1, notebook 01).

An initiative counts under its first region (the ``regions`` column of the
cleaned inventory, as in figure C1); context rows (``scope == "contexte"``)
are left out, as in every analysis. Initiatives without a region, and those
the source places at national level, are counted apart, never hidden.

Examples
--------
>>> import pandas as pd
>>> inv = pd.DataFrame({"regions": ["paca", None, "national", "paca"], "scope": ["pratique"] * 3 + ["contexte"],
...                     "covid_status": ["adapte", None, "nouveau", "nouveau"]})
>>> by_region(inv).to_dict()
{'paca': 1, 'national': 1, 'non_renseigne': 1}
>>> covid_by_region(inv).loc["paca"].to_dict()
{'nouveau': 0, 'adapte': 1}
"""

from __future__ import annotations

import pandas as pd

from housing_research.analysis.covid import STATUSES
from housing_research.labels import NOT_STATED

#: The region slug of initiatives the source places at national level.
NATIONAL = "national"


def practices(inventory: pd.DataFrame) -> pd.DataFrame:
    """The rows in scope (all rows when the inventory has no ``scope`` column)."""
    if "scope" not in inventory.columns:
        return inventory
    return inventory[inventory["scope"].fillna("") != "contexte"]


def first_region(inventory: pd.DataFrame) -> pd.Series:
    """The first region of each row, :data:`~housing_research.labels.NOT_STATED` when there is none."""
    first = inventory["regions"].fillna("").astype(str).str.split(";").str[0].str.strip()
    return first.replace("", NOT_STATED).rename("region")


def _order(index) -> list[str]:
    special = [NATIONAL, NOT_STATED]
    return [r for r in index if r not in special] + [r for r in special if r in index]


def by_region(inventory: pd.DataFrame) -> pd.Series:
    """Practices per region, most frequent first; national and not stated last."""
    counts = first_region(practices(inventory)).value_counts()
    regions = sorted(counts.index, key=lambda r: (-counts[r], r))
    return counts.reindex(_order(regions)).rename("initiatives")


def covid_by_region(inventory: pd.DataFrame) -> pd.DataFrame:
    """Practices with a Covid status, by region (rows, as :func:`by_region`) and status (columns).

    Practices without a status (most come from documents written before the
    crisis) are left out; :func:`without_status` counts them.
    """
    table = practices(inventory)
    table = table[table["covid_status"].fillna("") != ""]
    counts = pd.crosstab(first_region(table), table["covid_status"])
    columns = [s for s in STATUSES if s in counts.columns]
    totals = counts.sum(axis=1)
    rows = sorted(counts.index, key=lambda r: (-totals[r], r))
    return counts.reindex(index=_order(rows), columns=columns, fill_value=0)


def without_status(inventory: pd.DataFrame) -> int:
    """Number of practices whose Covid status the source does not give."""
    return int((practices(inventory)["covid_status"].fillna("") == "").sum())
