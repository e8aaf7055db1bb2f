"""Hierarchical clustering on principal components: FactoMineR's ``HCPC``.

:class:`HCPC` clusters the individuals of a factorial analysis (an
:class:`housing_research.MCA`, or any table of principal coordinates) with
Ward's criterion, as FactoMineR 2.7 does:

- the dissimilarity between two individuals is Ward's increase of
  within-class inertia, ``w_i w_j / (w_i + w_j) * d^2(i, j) / W``, so that the
  heights of the tree are inertia gains that add up to the total inertia;
- the number of classes, unless given, is the ``k`` in
  ``[min_clusters, max_clusters]`` minimising ``within(k) / within(k - 1)``
  (FactoMineR's ``nb.clust = -1`` rule);
- classes are numbered by increasing mean of the first coordinate
  (FactoMineR's numbering);
- optional consolidation by k-means started from the class centres
  (FactoMineR's ``consol = TRUE``, unweighted as there; Lloyd's algorithm);
- optional pre-clustering for large tables (FactoMineR's ``kk``): k-means
  into ``pre_clusters`` groups, then the tree on their centres weighted by
  their sizes — memory stays linear in the number of rows.

The tree is built with the nearest-neighbour-chain algorithm on class
centroids (exact for Ward, no n x n matrix), and exposed as a SciPy linkage
matrix (``linkage_``) for dendrograms.

Examples
--------
>>> import numpy as np, pandas as pd
>>> rng = np.random.default_rng(0)
>>> coords = pd.DataFrame(np.vstack([rng.normal(m, 0.1, (10, 2)) for m in (-2, 0, 2)]),
...                       columns=["Dim 1", "Dim 2"])
>>> hc = HCPC(min_clusters=2, max_clusters=5).fit(coords)
>>> hc.n_clusters_, hc.labels_.value_counts().sort_index().tolist()
(3, [10, 10, 10])
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from housing_research.errors import InputError
from housing_research.multivariate.ward import cut_tree, ward_tree


class HCPC:
    """Hierarchical clustering on principal components (FactoMineR's ``HCPC``).

    Parameters
    ----------
    n_clusters : int, optional
        Number of classes; by default chosen by the inertia-gain rule.
    min_clusters : int, default 3
        Smallest number of classes considered by the rule (FactoMineR's ``min``).
    max_clusters : int, optional
        Largest number considered (FactoMineR's ``max``; default
        ``min(10, round(n / 2))``, capped at ``n - 1``).
    consolidation : bool, default False
        Consolidate the partition by k-means from the class centres.
    max_iter : int, default 10
        Iterations of the consolidation (FactoMineR's ``iter.max``).
    pre_clusters : int, optional
        Pre-cluster the rows by k-means into this many groups before the tree
        (FactoMineR's ``kk``); no consolidation is done then, as in FactoMineR.
        Up to 50,000 rows the k-means is Lloyd's with 4 starts (as FactoMineR's
        ``nstart = 4``); above, mini-batch k-means with 3 starts.
    n_paragons : int, default 5
        Individuals listed per class in ``paragons_`` and ``specific_``.
    random_state : int, optional
        Seed of the pre-clustering k-means.

    Attributes
    ----------
    labels_ : Series
        Class of each individual (1 .. k, FactoMineR's numbering).
    n_clusters_ : int
    linkage_ : ndarray
        SciPy linkage matrix of the tree (on individuals, or on the
        pre-clusters), heights = inertia gains.
    inertia_gains_ : Series
        Inertia gains of the last merges, largest first (``inert.gain``).
    within_inertia_ : Series
        Within-class inertia of the partitions into 1, 2, ... classes.
    ratio_ : Series
        ``within(k) / within(k - 1)`` for k in the searched range.
    cut_height_ : float
        Height at which the tree is cut (middle of the two gains around it).
    centers_ : DataFrame
        Class centres (unweighted means of the coordinates, as FactoMineR).
    paragons_ : dict of Series
        For each class, its individuals closest to its centre (``desc.ind$para``).
    specific_ : dict of Series
        For each class, its individuals farthest from the other centres (``desc.ind$dist``).
    """

    def __init__(self, n_clusters=None, min_clusters=3, max_clusters=None, consolidation=False,
                 max_iter=10, pre_clusters=None, n_paragons=5, random_state=None):
        self.n_clusters = n_clusters
        self.min_clusters = min_clusters
        self.max_clusters = max_clusters
        self.consolidation = consolidation
        self.max_iter = max_iter
        self.pre_clusters = pre_clusters
        self.n_paragons = n_paragons
        self.random_state = random_state

    def fit(self, X, y=None, sample_weight=None):
        """Cluster the individuals.

        Parameters
        ----------
        X : fitted MCA or DataFrame
            A fitted :class:`housing_research.MCA` (its ``row_coordinates_``
            and ``row_weights_`` are used) or a DataFrame of coordinates.
        y : ignored
        sample_weight : array-like, optional
            Row weights when ``X`` is a DataFrame (default 1).

        Returns
        -------
        self
        """
        coords, weights = self._coordinates(X, sample_weight)
        n = len(coords)
        if n < 3:
            raise InputError("fewer than 3 individuals to cluster", suggestion="HCPC needs at least 3 rows")
        values = coords.to_numpy(dtype=float)
        if self.pre_clusters is not None and self.pre_clusters < n:
            groups, centres, group_w = self._pre_cluster(values, weights)
            tree_points, tree_w = centres, group_w
        else:
            groups = None
            # FactoMineR sorts the individuals by their first coordinate before the tree
            order = np.argsort(values[:, 0], kind="stable")
            tree_points, tree_w = values[order], weights[order]
        m = len(tree_points)
        Z = ward_tree(tree_points, tree_w)
        gains = Z[::-1, 2]                                     # largest first
        within = np.cumsum(gains[::-1])[::-1]                  # within(k) for k = 1..m-1
        max_k = self.max_clusters if self.max_clusters is not None else min(10, int(_round_half_even(m / 2)))
        max_k = min(max_k, m - 1)
        min_k = self.min_clusters
        if not 2 <= min_k <= max_k:
            raise InputError(f"min_clusters={min_k} and max_clusters={max_k} leave no choice",
                             suggestion=f"use 2 <= min_clusters <= max_clusters <= {m - 1}")
        ks = np.arange(min_k, max_k + 1)
        with np.errstate(invalid="ignore", divide="ignore"):   # 0/0 when points coincide: skipped, as R's which.min
            ratio = within[ks - 1] / within[ks - 2]
        best = int(ks[np.nanargmin(ratio)]) if np.isfinite(ratio).any() else min_k
        k = best if self.n_clusters is None else int(self.n_clusters)
        if not 1 <= k <= m:
            raise InputError(f"n_clusters={k} is out of range", suggestion=f"choose between 1 and {m}")
        tree_labels = cut_tree(Z, k)
        if groups is None:
            leaf = np.empty(n, dtype=int)
            leaf[order] = tree_labels
        else:
            leaf = tree_labels[groups]
        if self.consolidation and groups is None:
            leaf = self._kmeans_from(values, leaf, k)
        labels, centres = self._number(values, leaf, k)

        self.labels_ = pd.Series(labels, index=coords.index, name="cluster")
        self.n_clusters_ = k
        self.linkage_ = Z
        self.inertia_gains_ = pd.Series(gains, index=np.arange(1, m), name="inertia_gain")
        self.within_inertia_ = pd.Series(within, index=np.arange(1, m), name="within_inertia")
        self.ratio_ = pd.Series(ratio, index=ks, name="ratio")
        self.cut_height_ = float((Z[m - k, 2] + Z[m - k - 1, 2]) / 2) if 1 < k < m else float("nan")
        self.centers_ = pd.DataFrame(centres, index=pd.Index(np.arange(1, k + 1), name="cluster"),
                                     columns=coords.columns)
        self.paragons_, self.specific_ = self._describe_individuals(coords, labels, centres)
        return self

    # -------------------------------------------------------------- helpers
    @staticmethod
    def _coordinates(X, sample_weight):
        if hasattr(X, "row_coordinates_"):
            coords = X.row_coordinates_
            weights = np.asarray(X.row_weights_, dtype=float) if sample_weight is None else np.asarray(sample_weight, float)
        elif isinstance(X, pd.DataFrame):
            coords = X
            weights = np.ones(len(X)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
        else:
            raise TypeError("X must be a fitted MCA or a DataFrame of coordinates")
        if coords.shape[0] == 0 or coords.shape[1] == 0:
            raise InputError(f"no coordinates to cluster ({coords.shape[0]} rows, {coords.shape[1]} columns)",
                             suggestion="pass the principal coordinates of at least 3 individuals")
        if not all(pd.api.types.is_numeric_dtype(t) for t in coords.dtypes):
            raise InputError("coordinates must be numeric", suggestion="pass principal coordinates")
        values = coords.to_numpy(dtype=float)
        if not np.isfinite(values).all():
            i, j = np.argwhere(~np.isfinite(values))[0]
            raise InputError("missing or infinite coordinate", row=str(coords.index[i]), column=str(coords.columns[j]),
                             value=float(values[i, j]), suggestion="drop or impute that individual before clustering")
        if weights.shape != (len(coords),):
            raise InputError(f"sample_weight has {weights.size} values for {len(coords)} rows",
                             suggestion="give one weight per row")
        bad = ~np.isfinite(weights) | (weights <= 0)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise InputError("weights must be finite and positive", row=str(coords.index[i]), value=float(weights[i]),
                             suggestion="drop individuals of zero weight before clustering")
        return coords, weights

    #: Above this many rows, pre-clustering uses mini-batch k-means.
    _minibatch_above = 50_000

    def _pre_cluster(self, values, weights):
        from sklearn.cluster import KMeans, MiniBatchKMeans

        if len(values) <= self._minibatch_above:
            km = KMeans(n_clusters=self.pre_clusters, n_init=4, max_iter=100, random_state=self.random_state)
        else:  # Lloyd's k-means costs n x kk per iteration: mini-batches keep 1M rows under a minute
            km = MiniBatchKMeans(n_clusters=self.pre_clusters, n_init=3, max_iter=100, batch_size=8192,
                                 random_state=self.random_state)
        groups = km.fit_predict(values, sample_weight=weights)
        group_w = np.bincount(groups, weights=weights, minlength=self.pre_clusters)
        present = group_w > 0
        remap = np.cumsum(present) - 1
        centres = np.vstack([np.average(values[groups == g], axis=0, weights=weights[groups == g])
                             for g in np.flatnonzero(present)])
        return remap[groups], centres, group_w[present]

    def _kmeans_from(self, values, leaf, k):
        """Lloyd's k-means started from the class centres (unweighted, as FactoMineR)."""
        labels = leaf.copy()
        for _ in range(self.max_iter):
            centres = np.vstack([values[labels == c].mean(axis=0) for c in range(k)])
            d2 = ((values[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2) if len(values) <= 200_000 \
                else self._chunked_d2(values, centres)
            new = np.argmin(d2, axis=1)
            if np.array_equal(new, labels) or len(np.unique(new)) < k:
                break
            labels = new
        return labels

    @staticmethod
    def _chunked_d2(values, centres, chunk=100_000):
        return np.vstack([((values[i:i + chunk, None, :] - centres[None]) ** 2).sum(axis=2)
                          for i in range(0, len(values), chunk)])

    @staticmethod
    def _number(values, leaf, k):
        """Renumber classes 1..k by increasing mean first coordinate (FactoMineR)."""
        centres = np.vstack([values[leaf == c].mean(axis=0) for c in range(k)])
        order = np.argsort(centres[:, 0], kind="stable")
        rank = np.empty(k, dtype=int)
        rank[order] = np.arange(1, k + 1)
        return rank[leaf], centres[order]

    def _describe_individuals(self, coords, labels, centres):
        values = coords.to_numpy(dtype=float)
        paragons, specific = {}, {}
        for c in range(1, len(centres) + 1):
            members = np.flatnonzero(labels == c)
            d_own = np.sqrt(((values[members] - centres[c - 1]) ** 2).sum(axis=1))
            para = pd.Series(d_own, index=coords.index[members], name="distance")
            paragons[c] = para.iloc[np.argsort(d_own, kind="stable")][: self.n_paragons]
            others = np.delete(centres, c - 1, axis=0)
            if len(others):
                d_other = np.sqrt(((values[members, None, :] - others[None]) ** 2).sum(axis=2)).min(axis=1)
                spec = pd.Series(d_other, index=coords.index[members], name="distance")
                specific[c] = spec.iloc[np.argsort(-d_other, kind="stable")][: self.n_paragons]
        return paragons, specific


def _round_half_even(x: float) -> float:
    """R's round() (IEC 60559: halves to even), used for FactoMineR's default max."""
    return float(np.round(x))
