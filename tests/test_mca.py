"""MCA against FactoMineR 2.7 (reference values made by tests/reference/make_mca_reference.R).

Eigenvalues to 1e-10 relative; coordinates, contributions, cos2, v-tests and
eta2 to 1e-8, with FactoMineR's orientation of the axes (no sign is ignored).
"""

import warnings

import numpy as np
import pandas as pd
import pytest

from housing_research import MCA, InputError, paths

REF = paths.ROOT / "tests" / "reference" / "mca"
RTOL_EIG = 1e-10
ATOL = 1e-8


def _read(name):
    return pd.read_csv(REF / name, keep_default_na=False, na_values=[])


def _input(case):
    df = _read(f"{case}_input.csv").set_index("row")
    df.index = df.index.astype(str)
    return df


CASES = {
    # case: (active columns, quali_sup columns, quanti_sup columns)
    "poison": (slice(4, 15), slice(2, 4), slice(0, 2)),
    "poison_weighted": (slice(0, 11), None, None),
    "poison_excl": (slice(0, 11), None, None),
    "tea": (slice(0, 18), slice(19, 36), slice(18, 19)),
    "tea_na": (slice(0, 18), None, None),
    "tea_excl": (slice(0, 18), None, None),
}

#: Categories made passive in the specific MCAs (as in make_mca_reference.R).
EXCLUDED = {
    "poison_excl": {"Nausea_n", "Vomit_n", "Fever_n"},
    "tea_excl": {"Not.breakfast", "Not.tea time", "Not.evening", "Not.lunch", "Not.dinner", "Not.always"},
}


def _fit(case, **kwargs):
    data = _input(case)
    act, qs, qn = CASES[case]
    X = data.iloc[:, act].astype(str)
    fit_kw = {}
    if qs is not None:
        fit_kw["quali_sup"] = data.iloc[:, qs].astype(str)
    if qn is not None:
        fit_kw["quanti_sup"] = data.iloc[:, qn].apply(pd.to_numeric, errors="coerce")
    if (REF / f"{case}_weights.csv").exists():
        fit_kw["sample_weight"] = _read(f"{case}_weights.csv")["weight"].astype(float).to_numpy()
    excl = None
    if case in EXCLUDED:
        excl = [(v, c) for v in X.columns for c in sorted(X[v].unique()) if c in EXCLUDED[case]]
    return MCA(n_components=5, excl=excl, **kwargs).fit(X, **fit_kw), X


def _by_label(frame):
    frame = frame.copy()
    frame.index = pd.MultiIndex.from_arrays([frame.pop("variable").astype(str), frame.pop("category").astype(str)])
    return frame.astype(float)


@pytest.fixture(scope="module", params=list(CASES))
def fitted(request):
    mca, X = _fit(request.param)
    return request.param, mca, X


def test_eigenvalues(fitted):
    case, mca, _ = fitted
    ref = _read(f"{case}_eig.csv").astype(float).to_numpy()
    ours = mca.eigenvalues_.to_numpy()
    assert ours.shape == ref.shape
    np.testing.assert_allclose(ours[:, 0], ref[:, 0], rtol=RTOL_EIG)
    np.testing.assert_allclose(ours[:, 1:], ref[:, 1:], rtol=1e-9)


@pytest.mark.parametrize("what,attr", [("coord", "row_coordinates_"), ("contrib", "row_contributions_"),
                                       ("cos2", "row_cos2_")])
def test_individuals(fitted, what, attr):
    case, mca, _ = fitted
    ref = _read(f"{case}_ind_{what}.csv")
    ref = ref.drop(columns=["row"], errors="ignore").astype(float).to_numpy()
    np.testing.assert_allclose(getattr(mca, attr).to_numpy(), ref, rtol=1e-8, atol=ATOL)


@pytest.mark.parametrize("what,attr", [("coord", "column_coordinates_"), ("contrib", "column_contributions_"),
                                       ("cos2", "column_cos2_"), ("vtest", "column_vtest_")])
def test_categories(fitted, what, attr):
    case, mca, _ = fitted
    ref = _by_label(_read(f"{case}_var_{what}.csv"))
    ours = getattr(mca, attr)
    assert set(ours.index) == set(ref.index)
    np.testing.assert_allclose(ours.loc[ref.index].to_numpy(), ref.to_numpy(), rtol=1e-8, atol=ATOL)


def test_eta2(fitted):
    case, mca, _ = fitted
    ref = _read(f"{case}_eta2.csv").set_index("variable").astype(float)
    np.testing.assert_allclose(mca.eta2_.loc[ref.index].to_numpy(), ref.to_numpy(), rtol=1e-8, atol=ATOL)


@pytest.mark.parametrize("case", ["poison", "tea"])
@pytest.mark.parametrize("what,attr", [("coord", "quali_sup_coordinates_"), ("cos2", "quali_sup_cos2_"),
                                       ("vtest", "quali_sup_vtest_")])
def test_supplementary_qualitative(case, what, attr):
    mca, _ = _fit(case)
    ref = _by_label(_read(f"{case}_quali_sup_{what}.csv"))
    ours = getattr(mca, attr)
    np.testing.assert_allclose(ours.loc[ref.index].to_numpy(), ref.to_numpy(), rtol=1e-8, atol=ATOL)


@pytest.mark.parametrize("case", ["poison", "tea"])
def test_supplementary_eta2_and_quantitative(case):
    mca, _ = _fit(case)
    ref = _read(f"{case}_quali_sup_eta2.csv").set_index("variable").astype(float)
    np.testing.assert_allclose(mca.quali_sup_eta2_.loc[ref.index].to_numpy(), ref.to_numpy(), rtol=1e-8, atol=ATOL)
    ref = _read(f"{case}_quanti_sup.csv").set_index("variable").astype(float)
    np.testing.assert_allclose(mca.quanti_sup_correlations_.loc[ref.index].to_numpy(), ref.to_numpy(),
                               rtol=1e-8, atol=ATOL)


@pytest.mark.parametrize("case", ["poison", "poison_excl", "tea_na"])
def test_cross_product_route_equals_dense_route(case):
    dense, _ = _fit(case, dense_limit=10**12)
    gram, _ = _fit(case, dense_limit=0)
    np.testing.assert_allclose(gram.eigenvalues_.to_numpy(), dense.eigenvalues_.to_numpy(), rtol=1e-10)
    np.testing.assert_allclose(gram.row_coordinates_.to_numpy(), dense.row_coordinates_.to_numpy(), atol=1e-9)
    np.testing.assert_allclose(gram.column_coordinates_.to_numpy(), dense.column_coordinates_.to_numpy(), atol=1e-9)


def test_route_is_chosen_by_its_cost():
    mca = MCA()
    assert not mca._dense_route(10_000, 54, 12)           # many rows: the K x K route
    assert mca._dense_route(20, 60, 15)                   # more categories than rows: the dense SVD
    assert MCA(dense_limit=10**12)._dense_route(10_000, 54, 12)
    assert not MCA(dense_limit=0)._dense_route(20, 60, 15)


def test_transform_of_active_rows_gives_their_coordinates():
    mca, X = _fit("poison")
    np.testing.assert_allclose(mca.transform(X).to_numpy(), mca.row_coordinates_.to_numpy(), atol=1e-12)


def test_excluded_categories_are_reported_apart():
    mca, _ = _fit("poison_excl")
    assert set(mca.excluded_coordinates_.index.get_level_values("category")) == {"Nausea_n", "Vomit_n", "Fever_n"}
    assert not set(mca.column_coordinates_.index.get_level_values("category")) & {"Nausea_n", "Vomit_n", "Fever_n"}
    np.testing.assert_allclose(mca.column_contributions_.sum().to_numpy(), 100.0)


@pytest.mark.parametrize("case", sorted(EXCLUDED))
def test_benzecri_rates_are_factominer_modified_rates(case):
    # FactoMineR reports Benzecri's "modified rates" in the eig of a specific MCA, rounded to 2 decimals,
    # 0 for the eigenvalues below 1/Q
    mca, X = _fit(case)
    ref = _read(f"{case}_modified_rates.csv").astype(float)
    rates = ref["modified rates"].to_numpy()
    ours = mca.corrected_inertia_["benzecri_percentage"].to_numpy()
    eig = _read(f"{case}_eig.csv").astype(float)["eigenvalue"].to_numpy()
    assert len(ours) == int((eig >= 1 / X.shape[1]).sum()) and len(ours) >= 2
    np.testing.assert_array_equal(np.round(ours, 2), rates[:len(ours)])
    assert (rates[len(ours):] == 0).all()
    np.testing.assert_allclose(mca.corrected_inertia_["benzecri_cumulative"].round(2).to_numpy(),
                               ref["cumulative modified rates"].to_numpy()[:len(ours)], atol=0.011)
    assert mca.corrected_inertia_["greenacre_percentage"].isna().all()   # Greenacre's total assumes a standard MCA


def test_greenacre_percentages_of_a_standard_mca():
    # Greenacre (2007): adjusted total inertia Q/(Q-1) * (sum of squared eigenvalues - (K-Q)/Q^2);
    # checked on tea's eigenvalues from FactoMineR, not on ours
    mca, X = _fit("tea")
    eig = _read("tea_eig.csv").astype(float)["eigenvalue"].to_numpy()
    Q, K = X.shape[1], int(X.nunique().sum())
    total = Q / (Q - 1) * ((eig**2).sum() - (K - Q) / Q**2)
    above = eig[eig >= 1 / Q]
    expected = (Q / (Q - 1) * (above - 1 / Q)) ** 2 / total * 100
    np.testing.assert_allclose(mca.corrected_inertia_["greenacre_percentage"].to_numpy(), expected, rtol=1e-9)
    assert mca.corrected_inertia_["greenacre_percentage"].sum() < 100


def test_no_eigenvalue_above_the_mean_leaves_the_corrected_rates_missing():
    # two independent, balanced variables: both eigenvalues equal 1/Q, every corrected eigenvalue is 0,
    # and the rates have nothing to share out (no 0/0 warning, no 100 % of nothing)
    X = pd.DataFrame({"a": list("xxyy" * 3), "b": list("pqpq" * 3)})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        mca = MCA(n_components=2).fit(X)
    np.testing.assert_allclose(mca.eigenvalues_.iloc[:, 0].to_numpy(), [0.5, 0.5])
    ci = mca.corrected_inertia_
    assert (ci["benzecri"] == 0).all()
    assert ci[["benzecri_percentage", "greenacre_percentage"]].isna().all().all()


def test_labels_and_parameters_unchanged():
    mca, X = _fit("poison")
    assert mca.row_coordinates_.columns.tolist()[:2] == ["Dim 1", "Dim 2"]
    assert mca.column_coordinates_.index.names == ["variable", "category"]
    assert mca.get_params() == {"n_components": 5, "excl": None, "quali_sup": None, "quanti_sup": None,
                                "dense_limit": None}
    assert mca.n_components == 5 and mca.excl is None
    assert mca.row_weights_.sum() == pytest.approx(1.0)


# ---------------------------------------------------------------- bad input
def test_numeric_column_is_refused():
    X = pd.DataFrame({"a": list("xyxy"), "b": [1.0, 2.0, 3.0, 4.0]})
    with pytest.raises(InputError, match="column 'b'.*numeric"):
        MCA().fit(X)


def test_single_category_column_is_refused():
    X = pd.DataFrame({"a": list("xyxy"), "b": list("pppp")})
    with pytest.raises(InputError, match="column 'b'.*single category"):
        MCA().fit(X)


def test_all_missing_column_is_refused():
    X = pd.DataFrame({"a": list("xyxy"), "b": [None] * 4})
    with pytest.raises(InputError, match="column 'b'.*only missing"):
        MCA().fit(X)


def test_fewer_rows_than_components_caps_the_dimensions():
    X = pd.DataFrame({"a": list("xyz"), "b": list("pqp")})
    mca = MCA(n_components=5).fit(X)
    assert mca.n_components_ == 2 and len(mca.eigenvalues_) == 2


def test_one_row_is_refused():
    with pytest.raises(InputError, match="fewer than 2 rows"):
        MCA().fit(pd.DataFrame({"a": ["x"], "b": ["p"]}))


def test_unseen_category_in_transform():
    mca, X = _fit("poison")
    new = X.iloc[:2].copy()
    new.iloc[0, 0] = "Sick_maybe"
    with pytest.raises(InputError, match="not seen in fit"):
        mca.transform(new)
    coords = mca.transform(new, unseen="ignore")
    assert np.isfinite(coords.to_numpy()).all()


def test_unknown_excluded_category():
    X = pd.DataFrame({"a": list("xyxy"), "b": list("pqqp")})
    with pytest.raises(InputError, match="excluded category not found"):
        MCA(excl=[("a", "w")]).fit(X)


def test_transform_before_fit():
    with pytest.raises(AttributeError, match="not fitted"):
        MCA().transform(pd.DataFrame({"a": ["x"]}))


def test_greenacre_only_for_standard_mca():
    standard, _ = _fit("poison")
    g = standard.corrected_inertia_["greenacre_percentage"]
    assert g.notna().all() and g.sum() <= 100.0 + 1e-9
    specific, _ = _fit("poison_excl")
    assert specific.corrected_inertia_["greenacre_percentage"].isna().all()


def test_category_held_by_everyone_in_supplementary_variable():
    X = pd.DataFrame({"a": list("xxyyzz"), "b": list("ppqqpq")})
    mca = MCA(n_components=2).fit(X, quali_sup=pd.DataFrame({"s": ["u"] * 6}))
    assert np.isnan(mca.quali_sup_vtest_.to_numpy()).all()
