"""HCPC against FactoMineR 2.7 (reference values made by tests/reference/make_hcpc_reference.R)."""

import numpy as np
import pandas as pd
import pytest

from housing_research import HCPC, MCA, InputError, paths
from housing_research.multivariate.ward import cut_tree, ward_tree

REF = paths.ROOT / "tests" / "reference" / "hcpc"


def _read(name):
    return pd.read_csv(REF / name, keep_default_na=False, na_values=[])


def _coords(case):
    c = _read(f"{SOURCE.get(case, case)}_coord.csv").set_index("row")
    c.index = c.index.astype(str)
    return c.astype(float)


CASES = {
    "poison": dict(consolidation=False),
    "poison_consol": dict(consolidation=True),
    "tea": dict(n_clusters=4, consolidation=False),
    "tea_auto": dict(min_clusters=3, max_clusters=8, consolidation=False),
    # FactoMineR's defaults (consol = TRUE) on tables with ties and missing values
    "hobbies": dict(),
    "hobbies_noconsol": dict(consolidation=False),
    "tied": dict(),
    "decathlon": dict(),
}
#: Cases clustering the coordinates written for another case.
SOURCE = {"hobbies_noconsol": "hobbies"}


@pytest.fixture(scope="module", params=list(CASES))
def fitted(request):
    case = request.param
    return case, HCPC(**CASES[case]).fit(_coords(case))


def test_same_partition_same_numbering(fitted):
    case, hc = fitted
    ref = _read(f"{case}_clusters.csv")
    ref.index = ref["row"].astype(str)
    assert hc.labels_.loc[ref.index].tolist() == ref["cluster"].tolist()


def test_inertia_gains_and_ratio(fitted):
    case, hc = fitted
    gains = _read(f"{case}_gains.csv")["gain"].astype(float).to_numpy()
    np.testing.assert_allclose(hc.inertia_gains_.to_numpy(), gains, rtol=1e-8, atol=1e-12)
    if "n_clusters" not in CASES[case]:
        ratio = _read(f"{case}_ratio.csv")["ratio"].astype(float).to_numpy()
        np.testing.assert_allclose(hc.ratio_.to_numpy(), ratio, rtol=1e-8)


@pytest.mark.parametrize("what,attr", [("para", "paragons_"), ("dist", "specific_")])
def test_paragons_and_specific_individuals(fitted, what, attr):
    case, hc = fitted
    coords = _coords(case)
    ref = _read(f"{case}_{what}.csv")
    for cluster, rows in ref.groupby("cluster", sort=False):
        ours = getattr(hc, attr)[int(cluster)]
        np.testing.assert_allclose(ours.to_numpy(), rows["value"].astype(float).to_numpy(), rtol=1e-8)
        for mine, theirs in zip(ours.index, rows["row"].astype(str)):
            # equal distances (identical profiles, to the last bits) may be listed in either order
            assert mine == theirs or np.allclose(coords.loc[mine], coords.loc[theirs], rtol=0, atol=1e-12)


def test_end_to_end_from_our_mca():
    data = _read("poison_data.csv").set_index("row")
    data.index = data.index.astype(str)
    mca = MCA(n_components=5).fit(data.iloc[:, 4:15].astype(str))
    hc = HCPC(consolidation=False).fit(mca)
    ref = _read("poison_clusters.csv")
    assert hc.labels_.loc[ref["row"].astype(str)].tolist() == ref["cluster"].tolist()


@pytest.mark.parametrize("case,active", [("tied", slice(0, 8))])
def test_end_to_end_on_tied_data_from_our_mca(case, active):
    """Our MCA then the default HCPC give FactoMineR's partition and numbering on a table full of ties.

    Not on hobbies: there two merges near the top of the tree have the same
    gain in exact arithmetic, and which one comes first depends on the last
    bits of the coordinates (FactoMineR's own coordinates, perturbed by 1e-15,
    flip it); from FactoMineR's coordinates the partition is reproduced exactly
    (``test_same_partition_same_numbering``).
    """
    data = _read(f"{case}_data.csv").set_index("row")
    data.index = data.index.astype(str)
    hc = HCPC().fit(MCA(n_components=5).fit(data.iloc[:, active]))
    ref = _read(f"{case}_clusters.csv")
    assert hc.labels_.loc[ref["row"].astype(str)].tolist() == ref["cluster"].tolist()


def test_automatic_pre_clustering_is_reported_and_none_refuses():
    pts = pd.DataFrame(np.random.default_rng(2).normal(size=(400, 2)), columns=["Dim 1", "Dim 2"])
    with pytest.warns(UserWarning, match="pre-clustered"):
        hc = HCPC(tree_limit=100, random_state=0).fit(pts)
    assert hc.pre_clusters_ is not None and "tree_limit=100" in hc.note_ and len(hc.labels_) == 400
    assert HCPC().fit(pts).pre_clusters_ is None and HCPC().fit(pts).note_ == ""
    with pytest.raises(InputError, match="exceed tree_limit=100.*set pre_clusters"):
        HCPC(pre_clusters=None, tree_limit=100).fit(pts)


def test_identical_individuals_merge_first_at_zero_gain():
    pts = pd.DataFrame({"Dim 1": [0.0, 0.0, 0.0, 1.0, 1.0, 5.0, 5.1]})
    hc = HCPC(n_clusters=3, consolidation=False).fit(pts)
    assert len(hc.inertia_gains_) == 6 and (hc.inertia_gains_.iloc[-3:] == 0).all()
    assert hc.labels_.tolist() == [1, 1, 1, 2, 2, 3, 3]


def test_ward_tree_matches_scipy_for_unit_weights():
    from scipy.cluster.hierarchy import linkage

    rng = np.random.default_rng(3)
    pts = rng.normal(size=(40, 3))
    ours = ward_tree(pts, np.ones(40))
    ref = linkage(pts, method="ward")
    # scipy's heights are sqrt(2 * gain * n) for unit weights
    np.testing.assert_allclose(np.sqrt(2 * ours[:, 2] * 40), ref[:, 2], rtol=1e-10)
    for k in (2, 3, 5):
        a, b = cut_tree(ours, k), cut_tree(ref, k)
        assert len(set(zip(a, b))) == k  # same partition up to label names


def test_gains_add_up_to_total_inertia():
    rng = np.random.default_rng(0)
    pts = rng.normal(size=(30, 2))
    w = rng.uniform(0.5, 2, size=30)
    Z = ward_tree(pts, w)
    centre = np.average(pts, axis=0, weights=w)
    total = (w * ((pts - centre) ** 2).sum(axis=1)).sum() / w.sum()
    assert Z[:, 2].sum() == pytest.approx(total, rel=1e-12)


def test_pre_clustering_keeps_rows_and_is_reproducible():
    rng = np.random.default_rng(1)
    pts = pd.DataFrame(np.vstack([rng.normal(m, 0.2, (2000, 2)) for m in (-3, 0, 3)]), columns=["Dim 1", "Dim 2"])
    a = HCPC(pre_clusters=50, random_state=0).fit(pts)
    b = HCPC(pre_clusters=50, random_state=0).fit(pts)
    assert a.labels_.equals(b.labels_)
    assert a.n_clusters_ == 3 and len(a.labels_) == 6000
    assert a.labels_.value_counts().sort_index().tolist() == [2000, 2000, 2000]
    assert len(a.linkage_) == 49 and a.pre_clusters_ == 50


def test_parameters_are_stored_unchanged():
    hc = HCPC(n_clusters=None, min_clusters=4)
    assert hc.min_clusters == 4 and hc.n_clusters is None and hc.max_clusters is None


def test_bad_input():
    with pytest.raises(InputError, match="fewer than 3"):
        HCPC().fit(pd.DataFrame({"Dim 1": [0.0, 1.0]}))
    with pytest.raises(InputError, match="leave no choice"):
        HCPC(min_clusters=5, max_clusters=3).fit(pd.DataFrame({"Dim 1": np.arange(20.0)}))
    with pytest.raises(TypeError, match="fitted MCA"):
        HCPC().fit(MCA())
    with pytest.raises(InputError, match="numeric"):
        HCPC().fit(pd.DataFrame({"Dim 1": list("abcdef")}))


def test_distinct_rows_by_hashing_match_numpy_unique():
    """Beyond the tree limit, distinct rows are found by hashing: the same rows, each row mapped to its own."""
    from housing_research.multivariate.hcpc import _distinct_rows

    rng = np.random.default_rng(7)
    pts = rng.integers(0, 4, size=(3000, 3)).astype(float) / 3     # 64 possible rows, many repeated
    pts[5] = -0.0                                                  # -0.0 and 0.0 are the same place
    small, small_inv = _distinct_rows(pts, limit=10_000)           # np.unique's order
    large, large_inv = _distinct_rows(pts, limit=10)               # hashing, order of first appearance
    assert np.array_equal(small[small_inv], pts) and np.array_equal(large[large_inv], pts)
    assert len(small) == len(large) == len({tuple(r) for r in pts.tolist()})
    first = [int(np.flatnonzero(large_inv == g)[0]) for g in range(len(large))]
    assert first == sorted(first)                                   # numbered by first appearance
