"""Bootstrap stability of clusters (Hennig's ``clusterboot`` idea).

FactoMineR gives a partition but not its stability, which reviewers ask for.
:func:`cluster_stability` draws bootstrap samples of the individuals, re-runs
the whole clustering on each, and for every original cluster records the best
Jaccard similarity with a cluster of the resample (computed on the distinct
individuals drawn). A mean Jaccard above 0.75 is usually read as a stable
cluster, below 0.5 as a dissolved one (Hennig, 2007).

Examples
--------
>>> import numpy as np, pandas as pd
>>> from housing_research.multivariate.hcpc import HCPC
>>> rng = np.random.default_rng(0)
>>> X = pd.DataFrame(np.vstack([rng.normal(m, 0.1, (15, 2)) for m in (-2, 2)]), columns=["Dim 1", "Dim 2"])
>>> labels = HCPC(n_clusters=2).fit(X).labels_
>>> fit = lambda sample: HCPC(n_clusters=2).fit(sample).labels_
>>> cluster_stability(fit, X, labels, n_resamples=20, random_state=1)["mean_jaccard"].round(2).tolist()
[1.0, 1.0]
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import pandas as pd


def jaccard(a, b) -> float:
    """Jaccard similarity of two sets (1.0 for two empty sets).

    Examples
    --------
    >>> jaccard({1, 2, 3}, {2, 3, 4})
    0.5
    """
    a, b = set(a), set(b)
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def cluster_stability(fit_labels: Callable[[pd.DataFrame], pd.Series], X: pd.DataFrame, labels: pd.Series,
                      n_resamples: int = 100, random_state=0) -> pd.DataFrame:
    """Mean best-match Jaccard similarity of each cluster over bootstrap resamples.

    Parameters
    ----------
    fit_labels : callable
        Runs the whole clustering on a sample (a DataFrame with the rows of
        ``X`` drawn with replacement, index made unique with a ``#k`` suffix)
        and returns its labels as a Series indexed like the sample.
    X : DataFrame
        The data the clustering runs on (one row per individual).
    labels : Series
        The original partition, indexed like ``X``.
    n_resamples : int, default 100
        Number of bootstrap samples.
    random_state : int or Generator
        Seed; the same seed gives the same result.

    Returns
    -------
    DataFrame
        One row per original cluster: ``size``, ``mean_jaccard``,
        ``median_jaccard``, ``q10_jaccard``, ``dissolved`` (share of resamples
        with a best Jaccard below 0.5).
    """
    rng = np.random.default_rng(random_state)
    labels = pd.Series(labels).reindex(X.index)
    if labels.isna().any():
        raise ValueError("labels must give a cluster to every row of X")
    clusters = sorted(labels.unique())
    n = len(X)
    scores = np.zeros((n_resamples, len(clusters)))
    for b in range(n_resamples):
        draw = rng.integers(0, n, size=n)
        sample = X.iloc[draw].copy()
        originals = X.index[draw]
        sample.index = [f"{idx}#{k}" for k, idx in enumerate(originals)]
        new = pd.Series(np.asarray(fit_labels(sample)), index=originals)
        new = new[~new.index.duplicated()]                 # each distinct individual once
        drawn = set(new.index)
        for j, c in enumerate(clusters):
            original = set(labels.index[labels == c]) & drawn
            scores[b, j] = max(jaccard(original, new.index[new == k]) for k in new.unique())
    return pd.DataFrame({
        "size": [int((labels == c).sum()) for c in clusters],
        "mean_jaccard": scores.mean(axis=0),
        "median_jaccard": np.median(scores, axis=0),
        "q10_jaccard": np.quantile(scores, 0.1, axis=0),
        "dissolved": (scores < 0.5).mean(axis=0),
    }, index=pd.Index(clusters, name="cluster"))
