"""MCA and HCPC are scikit-learn estimators: clone, params, Pipeline, set_output, the estimator checks."""

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.pipeline import Pipeline
from sklearn.utils.estimator_checks import parametrize_with_checks

from housing_research import HCPC, MCA, InputError, paths

REF = paths.ROOT / "tests" / "reference" / "hcpc"

#: Checks that cannot pass, and why. Everything else in scikit-learn's suite must.
MEASURES = "the check feeds float measures; an MCA analyses categories and refuses floats on purpose"
ZERO_WEIGHTS = "the check gives zero weights, refused on purpose (drop those rows instead)"
MCA_EXPECTED_FAILURES = {
    "check_estimators_dtypes": MEASURES,
    "check_sample_weights_not_overwritten": MEASURES,
    "check_sample_weight_equivalence_on_dense_data": MEASURES,
}
HCPC_EXPECTED_FAILURES = {
    "check_clustering": "classes are numbered 1..k as in FactoMineR, not from 0",
    "check_sample_weight_equivalence_on_dense_data": ZERO_WEIGHTS,
    "check_dtype_object": "coordinates in object columns are refused: they must be numeric",
}


def _expected(estimator):
    return MCA_EXPECTED_FAILURES if isinstance(estimator, MCA) else HCPC_EXPECTED_FAILURES


@parametrize_with_checks([MCA(n_components=2), HCPC(n_clusters=3)], expected_failed_checks=_expected)
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)


def _poison():
    data = pd.read_csv(REF / "poison_data.csv", keep_default_na=False, na_values=[]).set_index("row")
    data.index = data.index.astype(str)
    return data.iloc[:, 4:15].astype(str)


def test_clone_params_and_not_fitted():
    mca = MCA(n_components=3, excl=[("Sick", "Sick_n")], quali_sup=["s"])
    twin = clone(mca)
    assert twin.get_params() == mca.get_params() and twin is not mca
    assert twin.set_params(n_components=4).n_components == 4
    hc = clone(HCPC(n_clusters=4, consolidation=False))
    assert hc.get_params()["n_clusters"] == 4 and hc.get_params()["consolidation"] is False
    with pytest.raises(NotFittedError):
        MCA().transform(_poison())
    with pytest.raises(NotFittedError):
        MCA().get_feature_names_out()


def test_feature_names_and_set_output():
    X = _poison()
    mca = MCA(n_components=3).set_output(transform="pandas").fit(X)
    assert mca.n_features_in_ == X.shape[1] and list(mca.feature_names_in_) == list(X.columns)
    out = mca.transform(X)
    assert isinstance(out, pd.DataFrame) and list(out.columns) == ["Dim 1", "Dim 2", "Dim 3"]
    arrays = MCA(n_components=3).fit(X.to_numpy())
    assert isinstance(arrays.transform(X.to_numpy()), np.ndarray) and not hasattr(arrays, "feature_names_in_")
    np.testing.assert_allclose(arrays.transform(X.to_numpy()), out.to_numpy(), atol=1e-12)


@pytest.mark.parametrize("consolidation", [False, True])
def test_pipeline_gives_the_same_partition_as_fit_on_the_mca(consolidation):
    X = _poison()
    w = np.random.default_rng(0).uniform(0.5, 2.0, len(X))
    mca = MCA(n_components=5).fit(X, sample_weight=w)
    direct = HCPC(consolidation=consolidation).fit(mca).labels_
    pipe = Pipeline([("mca", MCA(n_components=5)), ("hcpc", HCPC(consolidation=consolidation))])
    labels = pipe.fit(X, mca__sample_weight=w, hcpc__sample_weight=w)["hcpc"].labels_
    assert labels.tolist() == direct.tolist()
    assert pipe.fit_predict(X, mca__sample_weight=w, hcpc__sample_weight=w).tolist() == direct.tolist()


def test_supplementary_columns_as_parameters():
    data = pd.read_csv(REF / "poison_data.csv", keep_default_na=False, na_values=[]).set_index("row")
    active, quali = data.iloc[:, 4:15].astype(str), data.iloc[:, 2:4].astype(str)
    table = pd.concat([active, quali], axis=1)
    by_frames = MCA().fit(active, quali_sup=quali)
    by_names = MCA(quali_sup=list(quali.columns)).fit(table)
    pd.testing.assert_frame_equal(by_names.quali_sup_vtest_, by_frames.quali_sup_vtest_)
    np.testing.assert_allclose(by_names.transform(table).to_numpy(), by_frames.transform(active).to_numpy())
    with pytest.raises(InputError, match="both as a parameter and to fit"):
        MCA(quali_sup=list(quali.columns)).fit(table, quali_sup=quali)


def test_integer_codes_accepted_floats_refused():
    codes = pd.DataFrame({"a": [1, 2, 1, 3, 2, 3], "b": [0, 0, 1, 1, 0, 1]})
    as_text = MCA(n_components=2).fit(codes.astype(str))
    np.testing.assert_allclose(MCA(n_components=2).fit(codes).row_coordinates_, as_text.row_coordinates_)
    with_missing = codes.astype("Int64")
    with_missing.loc[0, "a"] = pd.NA
    assert MCA(n_components=2).fit(with_missing).column_coordinates_.index.isin([("a", "NA")]).any()
    with pytest.raises(InputError, match=r"column 'a'.*numeric \(float\).*astype\('Int64'\)"):
        MCA().fit(codes.astype(float))


@pytest.mark.parametrize("bad,message", [
    (np.nan, "missing or infinite coordinate"), (np.inf, "missing or infinite coordinate")])
def test_hcpc_refuses_non_finite_arrays(bad, message):
    X = np.random.default_rng(0).normal(size=(20, 2))
    X[4, 1] = bad
    with pytest.raises(InputError, match=message):
        HCPC().fit(X)


def test_hcpc_empty_and_bad_weights_on_arrays():
    with pytest.raises(InputError, match=r"no coordinates to cluster \(0 rows, 2 columns\)"):
        HCPC().fit(np.zeros((0, 2)))
    X = np.random.default_rng(0).normal(size=(20, 2))
    with pytest.raises(InputError, match="weights must be finite and positive"):
        HCPC().fit(X, sample_weight=-np.ones(20))
