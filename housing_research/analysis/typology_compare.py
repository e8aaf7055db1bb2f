"""The typology before and after: the first inventory with its first codes, against today's.

The first version of the inventory held 119 initiatives, coded under
codebook 1.4.0. Those codes are not lost: the change history
(``data/raw/codes/history.csv``) rebuilds them from today's
(:func:`~housing_research.coding.history.codes_before`). :func:`earlier_coded`
codes those initiatives as they were coded then (manual codes first, the
rule-based coder elsewhere, today's scoring of levels and poles), so the same
analysis can be run on both and its classes compared initiative by
initiative (:func:`membership_crosstab`).

Examples
--------
>>> import pandas as pd
>>> before = pd.Series([1, 1, 2], index=["a", "b", "c"])
>>> after = pd.Series([2, 2, 1, 1], index=["a", "b", "c", "d"])
>>> membership_crosstab(before, after).values.tolist()
[[0, 2], [1, 0]]
"""

from __future__ import annotations

import pandas as pd

from housing_research import paths
from housing_research.coding.assemble import code
from housing_research.coding.codebook import codebook
from housing_research.coding.final_codes import latest_per_coder
from housing_research.coding.history import codes_before, read_history
from housing_research.coding.manual_codes import read_manual_codes
from housing_research.inventory.reference import load_organisations


def earlier_coded(inventory: pd.DataFrame, codebook_from: str = "1.4.0") -> pd.DataFrame:
    """The coded table of the initiatives coded before the re-reading from ``codebook_from``, as then coded.

    Only initiatives that had manual codes then are kept: the earlier inventory.
    """
    cb = codebook()
    manual = latest_per_coder(read_manual_codes(paths.CODES, inventory_ids=set(inventory["initiative_id"]), cb=cb))
    before = codes_before(manual, read_history(cb=cb), codebook_from=codebook_from)
    ids = set(before["initiative_id"])
    earlier = inventory[inventory["initiative_id"].isin(ids)]
    return code(earlier, load_organisations(), before, cb)


def membership_crosstab(before: pd.Series, after: pd.Series) -> pd.DataFrame:
    """Initiatives classed both times: earlier class (rows) against today's class (columns)."""
    common = before.index.intersection(after.index)
    table = pd.crosstab(before.loc[common].rename("before"), after.loc[common].rename("after"))
    return table
