"""Covid statuses tested within documents, and the multiple-testing correction."""

import numpy as np
import pandas as pd
import pytest

from housing_research.analysis.covid_strata import cell_tests, holm, status_by, stratified_permutation_test


def test_holm_matches_r_p_adjust():
    # R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.5), method = "holm")
    assert holm([0.01, 0.04, 0.03, 0.005, 0.5]) == pytest.approx([0.04, 0.09, 0.09, 0.025, 0.5])
    assert holm([0.9, 0.8]).tolist() == [1.0, 1.0] and holm([0.6, 0.7, 0.9]).max() <= 1


def test_exact_permutation_p_value_is_recovered():
    # two strata of four, each perfectly aligned: 2 of the 36 within-stratum arrangements are as extreme
    t = pd.DataFrame({"s": list("aabbaabb"), "g": list("xxyyxxyy"), "d": list("11112222")})
    result = stratified_permutation_test(t, "s", "g", "d", n_resamples=20_000, random_state=3)
    assert result.p_value == pytest.approx(1 / 18, abs=4 * result.standard_error)
    assert result.n_strata == 2


def test_an_association_made_by_the_documents_disappears_within_them():
    rng = np.random.default_rng(0)
    rows = []
    for doc, status, group_share in (("A", "nouveau", 0.8), ("B", "arrete", 0.2)):
        for _ in range(40):   # within a document, status and group are independent
            rows.append({"doc": doc, "status": status if rng.random() < 0.9 else "adapte",
                         "group": "dispositif" if rng.random() < group_share else "habitante"})
    t = pd.DataFrame(rows)
    pooled = stratified_permutation_test(t.assign(one="x"), "status", "group", "one", 2000, 1)
    within = stratified_permutation_test(t, "status", "group", "doc", 2000, 1)
    assert pooled.p_value < 0.01 < 0.2 < within.p_value


def test_same_seed_same_p_value_and_missing_rows_left_out():
    t = pd.DataFrame({"s": ["a", "b", None, "a", "b", "a"], "g": list("xyxyxy"), "d": list("111222")})
    a = stratified_permutation_test(t, "s", "g", "d", 500, 7)
    assert a == stratified_permutation_test(t, "s", "g", "d", 500, 7)
    assert a.n_strata == 2


def test_cell_tests_add_the_adjusted_p_value_and_never_lower_it():
    counts = pd.DataFrame([[8, 1], [1, 8]], index=["nouveau", "adapte"], columns=["dispositif", "habitante"])
    cells = cell_tests(counts)
    assert (cells["p_holm"] >= cells["p_value"] - 1e-15).all() and len(cells) == 4


def test_status_by_orders_statuses_and_adds_totals():
    t = pd.DataFrame({"covid_status": ["adapte", "nouveau", "nouveau"], "doc": ["000", "003", "003"]})
    table = status_by(t, "doc", order=("nouveau", "adapte"))
    assert table.index.tolist() == ["nouveau", "adapte", "total"] and table.loc["total", "total"] == 3
