"""The questionnaire table of March 2021: its columns, codes, counting rules and reader.

``data/raw/questionnaire_2021.csv`` holds one row per figure document 000
gives about the online questionnaire (see :mod:`housing_research.analysis.questionnaire`
for what each ``count_basis`` means). :func:`load_questionnaire` reads and
checks it; :func:`parse_share` and :func:`count_from_share` are the counting
rules the checks enforce. Labels of groups and themes are in the display-text
catalogue (``questionnaire.groups.<code>``, ``questionnaire.themes.<code>``).
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from pathlib import Path

import pandas as pd

from housing_research import paths
from housing_research.errors import InputError
from housing_research.spreadsheet import read_spreadsheet

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

#: Respondent groups (codes; labels in the display-text catalogue).
GROUPS: tuple[str, ...] = ('tous', 'organisme_hlm', 'association_locataires', 'autre_association', 'tiers', 'collectivite', 'non_precise')
#: Themes of the items (codes; labels in the display-text catalogue).
THEMES: tuple[str, ...] = ('repondants', 'relations_locataires', 'entraide', 'relations_bailleur_locataires', 'besoins')
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
    raw = read_spreadsheet(paths.QUESTIONNAIRE if path is None else path, what="questionnaire table",
                           required=COLUMNS)
    where, rows = raw.attrs["source"]["file"], raw.attrs["source"]["rows"]
    if raw.empty:
        raise InputError("the questionnaire table has a header but no row", file=where, row=2,
                         suggestion="restore data/raw/questionnaire_2021.csv from the repository")
    table = raw[COLUMNS].astype(object).where(raw[COLUMNS].notna(), "")
    for column in ("denominator", "count", "rank"):
        table[column] = [_integer(v, where, n, column) for n, v in zip(rows, table[column])]
        table[column] = table[column].astype("Int64")
    for (_, row), line in zip(table.iterrows(), rows):
        _check_row(row, where, line)
    _check_totals(table, where)
    return table


def _integer(value: str, where: str, row: int, column: str):
    value = value.strip()
    if value == "":
        return pd.NA
    if re.fullmatch(r"\d+\.0+", value):                 # a count typed as a number in a spreadsheet
        value = value.split(".")[0]
    if not re.fullmatch(r"\d+", value):
        raise InputError("not a whole non-negative number", file=where, row=row, column=column,
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
