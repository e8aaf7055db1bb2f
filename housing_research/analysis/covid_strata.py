"""Covid statuses with the document as a stratum, and cell tests corrected for multiple testing.

The inventory has no sampling frame: which Covid status an initiative has
depends first on which document reports it (a landlords' newsletter reports
new actions, seminar minutes report what stopped). A test of status against
pole or class must therefore compare initiatives *within* a document.

- :func:`stratified_permutation_test` permutes the statuses within each
  stratum (document), keeping every stratum's status counts, and compares
  the chi-square statistic of the pooled status x group table with its
  permutation distribution (Monte Carlo, fixed seed);
- :func:`holm` adjusts a family of p-values (Holm's step-down method, which
  controls the family-wise error rate), and :func:`cell_tests` applies it to
  the cell-by-cell Fisher tests of :func:`~housing_research.analysis.covid.fisher_by_cell`;
- :func:`status_by` gives the descriptive counts by document or actor kind.

Examples
--------
>>> holm([0.01, 0.04, 0.03]).round(2).tolist()
[0.03, 0.06, 0.06]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from housing_research.analysis.covid import fisher_by_cell


def holm(p_values) -> np.ndarray:
    """Holm-adjusted p-values, in the order given (as R's ``p.adjust(method = "holm")``)."""
    p = np.asarray(p_values, dtype=float)
    m = len(p)
    order = np.argsort(p, kind="stable")
    adjusted = np.maximum.accumulate((m - np.arange(m)) * p[order])
    out = np.empty(m)
    out[order] = np.minimum(adjusted, 1.0)
    return out


def cell_tests(counts: pd.DataFrame) -> pd.DataFrame:
    """Fisher's test of every cell (one against the rest) with the Holm-adjusted p-value (``p_holm``)."""
    cells = fisher_by_cell(counts)
    cells["p_holm"] = holm(cells["p_value"]) if len(cells) else []
    return cells


def _chi2(status: np.ndarray, group: np.ndarray, n_status: int, n_group: int) -> float:
    table = np.zeros((n_status, n_group))
    np.add.at(table, (status, group), 1)
    expected = table.sum(1, keepdims=True) * table.sum(0, keepdims=True) / table.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.nansum(np.where(expected > 0, (table - expected) ** 2 / expected, 0.0)))


@dataclass(frozen=True)
class StratifiedTest:
    """Result of :func:`stratified_permutation_test`."""

    statistic: float          # chi-square of the pooled table
    p_value: float            # (1 + #{T >= observed}) / (1 + B)
    standard_error: float     # Monte Carlo standard error of the p-value
    n_resamples: int
    n_strata: int             # strata with at least two initiatives (the others cannot move)


def stratified_permutation_test(table: pd.DataFrame, status: str, group: str, stratum: str,
                                n_resamples: int = 20_000, random_state=0) -> StratifiedTest:
    """Is the status associated with the group once the stratum is held fixed?

    Rows with a missing status, group or stratum are left out.

    Examples
    --------
    >>> t = pd.DataFrame({"s": list("aabbaabb"), "g": list("xxyyxxyy"), "d": list("11112222")})
    >>> round(stratified_permutation_test(t, "s", "g", "d", n_resamples=999, random_state=0).p_value, 2)
    0.05
    """
    t = table[[status, group, stratum]].dropna()
    s_codes, s_levels = pd.factorize(t[status], sort=True)
    g_codes, g_levels = pd.factorize(t[group], sort=True)
    strata = [np.flatnonzero(t[stratum].to_numpy() == v) for v in pd.unique(t[stratum])]
    observed = _chi2(s_codes, g_codes, len(s_levels), len(g_levels))
    rng = np.random.default_rng(random_state)
    hits = 0
    permuted = s_codes.copy()
    for _ in range(n_resamples):
        for rows in strata:
            permuted[rows] = s_codes[rows][rng.permutation(len(rows))]
        hits += _chi2(permuted, g_codes, len(s_levels), len(g_levels)) >= observed - 1e-12
    p = (1 + hits) / (1 + n_resamples)
    return StratifiedTest(observed, p, float(np.sqrt(p * (1 - p) / n_resamples)), n_resamples,
                          sum(len(r) > 1 for r in strata))


def status_by(table: pd.DataFrame, by: str, status: str = "covid_status", order=None) -> pd.DataFrame:
    """Counts of each status (rows, in ``order`` when given) by ``by`` (columns), with the totals."""
    counts = pd.crosstab(table[status], table[by], margins=True, margins_name="total")
    if order is not None:
        counts = counts.reindex([s for s in order if s in counts.index] + ["total"])
    return counts
