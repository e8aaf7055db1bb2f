"""What the corpus holds: initiatives by document, region, year and landlord; what the cleaning did.

Counting functions behind notebook 01 and figures C1-C4. An initiative
described by two documents counts under each of them; missing values are
counted as :data:`~housing_research.labels.NOT_STATED`.

Examples
--------
>>> import pandas as pd
>>> inv = pd.DataFrame({"source_docs": ["000", "000; 003"], "regions": ["paca", None]})
>>> by_document(inv).to_dict()
{'000': 2, '003': 1}
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from housing_research.inventory.cleaning import RULES
from housing_research.inventory.periods import states_start
from housing_research.labels import NOT_STATED, document_label, region_label

#: Organisation kinds counted as Hlm landlords.
HLM_KINDS = ("oph", "esh", "cooperative", "sem")
#: Cleaning rules that change cells (``reject`` acts on rows), in the order they apply.
CELL_RULES = tuple(r for r in RULES if r != "reject")


def _explode(inventory: pd.DataFrame, column: str) -> pd.DataFrame:
    values = inventory[column].fillna("").astype(str).str.split(";")
    out = inventory.assign(**{column: values}).explode(column)
    out[column] = out[column].str.strip().replace("", NOT_STATED)
    return out


def by_document(inventory: pd.DataFrame) -> pd.Series:
    """Initiatives per source document (an initiative described in two documents counts in both)."""
    return _explode(inventory, "source_docs").groupby("source_docs").size().rename("initiatives")


def by_document_region(inventory: pd.DataFrame) -> pd.DataFrame:
    """Initiatives per source document (rows) and region (columns; first region of each initiative)."""
    first_region = inventory["regions"].fillna("").astype(str).str.split(";").str[0].str.strip().replace("", NOT_STATED)
    table = _explode(inventory.assign(regions=first_region), "source_docs")
    return pd.crosstab(table["source_docs"], table["regions"])


def start_years(inventory: pd.DataFrame) -> pd.Series:
    """The year each initiative started, where its source says so (else ``<NA>``).

    ``year_start`` is the first year of the period the source gives; it is a
    start when the period dates a beginning ("depuis 2010", "créé en 2011":
    :func:`~housing_research.inventory.periods.states_start`) or when the
    initiative is new in the Covid crisis (``covid_status`` ``nouveau``: it
    began in the period given). A period that only dates what the source saw
    ("2014", "printemps 2020" for an action adapted then) is no start.

    Examples
    --------
    >>> inv = pd.DataFrame({"period": ["depuis 2010", "2014", "printemps 2020"],
    ...                     "year_start": [2010, 2014, 2020], "covid_status": [None, None, "nouveau"]})
    >>> start_years(inv).tolist()
    [2010, <NA>, 2020]
    """
    stated = inventory["period"].map(states_start).astype(bool)
    if "covid_status" in inventory:
        stated |= inventory["covid_status"].fillna("").astype(str).str.split(";").map(
            lambda codes: "nouveau" in [c.strip() for c in codes])
    years = pd.to_numeric(inventory["year_start"], errors="coerce").astype("Int64")
    return years.where(stated.to_numpy()).rename("start_year")


def by_year(inventory: pd.DataFrame) -> pd.Series:
    """Initiatives per stated starting year (:func:`start_years`); the others are left out."""
    years = start_years(inventory).dropna().astype(int)
    return years.value_counts().sort_index().rename("initiatives")


def by_landlord(inventory: pd.DataFrame, organisations: pd.DataFrame, top: int = 15) -> pd.DataFrame:
    """Initiatives per Hlm landlord among the carriers: the ``top`` most frequent and all level with the last.

    The cut never splits a tie: every landlord with as many initiatives as
    the ``top``-th is kept, so the table may hold more than ``top`` rows.

    Examples
    --------
    >>> orgs = pd.DataFrame({"org_id": ["a", "b", "c"], "name": ["A", "B", "C"], "kind": "oph"})
    >>> by_landlord(pd.DataFrame({"carrier_ids": ["a", "a", "b", "c"]}), orgs, top=2)["initiatives"].to_dict()
    {'a': 2, 'b': 1, 'c': 1}
    """
    kinds = organisations.set_index("org_id")
    ids = _explode(inventory, "carrier_ids")["carrier_ids"]
    ids = ids[ids.isin(kinds.index[kinds["kind"].isin(HLM_KINDS)])]
    counts = ids.value_counts()
    counts = counts.iloc[np.lexsort((counts.index.to_numpy(), -counts.to_numpy()))]
    if len(counts) > top:
        counts = counts[counts >= counts.iloc[top - 1]]
    return pd.DataFrame({"name": kinds.loc[counts.index, "name"].to_numpy(),
                         "kind": kinds.loc[counts.index, "kind"].to_numpy(),
                         "initiatives": counts.to_numpy()}, index=pd.Index(counts.index, name="org_id"))


def composition(inventory: pd.DataFrame, ids=None, lang: str = "fr") -> pd.DataFrame:
    """The corpus a comparison rests on: its initiatives by source document and by (first) region.

    Shown beside every comparison of groups, because the corpus is no sample:
    one document or one region may hold most of it. An initiative described
    by two documents counts under each, so the document counts may add up to
    more than ``n``; each initiative counts once among the regions.

    Parameters
    ----------
    inventory : DataFrame
        The cleaned inventory (``initiative_id``, ``source_docs``, ``regions``).
    ids : iterable of str, optional
        The initiatives the comparison uses (default every row).
    lang : {"fr", "en"}
        Language of the labels.

    Returns
    -------
    DataFrame
        Indexed by (``by``: document or region, ``group``: its label), with
        ``n`` and ``share`` (of the initiatives counted).

    Examples
    --------
    >>> inv = pd.DataFrame({"initiative_id": ["a", "b", "c"], "source_docs": ["003", "003; 000", "001"],
    ...                     "regions": ["ile_de_france", "ile_de_france", None]})
    >>> composition(inv, ids=["a", "b"], lang="en")["n"].to_dict()
    {('document', '000 Covid session 2021'): 1, ('document', '003 AORIF newsletter 2020'): 2, ('region', 'Île-de-France'): 2}
    """
    table = inventory if ids is None else inventory[inventory["initiative_id"].isin(set(ids))]
    total = len(table)
    docs = by_document(table)
    first_region = table["regions"].fillna("").astype(str).str.split(";").str[0].str.strip().replace("", NOT_STATED)
    regions = first_region.value_counts()
    regions = regions.iloc[np.lexsort((regions.index.to_numpy(), -regions.to_numpy()))]
    rows = [("document", document_label(d, lang), int(n)) for d, n in docs.items()]
    rows += [("region", region_label(r, lang), int(n)) for r, n in regions.items()]
    out = pd.DataFrame(rows, columns=["by", "group", "n"]).set_index(["by", "group"])
    return out.assign(share=(out["n"] / total).round(3) if total else 0.0)


def cleaning_counts(rows: pd.DataFrame, changes: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Raw rows per status and changed cells per rule."""
    status = rows["status"].value_counts().reindex(["kept", "merged", "rejected"], fill_value=0)
    per_rule = changes["rule"].value_counts()
    return status, per_rule.reindex(list(CELL_RULES), fill_value=0).astype(int)
