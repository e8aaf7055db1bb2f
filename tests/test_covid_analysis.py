"""Covid status by group: cross-tabulation and exact tests against R's fisher.test."""

import numpy as np
import pandas as pd
import pytest

from housing_research import paths
from housing_research.analysis.covid import (
    STATUSES,
    fisher_by_cell,
    fisher_freeman_halton,
    status_crosstab,
)

REFERENCE = pd.read_csv(paths.ROOT / "tests" / "reference" / "covid" / "fisher_reference.csv")


def _table(name):
    row = REFERENCE.set_index("table").loc[name]
    cells = np.array([int(v) for v in row["cells"].split()])
    return pd.DataFrame(cells.reshape(int(row["nrow"]), -1)), float(row["p_value"])


def test_crosstab_counts_and_order():
    table = pd.DataFrame({
        "covid_status": ["suspendu", "nouveau", "nouveau", None, "", "adapte", "nouveau"],
        "pole_class": ["dispositif", "dispositif", "initiative_habitante", "dispositif",
                       "dispositif", "entre_deux", "dispositif"],
    })
    counts = status_crosstab(table)
    assert list(counts.index) == ["nouveau", "adapte", "suspendu"]
    assert counts.loc["nouveau", "dispositif"] == 2
    assert counts.loc["nouveau", "initiative_habitante"] == 1
    assert counts.to_numpy().sum() == 5  # the row without status and the empty one are left out
    assert list(STATUSES)[:1] == ["nouveau"]


def test_unknown_status_is_refused():
    table = pd.DataFrame({"covid_status": ["nouveau", "maintenu"], "pole_class": ["a", "b"]})
    with pytest.raises(ValueError, match="maintenu"):
        status_crosstab(table)


def test_missing_column_is_named():
    with pytest.raises(KeyError, match="cluster"):
        status_crosstab(pd.DataFrame({"covid_status": ["nouveau"]}), group="cluster")


@pytest.mark.parametrize("name", ["t2x2_a", "t2x2_b", "t2x2_c"])
def test_two_by_two_matches_r(name):
    counts, p_r = _table(name)
    cells = fisher_by_cell(counts)
    top_left = cells.iloc[0]
    assert top_left["p_value"] == pytest.approx(p_r, rel=1e-10)
    assert top_left["count"] == counts.iloc[0, 0]
    assert top_left["expected"] == pytest.approx(counts.iloc[0].sum() * counts.iloc[:, 0].sum() / counts.to_numpy().sum())


@pytest.mark.parametrize("name", ["t3x3", "t4x3"])
def test_monte_carlo_p_value_is_close_to_the_exact_one(name):
    counts, p_r = _table(name)
    result = fisher_freeman_halton(counts, n_resamples=40_000, random_state=1)
    assert abs(result.p_value - p_r) < 4 * result.standard_error + 1e-4


def test_same_seed_same_p_value_and_one_cell_per_pair():
    counts, _ = _table("t3x3")
    a = fisher_freeman_halton(counts, n_resamples=5_000, random_state=7)
    b = fisher_freeman_halton(counts, n_resamples=5_000, random_state=7)
    assert a == b
    assert len(fisher_by_cell(counts)) == counts.size


def test_degenerate_table_is_refused():
    with pytest.raises(ValueError, match="at least 2 rows"):
        fisher_freeman_halton(pd.DataFrame([[3, 4]]))
