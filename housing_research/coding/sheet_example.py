"""Filling coder sheets from codes, and a seeded perturbation of codes: for worked examples and tests.

A real sheet is filled by a person. To show the whole loop (notebook 06) and
to test it, :func:`fill_coder_sheet` writes codes of the long format into a
blank sheet as a coder would, and :func:`perturb_codes` makes a second,
**illustrative** coder by changing a share of another coder's codes at
random (seeded, so the example is the same on every run). Neither is ever
used on the team's own files.

Examples
--------
>>> import pandas as pd
>>> codes = pd.DataFrame({"initiative_id": ["I1"] * 2, "period": "principal", "axis": ["gestion", "origin"],
...                       "code": ["habitants", "tiers"], "basis": "", "rule": "", "coder": "AB",
...                       "date": "2026-01-01", "justification": "x"})
>>> perturb_codes(codes, "XY", share=1.0, random_state=0)[["axis", "code", "coder"]].values.tolist()
[['gestion', 'institution', 'XY'], ['origin', 'locataires', 'XY']]
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from housing_research.coding.codebook import MULTI_AXES, Codebook, codebook
from housing_research.coding.final_codes import latest_per_coder
from housing_research.coding.sheet_layout import code_columns, sheet_columns
from housing_research.coding.sheets import ABOUT_SHEET, CODES_SHEET
from housing_research.workbook import save_workbook

#: What the justification of a changed code says, so that no one mistakes the example for a coding.
ILLUSTRATION = "illustration: code changed at random for the worked example"


def perturb_codes(codes: pd.DataFrame, coder: str, share: float = 0.2, random_state: int = 0,
                  cb: Codebook | None = None) -> pd.DataFrame:
    """Another coder's codes with a share of the units recoded at random (an illustration, never data).

    Each unit (initiative, period, axis) is recoded with probability
    ``share``: its codes are replaced by one other code of the axis drawn
    at random; the other units keep their codes. The result is the coder's
    latest coding only, renamed ``coder``; changed codes say so in their
    justification (:data:`ILLUSTRATION`) and are stated, without rule.
    """
    cb = cb or codebook()
    rng = np.random.default_rng(random_state)
    latest = latest_per_coder(codes)
    out = []
    for (iid, period, axis), group in latest.groupby(["initiative_id", "period", "axis"], sort=True):
        if rng.random() < share:
            others = [c for c in cb.codes(axis) if c not in set(group["code"])]
            new = group.iloc[[0]].assign(code=others[int(rng.integers(len(others)))], basis="stated", rule="",
                                         justification=ILLUSTRATION)
            out.append(new)
        else:
            out.append(group)
    return pd.concat(out, ignore_index=True).assign(coder=coder)


def _cells(codes: pd.DataFrame, columns) -> dict[tuple[str, str], object]:
    """(initiative id, header) -> value of a sheet filled with ``codes`` (latest coding of each unit)."""
    cells = {}
    for (iid, period, axis), group in latest_per_coder(codes).groupby(["initiative_id", "period", "axis"]):
        slots = code_columns(columns, period, axis)
        values = list(dict.fromkeys(group["code"]))[:len(slots)] if axis in MULTI_AXES else [group["code"].iloc[0]]
        for column, value in zip(slots, values):
            cells[(iid, column.header)] = value
        first = group.iloc[0]
        for column in columns:
            if column.period == period and column.axis == axis and column.role != "code":
                cells[(iid, column.header)] = str(first.get(column.role, "") or "") or None
    return cells


def fill_coder_sheet(path, codes: pd.DataFrame, out=None, cb: Codebook | None = None) -> Path:
    """Write ``codes`` (long format) into the blank coder sheet ``path`` as its coder would; return the file.

    Codes of initiatives the sheet has no row for are left out; the filled
    sheet goes to ``out`` (default: ``path`` itself).
    """
    import openpyxl

    cb = cb or codebook()
    wb = openpyxl.load_workbook(path)
    lang = {r[0]: r[1] for r in wb[ABOUT_SHEET].iter_rows(values_only=True)}["lang"]
    columns = sheet_columns(cb, lang)
    cells = _cells(codes, columns)
    ws = wb[CODES_SHEET]
    position = {cell.value: cell.column for cell in ws[1]}
    for row in ws.iter_rows(min_row=2):
        iid = row[0].value
        for column in columns:
            if (iid, column.header) in cells:
                ws.cell(row[0].row, position[column.header], cells[(iid, column.header)])
    return save_workbook(wb, out or path)


def example_sheets(folder, inventory: pd.DataFrame, codes: pd.DataFrame, second: str = "EXEMPLE",
                   share: float = 0.15, random_state: int = 12, made=None, cb: Codebook | None = None
                   ) -> dict[str, Path]:
    """Two filled coder sheets for a worked example, in ``folder``: one coder's codes and a perturbed copy.

    The first sheet holds the codes of the (only) coder of ``codes``; the
    second, named ``second``, the same codes of which a share was changed at
    random (:func:`perturb_codes`): an **illustration**, never data. Returns
    the path of each coder's sheet, by coder.
    """
    from housing_research.coding.sheets import write_coder_sheet

    cb = cb or codebook()
    first = sorted(set(codes["coder"]))[0]
    versions = {first: codes[codes["coder"] == first],
                second: perturb_codes(codes[codes["coder"] == first], second, share, random_state, cb)}
    out = {}
    for coder, coded in versions.items():
        blank = write_coder_sheet(Path(folder) / f"{coder}.xlsx", inventory, coder, cb, made=made)
        out[coder] = fill_coder_sheet(blank, coded, cb=cb)
    return out
