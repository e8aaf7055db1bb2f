"""Coder sheets: one XLSX workbook per coder, to code the initiatives blind.

:func:`write_coder_sheet` writes a workbook with four sheets:

- ``codes`` -- one row per initiative in scope (``scope`` is not
  ``contexte``), the columns of :func:`~housing_research.coding.sheet_layout.sheet_columns`
  (headers in French or English, frozen header row and id column, widths
  set), every code, basis and rule cell a drop-down list of the codebook's
  choices. The code cells are empty: a sheet never shows anybody's codes,
  so coding stays blind;
- ``codebook`` -- every category's code, label, definition, indicators and
  example, then the decision rules;
- ``lists`` (hidden) -- the drop-down lists and the ids the sheet was made for;
- ``about`` (hidden) -- what :func:`~housing_research.coding.sheet_reading.read_coder_sheet`
  checks: the coder, the codebook version, the language, the date. The
  coder and the version are also in the document properties (author,
  keywords).

The rows can leave out the initiatives the coder has already coded
(``only_uncoded``) and follow an order, e.g. the supervised coder's
uncertainty (:func:`uncertainty_order`).

Examples
--------
>>> import tempfile, openpyxl
>>> from pathlib import Path
>>> from housing_research.tables import read_processed
>>> inventory = read_processed("inventory", dtype=str, keep_default_na=False)
>>> path = write_coder_sheet(Path(tempfile.mkdtemp()) / "AB.xlsx", inventory, "AB", lang="en")
>>> wb = openpyxl.load_workbook(path)
>>> wb.sheetnames, wb["about"]["B2"].value, wb["codes"]["F1"].value
(['codes', 'codebook', 'lists', 'about'], 'AB', 'Functioning described · Origin 1')
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from housing_research.coding.codebook import Codebook, codebook
from housing_research.coding.sheet_layout import INFO_COLUMNS, sheet_columns
from housing_research.errors import InputError
from housing_research.i18n import check_lang, text
from housing_research.workbook import save_workbook, write_frame

#: Sheet names of a coder workbook.
CODES_SHEET, CODEBOOK_SHEET, LISTS_SHEET, ABOUT_SHEET = "codes", "codebook", "lists", "about"
#: What the ``about`` sheet says a coder workbook is.
SHEET_FORMAT = "housing-research coder sheet 1"
_FILLS = {"debut": "FFF2CC", "principal": "DDEBF7", "covid": "FCE4D6", None: "EDEDED"}


def in_scope(inventory: pd.DataFrame) -> pd.DataFrame:
    """The initiatives to code: every one whose ``scope`` is not ``contexte``."""
    if "scope" not in inventory.columns:
        return inventory
    return inventory[inventory["scope"].fillna("") != "contexte"]


def sheet_initiatives(inventory: pd.DataFrame, coded_ids=(), only_uncoded: bool = False,
                      order=None) -> pd.DataFrame:
    """The initiatives of a sheet, in order: in scope, maybe without those coded, maybe in a given order.

    ``coded_ids`` are the initiatives the sheet's coder has coded (their own
    codes only: blind); ``order`` is a sequence of ids to put first, in that
    order (the others follow in inventory order).
    """
    rows = in_scope(inventory)
    if only_uncoded:
        rows = rows[~rows["initiative_id"].isin(set(coded_ids))]
    if order is not None:
        rank = {iid: i for i, iid in enumerate(order)}
        position = rows["initiative_id"].map(rank).fillna(len(rank))
        rows = rows.assign(_rank=position.to_numpy()).sort_values("_rank", kind="stable").drop(columns="_rank")
    return rows.reset_index(drop=True)


def uncertainty_order(inventory: pd.DataFrame, final: pd.DataFrame, coded_ids=(), organisations=None,
                      cb: Codebook | None = None) -> list[str]:
    """Ids ordered by the supervised coder's uncertainty, most uncertain first (its code-next order).

    The supervised coder is trained on the final codes (``final``, as in
    ``data/processed/final_codes.csv``); initiatives in ``coded_ids`` come
    last. Only the order reaches the sheet, never a code.
    """
    from housing_research.coding.learned import SupervisedCoder
    from housing_research.coding.learned_eval import code_next
    from housing_research.coding.learned_features import feature_frame, targets

    cb = cb or codebook()
    y = targets(final, cb)
    y = y[y.index.isin(set(inventory["initiative_id"]))]
    if y.empty:
        raise InputError("no final code to learn the order from", column="initiative_id",
                         suggestion="run `housing-research code` after some initiatives are coded, or drop --order")
    X = feature_frame(inventory, organisations, cb)
    model = SupervisedCoder().fit(X.loc[y.index], y)
    ranked = code_next(model, inventory, coded_ids, organisations, cb)
    return list(ranked["initiative_id"])


def _codes_sheet(ws, rows: pd.DataFrame, columns, lists: dict) -> None:
    from openpyxl.styles import Alignment, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    frame = pd.DataFrame({c.header: (rows[INFO_COLUMNS[c.key]].fillna("") if c.role == "info" else None)
                          for c in columns})
    write_frame(ws, frame, {c.header: c.width for c in columns})
    ws.freeze_panes = "B2"
    last = max(len(rows) + 1, 2)
    for i, column in enumerate(columns, start=1):
        letter = get_column_letter(i)
        ws[f"{letter}1"].fill = PatternFill("solid", fgColor=_FILLS[column.period])
        ws[f"{letter}1"].alignment = Alignment(wrap_text=True, vertical="top")
        if column.choices:
            rule = DataValidation(type="list", formula1=lists[column.choices], allow_blank=True,
                                  showErrorMessage=True, errorTitle=column.header,
                                  error=", ".join(column.choices))
            rule.add(f"{letter}2:{letter}{last}")
            ws.add_data_validation(rule)
    for cell in ws["C"][1:]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[1].height = 45


def _lists_sheet(ws, columns, ids) -> dict:
    """Write each distinct drop-down list in a column; return the range of each."""
    from openpyxl.utils import get_column_letter

    choices = list(dict.fromkeys(c.choices for c in columns if c.choices))
    ranges = {}
    for i, values in enumerate([*choices, tuple(ids)], start=1):
        letter = get_column_letter(i)
        ws.cell(1, i, "initiative_id" if i > len(choices) else f"list {i}")
        for j, value in enumerate(values, start=2):
            ws.cell(j, i, value)
        ranges[values] = f"{LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}"
    ws.sheet_state = "hidden"
    return ranges


def codebook_frames(cb: Codebook, lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The categories and the decision rules, as shown on the ``codebook`` sheet."""
    t = {k: text(f"sheets.{k}", lang) for k in ("axis", "label", "definition", "indicators", "example",
                                                 "counter_example", "rule_text")}
    rows = []
    for axis in ("origin", "institutionalisation", "register"):
        for c in cb.categories(axis):
            rows.append({t["axis"]: cb.axis(axis).label(lang), "code": c.code, t["label"]: c.label(lang),
                         t["definition"]: c.definition, t["indicators"]: "; ".join(c.indicators),
                         t["example"]: c.example})
    unknown = cb.unknown_category
    rows.append({t["axis"]: "*", "code": unknown.code, t["label"]: unknown.label(lang),
                 t["definition"]: unknown.definition, t["indicators"]: "", t["example"]: ""})
    rules = pd.DataFrame([{"id": r.id, t["axis"]: r.axis, "basis": r.basis, t["rule_text"]: r.text,
                           t["example"]: r.example, t["counter_example"]: r.counter_example} for r in cb.rules])
    return pd.DataFrame(rows), rules


def _codebook_sheet(ws, cb: Codebook, lang: str) -> None:
    from openpyxl.styles import Alignment, Font

    categories, rules = codebook_frames(cb, lang)
    ws.append([text("sheets.codebook_title", lang, version=cb.version)])
    ws.append([text("sheets.basis_values", lang)])
    ws.append([])
    write_frame(ws, categories.astype(str), {c: 60 if i >= 3 else 22 for i, c in enumerate(categories.columns)})
    ws.append([])
    ws.append([text("sheets.rules_title", lang)])
    title = ws.max_row
    ws.append(list(rules.columns))
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for record in rules.itertuples(index=False):
        ws.append(list(record))
    for row in (1, title):
        ws.cell(row, 1).font = Font(bold=True, size=12)
    ws.freeze_panes = "A5"
    for row in ws.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _about_sheet(wb, coder: str, cb: Codebook, lang: str, made: dt.date, n_rows: int) -> None:
    ws = wb.create_sheet(ABOUT_SHEET)
    for key, value in (("key", "value"), ("coder", coder), ("codebook_version", cb.version), ("lang", lang),
                       ("made", made.isoformat()), ("format", SHEET_FORMAT), ("initiatives", n_rows)):
        ws.append([key, value])
    ws.sheet_state = "hidden"
    wb.properties.creator = coder
    wb.properties.keywords = f"codebook {cb.version}"
    wb.properties.title = f"{SHEET_FORMAT}: {coder}"


def write_coder_sheet(path, inventory: pd.DataFrame, coder: str, cb: Codebook | None = None, lang: str = "fr",
                      rows: pd.DataFrame | None = None, made: dt.date | None = None) -> Path:
    """Write one coder's sheet (see the module docstring); return its path.

    Parameters
    ----------
    path : path-like
        The ``.xlsx`` file to write.
    inventory : DataFrame
        The cleaned inventory (text cells).
    coder : str
        The coder's name or initials, stamped in the file.
    cb : Codebook, optional
    lang : {"fr", "en"}
        Language of the headers and the codebook sheet.
    rows : DataFrame, optional
        The initiatives of the sheet, in order (default: every one in scope,
        see :func:`sheet_initiatives`).
    made : date, optional
        Date stamped in the file (default: today).
    """
    import openpyxl

    cb, lang = cb or codebook(), check_lang(lang)
    if not str(coder or "").strip():
        raise InputError("a coder sheet needs the coder's name", column="coder",
                         suggestion="give --coder NAME (initials, as in data/raw/codes/NAME.csv)")
    rows = sheet_initiatives(inventory) if rows is None else rows
    columns = sheet_columns(cb, lang)
    wb = openpyxl.Workbook()
    wb.active.title = CODES_SHEET
    lists = _lists_sheet(wb.create_sheet(LISTS_SHEET), columns, rows["initiative_id"])
    _codes_sheet(wb[CODES_SHEET], rows, columns, lists)
    _codebook_sheet(wb.create_sheet(CODEBOOK_SHEET, 1), cb, lang)
    _about_sheet(wb, str(coder).strip(), cb, lang, made or dt.date.today(), len(rows))
    return save_workbook(wb, path)
