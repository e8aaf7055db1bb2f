"""Reading the raw inventory as the team keeps it.

The inventory may come out of Excel or LibreOffice in several forms: CSV with
comma, semicolon or tab separators, encoded in UTF-8, UTF-8 with a byte-order
mark, or Windows-1252 (Excel on French Windows); or an ``.xlsx`` workbook.
:func:`load_inventory` detects the encoding and the separator — it never
guesses silently: what it detected is reported in ``table.attrs["source"]``
and an unreadable file gets a clear error.

Detection rules (deterministic):

- encoding: a UTF-8 byte-order mark → ``utf-8-sig``; bytes that decode as
  UTF-8 → ``utf-8``; otherwise bytes that decode as Windows-1252 → ``cp1252``;
  otherwise an error;
- separator: among ``,``, ``;`` and tab, the one that splits the header into
  the most fields, provided every line then has the same number of fields.

Examples
--------
>>> table = load_inventory()  # doctest: +SKIP
>>> table.attrs["source"]["encoding"], table.attrs["source"]["separator"]  # doctest: +SKIP
('utf-8', ',')
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from housing_research import paths
from housing_research.errors import InputError

SEPARATORS = (",", ";", "\t")
_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}


def detect_encoding(data: bytes, file: str) -> tuple[str, str]:
    """Return ``(encoding, text)`` for the bytes of a CSV file."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig", data.decode("utf-8-sig")
    try:
        return "utf-8", data.decode("utf-8")
    except UnicodeDecodeError as err:
        utf8_error = err
    try:
        return "cp1252", data.decode("cp1252")
    except UnicodeDecodeError:
        line = data[: utf8_error.start].count(b"\n") + 1
        raise InputError("unreadable encoding: neither UTF-8 nor Windows-1252", file=file, row=line,
                         suggestion="save the file again as 'CSV UTF-8' from the spreadsheet") from None


def detect_separator(text: str, file: str) -> str:
    """Return the separator that splits every line into as many fields as the header."""
    candidates = []
    for sep in SEPARATORS:
        rows = list(csv.reader(io.StringIO(text), delimiter=sep))
        rows = [r for r in rows if any(cell.strip() for cell in r)]
        if not rows or len(rows[0]) < 2:
            continue
        candidates.append((len(rows[0]), sep, rows))
    if not candidates:
        raise InputError("no separator found: the header has a single column", file=file, row=1,
                         suggestion="separate columns with commas, semicolons or tabs")
    width, sep, rows = max(candidates, key=lambda c: c[0])
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != width:
            raise InputError(f"this line has {len(row)} fields, the header {width} ({_NAMES[sep]}-separated)",
                             file=file, row=number,
                             suggestion="check for an unquoted separator or a missing cell on that line")
    return sep


def load_inventory(path=None) -> pd.DataFrame:
    """Read the raw inventory (CSV in any of the team's forms, or ``.xlsx``).

    Parameters
    ----------
    path : path-like, optional
        The file; default ``data/raw/inventory.csv``.

    Returns
    -------
    DataFrame
        Every column as text (empty cells as missing), one row per line of the
        file, in file order. ``attrs["source"]`` holds ``file`` (relative to
        the repository), ``encoding``, ``separator`` and ``n_rows``.

    Raises
    ------
    InputError
        Empty file, unreadable encoding, lines with the wrong number of fields,
        duplicate or empty column names.
    """
    path = Path(path) if path is not None else paths.INVENTORY
    file = paths.relative(path)
    if not path.exists():
        raise InputError("file not found", file=file, suggestion="check the path")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        table = pd.read_excel(path, dtype=str, engine="openpyxl")
        encoding, separator = "xlsx", None
        if table.empty and len(table.columns) == 0:
            raise InputError("empty workbook", file=file, suggestion="the first sheet must hold the inventory")
    else:
        data = path.read_bytes()
        if not data.strip():
            raise InputError("empty file", file=file, row=1, suggestion="the first line must be the header")
        encoding, text = detect_encoding(data, file)
        separator = detect_separator(text, file)
        rows = [r for r in csv.reader(io.StringIO(text), delimiter=separator) if any(c.strip() for c in r)]
        table = pd.DataFrame(rows[1:], columns=[c.strip() for c in rows[0]], dtype="object")
    columns = [str(c).strip() for c in table.columns]
    for i, name in enumerate(columns):
        if not name or name.startswith("Unnamed:"):
            raise InputError("empty column name", file=file, row=1, column=f"#{i + 1}",
                             suggestion="give every column a header or delete the empty column")
        if name in columns[:i]:
            raise InputError("duplicate column name", file=file, row=1, column=name,
                             suggestion="keep one column per name")
    table.columns = columns
    table = table.astype("object").where(table.notna(), None)
    table = table.map(lambda v: None if v is None or str(v).strip() == "" else str(v))
    table.attrs["source"] = {"file": file, "encoding": encoding, "separator": separator, "n_rows": len(table)}
    return table
