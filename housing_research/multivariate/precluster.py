"""Pre-clustering of large tables before the Ward tree (FactoMineR's ``kk``).

FactoMineR runs ``kmeans(X, kk, iter.max = 100, nstart = 4)`` and builds the
tree on the ``kk`` centres weighted by their sizes. :func:`pre_cluster`
keeps the idea and spends less: one weighted Lloyd k-means in single
precision (the groups only seed the tree), started by k-means++ on a
weighted subsample of ``20 kk`` points, for a few passes; the centres, the
weights and the within-group inertia are then computed exactly in double
precision.

Examples
--------
>>> import numpy as np
>>> rng = np.random.default_rng(0)
>>> X = np.vstack([rng.normal(m, 0.1, (100, 2)) for m in (-2, 2)])
>>> groups, centres, weights, within = pre_cluster(X, np.ones(200), 10, random_state=0)
>>> len(centres), float(weights.sum())
(10, 200.0)
"""

from __future__ import annotations

import numpy as np


def pre_cluster(points, weights, n_groups: int, random_state=None, max_iter: int = 10):
    """Weighted k-means into at most ``n_groups`` groups.

    Parameters
    ----------
    points : ndarray (n, d)
    weights : ndarray (n,)
        Positive weights.
    n_groups : int
        Number of groups (empty groups are dropped).
    random_state : int, optional
        Seed of the subsample and of k-means++.
    max_iter : int, default 10
        Lloyd passes over all points.

    Returns
    -------
    groups : ndarray (n,)
        Group of each point, ``0 .. g-1``.
    centres : ndarray (g, d)
        Weighted means of the groups.
    group_weights : ndarray (g,)
    within : float
        Weighted within-group sum of squares.
    """
    from sklearn.cluster import KMeans, kmeans_plusplus

    rng = np.random.default_rng(random_state)
    seed = int(rng.integers(2**31 - 1))
    X32 = np.ascontiguousarray(points, dtype=np.float32)
    size = min(len(points), 20 * n_groups)
    sample = rng.choice(len(points), size=size, replace=False, p=weights / weights.sum())
    init, _ = kmeans_plusplus(X32[sample], n_groups, random_state=seed)
    km = KMeans(n_clusters=n_groups, init=init, n_init=1, max_iter=max_iter, algorithm="lloyd", random_state=seed)
    raw = km.fit(X32, sample_weight=weights).labels_
    present = np.bincount(raw, minlength=n_groups) > 0
    groups = (np.cumsum(present) - 1)[raw]
    g = int(present.sum())
    group_w = np.bincount(groups, weights=weights, minlength=g)
    centres = np.column_stack([np.bincount(groups, weights=weights * points[:, j], minlength=g)
                               for j in range(points.shape[1])]) / group_w[:, None]
    within = float((weights * ((points - centres[groups]) ** 2).sum(axis=1)).sum())
    return groups, centres, group_w, within
