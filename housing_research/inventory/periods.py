"""Periods as the sources give them, turned into start and end years (rule ``period_to_years``).

:func:`parse_period` reads the forms the inventory holds or a spreadsheet
produces: "2020", "2020-2021", "2020-21", "2019/20", "mars 2021", "depuis
2018" (no end), "années 2010" (the decade), "printemps 2020", a year typed as
a number ("2019.0") and an Excel date serial ("43891" = 1 March 2020). A
year outside [:data:`YEAR_MIN`, :data:`YEAR_MAX`] or a text with no year is
not guessed: the result carries the problem, which the cleaning reports
with the cell.

Examples
--------
>>> parse_period("2020-21"), parse_period("2019/20")
(Period(start=2020, end=2021, problem=None), Period(start=2019, end=2020, problem=None))
>>> parse_period("43891").start, parse_period("2019.0").start
(2020, 2019)
>>> parse_period("1899").problem
'year 1899 outside 1900-2030'
>>> parse_years("depuis 2018")
(2018, None)
>>> states_start("depuis 2018"), states_start("créé en 2011"), states_start("printemps 2020")
(True, True, False)
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from housing_research.text import is_missing, normalise_text

#: Earliest and latest plausible years of an initiative (outside: reported, never kept).
YEAR_MIN, YEAR_MAX = 1900, 2030
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_SHORT_RANGE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-/–]\s*(\d\d)(?!\d)")
_NUMBER = re.compile(r"^\s*(\d+)(?:[.,]0+)?\s*$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
#: Words of a period that date the initiative's beginning (on folded text: "dès" is "des").
_START = re.compile(r"^(depuis|a partir de|des(?! annees))\b|\b(cree|creee|crees|lance|lancee|lances|mis en place|mise en place"
                    r"|ouvert|ouverte|demarre|demarree|ne|nee)\b")


class Period(NamedTuple):
    """Start and end years of a period (None when unknown or open) and the problem, if any."""

    start: int | None
    end: int | None
    problem: str | None = None


def _number(text: str) -> Period | None:
    """A period typed as a number: a year, or an Excel date serial."""
    match = _NUMBER.match(text)
    if not match:
        return None
    value = int(match.group(1))
    if 1000 <= value <= 9999:
        return _checked([value], Period(value, value))
    if 10_000 <= value <= 80_000:                      # Excel's day count since 1899-12-30
        year = (_EXCEL_EPOCH + dt.timedelta(days=value)).year
        return _checked([year], Period(year, year))
    return Period(None, None, f"number {value} is neither a year nor a spreadsheet date")


def _checked(years: list[int], period: Period) -> Period:
    bad = [y for y in years if not YEAR_MIN <= y <= YEAR_MAX]
    if bad:
        return Period(None, None, f"year {bad[0]} outside {YEAR_MIN}-{YEAR_MAX}")
    return period


def parse_period(period) -> Period:
    """Start and end years of a period text, or the problem that prevents reading them."""
    if is_missing(period):
        return Period(None, None)
    raw = str(period).strip()
    typed = _number(raw)
    if typed is not None:
        return typed
    short = _SHORT_RANGE.search(raw)
    if short:
        start = int(short.group(1))
        end = start // 100 * 100 + int(short.group(2))
        if end >= start:
            return _checked([start, end], Period(start, end))
    text = normalise_text(raw)
    years = [int(y) for y in _YEAR.findall(text)]
    if not years:
        return Period(None, None, "no year in the period")
    if re.search(r"\bannees (19|20)\d0\b", text) and len(years) == 1:
        return _checked(years, Period(years[0], years[0] + 9))
    if re.search(r"\b(depuis|a partir de|des)\b", text) and len(years) == 1:
        return _checked(years, Period(years[0], None))
    return _checked(years, Period(min(years), max(years)))


def parse_years(period) -> tuple[int | None, int | None]:
    """Start and end years of a period text; (None, None) when it cannot be read.

    Examples
    --------
    >>> parse_years("2020-2021"), parse_years("mars 2021"), parse_years("depuis 2018")
    ((2020, 2021), (2021, 2021), (2018, None))
    >>> parse_years("années 2010"), parse_years("")
    ((2010, 2019), (None, None))
    """
    start, end, _ = parse_period(period)
    return start, end


def states_start(period) -> bool:
    """Whether a period text dates the initiative's beginning, not only the moment described.

    "depuis 2010", "à partir de 2019", "dès 2018", "créé en 2011", "lancé fin mars
    2020", "mis en place en 2021" date a start; "2014", "printemps 2020" or
    "aujourd'hui (mars 2021)" only say when the source saw the initiative.

    Examples
    --------
    >>> states_start("mis en place en 2021"), states_start("2014"), states_start(None)
    (True, False, False)
    """
    if is_missing(period):
        return False
    return bool(_START.search(normalise_text(str(period))))
