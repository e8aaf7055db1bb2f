"""Bootstrap stability: separated clusters are stable, noise is not; seeded."""

import numpy as np
import pandas as pd
import pytest

from housing_research import HCPC, cluster_stability
from housing_research.multivariate.stability import jaccard


def _fit(k):
    return lambda sample: HCPC(n_clusters=k).fit(sample).labels_


def test_jaccard():
    assert jaccard({1, 2}, {1, 2}) == 1.0
    assert jaccard({1}, {2}) == 0.0
    assert jaccard(set(), set()) == 1.0
    assert jaccard([1, 2, 3, 4], [3, 4]) == 0.5


def test_separated_clusters_are_stable_noise_is_not():
    rng = np.random.default_rng(0)
    separated = pd.DataFrame(np.vstack([rng.normal(m, 0.2, (20, 2)) for m in (-3, 0, 3)]), columns=["Dim 1", "Dim 2"])
    noise = pd.DataFrame(rng.uniform(size=(60, 2)), columns=["Dim 1", "Dim 2"])
    stable = cluster_stability(_fit(3), separated, HCPC(n_clusters=3).fit(separated).labels_, n_resamples=20)
    unstable = cluster_stability(_fit(5), noise, HCPC(n_clusters=5).fit(noise).labels_, n_resamples=20)
    assert (stable["mean_jaccard"] > 0.95).all()
    assert unstable["mean_jaccard"].mean() < 0.8
    assert stable["size"].tolist() == [20, 20, 20]


def test_same_seed_same_result():
    rng = np.random.default_rng(2)
    X = pd.DataFrame(rng.normal(size=(30, 2)), columns=["Dim 1", "Dim 2"])
    labels = HCPC(n_clusters=3).fit(X).labels_
    a = cluster_stability(_fit(3), X, labels, n_resamples=10, random_state=5)
    b = cluster_stability(_fit(3), X, labels, n_resamples=10, random_state=5)
    pd.testing.assert_frame_equal(a, b)


def test_labels_must_cover_every_row():
    X = pd.DataFrame({"Dim 1": [0.0, 1.0, 2.0]})
    with pytest.raises(ValueError, match="every row"):
        cluster_stability(_fit(2), X, pd.Series([1, 2], index=[0, 1]))
