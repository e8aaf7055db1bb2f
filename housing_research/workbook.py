"""Reading one sheet of an XLSX workbook as records of text, or refusing it clearly; writing tables.

Used by :func:`housing_research.spreadsheet.read_spreadsheet`. A workbook with
several non-empty sheets needs the sheet to be named; formulas whose value
was never computed (a file written by a program rather than saved by a
spreadsheet) and merged cells (only their first cell holds the value) are
refused with the cell. Numbers come back as the text a person typed:
``4`` → "4", ``2019.0`` → "2019", a date → "2020-03-01".

Every workbook the project writes goes through :func:`write_frame` (header
row bold and frozen, column widths set, text cells :func:`~housing_research.
tables.neutralise`-d against formula injection, as in every CSV) and
:func:`save_workbook` (deterministic bytes: fixed document dates and zip
timestamps, so that writing the same tables twice gives the same file).

Examples
--------
>>> import tempfile, openpyxl
>>> from pathlib import Path
>>> path = Path(tempfile.mkdtemp()) / "t.xlsx"
>>> wb = openpyxl.Workbook(); ws = wb.active; ws.title = "codes"
>>> ws.append(["source_doc", "year"]); ws.append([4, 2019.0]); wb.save(path)
>>> read_workbook(path, "t.xlsx")[0]
[['source_doc', 'year'], ['4', '2019']]
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from housing_research.errors import InputError
from housing_research.tables import neutralise

#: Date stamped in every workbook the project writes (document properties and zip entries).
FIXED_DATE = dt.datetime(2000, 1, 1)
#: Bounds of a column's width, in characters.
WIDTHS = (8, 60)


def cell_text(value) -> str | None:
    """The text of a cell value as typed (integral floats without ``.0``; dates as ISO dates)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _open(path: Path, file: str, data_only: bool):
    import openpyxl

    try:
        return openpyxl.load_workbook(path, data_only=data_only)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as err:
        raise InputError(f"not a readable XLSX workbook ({type(err).__name__})", file=file,
                         suggestion="open it in the spreadsheet and save it again as .xlsx, or save it as CSV UTF-8") \
            from None


def _non_empty(ws) -> bool:
    return any(v is not None and str(v).strip() for row in ws.iter_rows(values_only=True) for v in row)


def _pick_sheet(wb, file: str, sheet: str | None):
    names = wb.sheetnames
    if sheet is not None:
        if sheet not in names:
            raise InputError(f"no sheet named {sheet!r}", file=file,
                             suggestion=f"choose one of the sheets: {', '.join(map(repr, names))}")
        return wb[sheet]
    filled = [n for n in names if _non_empty(wb[n])]
    if len(filled) > 1:
        raise InputError(f"the workbook has {len(filled)} sheets with data: {', '.join(map(repr, filled))}",
                         file=file, suggestion="keep the table on one sheet, or name the sheet to read")
    return wb[filled[0] if filled else names[0]]


def _check_cells(ws, formulas, where: str) -> None:
    if ws.merged_cells.ranges:
        first = sorted(str(r) for r in ws.merged_cells.ranges)[0]
        raise InputError(f"merged cells {first}: only the first cell of a merged block holds its value",
                         file=where, row=int("".join(ch for ch in first.split(":")[0] if ch.isdigit())),
                         suggestion="unmerge the cells and write the value in each of them")
    for row in formulas.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("=") and \
                    ws[cell.coordinate].value is None:
                raise InputError(f"formula without a computed value in cell {cell.coordinate}", file=where,
                                 row=cell.row, value=cell.value,
                                 suggestion="open the file in the spreadsheet and save it (it stores the "
                                            "values), or replace the formula by its value")


def read_workbook(path, file: str, sheet: str | None = None) -> tuple[list[list], list[int], str]:
    """Records (header first) of one sheet, their row numbers, and the sheet's name."""
    path = Path(path)
    values = _open(path, file, data_only=True)
    ws = _pick_sheet(values, file, sheet)
    where = f"{file} [sheet {ws.title!r}]"
    _check_cells(ws, _open(path, file, data_only=False)[ws.title], where)
    records, rows = [], []
    for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
        cells = [cell_text(v) for v in row]
        if any(c is not None and c.strip() for c in cells):
            records.append(cells)
            rows.append(number)
    if records:
        header = records[0]
        width = max((i + 1 for i, c in enumerate(header) if c is not None and c.strip()), default=0)
        for number, record in zip(rows[1:], records[1:]):
            beyond = [i for i, c in enumerate(record[width:], start=width) if c is not None and c.strip()]
            if beyond:
                raise InputError("a value stands right of the last header", file=where, row=number,
                                 value=record[beyond[0]], suggestion="give that column a header or delete the value")
        records = [(r + [None] * width)[:width] for r in records]
    return records, rows, ws.title


def column_width(values, header: str) -> int:
    """Width of a column in characters: its longest line, within :data:`WIDTHS`.

    Examples
    --------
    >>> column_width(["a", "abcdefghijkl"], "id"), column_width(["x" * 200], "long")
    (14, 60)
    """
    longest = max((len(line) for v in [header, *values] if v is not None for line in str(v).split("\n")),
                  default=0)
    return max(WIDTHS[0], min(WIDTHS[1], longest + 2))


def write_frame(ws, frame, widths: dict | None = None) -> None:
    """Write a DataFrame into worksheet ``ws``: bold frozen header, widths, text safe against formulas.

    Missing values become empty cells; a text cell that begins like a formula
    gets a leading apostrophe (:func:`~housing_research.tables.neutralise`).
    ``widths`` maps a column name to its width (default: from the content).

    Examples
    --------
    >>> import openpyxl, pandas as pd
    >>> wb = openpyxl.Workbook()
    >>> write_frame(wb.active, pd.DataFrame({"name": ["=1+1", "Jardin"], "n": [1, 2]}))
    >>> wb.active["A2"].value, wb.active["A2"].data_type, wb.active.freeze_panes
    ("'=1+1", 's', 'A2')
    """
    import pandas as pd
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ws.append([str(c) for c in frame.columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for record in frame.itertuples(index=False):
        ws.append([None if not isinstance(v, str) and pd.isna(v) else neutralise(v.item() if hasattr(v, "item")
                                                                                 else v) for v in record])
    ws.freeze_panes = "A2"
    for i, column in enumerate(frame.columns, start=1):
        width = (widths or {}).get(column) or column_width(frame[column].astype(str).head(500), str(column))
        ws.column_dimensions[get_column_letter(i)].width = width


_CORE_DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def save_workbook(wb, path) -> Path:
    """Save ``wb`` to ``path`` with deterministic bytes (fixed dates in the properties and the zip entries)."""
    wb.properties.created = FIXED_DATE
    buffer = io.BytesIO()
    wb.save(buffer)
    stamp = FIXED_DATE.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _CORE_DATES.sub(lambda m: m.group(1) + stamp + m.group(3), data)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, data)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())
    return path
