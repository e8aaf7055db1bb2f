"""Estimator and agreement inputs that cannot give a result get a clear error, never zeros or a traceback."""

import numpy as np
import pandas as pd
import pytest

import housing_research as hr
from housing_research import InputError

X = pd.DataFrame({"a": list("xxyyxy"), "b": [None] * 6, "c": list("pqpqqp")})
COORDS = pd.DataFrame({"Dim 1": [0.0, 0.1, 1.0, 1.1, 2.0, 2.1], "Dim 2": [0.0, 0.2, 0.1, 0.0, 0.3, 0.2]})
ONE = pd.DataFrame({"initiative_id": ["I1"], "axis": ["origin"], "code": ["tiers"]})


def test_mca_all_missing_column_and_zero_weight():
    with pytest.raises(InputError, match=r"column 'b': active variable has only missing values\. Fix: drop the column"):
        hr.MCA().fit(X)
    with pytest.raises(InputError, match=r"row 2: sample_weight must be finite and positive \(value: 0\.0\)"):
        hr.MCA().fit(X[["a", "c"]], sample_weight=[1, 0, 1, 1, 1, 1])


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_hcpc_missing_or_infinite_coordinates(bad):
    coords = COORDS.copy()
    coords.loc[3, "Dim 2"] = bad
    with pytest.raises(InputError, match=r"row 3, column 'Dim 2': missing or infinite coordinate.*Fix: drop or impute"):
        hr.HCPC().fit(coords)


def test_hcpc_empty_input_and_zero_weights():
    with pytest.raises(InputError, match=r"no coordinates to cluster \(0 rows, 2 columns\)"):
        hr.HCPC().fit(COORDS.iloc[:0])
    with pytest.raises(InputError, match=r"row 2: weights must be finite and positive \(value: 0\.0\)"):
        hr.HCPC().fit(COORDS, sample_weight=[1, 1, 0, 1, 1, 1])
    with pytest.raises(InputError, match=r"sample_weight has 2 values for 6 rows"):
        hr.HCPC().fit(COORDS, sample_weight=[1, 1])


def test_catdes_empty_all_missing_and_missing_labels():
    with pytest.raises(InputError, match=r"nothing to describe \(0 rows, 0 variables\)"):
        hr.describe_clusters(pd.DataFrame(), [])
    with pytest.raises(InputError, match=r"column 'b': variable has only missing values"):
        hr.describe_clusters(X, [1, 2, 1, 2, 1, 2])
    with pytest.raises(InputError, match=r"missing cluster label"):
        hr.describe_clusters(X[["a"]], [1, 2, None, 2, 1, 2])
    with pytest.raises(InputError, match=r"5 cluster labels for 6 rows"):
        hr.describe_clusters(X[["a"]], [1, 2, 1, 2, 1])
    with pytest.raises(InputError, match=r"sample_weight must be finite and positive"):
        hr.describe_clusters(X[["a"]], [1, 2, 1, 2, 1, 2], sample_weight=[1, 1, 0, 1, 1, 1])


@pytest.mark.parametrize("table,message", [
    (pd.DataFrame(), r"codes_a holds no code"),
    (pd.DataFrame({"initiative_id": ["I1"], "axis": ["colour"], "code": ["tiers"]}),
     r"row 0, column 'axis': unknown axis in codes_a \(value: 'colour'\)"),
    (pd.DataFrame({"initiative_id": ["I1"], "axis": ["origin"], "code": [np.nan]}),
     r"row 0, column 'code': missing code in codes_a"),
    (pd.DataFrame({"id": ["I1"], "axis": ["origin"], "code": ["tiers"]}),
     r"column 'initiative_id': codes_a has no 'initiative_id' column"),
    (pd.DataFrame({"initiative_id": ["I1"], "axis": ["origin"]}), r"codes_a has an 'axis' column but no 'code' column"),
    (pd.DataFrame({"initiative_id": ["I1"], "axis": ["origin"], "code": ["tier"]}),
     r"code not in the codebook for axis 'origin' in codes_a \(value: 'tier'\)\. Fix: did you mean 'tiers'\?"),
    (pd.DataFrame({"initiative_id": ["I1"], "colour": ["red"]}), r"codes_a is neither a long table"),
])
def test_agreement_refuses_what_it_cannot_compare(table, message):
    with pytest.raises(InputError, match=message):
        hr.agreement(table, ONE)


def test_agreement_on_coded_tables_with_a_missing_cell():
    coded = pd.DataFrame({"initiative_id": ["I1"], "period": ["principal"], "origin": [np.nan]})
    with pytest.raises(InputError, match=r"missing code in codes_b"):
        hr.agreement(ONE, coded)
