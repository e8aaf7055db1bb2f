"""Agreement between two or more coders, over every period, and the adjudication sheet.

:func:`coders_agreement` takes every coder's codes (the long format of
``data/raw/codes/<coder>.csv``, each coder's latest coding of each unit) and
gives, per axis (the six coded axes, the level and the pole derived from the
dimensions):

- **Fleiss' kappa** over the units coded by every coder, on whole labels;
- **Krippendorff's alpha** over the units coded by two coders or more
  (nominal; ordinal for the level; MASI for the register sets);
- both with bootstrap 95 % percentile intervals (units resampled);
- **Cohen's kappa** and alpha for each pair of coders
  (:func:`~housing_research.coding.agreement.agreement`, with intervals);
- the **confusion table** of each pair: how many units one coded ``x`` and
  the other ``y``.

A unit is one initiative in one period (``debut``, ``principal`` and
``covid`` alike). :func:`adjudication_sheet` lists each disagreement on a
coded axis: one row per unit where the coders' codes differ, every coder's
codes and justification, and empty ``code``, ``basis``, ``rule``,
``decided_by``, ``date`` and ``note`` cells, in the format read by
:func:`~housing_research.coding.final_codes.read_adjudication`.

Examples
--------
>>> import pandas as pd
>>> codes = pd.DataFrame({"initiative_id": ["I1", "I2", "I3"] * 3, "period": "principal", "axis": "gestion",
...                       "code": ["habitants", "partage", "institution", "habitants", "partage", "partage",
...                                "habitants", "institution", "institution"],
...                       "coder": ["AB"] * 3 + ["CD"] * 3 + ["EF"] * 3, "date": "2026-12-01",
...                       "justification": "x"})
>>> result = coders_agreement(codes)
>>> row = result.summary.set_index("axis").loc["gestion"]
>>> int(row["n_coders"]), int(row["n_units"]), round(float(row["fleiss_kappa"]), 3)
(3, 3, 0.333)
>>> adjudication_sheet(codes)[["initiative_id", "code_AB", "code_CD", "code_EF", "code"]].values.tolist()
[['I2', 'partage', 'partage', 'institution', ''], ['I3', 'institution', 'partage', 'institution', '']]
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from housing_research.coding.agreement import METRICS, agreement, unit_codes
from housing_research.coding.codebook import MANUAL_AXES, PERIODS, Codebook, codebook
from housing_research.coding.final_codes import ADJUDICATION_COLUMNS, latest_per_coder
from housing_research.coding.reliability import fleiss_kappa, krippendorff_alpha
from housing_research.errors import InputError
from housing_research.text import MULTI_SEP

SUMMARY_COLUMNS = ["axis", "metric", "n_coders", "n_units", "n_complete", "agreement", "fleiss_kappa",
                   "fleiss_low", "fleiss_high", "alpha", "alpha_low", "alpha_high"]
PAIR_COLUMNS = ["coder_a", "coder_b", "axis", "metric", "n_units", "agreement", "kappa", "kappa_low",
                "kappa_high", "alpha", "alpha_low", "alpha_high"]
CONFUSION_COLUMNS = ["axis", "coder_a", "coder_b", "code_a", "code_b", "n_units"]


@dataclass(frozen=True)
class CodersAgreement:
    """What :func:`coders_agreement` returns.

    Attributes
    ----------
    summary : DataFrame
        One row per axis (:data:`SUMMARY_COLUMNS`): ``n_units`` coded by two
        coders or more, ``n_complete`` by every coder, ``agreement`` (share
        of those units where every coder gave the same codes), Fleiss' kappa
        and Krippendorff's alpha with their intervals.
    pairs : DataFrame
        One row per pair of coders and axis (:data:`PAIR_COLUMNS`).
    confusion : DataFrame
        One row per pair, axis and pair of labels (:data:`CONFUSION_COLUMNS`).
    coders : tuple of str
    """

    summary: pd.DataFrame
    pairs: pd.DataFrame
    confusion: pd.DataFrame
    coders: tuple[str, ...]


def by_coder(codes: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Each coder's latest codes, by coder name, refused clearly with fewer than two coders."""
    if "coder" not in codes.columns:
        raise InputError("the codes name no coder", column="coder", suggestion="give the codes of each coder")
    latest = latest_per_coder(codes)
    coders = sorted(set(latest["coder"]))
    if len(coders) < 2:
        raise InputError(f"agreement needs two coders or more; found {len(coders)}", column="coder",
                         value="; ".join(coders) or None,
                         suggestion="put each coder's file in data/raw/codes/ or give them with --coders")
    return {c: latest[latest["coder"] == c] for c in coders}


def _label(axis: str, codes: tuple, cb: Codebook):
    if METRICS[axis] == "masi":
        return frozenset(c for c in codes if c != cb.unknown)
    return MULTI_SEP.join(codes)


def axis_values(units: dict, axis: str, cb: Codebook) -> list[tuple[tuple, list]]:
    """Per unit (initiative, period) coded by two coders or more on ``axis``: the coders' values (None = not coded).

    Values are whole labels (``"bailleur; tiers"``), sets of registers for
    MASI; for the level and the pole, ``inconnu`` counts as not coded.
    """
    coders = list(units)
    keys = sorted(set().union(*(u.keys() for u in units.values())),
                  key=lambda k: (k[0], PERIODS.index(k[1]) if k[1] in PERIODS else 9, k[1]))
    out = []
    for key in keys:
        values = []
        for coder in coders:
            codes = units[coder].get(key, {}).get(axis, (None,))[0]
            skip = codes is None or (axis in ("level", "pole") and codes[0] == cb.unknown)
            values.append(None if skip else _label(axis, codes, cb))
        if sum(v is not None for v in values) >= 2:
            out.append((key, values))
    return out


def _text(value) -> str:
    return MULTI_SEP.join(sorted(value)) if isinstance(value, frozenset) else value


def _statistics(rows, metric, order) -> tuple[float, float, float]:
    complete = [v for _, v in rows if all(x is not None for x in v)]
    present = [[x for x in v if x is not None] for _, v in rows]
    same = [len(set(p)) == 1 for p in present]
    return (float(np.mean(same)) if same else float("nan"),
            fleiss_kappa([[_text(x) for x in v] for v in complete]),
            krippendorff_alpha(present, metric, order))


def _summary_row(axis, rows, n_coders, cb, n_bootstrap, rng) -> dict:
    metric = METRICS[axis]
    order = cb.codes(axis) if metric == "ordinal" else None
    raw, fleiss, alpha = _statistics(rows, metric, order)
    out = {"axis": axis, "metric": metric, "n_coders": n_coders, "n_units": len(rows),
           "n_complete": sum(all(x is not None for x in v) for _, v in rows),
           "agreement": raw, "fleiss_kappa": fleiss, "alpha": alpha}
    draws = []
    for _ in range(n_bootstrap if rows else 0):
        sample = [rows[i] for i in rng.integers(len(rows), size=len(rows))]
        draws.append(_statistics(sample, metric, order)[1:])
    draws = np.array(draws, dtype=float).reshape(-1, 2)
    for j, name in enumerate(("fleiss", "alpha")):
        finite = draws[np.isfinite(draws[:, j]), j]
        low, high = np.percentile(finite, [2.5, 97.5]) if finite.size else (np.nan, np.nan)
        out.update({f"{name}_low": float(low), f"{name}_high": float(high)})
    return out


def _confusion(axis, rows, coders) -> list[dict]:
    counts: dict = {}
    for (i, a), (j, b) in itertools.combinations(enumerate(coders), 2):
        for _, values in rows:
            x, y = values[i], values[j]
            if x is not None and y is not None:
                key = (axis, a, b, _text(x) or "inconnu", _text(y) or "inconnu")
                counts[key] = counts.get(key, 0) + 1
    return [dict(zip(CONFUSION_COLUMNS, (*k, n))) for k, n in sorted(counts.items())]


def coders_agreement(codes: pd.DataFrame, cb: Codebook | None = None, n_bootstrap: int = 0,
                     random_state: int = 0) -> CodersAgreement:
    """Agreement between every coder of ``codes`` (long format with ``coder``), per axis, over every period.

    Parameters
    ----------
    codes : DataFrame
        Every coder's codes (:func:`~housing_research.coding.manual_codes.read_manual_codes`).
    cb : Codebook, optional
    n_bootstrap : int, default 0
        Bootstrap resamples of the units for the 95 % intervals (NaN without).
    random_state : int
        Seed of the resampling.

    Returns
    -------
    CodersAgreement
    """
    cb = cb or codebook()
    groups = by_coder(codes)
    coders = tuple(groups)
    units = {c: unit_codes(g, cb, f"codes of {c}") for c, g in groups.items()}
    rng = np.random.default_rng(random_state)
    summary, confusion = [], []
    for axis in METRICS:
        rows = axis_values(units, axis, cb)
        summary.append(_summary_row(axis, rows, len(coders), cb, n_bootstrap, rng))
        confusion += _confusion(axis, rows, coders)
    pairs = []
    for a, b in itertools.combinations(coders, 2):
        result = agreement(groups[a], groups[b], cb, n_bootstrap=n_bootstrap, random_state=random_state)
        pairs.append(result.summary.assign(coder_a=a, coder_b=b))
    pairs = pd.concat(pairs, ignore_index=True).reindex(columns=PAIR_COLUMNS)
    return CodersAgreement(pd.DataFrame(summary, columns=SUMMARY_COLUMNS), pairs,
                           pd.DataFrame(confusion, columns=CONFUSION_COLUMNS), coders)


def adjudication_sheet(codes: pd.DataFrame, adjudication: pd.DataFrame | None = None,
                       names: pd.Series | None = None, cb: Codebook | None = None) -> pd.DataFrame:
    """One row per disagreement: each coder's codes and justification, room for the decision.

    Units already in ``adjudication`` are left out. ``names`` (initiative
    name by id) adds a ``name`` column. The columns are
    :data:`~housing_research.coding.final_codes.ADJUDICATION_COLUMNS` (empty,
    to fill), then ``code_<coder>`` and ``justification_<coder>`` of each
    coder; several codes of origin or register are written ``"a; b"``, and
    so may the adjudicated code.
    """
    cb = cb or codebook()
    groups = by_coder(codes)
    done = set()
    if adjudication is not None and len(adjudication):
        done = set(map(tuple, adjudication[["initiative_id", "period", "axis"]].astype(str).values))
    per_unit: dict = {}
    for coder, group in groups.items():
        for key, g in group.groupby(["initiative_id", "period", "axis"], sort=False):
            order = [c for c in (*cb.codes(key[2]), cb.unknown) if c in set(g["code"])]
            per_unit.setdefault(key, {})[coder] = (MULTI_SEP.join(order),
                                                   " | ".join(dict.fromkeys(g["justification"].astype(str))))
    rows = []
    for key in sorted(per_unit, key=lambda k: (k[0], PERIODS.index(k[1]), MANUAL_AXES.index(k[2]))):
        coded = per_unit[key]
        if len(coded) < 2 or len({c for c, _ in coded.values()}) == 1 or key in done:
            continue
        row = dict(zip(("initiative_id", "period", "axis"), key))
        row.update({c: "" for c in ADJUDICATION_COLUMNS[3:]})
        for coder in groups:
            row[f"code_{coder}"], row[f"justification_{coder}"] = coded.get(coder, ("", ""))
        rows.append(row)
    columns = [*ADJUDICATION_COLUMNS, *(f"{k}_{c}" for c in groups for k in ("code", "justification"))]
    table = pd.DataFrame(rows, columns=columns)
    if names is not None:
        table.insert(3, "name", table["initiative_id"].map(names).fillna(""))
    return table
