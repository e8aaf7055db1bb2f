"""Reading the raw inventory as the team keeps it.

The inventory may come out of Excel or LibreOffice as CSV (comma, semicolon
or tab; UTF-8, UTF-8 with BOM, UTF-16 or Windows-1252; any line ends) or as an
``.xlsx`` workbook. :func:`load_inventory` reads it with the project's one
robust reader (:func:`housing_research.spreadsheet.read_spreadsheet`): it never
guesses silently — what it detected is reported in ``table.attrs["source"]``
and an unreadable file gets a clear error naming the file, the row and the
fix.

Examples
--------
>>> table = load_inventory()
>>> table.attrs["source"]["encoding"], table.attrs["source"]["separator"]
('utf-8', ',')
"""

from __future__ import annotations

import pandas as pd

from housing_research import paths
from housing_research.spreadsheet import read_spreadsheet


def load_inventory(path=None, sheet: str | None = None) -> pd.DataFrame:
    """Read the raw inventory (CSV in any of the team's forms, or ``.xlsx``).

    Parameters
    ----------
    path : path-like, optional
        The file; default ``data/raw/inventory.csv``.
    sheet : str, optional
        The sheet of a workbook holding the inventory (needed when it has several).

    Returns
    -------
    DataFrame
        Every column as text (empty cells as missing), one row per non-empty
        line of the file, in file order. ``attrs["source"]`` holds ``file``
        (relative to the repository), ``encoding``, ``separator``, ``sheet``,
        ``n_rows``, ``rows`` (spreadsheet row of each record) and ``removed``
        (control characters taken out of cells).

    Raises
    ------
    InputError
        Missing file or a folder, empty file, unreadable or mixed encoding,
        lines with the wrong number of fields, duplicate or empty column
        names, several sheets, formulas without values, merged cells.
    """
    return read_spreadsheet(paths.INVENTORY if path is None else path, what="inventory", sheet=sheet)


def describe_source(source: dict) -> str:
    """One line saying what was read: file, sheet, encoding, separator, rows.

    Examples
    --------
    >>> describe_source({"file": "inv.csv", "encoding": "cp1252", "separator": ";", "n_rows": 3})
    'inv.csv: 3 rows, encoding cp1252, separator semicolon'
    """
    seps = {",": "comma", ";": "semicolon", "\t": "tab"}
    how = f"encoding {source.get('encoding')}"
    if source.get("separator"):
        how += f", separator {seps.get(source['separator'], repr(source['separator']))}"
    return f"{source.get('file')}: {source.get('n_rows')} rows, {how}"
