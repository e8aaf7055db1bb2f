"""Reading one sheet of an XLSX workbook as records of text, or refusing it clearly.

Used by :func:`housing_research.spreadsheet.read_spreadsheet`. A workbook with
several non-empty sheets needs the sheet to be named; formulas whose value
was never computed (a file written by a program rather than saved by a
spreadsheet) and merged cells (only their first cell holds the value) are
refused with the cell. Numbers come back as the text a person typed:
``4`` → "4", ``2019.0`` → "2019", a date → "2020-03-01".

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
import zipfile
from pathlib import Path

from housing_research.errors import InputError


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
