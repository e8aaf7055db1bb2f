"""How many classes: what each cut of the tree costs and how stable its classes are.

FactoMineR retains the number of classes that minimises the ratio of
within-class inertias at *k* and *k* − 1. When those ratios are flat, that
rule alone does not make a partition a reader can defend. :func:`partition_choice`
puts beside each candidate *k* what a reader needs: the between-class share
of the inertia, the ratio, the size of the smallest class, and the bootstrap
stability of its classes (the whole analysis — specific MCA and Ward tree —
redone on each resample, as for the retained partition).

Examples
--------
>>> import housing_research as hr  # doctest: +SKIP
>>> result = hr.analyse_typology(coded, inventory)  # doctest: +SKIP
>>> partition_choice(result, ks=(2, 3), n_resamples=20)[["smallest", "min_jaccard"]]  # doctest: +SKIP
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from housing_research.multivariate import HCPC, MCA, cluster_stability

#: Seed of the bootstrap of every candidate partition.
SEED = 2021


def _refit(n_components: int, excl, k: int):
    def fit_labels(sample: pd.DataFrame) -> pd.Series:
        keep = sample.loc[:, sample.nunique() > 1]
        cats = [(v, c) for v, c in (excl or []) if v in keep.columns and (keep[v] == c).any()]
        cats = [(v, c) for v, c in cats if (keep[v] != c).any()]
        fitted = MCA(n_components=n_components, excl=cats).fit(keep)
        return HCPC(n_clusters=k, consolidation=False).fit(fitted).labels_
    return fit_labels


def partition_choice(result, ks=range(2, 7), n_resamples: int = 50, random_state: int = SEED) -> pd.DataFrame:
    """One row per number of classes ``k``: inertia, ratio, class sizes and bootstrap stability.

    Parameters
    ----------
    result : TypologyResult
        The typology (:func:`housing_research.analyse_typology`): its active
        table, its MCA (dimensions and passive categories) and its tree.
    ks : iterable of int
        Numbers of classes compared.
    n_resamples : int
        Bootstrap resamples per ``k``.

    Returns
    -------
    DataFrame
        Indexed by ``k``: ``between_share`` (between-class inertia over the
        inertia of the dimensions kept), ``ratio`` (within inertia at k over
        k − 1, FactoMineR's criterion), ``smallest`` (size of the smallest
        class), ``mean_jaccard`` (size-weighted mean of the classes' mean
        Jaccard), ``min_jaccard`` (the least stable class), ``retained``.
    """
    hc = result.hcpc
    total = float(hc.within_inertia_.loc[1])
    rows = []
    for k in ks:
        labels = HCPC(n_clusters=k, consolidation=False).fit(result.mca).labels_
        stability = cluster_stability(_refit(result.mca.n_components, result.mca.excl, k), result.active, labels,
                                      n_resamples=n_resamples, random_state=random_state)
        sizes = labels.value_counts()
        rows.append({
            "k": k, "between_share": 1 - float(hc.within_inertia_.loc[k]) / total,
            "ratio": float(hc.ratio_.get(k, float("nan"))) if hasattr(hc.ratio_, "get") else float("nan"),
            "smallest": int(sizes.min()),
            "mean_jaccard": float((stability["mean_jaccard"] * stability["size"]).sum() / stability["size"].sum()),
            "min_jaccard": float(stability["mean_jaccard"].min()), "retained": k == hc.n_clusters_,
        })
    return pd.DataFrame(rows).set_index("k")


def _congruence(a: np.ndarray, b: np.ndarray) -> float:
    """Tucker's congruence of two coordinate vectors, sign ignored (an axis may flip between fits)."""
    return float(abs(a @ b) / np.sqrt((a @ a) * (b @ b)))


def plane_stability(result, n_resamples: int = 100, random_state: int = SEED, dims=("Dim 1", "Dim 2")) -> pd.DataFrame:
    """How well each axis of the first plane comes back when the initiatives are resampled.

    On each bootstrap resample the specific MCA is refitted; for every axis of
    ``dims`` the report gives Tucker's congruence between the active
    categories' coordinates on that axis in the original and in the resample
    (1: the same axis; an axis swapped with the next one drops towards 0).

    Returns
    -------
    DataFrame
        One row per axis: ``mean``, ``q10`` (tenth percentile) and
        ``share_above_0.9`` of the congruence over the resamples.
    """
    rng = np.random.default_rng(random_state)
    active, mca = result.active, result.mca
    original = mca.column_coordinates_
    scores = {d: [] for d in dims}
    for _ in range(n_resamples):
        sample = active.iloc[rng.integers(0, len(active), size=len(active))].reset_index(drop=True)
        keep = sample.loc[:, sample.nunique() > 1]
        cats = [(v, c) for v, c in (mca.excl or []) if v in keep.columns and (keep[v] == c).any()]
        cats = [(v, c) for v, c in cats if (keep[v] != c).any()]
        refitted = MCA(n_components=mca.n_components, excl=cats).fit(keep).column_coordinates_
        common = original.index.intersection(refitted.index)
        for d in dims:
            scores[d].append(_congruence(original.loc[common, d].to_numpy(), refitted.loc[common, d].to_numpy()))
    return pd.DataFrame({d: {"mean": float(np.mean(v)), "q10": float(np.quantile(v, 0.1)),
                             "share_above_0.9": float(np.mean(np.array(v) > 0.9))} for d, v in scores.items()}).T
