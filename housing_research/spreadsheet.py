"""One robust reader for every table the team keeps: CSV in any common form, or XLSX.

The team edits its tables in Excel and LibreOffice on Windows and macOS, so a
file may come in several forms. :func:`read_spreadsheet` reads them all the
same way, or refuses them with an :class:`~housing_research.InputError` that
names the file, the row (and the sheet), the column and the fix:

- **encodings**: UTF-8, UTF-8 with a byte-order mark, UTF-16 (with or without
  a byte-order mark) and Windows-1252 are read; a file mixing UTF-8 and
  Windows-1252 lines is refused with the lines of each kind (decoding it
  wholesale would turn "numérique" into "numÃ©rique");
- **line ends**: ``\\n``, ``\\r\\n`` and old Mac ``\\r``;
- **separators**: comma, semicolon or tab, the one that splits every line into
  as many fields as the header;
- **cells**: any length (the result does not depend on the process-wide
  ``csv.field_size_limit``); NUL bytes and other control characters are
  removed and reported in ``attrs["source"]["removed"]``;
- **workbooks**: one sheet, or the one named by ``sheet``; several sheets
  without ``sheet`` are refused with their names; formulas without a cached
  value and merged cells are refused with the cell; numbers typed as numbers
  come back as text ("4" for 4, "2019" for 2019.0).

Every cell comes back as text, empty cells as None. ``attrs["source"]`` holds
``file``, ``encoding``, ``separator``, ``sheet``, ``n_rows``, ``rows`` (the
spreadsheet row of each record, header = row 1) and ``removed``.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> path = Path(tempfile.mkdtemp()) / "t.csv"
>>> _ = path.write_bytes("id;nom\\r1;Cité\\r".encode("cp1252"))
>>> table = read_spreadsheet(path, what="example")
>>> table.to_dict("records"), table.attrs["source"]["encoding"], table.attrs["source"]["separator"]
([{'id': '1', 'nom': 'Cité'}], 'cp1252', ';')
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import sys
from pathlib import Path

import pandas as pd

from housing_research import paths
from housing_research.errors import InputError

SEPARATORS = (",", ";", "\t")
_SEP_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
#: Control characters removed from cells (tab, line feed and carriage return are kept).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SAVE_AS = "save it again as 'CSV UTF-8' from the spreadsheet"


class RowNumbers(tuple):
    """An immutable tuple that pandas need not copy: it deep-copies ``attrs`` at every operation."""

    def __deepcopy__(self, memo):
        return self


def _lines_of(data: bytes) -> list[bytes]:
    return data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")


def _utf16(data: bytes) -> str | None:
    """The encoding of a UTF-16 file (``utf-16`` with a BOM, ``utf-16-le``/``-be`` without), else None."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = data[:4000]
    if len(sample) >= 4 and sample.count(0) >= len(sample) * 0.3:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > 0.8 * len(sample[1::2]) and even < 0.2 * len(sample[0::2]):
            return "utf-16-le"
        if even > 0.8 * len(sample[0::2]) and odd < 0.2 * len(sample[1::2]):
            return "utf-16-be"
    return None


def _mixed_lines(data: bytes) -> tuple[list[int], list[int]]:
    """Line numbers of non-ASCII lines that are valid UTF-8 and of those that are not."""
    utf8, other = [], []
    for number, line in enumerate(_lines_of(data), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8.append(number)
        except UnicodeDecodeError:
            other.append(number)
    return utf8, other


def _short(numbers: list[int], limit: int = 8) -> str:
    shown = ", ".join(map(str, numbers[:limit]))
    return shown + (f" and {len(numbers) - limit} more" if len(numbers) > limit else "")


def decode(data: bytes, file: str) -> tuple[str, str]:
    """Return ``(encoding, text)`` of the bytes of a text table; refuse mixed or unknown encodings."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig", data.decode("utf-8-sig")
    wide = _utf16(data)
    if wide is not None:
        try:
            return wide, data.decode(wide)
        except UnicodeDecodeError as err:
            raise InputError(f"unreadable {wide.upper()} text at byte {err.start}", file=file,
                             suggestion=_SAVE_AS) from None
    try:
        return "utf-8", data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    utf8, other = _mixed_lines(data)
    if utf8 and other:
        raise InputError(f"the file mixes two encodings: UTF-8 on lines {_short(utf8)}, Windows-1252 "
                         f"(or another) on lines {_short(other)}", file=file, row=other[0],
                         suggestion="open it in the spreadsheet, check the accented letters on those lines, "
                                    f"and {_SAVE_AS}")
    try:
        return "cp1252", data.decode("cp1252")
    except UnicodeDecodeError as err:
        line = data[:err.start].replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
        raise InputError("unreadable encoding: neither UTF-8, UTF-16 nor Windows-1252", file=file, row=line,
                         suggestion=_SAVE_AS) from None


@contextlib.contextmanager
def _no_field_limit():
    """Let the csv module read cells of any length, and restore the caller's limit afterwards."""
    previous = csv.field_size_limit()
    csv.field_size_limit(sys.maxsize if sys.maxsize < 2**63 else 2**62)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _records(text: str, sep: str) -> list[list[str]]:
    with _no_field_limit():
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))


def split_records(text: str, file: str) -> tuple[str, list[list[str]]]:
    """The separator and the records of a CSV text (every record as wide as the header)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    candidates = []
    for sep in SEPARATORS:
        records = _records(text, sep)
        header = next((r for r in records if any(c.strip() for c in r)), None)
        if header is not None and len(header) >= 2:
            candidates.append((len(header), -SEPARATORS.index(sep), sep, records))
    if not candidates:
        raise InputError("no separator found: the header has a single column", file=file, row=1,
                         suggestion="separate columns with commas, semicolons or tabs")
    width, _, sep, records = max(candidates)
    for number, record in enumerate(records, start=1):
        if any(c.strip() for c in record) and len(record) != width:
            raise InputError(f"this line has {len(record)} fields, the header {width} ({_SEP_NAMES[sep]}-separated)",
                             file=file, row=number,
                             suggestion="check for an unquoted separator or a missing cell on that line")
    return sep, records


def _frame(records: list[list], rows: list[int], file: str, sheet: str | None) -> pd.DataFrame:
    """Records (header first) as a frame of text cells; control characters removed and listed."""
    header = ["" if c is None else str(c).strip() for c in records[0]]
    for i, name in enumerate(header):
        where = {"file": file, "row": rows[0] if rows else 1, "column": name or f"#{i + 1}"}
        if sheet:
            where["file"] = f"{file} [sheet {sheet!r}]"
        if not name or name.startswith("Unnamed:"):
            raise InputError("empty column name", **where,
                             suggestion="give every column a header or delete the empty column")
        if name in header[:i]:
            raise InputError("duplicate column name", **where, suggestion="keep one column per name")
    removed, body = [], []
    for row, record in zip(rows[1:], records[1:]):
        cells = []
        for column, value in zip(header, record):
            text = None if value is None else str(value)
            if text is not None and _CONTROL.search(text):
                removed.append({"row": row, "column": column, "count": len(_CONTROL.findall(text))})
                text = _CONTROL.sub("", text)
            cells.append(text if text is not None and text.strip() else None)
        body.append(cells)
    table = pd.DataFrame(body, columns=header, dtype="object")
    table.attrs["removed"] = removed
    return table


def _read_csv(path, file: str):
    data = path.read() if hasattr(path, "read") else Path(path).read_bytes()
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise InputError("empty file", file=file, row=1, suggestion="the first line must be the header")
    encoding, text = decode(data, file)
    sep, records = split_records(text, file)
    numbered = [(n, r) for n, r in enumerate(records, start=1) if any(c.strip() for c in r)]
    return encoding, sep, [r for _, r in numbered], [n for n, _ in numbered]


def read_spreadsheet(path, *, what: str, sheet: str | None = None, required=()) -> pd.DataFrame:
    """Read a table kept by the team (CSV or XLSX) as text cells; see the module docstring.

    Parameters
    ----------
    path : path-like or file-like
        The file (a file-like object holds CSV text or bytes).
    what : str
        What the table is ("inventory", "manual codes"...), for the messages.
    sheet : str, optional
        The sheet of a workbook to read (default: its only sheet).
    required : sequence of str
        Columns that must be present (the error lists the columns found).

    Returns
    -------
    DataFrame
        Text cells (None when empty), one row per non-empty record, in file order.
    """
    if hasattr(path, "read"):
        file = str(getattr(path, "name", what))
        encoding, separator, records, rows = _read_csv(path, file)
        return _finish(records, rows, file, None, encoding, separator, what, required)
    path = Path(path)
    file = paths.relative(path)
    if not path.exists():
        raise InputError(f"{what} file not found", file=file, suggestion="check the path")
    if path.is_dir():
        raise InputError(f"{what} path is a folder, not a file", file=file,
                         suggestion="give the path of the CSV or XLSX file itself")
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            from housing_research.workbook import read_workbook

            records, rows, sheet_name = read_workbook(path, file, sheet)
            encoding, separator = "xlsx", None
        else:
            encoding, separator, records, rows = _read_csv(path, file)
            sheet_name = None
    except PermissionError:
        raise InputError(f"{what} file cannot be read (permission denied)", file=file,
                         suggestion="close it in the spreadsheet or check its permissions") from None
    return _finish(records, rows, file, sheet_name, encoding, separator, what, required)


def _finish(records, rows, file, sheet_name, encoding, separator, what, required) -> pd.DataFrame:
    if not records:
        raise InputError(f"empty {what}", file=file, row=1, suggestion="the first row must be the header")
    table = _frame(records, rows, file, sheet_name)
    shown = file if sheet_name is None else f"{file} [sheet {sheet_name!r}]"
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise InputError(f"required column missing: {missing[0]!r}", file=shown, row=1, column=missing[0],
                         suggestion=f"add a column named {missing[0]!r} (columns found: "
                                    f"{', '.join(table.columns)})")
    table.attrs["source"] = {"file": shown, "encoding": encoding, "separator": separator, "sheet": sheet_name,
                             "n_rows": len(table), "rows": RowNumbers(rows[1:]),
                             "removed": RowNumbers(table.attrs.pop("removed"))}
    return table
