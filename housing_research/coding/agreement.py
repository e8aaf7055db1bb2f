"""Inter-coder reliability of the typology coding.

:func:`agreement` compares two codings of the same initiatives (two coders, or
a coder and the automatic coder) axis by axis and category by category. The
statistics are implemented here:

- raw agreement: share of units coded identically;
- Cohen's kappa: ``(p_o - p_e) / (1 - p_e)`` with ``p_e`` from each coder's own
  marginal distribution (Cohen 1960);
- Krippendorff's alpha: ``1 - D_o / D_e`` computed from the coincidence of
  values within units (Krippendorff 2011, "Computing Krippendorff's
  alpha-reliability"), with the distance suited to each axis: nominal for
  origin and the four dimensions, ordinal for the institutionalisation level,
  MASI (Passonneau 2006) for the set-valued registers.

A unit is one initiative in one period. Only units coded by both sides are
compared. Origin is compared as a whole label (a joint origin is the label
``"bailleur; locataires"``); registers as sets, ``inconnu`` being the empty
set; for the level, units where either side has ``inconnu`` are left out.

Examples
--------
>>> import pandas as pd
>>> from housing_research import agreement
>>> a = pd.DataFrame({"initiative_id": ["I1", "I2", "I3", "I4"], "period": "principal",
...                   "axis": "origin", "code": ["locataires", "bailleur", "tiers", "bailleur"]})
>>> b = a.assign(code=["locataires", "bailleur", "bailleur", "bailleur"])
>>> res = agreement(a, b)
>>> origin = res.summary.set_index("axis").loc["origin"]
>>> int(origin["n_units"]), float(origin["agreement"]), round(float(origin["kappa"]), 3)
(4, 0.75, 0.556)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

from housing_research.coding.assemble import EVIDENCE_SEP
from housing_research.coding.codebook import DIMENSIONS, MANUAL_AXES, Codebook, codebook
from housing_research.coding.scores import institutionalisation
from housing_research.text import MULTI_SEP

#: Axes compared, with the distance used by Krippendorff's alpha.
METRICS: dict[str, str] = {"origin": "nominal", **{d: "nominal" for d in DIMENSIONS},
                           "level": "ordinal", "register": "masi"}
_KEYS = ["initiative_id", "period"]


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


@dataclass(frozen=True)
class AgreementResult:
    """Result of :func:`agreement`.

    Attributes
    ----------
    summary : DataFrame
        One row per axis: ``axis``, ``metric`` (distance of alpha), ``n_units``,
        ``agreement`` (share of identical codes), ``kappa`` (Cohen, on whole
        labels), ``alpha`` (Krippendorff).
    per_category : DataFrame
        One row per axis and category: ``axis``, ``category``, ``n_a`` and
        ``n_b`` (units given the category by each side), ``agreement``,
        ``kappa`` and ``alpha`` (nominal) on the presence of the category.
    disagreements : DataFrame
        ``initiative_id``, ``period``, ``axis``, ``code_a``, ``code_b``,
        ``evidence_a``, ``evidence_b`` for every unit coded differently.
    """

    summary: pd.DataFrame
    per_category: pd.DataFrame
    disagreements: pd.DataFrame


def _long_from_coded(coded: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for rec in coded.to_dict("records"):
        for axis in MANUAL_AXES:
            for value in str(rec[axis]).split(MULTI_SEP):
                rows.append({"initiative_id": rec["initiative_id"], "period": rec["period"],
                             "axis": axis, "code": value,
                             "evidence": rec.get(f"{axis}_evidence", "")})
    return pd.DataFrame(rows)


def _evidence(table: pd.DataFrame) -> pd.Series:
    if "evidence" in table:
        return table["evidence"].fillna("").astype(str)
    if {"field", "indicator"} <= set(table.columns):
        return (table["field"].astype(str) + ": " + table["indicator"].astype(str)).where(
            table["field"].astype(str) != "", "")
    if "justification" in table:
        coder = table["coder"].astype(str) + ": " if "coder" in table else ""
        return coder + table["justification"].fillna("").astype(str)
    return pd.Series("", index=table.index)


def _units(table: pd.DataFrame, cb: Codebook) -> dict:
    """Map (initiative_id, period) -> {axis: (codes tuple, evidence)}."""
    if "axis" not in table.columns:
        table = _long_from_coded(table)
    table = table.assign(evidence=_evidence(table), period=table.get("period", "principal"))
    out: dict = {}
    for (iid, period, axis), group in table.groupby([*_KEYS, "axis"], sort=True):
        if axis not in METRICS:
            continue
        order = cb.codes(axis)
        codes = tuple(c for c in order if c in set(group["code"])) or (cb.unknown,)
        evidence = EVIDENCE_SEP.join(dict.fromkeys(e for e in group["evidence"] if e))
        out.setdefault((str(iid), str(period)), {})[axis] = (codes, evidence)
    for axes in out.values():
        if all(d in axes for d in DIMENSIONS):
            _, level = institutionalisation([axes[d][0][0] for d in DIMENSIONS], cb)
            evidence = EVIDENCE_SEP.join(f"{d}={axes[d][0][0]}" for d in DIMENSIONS)
            axes["level"] = ((level,), evidence)
    return out


def _value(axis, codes, cb):
    if METRICS[axis] == "masi":
        return frozenset(c for c in codes if c != cb.unknown)
    return MULTI_SEP.join(codes)


def agreement(codes_a: pd.DataFrame, codes_b: pd.DataFrame,
              cb: Codebook | None = None) -> AgreementResult:
    """Agreement between two codings, per axis and per category.

    Parameters
    ----------
    codes_a, codes_b : DataFrame
        Either long tables (``initiative_id``, ``period``, ``axis``, ``code``,
        optionally ``evidence``, or ``field`` and ``indicator``, or
        ``coder`` and ``justification``) such as the manual codes table, or
        coded tables as returned by :func:`housing_research.code`. A missing
        ``period`` column means ``principal``.
    cb : Codebook, optional

    Returns
    -------
    AgreementResult
        ``summary``, ``per_category`` and ``disagreements`` DataFrames (see
        :class:`AgreementResult`). The level is computed from the four
        dimensions, for units where both sides code all four.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"initiative_id": ["I1", "I1", "I2"], "axis": "register",
    ...                   "code": ["entraide", "solidarite", "partenariat"]})
    >>> b = pd.DataFrame({"initiative_id": ["I1", "I2"], "axis": "register",
    ...                   "code": ["entraide", "partenariat"]})
    >>> res = agreement(a, b)
    >>> res.disagreements[["axis", "code_a", "code_b"]].values.tolist()
    [['register', 'entraide; solidarite', 'entraide']]
    """
    cb = cb or codebook()
    units_a, units_b = _units(codes_a, cb), _units(codes_b, cb)
    common = sorted(set(units_a) & set(units_b))
    summary, per_category, disagreements = [], [], []
    for axis, metric in METRICS.items():
        pairs = [(u, units_a[u][axis], units_b[u][axis]) for u in common
                 if axis in units_a[u] and axis in units_b[u]]
        if axis == "level":
            pairs = [p for p in pairs if cb.unknown not in (p[1][0][0], p[2][0][0])]
        labels_a = [MULTI_SEP.join(a[0]) for _, a, _ in pairs]
        labels_b = [MULTI_SEP.join(b[0]) for _, _, b in pairs]
        values = [(_value(axis, a[0], cb), _value(axis, b[0], cb)) for _, a, b in pairs]
        order = cb.codes("level") if axis == "level" else None
        summary.append({
            "axis": axis, "metric": metric, "n_units": len(pairs),
            "agreement": float(np.mean([x == y for x, y in zip(labels_a, labels_b)]))
            if pairs else float("nan"),
            "kappa": cohen_kappa(labels_a, labels_b),
            "alpha": krippendorff_alpha(values, metric, order),
        })
        for category in cb.codes(axis):
            has_a = [int(category in a[0]) for _, a, _ in pairs]
            has_b = [int(category in b[0]) for _, _, b in pairs]
            per_category.append({
                "axis": axis, "category": category, "n_a": sum(has_a), "n_b": sum(has_b),
                "agreement": float(np.mean([x == y for x, y in zip(has_a, has_b)]))
                if pairs else float("nan"),
                "kappa": cohen_kappa(has_a, has_b),
                "alpha": krippendorff_alpha(zip(has_a, has_b)),
            })
        for (iid, period), a, b in pairs:
            if a[0] != b[0]:
                disagreements.append({"initiative_id": iid, "period": period, "axis": axis,
                                      "code_a": MULTI_SEP.join(a[0]), "code_b": MULTI_SEP.join(b[0]),
                                      "evidence_a": a[1], "evidence_b": b[1]})
    columns = ["initiative_id", "period", "axis", "code_a", "code_b", "evidence_a", "evidence_b"]
    return AgreementResult(pd.DataFrame(summary), pd.DataFrame(per_category),
                           pd.DataFrame(disagreements, columns=columns))
