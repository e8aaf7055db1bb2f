"""Validation of tables against the data dictionary.

``data/reference/dictionary.csv`` describes every column of every table the
project reads or writes: type, whether it is required, whether a cell may hold
several values (separated by ``"; "``), the allowed values (``a|b|c``, or
``pattern:<regex>``, or ``range:<min>-<max>``), and its meaning in French and
English. :func:`validate` checks a table against it and raises
:class:`~housing_research.errors.InputError` at the first problem, naming the
file, the row, the column and the closest allowed value.

Examples
--------
>>> import pandas as pd
>>> d = read_dictionary()
>>> sorted(d.loc[d["table"] == "inventory", "column"])[:3]
['animated_by', 'carrier', 'covid_status']
>>> bad = pd.DataFrame({"raw_id": ["I000-001"], "kind": ["dispositf"]})
>>> validate(bad, "inventory", file="x.csv", columns=["raw_id", "kind"])
Traceback (most recent call last):
...
housing_research.errors.InputError: x.csv, row 2, column 'kind': value not allowed (value: 'dispositf'). Fix: did you mean 'dispositif'? Allowed: dispositif, action, collectif, association, projet, service
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from housing_research import paths
from housing_research.errors import InputError
from housing_research.text import closest, split_multi


@lru_cache(maxsize=4)
def _read_dictionary(path: str) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def read_dictionary(path=None) -> pd.DataFrame:
    """Read the data dictionary (one row per table and column).

    Returns
    -------
    DataFrame
        Columns ``table, column, type, required, multi, allowed, meaning_fr, meaning_en``.
    """
    return _read_dictionary(str(path or paths.DICTIONARY)).copy()


def schema(table: str, dictionary: pd.DataFrame | None = None) -> pd.DataFrame:
    """The dictionary rows of one table, indexed by column name."""
    d = read_dictionary() if dictionary is None else dictionary
    rows = d[d["table"] == table]
    if rows.empty:
        raise KeyError(f"table {table!r} is not described in the data dictionary")
    return rows.set_index("column")


def allowed_values(table: str, column: str) -> list[str]:
    """Allowed values of a controlled column (empty list when not controlled)."""
    allowed = schema(table).loc[column, "allowed"]
    if not allowed or allowed.startswith(("pattern:", "range:")):
        return []
    return allowed.split("|")


def _cells(value, multi: bool) -> list[str]:
    values = split_multi(value)
    return values if multi or not values else [str(value)]


def validate(table: pd.DataFrame, table_name: str, file=None, row_numbers=None, columns=None) -> None:
    """Check ``table`` against the dictionary; raise ``InputError`` at the first problem.

    Parameters
    ----------
    table : DataFrame
        The table to check.
    table_name : str
        Its name in the dictionary (``inventory``, ``inventory_clean``...).
    file : str, optional
        The file name to cite in errors.
    row_numbers : sequence of int, optional
        Spreadsheet row number of each row (default: position + 2, the header
        being row 1).
    columns : list of str, optional
        Check only these columns (default: every column of the schema).
    """
    spec = schema(table_name)
    wanted = list(spec.index) if columns is None else columns
    missing = [c for c in wanted if c not in table.columns and spec.loc[c, "required"] == "yes"]
    if missing:
        raise InputError(f"required column missing: {missing[0]!r}", file=file, row=1, column=missing[0],
                         suggestion=f"add a column named {missing[0]!r} to the header "
                                    f"(columns found: {', '.join(map(str, table.columns))})")
    numbers = list(row_numbers) if row_numbers is not None else [i + 2 for i in range(len(table))]
    for column in wanted:
        if column in table.columns:
            _check_column(table[column].tolist(), numbers, spec.loc[column], column, file)


def _check_column(values: list, numbers: list, rule, column: str, file) -> None:
    """Check one column's cells; each distinct value is checked once, at its first row."""
    multi = rule["multi"] == "yes"
    allowed = rule["allowed"]
    choices = set(allowed.split("|")) if allowed and not allowed.startswith(("pattern:", "range:")) else None
    pattern = re.compile(allowed[len("pattern:"):]) if allowed.startswith("pattern:") else None
    bounds = tuple(float(b) for b in allowed[len("range:"):].split("-")) if allowed.startswith("range:") else None
    free_text = choices is None and pattern is None and rule["type"] == "string"
    seen = set()
    for number, value in zip(numbers, values):
        if free_text and isinstance(value, str) and value.strip():
            continue
        key = value if isinstance(value, str) else repr(value)
        if key in seen:
            continue
        seen.add(key)
        cells = _cells(value, multi)
        if not cells:
            if rule["required"] == "yes":
                raise InputError("required value is empty", file=file, row=number, column=column,
                                 suggestion=f"fill in {column!r} ({rule['meaning_en']})")
            continue
        for v in cells:
            if choices is not None and v not in choices:
                ordered = allowed.split("|")
                near = closest(v, ordered)
                hint = f"did you mean {near!r}? " if near else ""
                raise InputError("value not allowed", file=file, row=number, column=column, value=v,
                                 suggestion=f"{hint}Allowed: {', '.join(ordered)}")
            if pattern is not None and not pattern.fullmatch(v):
                raise InputError("value does not have the expected form", file=file, row=number,
                                 column=column, value=v,
                                 suggestion=f"write it as the pattern {pattern.pattern} says")
            _check_type(v, rule["type"], file, number, column)
            if bounds is not None and not bounds[0] <= float(v) <= bounds[1]:
                raise InputError(f"value outside {bounds[0]:g}-{bounds[1]:g}", file=file, row=number,
                                 column=column, value=v, suggestion=f"give a number between {bounds[0]:g} and "
                                                                    f"{bounds[1]:g}")


def _check_type(value: str, kind: str, file, row, column) -> None:
    try:
        if kind == "integer":
            int(float(value)) if float(value).is_integer() else int(value)
        elif kind == "float":
            float(value)
        elif kind == "date":
            pd.Timestamp(value)
        else:
            return
    except (TypeError, ValueError):
        raise InputError(f"not a valid {kind}", file=file, row=row, column=column, value=value,
                         suggestion=f"write a {kind} (dates as YYYY-MM-DD)") from None
