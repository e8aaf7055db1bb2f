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
- individuals are sorted by their first coordinate before the tree, classes
  of the cut numbered by first appearance (R's ``cutree``), as FactoMineR does;
- consolidation by k-means started from the class centres, by default as in
  FactoMineR (``consol = TRUE``): Hartigan and Wong's algorithm, R's
  ``kmeans`` default, unweighted as there (:mod:`~.kmeans`). This, not the
  tree, is what decides the partition on tables with many identical
  individuals: Lloyd's k-means stops elsewhere;
- optional pre-clustering for large tables (FactoMineR's ``kk``): k-means
  into ``pre_clusters`` groups, then the tree on their centres weighted by
  their sizes; the within-group inertia is the last gain, as in FactoMineR.

The tree is built on the distinct individuals (identical ones merge first at
zero gain, which changes nothing else) by reciprocal nearest neighbours in
vectorised blocks: exact Ward, memory linear in the number of rows. Above
``tree_limit`` distinct individuals the default ``pre_clusters="auto"``
pre-clusters them (reported in ``pre_clusters_`` and ``note_``, with a
warning); ``pre_clusters=None`` refuses instead, naming the parameters.

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

import warnings

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClusterMixin
from sklearn.utils.validation import validate_data

from housing_research.errors import InputError
from housing_research.multivariate.kmeans import hartigan_wong
from housing_research.multivariate.precluster import pre_cluster
from housing_research.multivariate.validation import as_frame, check_coordinates
from housing_research.multivariate.ward import cut_tree, expand_linkage, first_appearance, ward_tree

#: Number of pre-clusters chosen by ``pre_clusters="auto"`` above ``tree_limit``.
AUTO_PRE_CLUSTERS = 1000


class HCPC(ClusterMixin, BaseEstimator):
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
    consolidation : bool, default True
        Consolidate the partition by Hartigan-Wong k-means from the class
        centres (FactoMineR's ``consol``, default ``TRUE`` there too).
    max_iter : int, default 10
        Iterations of the consolidation (FactoMineR's ``iter.max``).
    pre_clusters : "auto", int or None, default "auto"
        Pre-cluster the rows by k-means into this many groups before the tree
        (FactoMineR's ``kk``); no consolidation is done then, as in
        FactoMineR. ``"auto"``: none up to ``tree_limit`` distinct
        individuals, ``AUTO_PRE_CLUSTERS`` (1000) above. ``None``: never, and
        an error above ``tree_limit``.
    tree_limit : int, default 20_000
        Most distinct individuals the exact tree is built on (its time grows
        as their square: about 1 s at 10,000 on two cores).
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
        SciPy linkage matrix of the tree (leaves: the individuals sorted by
        their first coordinate, identical ones merged first at height 0; or
        the pre-clusters), heights = inertia gains.
    inertia_gains_ : Series
        Inertia gains of the merges of all individuals, largest first
        (``inert.gain``; identical individuals add zeros).
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
    pre_clusters_ : int or None
        Number of pre-clusters actually used.
    note_ : str
        What was done beyond the exact tree (empty when nothing was).
    n_iter_ : int
        Passes of the consolidation k-means (0 without consolidation).
    n_features_in_, feature_names_in_
        As in scikit-learn.

    Examples
    --------
    >>> from sklearn.pipeline import Pipeline
    >>> from housing_research import MCA
    >>> X = pd.DataFrame({"a": list("xxyyzzxy"), "b": list("ppqqpqpq"), "c": list("uvuvuvvu")})
    >>> pipe = Pipeline([("mca", MCA(n_components=2)), ("hcpc", HCPC(n_clusters=2))]).fit(X)
    >>> pipe["hcpc"].labels_.tolist() == HCPC(n_clusters=2).fit(MCA(n_components=2).fit(X)).labels_.tolist()
    True
    """

    def __init__(self, n_clusters=None, min_clusters=3, max_clusters=None, consolidation=True,
                 max_iter=10, pre_clusters="auto", tree_limit=20_000, n_paragons=5, random_state=None):
        self.n_clusters = n_clusters
        self.min_clusters = min_clusters
        self.max_clusters = max_clusters
        self.consolidation = consolidation
        self.max_iter = max_iter
        self.pre_clusters = pre_clusters
        self.tree_limit = tree_limit
        self.n_paragons = n_paragons
        self.random_state = random_state

    def fit(self, X, y=None, sample_weight=None):
        """Cluster the individuals.

        Parameters
        ----------
        X : DataFrame, 2-D array, or fitted MCA
            Coordinates of the individuals (for example ``MCA().transform``
            in a Pipeline), or a fitted :class:`housing_research.MCA`, whose
            ``row_coordinates_`` and ``row_weights_`` are used.
        y : ignored
        sample_weight : array-like, optional
            Row weights (default 1, or the MCA's row weights); in a Pipeline
            pass the same weights to both steps (``mca__sample_weight``,
            ``hcpc__sample_weight``).

        Returns
        -------
        self
        """
        coords, weights = self._coordinates(X, sample_weight)
        n = len(coords)
        if n < 3:
            raise InputError(f"fewer than 3 individuals to cluster ({n} sample)",
                             suggestion="HCPC needs at least 3 rows")
        values = coords.to_numpy(dtype=float)
        order = np.argsort(values[:, 0], kind="stable")   # FactoMineR sorts by the first coordinate
        points, w = values[order], weights[order]
        tree_points, tree_w, leaf, extra = self._tree_leaves(points, w)
        Z = ward_tree(tree_points, tree_w, total_weight=w.sum())
        n_leaves = len(tree_points) if self.pre_clusters_ else n
        gains = np.concatenate([Z[::-1, 2], np.zeros(n_leaves - len(tree_points)), extra])
        within = np.cumsum(gains[::-1])[::-1]              # within(k) for k = 1, 2, ...
        k, ks, ratio = self._choose_k(within, n_leaves)
        if k <= len(tree_points):
            sorted_labels = first_appearance(cut_tree(Z, k)[leaf])
        elif not self.pre_clusters_:                       # more classes than distinct rows: split identical ones
            sorted_labels = first_appearance(cut_tree(expand_linkage(Z, leaf), k))
        else:
            raise InputError(f"{k} classes asked for {len(tree_points)} pre-clusters", suggestion="choose fewer classes")
        self.n_iter_ = 0
        if self.consolidation and not self.pre_clusters_ and k > 1:
            sorted_labels = self._consolidate(points, sorted_labels, k)
        labels = np.empty(n, dtype=np.int64)
        labels[order] = sorted_labels
        labels, centres = self._number(values, labels, k)
        self.labels_ = pd.Series(labels, index=coords.index, name="cluster")
        self.n_clusters_ = k
        self.linkage_ = Z if self.pre_clusters_ else expand_linkage(Z, leaf)
        self.inertia_gains_ = pd.Series(gains, index=np.arange(1, len(gains) + 1), name="inertia_gain")
        self.within_inertia_ = pd.Series(within, index=np.arange(1, len(within) + 1), name="within_inertia")
        self.ratio_ = pd.Series(ratio, index=ks, name="ratio")
        self.cut_height_ = float((gains[k - 1] + gains[k - 2]) / 2) if 1 < k < len(gains) else float("nan")
        self.centers_ = pd.DataFrame(centres, index=pd.Index(np.arange(1, k + 1), name="cluster"),
                                     columns=coords.columns)
        self.paragons_, self.specific_ = self._describe_individuals(coords, labels, centres)
        return self

    # -------------------------------------------------------------- helpers
    def _coordinates(self, X, sample_weight):
        if hasattr(X, "row_coordinates_") and hasattr(X, "row_weights_"):
            coords = X.row_coordinates_
            default = np.asarray(X.row_weights_, dtype=float)
        else:
            if hasattr(X, "fit") and not hasattr(X, "shape"):
                raise TypeError("X must be coordinates (a DataFrame or an array) or a fitted MCA")
            coords = as_frame(X, "coordinates", empty="no coordinates to cluster")
            default = np.ones(len(coords))
        validate_data(self, coords if isinstance(X, pd.DataFrame) or hasattr(X, "row_coordinates_") else coords.to_numpy(),
                      reset=True, skip_check_array=True)
        check_coordinates(coords)
        weights = default if sample_weight is None else np.asarray(sample_weight, dtype=float).ravel()
        if weights.shape != (len(coords),):
            raise InputError(f"sample_weight has {weights.size} values for {len(coords)} rows",
                             suggestion="give one weight per row")
        bad = ~np.isfinite(weights) | (weights <= 0)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise InputError("weights must be finite and positive", row=str(coords.index[i]), value=float(weights[i]),
                             suggestion="drop individuals of zero weight before clustering")
        return coords, weights

    def _tree_leaves(self, points, w):
        """Points the tree is built on, their weights, the leaf of each row, and the gain below the leaves."""
        distinct, inverse = _distinct_rows(points, self.tree_limit)
        pre = self.pre_clusters
        self.pre_clusters_, self.note_ = None, ""
        if pre == "auto":
            pre = min(AUTO_PRE_CLUSTERS, self.tree_limit) if len(distinct) > self.tree_limit else None
            if pre is not None:
                self.note_ = (f"{len(distinct)} distinct individuals exceed tree_limit={self.tree_limit}: "
                              f"pre-clustered by k-means into {pre} groups (FactoMineR's kk), no consolidation")
                warnings.warn(self.note_, stacklevel=3)
        elif pre is None and len(distinct) > self.tree_limit:
            raise InputError(f"{len(distinct)} distinct individuals exceed tree_limit={self.tree_limit}",
                             suggestion="set pre_clusters (e.g. 1000, FactoMineR's kk), or raise tree_limit "
                                        "knowing that the tree's time grows as its square")
        if pre is None or pre >= len(distinct):
            return distinct, np.bincount(inverse, weights=w), inverse, np.zeros(0)
        dw = np.bincount(inverse, weights=w)
        groups, centres, group_w, within = pre_cluster(distinct, dw, int(pre), self.random_state)
        self.pre_clusters_ = len(centres)
        return centres, group_w, groups[inverse], np.array([within / w.sum()])

    def _choose_k(self, within, m):
        max_k = self.max_clusters if self.max_clusters is not None else min(10, int(np.round(m / 2)))
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
        return k, ks, ratio

    def _consolidate(self, points, labels, k):
        """Hartigan-Wong k-means from the class means (R's colMeans, in extended precision)."""
        sums = np.zeros((k, points.shape[1]), dtype=np.longdouble)
        np.add.at(sums, labels, points.astype(np.longdouble))
        centres = (sums / np.bincount(labels, minlength=k)[:, None]).astype(float)
        labels, _, self.n_iter_ = hartigan_wong(points, centres, max_iter=self.max_iter)
        return labels

    @staticmethod
    def _number(values, leaf, k):
        """Renumber classes 1..k by increasing mean first coordinate (FactoMineR)."""
        sizes = np.bincount(leaf, minlength=k)
        centres = np.column_stack([np.bincount(leaf, weights=values[:, j], minlength=k)
                                   for j in range(values.shape[1])]) / sizes[:, None]
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


def _distinct_rows(points: np.ndarray, limit: int):
    """The distinct rows of ``points`` and the index of each row among them.

    Up to ``limit`` distinct rows (the tree is built on them), they come in
    ``np.unique``'s order, on which FactoMineR's tie order is reproduced.
    Beyond it (they will be pre-clustered), they come in order of first
    appearance, found by hashing rather than sorting, which is several times
    faster on a million rows.
    """
    if len(points) > limit:
        inverse = pd.DataFrame(points).groupby(list(range(points.shape[1])), sort=False).ngroup().to_numpy()
        if inverse.max() + 1 > limit:
            first = np.unique(inverse, return_index=True)[1]
            return points[first], inverse
    distinct, inverse = np.unique(points, axis=0, return_inverse=True)
    return distinct, inverse.ravel()
