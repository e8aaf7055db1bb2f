"""The raw tables that accompany the inventory: quantities, Covid sub-periods, the minutes' own answers.

- ``data/raw/quantities.csv`` — every number a document gives about an
  initiative (households reached, calls made, budgets, durations), with its
  unit, precision and passage;
- ``data/raw/covid_periods.csv`` — the status of an initiative in each
  sub-period of the crisis (first lockdown, its end, second lockdown, curfew)
  where the source gives it;
- ``data/raw/covid_actor_reports.csv`` — document 000's own answers to the
  seminar's question: which kinds of actors' practices were suspended,
  adapted, kept or started, and whether the answer comes from the session,
  the researchers or the questionnaire.

Each is read by the robust reader, checked against the data dictionary and,
for the first two, against the inventory's raw ids; :func:`by_initiative`
carries a raw-row table to the cleaned initiatives.

Examples
--------
>>> q = load_quantities()
>>> sorted(q.columns)[:3]
['measure', 'note', 'period']
>>> set(load_covid_periods()["subperiod"]) <= {"confinement_1", "deconfinement_2020", "confinement_2",
...                                             "couvre_feu", "crise"}
True
"""

from __future__ import annotations

import pandas as pd

from housing_research import paths
from housing_research.errors import InputError
from housing_research.inventory.dictionary import schema, validate
from housing_research.spreadsheet import read_spreadsheet
from housing_research.text import did_you_mean


def _load(path, default, table_name: str, what: str, raw_ids=None) -> pd.DataFrame:
    spec = schema(table_name)
    table = read_spreadsheet(default if path is None else path, what=what,
                             required=[c for c in spec.index if spec.loc[c, "required"] == "yes"])
    source = table.attrs.pop("source")
    validate(table, table_name, file=source["file"], row_numbers=list(source["rows"]))
    if raw_ids is not None and "raw_id" in table.columns:
        known = set(raw_ids)
        for row, raw_id in zip(source["rows"], table["raw_id"]):
            if raw_id not in known:
                raise InputError("row id not found in the inventory", file=source["file"], row=row, column="raw_id",
                                 value=raw_id, suggestion=did_you_mean(raw_id, sorted(known)))
    for column in ("span_start", "span_end"):
        if column in table.columns:
            table[column] = table[column].astype(int)
    if "value" in table.columns:
        table["value"] = table["value"].astype(float)
    table.attrs = {}
    return table


def load_quantities(path=None, raw_ids=None) -> pd.DataFrame:
    """The quantities the documents give (``data/raw/quantities.csv``), checked."""
    return _load(path, paths.QUANTITIES, "quantities", "quantities table", raw_ids)


def load_covid_periods(path=None, raw_ids=None) -> pd.DataFrame:
    """The initiatives' statuses by sub-period of the crisis (``data/raw/covid_periods.csv``), checked."""
    return _load(path, paths.COVID_PERIODS, "covid_periods", "Covid periods table", raw_ids)


def load_actor_reports(path=None) -> pd.DataFrame:
    """Document 000's reports on kinds of actors (``data/raw/covid_actor_reports.csv``), checked."""
    return _load(path, paths.COVID_ACTOR_REPORTS, "covid_actor_reports", "Covid actor reports table")


def by_initiative(table: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """``table`` (one row per raw row) with the cleaned initiative each raw row belongs to, first.

    ``rows`` is the cleaning's row report (``raw_id``, ``status``, ``into_id``);
    rows of rejected raw rows are dropped.
    """
    into = {r: i for r, s, i in zip(rows["raw_id"], rows["status"], rows["into_id"]) if s != "rejected"}
    out = table[table["raw_id"].isin(into)].copy()
    out.insert(0, "initiative_id", out["raw_id"].map(into))
    return out.reset_index(drop=True)
