"""describe_clusters against FactoMineR's catdes (through HCPC's desc.var)."""

import numpy as np
import pandas as pd
import pytest

from housing_research import InputError, describe_clusters, paths

REF = paths.ROOT / "tests" / "reference" / "hcpc"


def _read(name):
    return pd.read_csv(REF / name, keep_default_na=False, na_values=[])


def _data(case):
    data = _read(f"{case}_data.csv").set_index("row")
    data.index = data.index.astype(str)
    clusters = _read(f"{case}_clusters.csv").set_index("row")["cluster"]
    clusters.index = clusters.index.astype(str)
    numeric = {"poison": ["Age", "Time"], "tea": ["age"]}[case.split("_")[0]]
    for col in data.columns:
        data[col] = data[col].astype(float) if col in numeric else data[col].astype(str)
    return data, clusters.loc[data.index]


@pytest.fixture(scope="module", params=["poison", "poison_consol", "tea", "tea_auto"])
def described(request):
    data, clusters = _data(request.param)
    return request.param, describe_clusters(data, clusters)


def test_chi2_table_same_rows_same_order(described):
    case, desc = described
    ref = _read(f"{case}_chi2.csv")
    assert desc.chi2.index.tolist() == ref["variable"].tolist()
    np.testing.assert_allclose(desc.chi2["p.value"].to_numpy(), ref["p.value"].astype(float), rtol=1e-6)
    assert desc.chi2["df"].tolist() == ref["df"].astype(float).astype(int).tolist()


def test_category_tables_same_rows_same_order(described):
    case, desc = described
    ref = _read(f"{case}_category.csv")
    for cluster, rows in ref.groupby("cluster", sort=False):
        ours = desc.category[int(cluster)]
        assert ours.index.tolist() == rows["category"].tolist()
        cols = ["Cla/Mod", "Mod/Cla", "Global", "p.value", "v.test"]
        np.testing.assert_allclose(ours[cols].to_numpy(), rows[cols].astype(float).to_numpy(), rtol=1e-6, atol=1e-12)


def test_quantitative_variables(described):
    case, desc = described
    if not (REF / f"{case}_quanti_var.csv").exists():
        assert desc.quanti_var.empty
        return
    ref = _read(f"{case}_quanti_var.csv")
    assert desc.quanti_var.index.tolist() == ref["variable"].tolist()
    np.testing.assert_allclose(desc.quanti_var.to_numpy(), ref[["Eta2", "P-value"]].astype(float), rtol=1e-6)
    ref = _read(f"{case}_quanti.csv")
    for cluster, rows in ref.groupby("cluster", sort=False):
        ours = desc.quanti[int(cluster)]
        assert ours.index.tolist() == rows["variable"].tolist()
        np.testing.assert_allclose(ours.to_numpy(), rows.iloc[:, 2:].astype(float).to_numpy(), rtol=1e-6)


def test_stacked_table_and_threshold():
    data, clusters = _data("poison")
    desc = describe_clusters(data, clusters, proba=0.01)
    table = desc.categories_table()
    assert (table["p.value"] <= 0.01).all()
    assert set(table["cluster"]) <= set(clusters)


def test_bad_input():
    data = pd.DataFrame({"a": list("xyxy")})
    with pytest.raises(InputError, match="2 cluster labels for 4 rows"):
        describe_clusters(data, [1, 2])
    with pytest.raises(InputError, match="missing cluster label"):
        describe_clusters(data, [1, None, 2, 1])
