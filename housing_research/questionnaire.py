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

import math
import re
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import norm

from housing_research import paths
from housing_research.errors import InputError

#: The raw table.
QUESTIONNAIRE: Path = paths.RAW / "questionnaire_2021.csv"

COLUMNS: list[str] = [
    "item",
    "item_fr",
    "item_en",
    "theme",
    "group",
    "denominator",
    "count",
    "share",
    "rank",
    "count_basis",
    "wording",
    "section",
    "note",
]

#: Respondent groups: code -> (French label, English label).
GROUPS: dict[str, tuple[str, str]] = {
    "tous": ("Tous les répondants", "All respondents"),
    "organisme_hlm": ("Organismes Hlm", "Social landlords (Hlm)"),
    "association_locataires": ("Associations de locataires", "Tenant associations"),
    "autre_association": ("Autres associations d'habitants", "Other residents' associations"),
    "tiers": ("Acteurs tiers", "Third-party actors"),
    "collectivite": ("Agents de collectivités locales", "Local authority staff"),
    "non_precise": ("Groupe non précisé", "Group not stated"),
}

#: Themes of the items: code -> (French label, English label).
THEMES: dict[str, tuple[str, str]] = {
    "repondants": ("Répondants", "Respondents"),
    "relations_locataires": ("Relations entre locataires", "Relations between tenants"),
    "entraide": ("Formes de l'entraide", "Kinds of mutual aid"),
    "relations_bailleur_locataires": ("Relations entre bailleur et locataires", "Landlord-tenant relations"),
    "besoins": ("Besoins émergents", "Emerging needs"),
}

#: How a count is known (see the module docstring).
COUNT_BASES: tuple[str, ...] = ("exact", "derived", "inferred", "residual", "rank_only")

_SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
_RESPONDENTS = "repondants"


def parse_share(value) -> Fraction:
    """Read a share written as a fraction (``"2/3"``) or a decimal (``"0.25"``).

    Parameters
    ----------
    value : str, float or Fraction
        The share.

    Returns
    -------
    Fraction
        The share, exactly.

    Raises
    ------
    ValueError
        If the text is not a number or the share lies outside [0, 1].

    Examples
    --------
    >>> parse_share("2/3"), parse_share(0.25)
    (Fraction(2, 3), Fraction(1, 4))
    """
    try:
        share = Fraction(str(value).strip()) if not isinstance(value, Fraction) else value
    except (ValueError, ZeroDivisionError):
        raise ValueError(f"share {value!r} is not a number; write a fraction such as 1/3 or a decimal such as 0.25")
    if not 0 <= share <= 1:
        raise ValueError(f"share {value!r} lies outside [0, 1]; a share of respondents is between 0 and 1")
    return share


def count_from_share(share, respondents: int) -> int:
    """Return the number of respondents that a share stands for.

    The count is ``share * respondents`` rounded to the nearest integer, with
    halves rounded up (not to the even neighbour, as Python's ``round`` does).
    Computed with exact fractions, so 1/3 of 27 is exactly 9.

    Parameters
    ----------
    share : str, float or Fraction
        Share as the document gives it (``"1/3"`` for "un tiers").
    respondents : int
        Denominator: the number of respondents the share refers to.

    Returns
    -------
    int

    Raises
    ------
    ValueError
        If the share lies outside [0, 1] or ``respondents`` is not a positive integer.

    Examples
    --------
    >>> count_from_share("1/2", 28), count_from_share("1/3", 28), count_from_share("2/3", 28)
    (14, 9, 19)
    >>> count_from_share("1/2", 5)  # 2.5 rounds up
    3
    """
    share = parse_share(share)
    if isinstance(respondents, bool) or int(respondents) != respondents or respondents < 1:
        raise ValueError(f"the number of respondents must be a positive integer, not {respondents!r}")
    return math.floor(share * int(respondents) + Fraction(1, 2))


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


def load_questionnaire(path=None) -> pd.DataFrame:
    """Read and check the questionnaire table.

    Parameters
    ----------
    path : path, optional
        Default: ``data/raw/questionnaire_2021.csv``.

    Returns
    -------
    DataFrame
        The table with columns :data:`COLUMNS`; ``denominator``, ``count`` and
        ``rank`` as nullable integers, ``share`` as given (text such as
        ``"1/3"``).

    Raises
    ------
    InputError
        On any impossible or inconsistent value, naming the file, the row
        (header = row 1), the column and a fix: a count above the number of
        respondents, a share outside [0, 1], a derived count that does not
        follow the rounding rule, a sub-group denominator that differs from
        the sub-group's size, an unknown code...

    Examples
    --------
    >>> table = load_questionnaire()
    >>> table.loc[table["count_basis"] == "derived", "count"].tolist()[:2]
    [14, 9]
    """
    path = Path(path) if path is not None else QUESTIONNAIRE
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    where = paths.relative(path)
    missing = [c for c in COLUMNS if c not in raw.columns]
    if missing:
        raise InputError(f"missing column(s) {missing}", file=where, row=1,
                         suggestion=f"the header must be {','.join(COLUMNS)}")
    table = raw[COLUMNS].copy()
    for column in ("denominator", "count", "rank"):
        table[column] = [_integer(v, where, i, column) for i, v in enumerate(table[column])]
        table[column] = table[column].astype("Int64")
    for i, row in table.iterrows():
        _check_row(row, where, i + 2)
    _check_totals(table, where)
    return table


def _integer(value: str, where: str, index: int, column: str):
    value = value.strip()
    if value == "":
        return pd.NA
    if not re.fullmatch(r"\d+", value):
        raise InputError("not a whole non-negative number", file=where, row=index + 2, column=column,
                         value=value, suggestion="write a count of respondents, e.g. 14")
    return int(value)


def _check_row(row, where: str, line: int) -> None:
    def fail(column, message, suggestion):
        raise InputError(message, file=where, row=line, column=column, value=row[column], suggestion=suggestion)

    if not _SLUG.match(row["item"]):
        fail("item", "item id is not a slug", "use lower-case letters, digits and underscores")
    for column in ("item_fr", "item_en", "section"):
        if not row[column].strip():
            fail(column, "empty", f"give the {column}")
    if row["theme"] not in THEMES:
        fail("theme", "unknown theme", f"use one of {', '.join(THEMES)}")
    if row["group"] not in GROUPS:
        fail("group", "unknown respondent group", f"use one of {', '.join(GROUPS)}")
    basis = row["count_basis"]
    if basis not in COUNT_BASES:
        fail("count_basis", "unknown count basis", f"use one of {', '.join(COUNT_BASES)}")
    if basis == "rank_only":
        if pd.isna(row["rank"]) or row["rank"] < 1:
            fail("rank", "an order-only row needs a rank (1 = most cited)", "write the rank")
        if not pd.isna(row["count"]) or row["share"].strip():
            fail("count", "an order-only row has no count or share", "empty count and share, or change count_basis")
        return
    if pd.isna(row["denominator"]) or row["denominator"] < 1:
        fail("denominator", "a count needs the number of respondents it refers to", "write e.g. 28")
    if pd.isna(row["count"]):
        fail("count", "empty count", "write the count (for a share, the derived count; see count_from_share)")
    if row["count"] > row["denominator"]:
        fail("count", f"count above the number of respondents ({row['denominator']})",
             "check the count, or the denominator if the figure concerns a larger group")
    share = None
    if row["share"].strip():
        try:
            share = parse_share(row["share"])
        except ValueError as error:
            fail("share", str(error).split(";")[0], "write a fraction between 0 and 1 such as 1/3")
    if basis == "derived":
        if share is None:
            fail("share", "a derived count needs the share it comes from", "write the share, e.g. 1/2")
        expected = count_from_share(share, int(row["denominator"]))
        if row["count"] != expected:
            fail("count", f"derived count does not follow the rounding rule ({share} x {row['denominator']} "
                 f"rounds to {expected})", f"write {expected}")
    elif share is not None and abs(Fraction(int(row["count"]), int(row["denominator"])) - share) > Fraction(
        1, 2 * int(row["denominator"])
    ):
        fail("share", "the share and the count disagree", "check both against the document")


def _check_totals(table: pd.DataFrame, where: str) -> None:
    groups = table[table["item"] == _RESPONDENTS]
    total_rows = groups.index[groups["group"] == "tous"]
    if len(total_rows) != 1:
        raise InputError("the table needs exactly one 'repondants' row for group 'tous' (the total)",
                         file=where, column="group", suggestion="add the total number of respondents")
    total = int(table.at[total_rows[0], "count"])
    sizes = dict(zip(groups["group"], groups["count"].astype(int)))
    for i, row in table.iterrows():
        if pd.isna(row["denominator"]):
            continue
        expected = total if row["group"] == "tous" or row["item"] == _RESPONDENTS else sizes.get(row["group"])
        if expected is None:
            raise InputError("no 'repondants' row gives the size of this group", file=where, row=i + 2,
                             column="group", value=row["group"], suggestion="add the group's number of respondents")
        if int(row["denominator"]) != expected:
            raise InputError(f"denominator differs from the size of group {row['group']!r} ({expected})",
                             file=where, row=i + 2, column="denominator", value=int(row["denominator"]),
                             suggestion=f"write {expected}: a share of a sub-group is taken over that sub-group")
    for item, rows in table[table["count_basis"] == "residual"].groupby("item", sort=False):
        i = rows.index[0]
        others = table[(table["item"] == item) & (table["group"] != "tous") & (table["count_basis"] != "residual")]
        expected = total - int(others["count"].sum())
        if int(rows.at[i, "count"]) != expected:
            raise InputError(f"residual count should be {expected} (total minus the listed groups)", file=where,
                             row=i + 2, column="count", value=int(rows.at[i, "count"]), suggestion=f"write {expected}")


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
    out.insert(0, "label_fr", [GROUPS[g][0] for g in out.index])
    out.insert(1, "label_en", [GROUPS[g][1] for g in out.index])
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
            f"{label}, {_lower_first(GROUPS[group][index])}" if is_sub else label
            for label, group, is_sub in zip(rows[f"item_{lang}"], rows["group"], sub)
        ]
        out.insert(position, f"label_{lang}", labels)
    out["wording"] = rows["wording"].tolist()
    return out.reset_index(drop=True)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


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
    folder = Path(directory) if directory is not None else paths.PROCESSED
    folder.mkdir(parents=True, exist_ok=True)
    table = load_questionnaire()
    groups = respondents_by_group(table)
    shares = observed_shares(table)
    groups.round(6).to_csv(folder / "questionnaire_respondents.csv", lineterminator="\n")
    shares.round(6).to_csv(folder / "questionnaire_shares.csv", index=False, lineterminator="\n")
    return (
        f"questionnaire_respondents.csv ({len(groups)} groups), "
        f"questionnaire_shares.csv ({len(shares)} effects)"
    )
