"""Reliability statistics: Cohen's and Fleiss' kappa, Krippendorff's alpha, the MASI distance.

Implemented here and checked against nltk, krippendorff and statsmodels
(``tests/data/agreement_reference.json``):

- Cohen's kappa: ``(p_o - p_e) / (1 - p_e)`` with ``p_e`` from each coder's own
  marginal distribution (Cohen 1960);
- Fleiss' kappa: ``(P - P_e) / (1 - P_e)`` for any number of coders who all
  coded every unit, ``P`` the mean share of agreeing pairs of coders within
  a unit and ``P_e`` the sum of the squared shares of each category (Fleiss 1971);
- Krippendorff's alpha: ``1 - D_o / D_e`` computed from the coincidence of
  values within units (Krippendorff 2011, "Computing Krippendorff's
  alpha-reliability"), with a nominal, ordinal or MASI distance;
- MASI (Passonneau 2006) for set-valued codes.
"""

from __future__ import annotations

from collections import Counter

import numpy as np


def cohen_kappa(codes_a, codes_b) -> float:
    """Cohen's kappa of two equally long sequences of labels.

    Returns NaN when chance agreement is 1 (both coders always used the same
    single label).

    Examples
    --------
    A 2 x 2 table with 20 agreements on yes, 15 on no and 15 disagreements
    (10 yes/no, 5 no/yes): p_o = 0.7, p_e = 0.6 x 0.5 + 0.4 x 0.5 = 0.5.

    >>> a = ["y"] * 20 + ["n"] * 15 + ["y"] * 10 + ["n"] * 5
    >>> b = ["y"] * 20 + ["n"] * 15 + ["n"] * 10 + ["y"] * 5
    >>> round(cohen_kappa(a, b), 10)
    0.4
    """
    a, b = list(codes_a), list(codes_b)
    if len(a) != len(b):
        raise ValueError("both codings must have the same length")
    if not a:
        return float("nan")
    n = len(a)
    p_o = sum(x == y for x, y in zip(a, b)) / n
    count_a, count_b = Counter(a), Counter(b)
    p_e = sum(count_a[c] * count_b[c] for c in count_a) / n**2
    if np.isclose(p_e, 1.0):
        return float("nan")
    return float((p_o - p_e) / (1 - p_e))


def fleiss_kappa(units) -> float:
    """Fleiss' kappa of units each coded by the same number (two or more) of coders.

    Parameters
    ----------
    units : iterable of sequences
        For each unit, the labels its coders gave it (any hashable labels).

    Returns
    -------
    float
        NaN when there is no unit or when every label is the same (``P_e = 1``).

    Examples
    --------
    Three coders, four units:

    >>> round(fleiss_kappa([["a", "a", "a"], ["a", "a", "b"], ["b", "b", "b"], ["a", "b", "b"]]), 4)
    0.3333
    """
    units = [list(u) for u in units]
    if not units:
        return float("nan")
    n = len(units[0])
    if n < 2 or any(len(u) != n for u in units):
        raise ValueError("Fleiss' kappa needs the same number (two or more) of codes in every unit")
    counts = [Counter(u) for u in units]
    agreement = np.mean([(sum(c * c for c in unit.values()) - n) / (n * (n - 1)) for unit in counts])
    total = Counter()
    for unit in counts:
        total.update(unit)
    chance = sum((v / (n * len(units))) ** 2 for v in total.values())
    if np.isclose(chance, 1.0):
        return float("nan")
    return float((agreement - chance) / (1 - chance))


def masi_distance(a, b) -> float:
    """MASI distance between two sets: ``1 - J * M``.

    ``J`` is the Jaccard index; ``M`` is 1 for equal sets, 2/3 when one set
    contains the other, 1/3 when they overlap otherwise, 0 when disjoint
    (Passonneau 2006). Two empty sets are at distance 0.

    Examples
    --------
    >>> round(masi_distance({"a", "b"}, {"a"}), 4)   # 1 - 1/2 x 2/3
    0.6667
    >>> round(masi_distance({"a", "b"}, {"b", "c"}), 4)   # 1 - 1/3 x 1/3
    0.8889
    """
    a, b = set(a), set(b)
    if a == b:
        return 0.0
    inter, union = len(a & b), len(a | b)
    if a <= b or b <= a:
        monotonicity = 2 / 3
    elif inter:
        monotonicity = 1 / 3
    else:
        monotonicity = 0.0
    return 1 - inter / union * monotonicity


def _distance_matrix(values, metric, counts, order):
    k = len(values)
    if metric == "nominal":
        return 1.0 - np.eye(k)
    if metric == "masi":
        return np.array([[masi_distance(u, v) for v in values] for u in values])
    if metric == "ordinal":
        rank = {v: order.index(v) for v in values}
        freq = np.array([counts.get(v, 0) for v in order], dtype=float)
        dist = np.zeros((k, k))
        for i, u in enumerate(values):
            for j, v in enumerate(values):
                lo, hi = sorted((rank[u], rank[v]))
                dist[i, j] = (freq[lo:hi + 1].sum() - (freq[lo] + freq[hi]) / 2) ** 2
        return dist
    raise ValueError(f"unknown metric {metric!r}; use nominal, ordinal or masi")


def krippendorff_alpha(units, metric: str = "nominal", order=None) -> float:
    """Krippendorff's alpha for units coded by any number of coders.

    Parameters
    ----------
    units : iterable of sequences
        For each unit, the values the coders gave it (missing values left out).
        Units with fewer than two values are not pairable and are ignored.
    metric : {"nominal", "ordinal", "masi"}
        Distance between values; for ``masi`` values are sets.
    order : sequence, optional
        Ordered categories, required for ``ordinal``.

    Returns
    -------
    float
        ``1 - D_o / D_e``; NaN when there is no pairable value or no variation.

    Examples
    --------
    Two observers, binary data, 10 units (Krippendorff 2011, section A):

    >>> a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    >>> b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    >>> round(krippendorff_alpha(zip(a, b)), 3)
    0.095
    """
    if metric == "masi":
        units = [[frozenset(v) for v in unit] for unit in units]
    units = [list(unit) for unit in units]
    units = [unit for unit in units if len(unit) >= 2]
    if not units:
        return float("nan")
    counts = Counter(v for unit in units for v in unit)
    values = list(counts)
    if metric == "ordinal":
        if order is None:
            raise ValueError("ordinal alpha needs the order of the categories")
        values = [v for v in order if v in counts]
    index = {v: i for i, v in enumerate(values)}
    dist = _distance_matrix(values, metric, counts, list(order or []))
    n = sum(counts.values())
    # coincidence matrix: each ordered pair of values within a unit, weighted 1/(m_u - 1)
    coincidence = np.zeros((len(values), len(values)))
    for unit in units:
        weight = 1.0 / (len(unit) - 1)
        for i, u in enumerate(unit):
            for j, v in enumerate(unit):
                if i != j:
                    coincidence[index[u], index[v]] += weight
    marginal = np.array([counts[v] for v in values], dtype=float)
    observed = (coincidence * dist).sum() / n
    expected = (np.outer(marginal, marginal) * dist).sum() / (n * (n - 1))
    if np.isclose(expected, 0.0):
        return float("nan")
    return float(1 - observed / expected)
