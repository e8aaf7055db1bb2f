"""Which practices resisted, adapted, stopped or appeared during the Covid crisis.

The cleaned inventory records, where a source speaks of it, the status of an
initiative during the 2020-2021 crisis (``covid_status``: ``nouveau``,
``adapte``, ``suspendu``, ``renforce``, ``arrete``). This module crosses that
status with a grouping of the initiatives (pole class, cluster) and tests the
association with tests that hold on small counts:

- for each status and each group, Fisher's exact test on the 2 x 2 table
  (this status vs the others) x (this group vs the others), two-sided;
- for the whole table, the Fisher-Freeman-Halton test, with its p-value
  estimated by Monte Carlo over tables with the observed margins (as R's
  ``fisher.test(simulate.p.value = TRUE)``), with a fixed seed and the Monte
  Carlo standard error reported.

Examples
--------
>>> import pandas as pd
>>> table = pd.DataFrame({"status": ["nouveau"] * 6 + ["adapte"] * 6,
...                       "group": ["a"] * 5 + ["b"] + ["a"] + ["b"] * 5})
>>> counts = status_crosstab(table, "status", "group")
>>> counts.loc["nouveau", "a"], counts.loc["adapte", "b"]
(np.int64(5), np.int64(5))
>>> round(fisher_freeman_halton(counts, n_resamples=2000, random_state=0).p_value, 2)
0.08
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

#: Covid statuses in reading order (from new to stopped).
STATUSES: tuple[str, ...] = ("nouveau", "renforce", "adapte", "suspendu", "arrete")


def status_crosstab(table: pd.DataFrame, status: str = "covid_status", group: str = "pole_class") -> pd.DataFrame:
    """Count initiatives by Covid status (rows) and group (columns).

    Rows with no status are left out: the sources say nothing of them. Rows
    follow :data:`STATUSES`; columns keep the order of a categorical ``group``
    column, else sorted order. Statuses never observed are dropped.

    Parameters
    ----------
    table : DataFrame
        One row per initiative, with the ``status`` and ``group`` columns.
    status, group : str
        Column names.

    Returns
    -------
    DataFrame of int
        Counts, indexed by status, with one column per group.
    """
    for column in (status, group):
        if column not in table.columns:
            raise KeyError(f"column {column!r} is missing; available: {list(table.columns)}")
    data = table[[status, group]].dropna(subset=[status])
    data = data[data[status].astype(str).str.strip() != ""]
    unknown = sorted(set(data[status]) - set(STATUSES))
    if unknown:
        raise ValueError(f"unknown Covid status {unknown}; allowed: {list(STATUSES)}")
    counts = pd.crosstab(data[status], data[group])
    rows = [s for s in STATUSES if s in counts.index]
    counts = counts.loc[rows]
    counts.index.name = status
    counts.columns.name = group
    return counts.astype("int64")


def fisher_by_cell(counts: pd.DataFrame) -> pd.DataFrame:
    """Fisher's exact test for every (status, group) cell, one against the rest.

    Parameters
    ----------
    counts : DataFrame
        A table from :func:`status_crosstab`.

    Returns
    -------
    DataFrame
        One row per cell: ``status``, ``group``, ``count``, ``expected`` (under
        independence), ``odds_ratio`` (sample odds ratio, may be 0 or inf) and
        ``p_value`` (two-sided, as R's ``fisher.test``).
    """
    values = counts.to_numpy()
    n = values.sum()
    rows = []
    for i, status in enumerate(counts.index):
        for j, group in enumerate(counts.columns):
            a = values[i, j]
            b = values[i].sum() - a
            c = values[:, j].sum() - a
            d = n - a - b - c
            odds, p = stats.fisher_exact([[a, b], [c, d]], alternative="two-sided")
            rows.append({
                "status": status, "group": group, "count": int(a),
                "expected": values[i].sum() * values[:, j].sum() / n,
                "odds_ratio": float(odds), "p_value": float(p),
            })
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class FisherFreemanHalton:
    """Result of :func:`fisher_freeman_halton`."""

    #: Probability of the observed table under the hypergeometric law of tables with its margins.
    table_probability: float
    #: Monte Carlo estimate of the p-value, (1 + #{P(T) <= P(obs)}) / (1 + B).
    p_value: float
    #: Monte Carlo standard error of ``p_value``.
    standard_error: float
    #: Number of simulated tables B.
    n_resamples: int


def _log_table_probability(table: np.ndarray) -> float:
    """Log-probability of a table given its margins (multivariate hypergeometric)."""
    from scipy.special import gammaln

    n = table.sum(axis=(-2, -1))
    return (gammaln(table.sum(axis=-1) + 1).sum(axis=-1) + gammaln(table.sum(axis=-2) + 1).sum(axis=-1)
            - gammaln(n + 1) - gammaln(table + 1).sum(axis=(-2, -1)))


def fisher_freeman_halton(counts: pd.DataFrame, n_resamples: int = 100_000, random_state=0) -> FisherFreemanHalton:
    """Fisher-Freeman-Halton test of independence of an r x c table.

    Simulates ``n_resamples`` tables with the observed margins by permuting the
    column labels of the individual observations, and counts the tables at
    most as probable as the observed one (with a relative tolerance of 1e-7,
    as R does).

    Parameters
    ----------
    counts : DataFrame
        Contingency table of counts.
    n_resamples : int
        Number of simulated tables.
    random_state : int or numpy.random.Generator
        Seed; the same seed gives the same p-value.

    Returns
    -------
    FisherFreemanHalton
    """
    values = np.asarray(counts, dtype=np.int64)
    if values.ndim != 2 or min(values.shape) < 2:
        raise ValueError(f"the table needs at least 2 rows and 2 columns with counts, got shape {values.shape}")
    if (values < 0).any():
        raise ValueError("counts must be non-negative")
    rng = np.random.default_rng(random_state)
    row_labels = np.repeat(np.arange(values.shape[0]), values.sum(axis=1))
    col_labels = np.repeat(np.arange(values.shape[1]), values.sum(axis=0))
    observed = _log_table_probability(values)
    n_rows, n_cols = values.shape
    offsets = row_labels * n_cols
    hits, done, batch = 0, 0, 2_000
    while done < n_resamples:
        size = min(batch, n_resamples - done)
        permuted = rng.permuted(np.tile(col_labels, (size, 1)), axis=1)
        cells = offsets + permuted + (np.arange(size)[:, None] * n_rows * n_cols)
        tables = np.bincount(cells.ravel(), minlength=size * n_rows * n_cols).reshape(size, n_rows, n_cols)
        hits += int((_log_table_probability(tables) <= observed + 1e-7 * abs(observed)).sum())
        done += size
    p_value = (1 + hits) / (1 + n_resamples)
    return FisherFreemanHalton(
        table_probability=float(np.exp(observed)),
        p_value=p_value,
        standard_error=float(np.sqrt(p_value * (1 - p_value) / n_resamples)),
        n_resamples=n_resamples,
    )


def covid_table(coded: pd.DataFrame, inventory: pd.DataFrame, clusters: pd.Series | None = None) -> pd.DataFrame:
    """One row per initiative in scope: Covid status, pole class (principal period) and cluster."""
    if "scope" in inventory.columns:
        coded = coded[~coded["initiative_id"].isin(inventory.loc[inventory["scope"] == "contexte", "initiative_id"])]
    main = coded[coded["period"] == "principal"].set_index("initiative_id")
    inv = inventory.set_index("initiative_id").reindex(main.index)
    out = pd.DataFrame({"covid_status": inv["covid_status"], "pole_class": main["pole_class"]}, index=main.index)
    if clusters is not None:
        out["cluster"] = clusters.reindex(main.index)
    return out
