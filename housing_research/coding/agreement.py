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

from dataclasses import dataclass

import numpy as np
import pandas as pd

from housing_research.coding.assemble import EVIDENCE_SEP
from housing_research.coding.codebook import DIMENSIONS, MANUAL_AXES, Codebook, codebook
from housing_research.coding.reliability import cohen_kappa, krippendorff_alpha, masi_distance
from housing_research.coding.scores import institutionalisation, pole
from housing_research.errors import InputError
from housing_research.text import MULTI_SEP, did_you_mean, is_missing

#: Axes compared, with the distance used by Krippendorff's alpha.
METRICS: dict[str, str] = {"origin": "nominal", **{d: "nominal" for d in DIMENSIONS},
                           "level": "ordinal", "pole": "nominal", "register": "masi"}
_KEYS = ["initiative_id", "period"]


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
    axes = [a for a in MANUAL_AXES if a in coded.columns]
    for rec in coded.to_dict("records"):
        for axis in axes:
            for value in str(rec[axis]).split(MULTI_SEP):
                rows.append({"initiative_id": rec["initiative_id"], "period": rec.get("period", "principal"),
                             "axis": axis, "code": value.strip(), "evidence": rec.get(f"{axis}_evidence", "")})
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


def _checked_long(table, name: str, cb: Codebook) -> pd.DataFrame:
    """The coding as a long table, refused clearly when it is empty, incomplete or off the codebook."""
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, not {type(table).__name__}")
    if table.empty:
        raise InputError(f"{name} holds no code", suggestion="give at least one coded initiative")
    if "initiative_id" not in table.columns:
        raise InputError(f"{name} has no 'initiative_id' column", column="initiative_id",
                         suggestion=f"columns found: {', '.join(map(str, table.columns))}")
    if "axis" not in table.columns:
        if not any(a in table.columns for a in MANUAL_AXES):
            raise InputError(f"{name} is neither a long table (axis, code) nor a coded table",
                             suggestion=f"give columns axis and code, or some of {', '.join(MANUAL_AXES)}")
        table = _long_from_coded(table)
    elif "code" not in table.columns:
        raise InputError(f"{name} has an 'axis' column but no 'code' column", column="code",
                         suggestion="add the code of each row")
    for position, (axis, code) in enumerate(zip(table["axis"], table["code"])):
        row = str(table.index[position])
        if axis not in MANUAL_AXES:
            raise InputError(f"unknown axis in {name}", row=row, column="axis", value=axis,
                             suggestion=did_you_mean(axis, MANUAL_AXES))
        if is_missing(code) or str(code) == "nan":
            raise InputError(f"missing code in {name}", row=row, column="code",
                             suggestion=f"write a code of axis {axis!r}, or {cb.unknown!r} when nothing is known")
        if code not in (*cb.codes(axis), cb.unknown):
            raise InputError(f"code not in the codebook for axis {axis!r} in {name}", row=row, column="code",
                             value=code, suggestion=did_you_mean(code, (*cb.codes(axis), cb.unknown)))
    return table


def unit_codes(table: pd.DataFrame, cb: Codebook, name: str = "coding") -> dict:
    """Map (initiative_id, period) -> {axis: (codes tuple, evidence)}."""
    table = _checked_long(table, name, cb)
    table = table.assign(evidence=_evidence(table), period=table.get("period", "principal"))
    out: dict = {}
    for (iid, period, axis), group in table.groupby([*_KEYS, "axis"], sort=True):
        order = cb.codes(axis)
        codes = tuple(c for c in order if c in set(group["code"])) or (cb.unknown,)
        evidence = EVIDENCE_SEP.join(dict.fromkeys(e for e in group["evidence"] if e))
        out.setdefault((str(iid), str(period)), {})[axis] = (codes, evidence)
    for axes in out.values():
        if all(d in axes for d in DIMENSIONS):
            _, level = institutionalisation([axes[d][0][0] for d in DIMENSIONS], cb)
            evidence = EVIDENCE_SEP.join(f"{d}={axes[d][0][0]}" for d in DIMENSIONS)
            axes["level"] = ((level,), evidence)
        dims = {d: axes[d][0][0] for d in DIMENSIONS if d in axes}
        if dims:
            klass = pole(dims, cb)[1]
            axes["pole"] = ((klass,), EVIDENCE_SEP.join(f"{d}={c}" for d, c in dims.items()))
    return out


def _value(axis, codes, cb):
    if METRICS[axis] == "masi":
        return frozenset(c for c in codes if c != cb.unknown)
    return MULTI_SEP.join(codes)


def _statistics(axis, metric, pairs, cb) -> tuple[float, float, float]:
    labels_a = [MULTI_SEP.join(a[0]) for _, a, _ in pairs]
    labels_b = [MULTI_SEP.join(b[0]) for _, _, b in pairs]
    values = [(_value(axis, a[0], cb), _value(axis, b[0], cb)) for _, a, b in pairs]
    order = cb.codes(axis) if axis in ("level",) else None
    raw = float(np.mean([x == y for x, y in zip(labels_a, labels_b)])) if pairs else float("nan")
    return raw, cohen_kappa(labels_a, labels_b), krippendorff_alpha(values, metric, order)


def _axis_summary(axis, metric, pairs, cb, n_bootstrap, rng) -> dict:
    raw, kappa, alpha = _statistics(axis, metric, pairs, cb)
    row = {"axis": axis, "metric": metric, "n_units": len(pairs), "agreement": raw, "kappa": kappa, "alpha": alpha}
    if n_bootstrap:
        draws = np.array([_statistics(axis, metric, [pairs[i] for i in rng.integers(len(pairs), size=len(pairs))],
                                      cb)[1:] for _ in range(n_bootstrap)]) if pairs else np.full((1, 2), np.nan)
        with np.errstate(invalid="ignore"):
            low, high = np.nanpercentile(draws, [2.5, 97.5], axis=0) if np.isfinite(draws).any() else (
                [np.nan] * 2, [np.nan] * 2)
        row.update({"kappa_low": low[0], "kappa_high": high[0], "alpha_low": low[1], "alpha_high": high[1]})
    return row


def _category_rows(axis, pairs, cb) -> list[dict]:
    rows = []
    for category in cb.codes(axis):
        has_a = [int(category in a[0]) for _, a, _ in pairs]
        has_b = [int(category in b[0]) for _, _, b in pairs]
        rows.append({
            "axis": axis, "category": category, "n_a": sum(has_a), "n_b": sum(has_b),
            "agreement": float(np.mean([x == y for x, y in zip(has_a, has_b)])) if pairs else float("nan"),
            "kappa": cohen_kappa(has_a, has_b), "alpha": krippendorff_alpha(zip(has_a, has_b)),
        })
    return rows


def agreement(codes_a: pd.DataFrame, codes_b: pd.DataFrame, cb: Codebook | None = None,
              n_bootstrap: int = 0, random_state: int = 0) -> AgreementResult:
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
    n_bootstrap : int, default 0
        Bootstrap resamples of the units for 95 % percentile intervals of kappa
        and alpha (columns ``kappa_low``, ``kappa_high``, ``alpha_low``,
        ``alpha_high``); none by default.
    random_state : int
        Seed of the resampling.

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
    units_a, units_b = unit_codes(codes_a, cb, "codes_a"), unit_codes(codes_b, cb, "codes_b")
    common = sorted(set(units_a) & set(units_b))
    rng = np.random.default_rng(random_state)
    summary, per_category, disagreements = [], [], []
    for axis, metric in METRICS.items():
        pairs = [(u, units_a[u][axis], units_b[u][axis]) for u in common
                 if axis in units_a[u] and axis in units_b[u]]
        if axis in ("level", "pole"):
            pairs = [p for p in pairs if cb.unknown not in (p[1][0][0], p[2][0][0])]
        summary.append(_axis_summary(axis, metric, pairs, cb, n_bootstrap, rng))
        per_category += _category_rows(axis, pairs, cb)
        for (iid, period), a, b in pairs:
            if a[0] != b[0]:
                disagreements.append({"initiative_id": iid, "period": period, "axis": axis,
                                      "code_a": MULTI_SEP.join(a[0]), "code_b": MULTI_SEP.join(b[0]),
                                      "evidence_a": a[1], "evidence_b": b[1]})
    columns = ["initiative_id", "period", "axis", "code_a", "code_b", "evidence_a", "evidence_b"]
    return AgreementResult(pd.DataFrame(summary), pd.DataFrame(per_category),
                           pd.DataFrame(disagreements, columns=columns))
