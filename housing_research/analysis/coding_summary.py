"""Distributions and crossings of the coded axes (notebook 02, figures T1-T3).

Set-valued cells (a joint origin, several registers) count under each of their
codes; only the ``principal`` period is read.

Examples
--------
>>> import pandas as pd
>>> coded = pd.DataFrame({"period": ["principal"] * 2, "origin": ["bailleur", "bailleur; tiers"]})
>>> axis_distribution(coded, "origin").to_dict()
{'locataires': 0, 'bailleur': 2, 'collectivite': 0, 'tiers': 1}
"""

from __future__ import annotations

import pandas as pd

from housing_research.analysis.typology_tables import single_origin
from housing_research.coding.codebook import DIMENSIONS, codebook
from housing_research.text import split_multi

#: Coded-table column of each axis.
COLUMNS = {"origin": "origin", **{d: d for d in DIMENSIONS}, "level": "institutionalisation_level",
           "register": "register", "pole": "pole_class"}


def _principal(coded: pd.DataFrame) -> pd.DataFrame:
    return coded[coded["period"] == "principal"] if "period" in coded.columns else coded


def _codes(cell) -> list[str]:
    return split_multi(cell) or [codebook().unknown]


def axis_distribution(coded: pd.DataFrame, axis: str, include_unknown: bool = False) -> pd.Series:
    """Number of initiatives (principal period) holding each code of ``axis``, in codebook order."""
    values = _principal(coded)[COLUMNS[axis]].map(_codes).explode()
    order = list(codebook().codes(axis)) + ([codebook().unknown] if include_unknown else [])
    return values.value_counts().reindex(order, fill_value=0).astype(int)


def crosstab(coded: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Axes ``a`` (rows) and ``b`` (columns) crossed; set-valued cells counted under each of their codes."""
    table = _principal(coded)[[COLUMNS[a], COLUMNS[b]]].copy()
    table.columns = ["a", "b"]
    table = table.assign(a=table["a"].map(_codes), b=table["b"].map(_codes)).explode("a").explode("b")
    out = pd.crosstab(table["a"], table["b"])
    rows = [c for c in list(codebook().codes(a)) + [codebook().unknown] if c in out.index]
    cols = [c for c in list(codebook().codes(b)) + [codebook().unknown] if c in out.columns]
    out = out.loc[rows, cols]
    out.index.name, out.columns.name = a, b
    return out


def pole_scores(coded: pd.DataFrame) -> pd.DataFrame:
    """Pole score of each initiative (principal period) with its origin (parties joined by ``+`` when joint)."""
    main = _principal(coded)
    return pd.DataFrame({"origin": main["origin"].map(single_origin).to_numpy(),
                         "pole_score": pd.to_numeric(main["pole_score"], errors="coerce").to_numpy()},
                        index=main["initiative_id"].to_numpy())
