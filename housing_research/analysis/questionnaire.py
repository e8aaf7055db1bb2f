"""The online questionnaire of March 2021 (document 000): counts, shares, intervals.

Before the March 2021 seminar on the Covid crisis, the research team sent an
online questionnaire; the seminar minutes report its results in words ("la
moitié des répondants", "17 répondants"). ``data/raw/questionnaire_2021.csv``
holds one row per figure the document gives, with the wording it uses and
how the count is known (``count_basis``):

``exact``
    the document gives the number of respondents;
``derived``
    the document gives a share only; the count is the share times the
    denominator, rounded to the nearest integer, halves rounded up
    (:func:`count_from_share`): 1/3 of 28 = 9.33 gives 9, 2/3 of 28 = 18.67
    gives 19;
``inferred``
    the count follows from a statement ("all landlords but one"), under an
    assumption written in the ``note`` column;
``residual``
    not given by the document: the difference between a total and the parts
    it lists, kept so that a breakdown that does not add up stays visible;
``rank_only``
    the document gives an order of importance, no count.

The denominator of a share is the number of respondents it refers to: all 28
respondents, or a sub-group (its count in the ``repondants`` rows) when the
document speaks of a sub-group only. With 28 respondents the figures show
tendencies, not statistics; :func:`wilson_interval` says how wide the
uncertainty is.

Examples
--------
>>> table = load_questionnaire()
>>> respondent_totals(table)
{'total': 28, 'stated': 27, 'gap': 1}
>>> shares = observed_shares(table, theme="relations_locataires")
>>> shares.loc[shares["item"] == "repli", ["count", "respondents"]].iloc[0].tolist()
[22, 28]
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import norm

from housing_research import paths
from housing_research.analysis.questionnaire_data import (
    COUNT_BASES,
    GROUPS,
    THEMES,
    count_from_share,
    load_questionnaire,
    parse_share,
)
from housing_research.i18n import text
from housing_research.tables import write_table

__all__ = ["COUNT_BASES", "GROUPS", "THEMES", "build_questionnaire", "count_from_share", "load_questionnaire",
           "observed_shares", "parse_share", "ranked_items", "respondent_totals", "respondents_by_group",
           "wilson_interval"]

_RESPONDENTS = "repondants"


def wilson_interval(count, respondents, confidence: float = 0.95):
    """Wilson score interval for a share ``count / respondents``.

    Unlike the usual normal interval it stays within [0, 1] and behaves well
    for small samples and for shares near 0 or 1.

    Parameters
    ----------
    count : int or array of int
        Respondents who observed the effect.
    respondents : int or array of int
        Respondents asked (the denominator).
    confidence : float
        Confidence level, strictly between 0 and 1.

    Returns
    -------
    (low, high) : floats or arrays
        Bounds of the interval.

    Raises
    ------
    ValueError
        If a count is negative or above the number of respondents, or if a
        number of respondents is below 1.

    Examples
    --------
    >>> low, high = wilson_interval(14, 28)
    >>> round(float(low), 3), round(float(high), 3)
    (0.326, 0.674)
    """
    count = np.asarray(count, dtype=float)
    n = np.asarray(respondents, dtype=float)
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must lie strictly between 0 and 1, not {confidence!r}")
    if np.any(n < 1) or np.any(n != np.round(n)):
        raise ValueError(f"the number of respondents must be a positive integer, not {respondents!r}")
    if np.any(count < 0) or np.any(count != np.round(count)):
        raise ValueError(f"a count must be a non-negative integer, not {count!r}")
    if np.any(count > n):
        raise ValueError(f"a count ({count!r}) cannot exceed the number of respondents ({respondents!r})")
    z = norm.ppf(0.5 + confidence / 2)
    p = count / n
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z / (1 + z**2 / n) * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    # at 0 and at n one bound is exactly 0 or 1; floating point would leave a trace
    low = np.where(count == 0, 0.0, np.clip(centre - half, 0, 1))
    high = np.where(count == n, 1.0, np.clip(centre + half, 0, 1))
    if low.ndim == 0:
        return float(low), float(high)
    return low, high


def respondent_totals(table: pd.DataFrame) -> dict[str, int]:
    """Return the total number of respondents, the sum of the stated groups, and the gap.

    Examples
    --------
    >>> respondent_totals(load_questionnaire())["stated"]
    27
    """
    groups = table[table["item"] == _RESPONDENTS]
    total = int(groups.loc[groups["group"] == "tous", "count"].iloc[0])
    stated = int(groups.loc[~groups["group"].isin(["tous"]) & (groups["count_basis"] != "residual"), "count"].sum())
    return {"total": total, "stated": stated, "gap": total - stated}


def respondents_by_group(table: pd.DataFrame, confidence: float = 0.95) -> pd.DataFrame:
    """Respondents by group, with the group the document leaves unstated.

    Parameters
    ----------
    table : DataFrame
        From :func:`load_questionnaire`.
    confidence : float
        Level of the Wilson interval of each share.

    Returns
    -------
    DataFrame
        One row per group (the total excluded), in table order, indexed by
        group code: ``label_fr``, ``label_en``, ``count``, ``respondents``
        (the total), ``share``, ``ci_low``, ``ci_high``, ``count_basis``.

    Examples
    --------
    >>> respondents_by_group(load_questionnaire())["count"].tolist()
    [14, 6, 2, 3, 2, 1]
    """
    rows = table[(table["item"] == _RESPONDENTS) & (table["group"] != "tous")]
    out = _with_shares(rows, confidence)
    out.index = pd.Index(rows["group"].tolist(), name="group")
    out.insert(0, "label_fr", [text(f"questionnaire.groups.{g}", "fr") for g in out.index])
    out.insert(1, "label_en", [text(f"questionnaire.groups.{g}", "en") for g in out.index])
    return out[["label_fr", "label_en", "count", "respondents", "share", "ci_low", "ci_high", "count_basis"]]


def observed_shares(table: pd.DataFrame, theme: str | None = None, confidence: float = 0.95) -> pd.DataFrame:
    """Share of respondents who observed each effect, with its Wilson interval.

    Parameters
    ----------
    table : DataFrame
        From :func:`load_questionnaire`.
    theme : str, optional
        Keep one theme (see :data:`THEMES`); default: every effect.
    confidence : float
        Level of the intervals.

    Returns
    -------
    DataFrame
        One row per item and respondent group, in table order, with columns
        ``item``, ``group``, ``theme``, ``label_fr``, ``label_en``
        (the item, followed by ", group" when it concerns a sub-group), ``count``,
        ``respondents`` (the denominator), ``share`` (count / respondents),
        ``ci_low``, ``ci_high``, ``count_basis`` and ``wording``.
        Respondent counts and order-only items are left out.

    Examples
    --------
    >>> out = observed_shares(load_questionnaire(), theme="relations_bailleur_locataires")
    >>> out[["item", "count"]].head(2).values.tolist()
    [['difficultes_loyers', 19], ['aides_specifiques', 14]]
    """
    if theme is not None and theme not in THEMES:
        raise ValueError(f"unknown theme {theme!r}; choose one of {list(THEMES)}")
    keep = (table["item"] != _RESPONDENTS) & (table["count_basis"] != "rank_only")
    if theme is not None:
        keep &= table["theme"] == theme
    rows = table[keep]
    out = _with_shares(rows, confidence)
    sub = rows["group"] != "tous"
    out.insert(0, "item", rows["item"].tolist())
    out.insert(1, "group", rows["group"].tolist())
    out.insert(2, "theme", rows["theme"].tolist())
    for position, lang, index in ((3, "fr", 0), (4, "en", 1)):
        labels = [
            f"{label}, {_lower_first(text(f'questionnaire.groups.{group}', lang))}" if is_sub else label
            for label, group, is_sub in zip(rows[f"item_{lang}"], rows["group"], sub)
        ]
        out.insert(position, f"label_{lang}", labels)
    out["wording"] = rows["wording"].tolist()
    return out.reset_index(drop=True)


def _lower_first(value: str) -> str:
    return value[:1].lower() + value[1:]


def _with_shares(rows: pd.DataFrame, confidence: float) -> pd.DataFrame:
    count = rows["count"].astype(int).to_numpy()
    n = rows["denominator"].astype(int).to_numpy()
    low, high = wilson_interval(count, n, confidence)
    return pd.DataFrame(
        {
            "count": count,
            "respondents": n,
            "share": count / n,
            "ci_low": low,
            "ci_high": high,
            "count_basis": rows["count_basis"].tolist(),
        }
    )


def ranked_items(table: pd.DataFrame, theme: str) -> pd.DataFrame:
    """Items the document gives only in order of importance.

    Parameters
    ----------
    table : DataFrame
        From :func:`load_questionnaire`.
    theme : str
        ``"entraide"`` (kinds of mutual aid) or ``"besoins"`` (emerging needs).

    Returns
    -------
    DataFrame
        Indexed by item, sorted by ``rank`` (1 = most cited), with
        ``label_fr`` and ``label_en``.

    Examples
    --------
    >>> ranked_items(load_questionnaire(), "entraide")["label_en"].tolist()
    ['Shopping', 'Help for older people', 'Communication networks', 'Childcare']
    """
    rows = table[(table["theme"] == theme) & (table["count_basis"] == "rank_only")]
    if rows.empty:
        raise ValueError(f"no order-only items for theme {theme!r}")
    out = pd.DataFrame(
        {"rank": rows["rank"].astype(int).to_numpy(), "label_fr": rows["item_fr"].tolist(),
         "label_en": rows["item_en"].tolist()},
        index=pd.Index(rows["item"].tolist(), name="item"),
    )
    return out.sort_values("rank", kind="stable")


def build_questionnaire(directory=None) -> str:
    """Write the derived tables of the questionnaire (pipeline step ``questionnaire``).

    Writes ``questionnaire_respondents.csv`` and ``questionnaire_shares.csv``
    into ``directory`` (default ``data/processed``).

    Returns
    -------
    str
        A one-line summary.

    Examples
    --------
    >>> import tempfile
    >>> build_questionnaire(tempfile.mkdtemp())
    'questionnaire_respondents.csv (6 groups), questionnaire_shares.csv (11 effects)'
    """
    table = load_questionnaire()
    groups = respondents_by_group(table)
    shares = observed_shares(table)
    write_table(groups.reset_index(), paths.processed("questionnaire_respondents", directory))
    write_table(shares, paths.processed("questionnaire_shares", directory))
    return (
        f"questionnaire_respondents.csv ({len(groups)} groups), "
        f"questionnaire_shares.csv ({len(shares)} effects)"
    )
