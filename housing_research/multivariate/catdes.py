"""Description of a partition by variables: FactoMineR's ``catdes``.

:func:`describe_clusters` tells, for a partition of individuals (clusters of
:class:`housing_research.HCPC`, or any categorical variable), which variables
are associated with it and which categories or values characterise each
class, with the same tests, thresholds and ordering as FactoMineR 2.7:

- **qualitative variables**: Pearson's chi-square test of the (weighted)
  cross-table of the partition with the variable (no continuity correction);
  the variables with ``p.value <= proba`` are kept, sorted by p-value;
- **categories**, for each class: ``Cla/Mod`` (% of the category's
  individuals in the class), ``Mod/Cla`` (% of the class having the
  category), ``Global`` (% of all individuals having it), ``p.value`` (the
  hypergeometric test: twice the smaller tail, counting the observed value
  once, as FactoMineR does) and ``v.test`` (the normal quantile of half that
  p-value, positive when the category is over-represented); categories with
  ``p.value <= proba`` are kept, sorted by decreasing v-test;
- **quantitative variables**: correlation ratio ``Eta2`` and the p-value of
  the (weighted) one-way analysis of variance; for each class the v-test of
  its mean.

Examples
--------
>>> import pandas as pd
>>> data = pd.DataFrame({"origin": ["bailleur"] * 6 + ["locataires"] * 6,
...                      "funding": ["institution"] * 5 + ["habitants"] + ["habitants"] * 6})
>>> clusters = pd.Series([1] * 6 + [2] * 6)
>>> desc = describe_clusters(data, clusters)
>>> print(desc.chi2.round(4).to_string())
          p.value  df
variable             
origin     0.0005   1
funding    0.0034   1
>>> desc.category[1].round(2).iloc[0]
Cla/Mod    100.00
Mod/Cla    100.00
Global      50.00
p.value      0.00
v.test       3.27
Name: origin=bailleur, dtype: float64
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from housing_research.errors import InputError

CATEGORY_COLUMNS = ["Cla/Mod", "Mod/Cla", "Global", "p.value", "v.test"]
QUANTI_COLUMNS = ["v.test", "Mean in category", "Overall mean", "sd in category", "Overall sd", "p.value"]


@dataclass
class ClusterDescription:
    """Result of :func:`describe_clusters` (FactoMineR's ``catdes`` object).

    Attributes
    ----------
    chi2 : DataFrame
        Qualitative variables associated with the partition: ``p.value``, ``df``.
    category : dict of DataFrame
        For each class, its characteristic categories (rows ``variable=category``,
        columns ``Cla/Mod``, ``Mod/Cla``, ``Global``, ``p.value``, ``v.test``).
    quanti_var : DataFrame
        Quantitative variables associated with the partition: ``Eta2``, ``P-value``.
    quanti : dict of DataFrame
        For each class, its characteristic quantitative variables.
    """

    chi2: pd.DataFrame
    category: dict = field(default_factory=dict)
    quanti_var: pd.DataFrame = field(default_factory=pd.DataFrame)
    quanti: dict = field(default_factory=dict)

    def categories_table(self) -> pd.DataFrame:
        """All classes' category tables stacked, with a ``cluster`` column."""
        frames = [t.assign(cluster=k).reset_index(names="category") for k, t in self.category.items()]
        if not frames:
            return pd.DataFrame(columns=["cluster", "category", *CATEGORY_COLUMNS])
        return pd.concat(frames, ignore_index=True)[["cluster", "category", *CATEGORY_COLUMNS]]


def _hypergeometric_p(x, cluster_size, total, category_size):
    """FactoMineR's two-sided hypergeometric p-value (observed value counted once), elementwise."""
    x, m, k = (np.round(np.asarray(v, dtype=float)) for v in (x, cluster_size, category_size))
    N = np.round(float(total))
    lower = 2 * stats.hypergeom.cdf(x - 1, N, m, k) + stats.hypergeom.pmf(x, N, m, k)
    upper = 2 * stats.hypergeom.sf(x, N, m, k) + stats.hypergeom.pmf(x, N, m, k)
    return np.minimum(lower, upper)


def _level_codes(series: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Code of each value among the sorted level names (``str`` of the values, ``NA`` for missing ones).

    Values whose names coincide (a missing value and the string ``"NA"``)
    share one level, as when the names themselves are compared.

    Examples
    --------
    >>> codes, levels = _level_codes(pd.Series(["b", None, "a", "b"]))
    >>> codes.tolist(), levels
    ([2, 0, 1, 2], ['NA', 'a', 'b'])
    """
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    names = [str(u) for u in uniques]
    if (codes < 0).any():
        codes = np.where(codes < 0, len(names), codes)
        names.append("NA")
    levels = sorted(set(names))
    position = np.array([levels.index(n) for n in names], dtype=np.int64)
    return position[codes], levels


def _check_inputs(data, clusters, sample_weight):
    """The labels as a Series aligned on ``data`` and the weights; clear errors on bad input."""
    if not isinstance(data, pd.DataFrame):
        raise TypeError("data must be a pandas DataFrame")
    if data.shape[0] == 0 or data.shape[1] == 0:
        raise InputError(f"nothing to describe ({data.shape[0]} rows, {data.shape[1]} variables)",
                         suggestion="give one row per individual and at least one variable")
    empty = [c for c in data.columns if data[c].isna().all()]
    if empty:
        raise InputError("variable has only missing values", column=str(empty[0]), suggestion="drop the column")
    labels = np.asarray(clusters, dtype=object)
    if len(labels) != len(data):
        raise InputError(f"{len(labels)} cluster labels for {len(data)} rows",
                         suggestion="give one label per row of data")
    clusters = pd.Series(labels, index=data.index, name="cluster")
    if clusters.isna().any():
        raise InputError("missing cluster label", row=str(clusters.index[clusters.isna()][0]),
                         suggestion="every individual needs a class")
    w = np.ones(len(data)) if sample_weight is None else np.asarray(sample_weight, dtype=float).ravel()
    if w.shape != (len(data),) or not np.isfinite(w).all() or (w <= 0).any():
        raise InputError("sample_weight must be finite and positive, one per row",
                         suggestion="give one positive weight per row of data")
    return clusters, w


def describe_clusters(data: pd.DataFrame, clusters, proba: float = 0.05, sample_weight=None) -> ClusterDescription:
    """Describe a partition by qualitative and quantitative variables (``catdes``).

    Parameters
    ----------
    data : DataFrame
        One row per individual. Numeric columns are quantitative variables;
        all others are qualitative (missing values form the category ``NA``).
    clusters : array-like
        Class of each individual (same order as ``data``).
    proba : float, default 0.05
        Significance threshold for keeping a variable or a category.
    sample_weight : array-like, optional
        Row weights (FactoMineR's ``row.w``); default 1.

    Returns
    -------
    ClusterDescription
    """
    clusters, w = _check_inputs(data, clusters, sample_weight)
    classes = sorted(clusters.unique())
    cluster_code = np.searchsorted(np.array(classes, dtype=object), clusters.to_numpy(dtype=object))
    size = np.bincount(cluster_code, weights=w, minlength=len(classes))   # marge.li
    total = size.sum()
    member = None

    chi_rows, cats = [], {c: [] for c in classes}
    quanti_rows, quanti = [], {c: [] for c in classes}
    for var in data.columns:
        col = data[var]
        if pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col):
            if member is None:
                member = (cluster_code[:, None] == np.arange(len(classes))[None, :]).astype(float)
            _describe_quanti(var, col.astype(float).to_numpy(), member, w, classes, proba, quanti_rows, quanti)
            continue
        codes, levels = _level_codes(col)
        table = np.bincount(cluster_code * len(levels) + codes, weights=w,
                            minlength=len(classes) * len(levels)).reshape(len(classes), len(levels))
        if len(levels) > 1 and len(classes) > 1:
            chi = stats.chi2_contingency(table, correction=False)
            chi_rows.append({"variable": var, "p.value": chi.pvalue, "df": int(chi.dof)})
        cat_size = table.sum(axis=0)
        p_values = _hypergeometric_p(table, size[:, None], total, cat_size[None, :])
        for j, cls in enumerate(classes):
            for k, lev in enumerate(levels):
                p = float(p_values[j, k])
                if p <= proba:
                    mod_cla = table[j, k] / size[j]
                    glob = cat_size[k] / cat_size.sum()
                    sign = -1.0 if mod_cla > glob else 1.0
                    cats[cls].append((f"{var}={lev}", table[j, k] / cat_size[k] * 100, mod_cla * 100,
                                      glob * 100, p, sign * stats.norm.ppf(p / 2)))
    chi2 = pd.DataFrame(chi_rows, columns=["variable", "p.value", "df"])
    chi2 = chi2[chi2["p.value"] <= proba].sort_values("p.value", kind="stable").set_index("variable")
    category = {}
    for cls, rows in cats.items():
        if rows:
            frame = pd.DataFrame([r[1:] for r in rows], index=[r[0] for r in rows], columns=CATEGORY_COLUMNS)
            category[cls] = _decreasing(frame, "v.test")
    quanti_var = pd.DataFrame(quanti_rows, columns=["variable", "Eta2", "P-value"])
    quanti_var = quanti_var[quanti_var["P-value"] <= proba].sort_values("P-value", kind="stable").set_index("variable")
    quanti_out = {}
    if len(quanti_var):
        for cls, rows in quanti.items():
            if rows:
                frame = pd.DataFrame([r[1:] for r in rows], index=[r[0] for r in rows], columns=QUANTI_COLUMNS)
                quanti_out[cls] = _decreasing(frame, "v.test")
    return ClusterDescription(chi2=chi2, category=category, quanti_var=quanti_var, quanti=quanti_out)


def _decreasing(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """Sort as R's ``rev(order(x))``: decreasing, ties in reverse input order."""
    order = np.argsort(frame[column].to_numpy(), kind="stable")[::-1]
    return frame.iloc[order]


def _describe_quanti(var, x, member, w, classes, proba, rows, per_class):
    with np.errstate(invalid="ignore", divide="ignore"):   # a class with no value: NaN, skipped as in R
        _quanti_tests(var, x, member, w, classes, proba, rows, per_class)


def _quanti_tests(var, x, member, w, classes, proba, rows, per_class):
    ok = ~np.isnan(x)
    wk = np.where(ok, w, 0.0)
    xk = np.where(ok, x, 0.0)
    n_mod = member.T @ w
    mean = (xk * wk).sum() / wk.sum()
    sd = np.sqrt(((xk - mean) ** 2 * wk).sum() / wk.sum())
    mean_mod = (member.T @ (xk * wk)) / (member.T @ wk)
    ss_between = ((member.T @ wk) * (mean_mod - mean) ** 2).sum()
    ss_total = (((xk - mean) ** 2) * wk).sum()
    groups = int((member[ok].sum(axis=0) > 0).sum())
    n_obs = int(ok.sum())
    df1, df2 = groups - 1, n_obs - groups
    eta2 = ss_between / ss_total if ss_total > 0 else np.nan
    if df1 > 0 and df2 > 0 and ss_total > ss_between:
        f = (ss_between / df1) / ((ss_total - ss_between) / df2)
        p_anova = stats.f.sf(f, df1, df2)
    else:
        p_anova = np.nan
    rows.append({"variable": var, "Eta2": eta2, "P-value": p_anova})
    sd_mod = np.sqrt((member * ((xk[:, None] - mean_mod) ** 2) * wk[:, None]).sum(axis=0) / (member.T @ wk))
    total = n_mod.sum()
    for j, cls in enumerate(classes):
        v = (mean_mod[j] - mean) / sd * np.sqrt(n_mod[j]) / np.sqrt((total - n_mod[j]) / (total - 1))
        p = 2 * stats.norm.sf(abs(v))
        if np.isfinite(v) and p <= proba:
            per_class[cls].append((var, v, mean_mod[j], mean, sd_mod[j], sd, p))
