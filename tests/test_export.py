"""The XLSX export of the processed tables: every table, the dictionary, frozen headers, no live formula."""

import hashlib

import openpyxl
import pandas as pd
import pytest

from housing_research.cli import main
from housing_research.export import export_xlsx, processed_tables
from housing_research.tables import write_table

HOSTILE = ['=HYPERLINK("http://x","clic")', "+33 1 23", "-> voir", "@SUM(A1)", "\tcaché"]


@pytest.fixture
def folder(tmp_path):
    write_table(pd.DataFrame({"initiative_id": ["I000-001"] * 5, "name": HOSTILE, "year_start": [2019, None, 2020,
                                                                                                   2021, 2018]}),
                tmp_path / "inventory.csv")
    write_table(pd.DataFrame({"axis": ["gestion"], "kappa": [0.5]}), tmp_path / "agreement_summary.csv")
    return tmp_path


def test_one_sheet_per_table_after_the_dictionary(folder, tmp_path):
    wb = openpyxl.load_workbook(export_xlsx(tmp_path / "x.xlsx", folder))
    assert wb.sheetnames == ["dictionary", "agreement_summary", "inventory"]
    assert [c.value for c in wb["dictionary"][1]][:3] == ["table", "column", "type"]
    assert all(ws.freeze_panes == "A2" and ws["A1"].font.bold for ws in wb)
    assert wb["inventory"].column_dimensions["B"].width > 20


def test_formula_like_text_never_reaches_the_workbook_as_a_formula(folder, tmp_path):
    path = export_xlsx(tmp_path / "x.xlsx", folder)
    wb = openpyxl.load_workbook(path)
    assert not [c.coordinate for ws in wb for row in ws.iter_rows() for c in row if c.data_type == "f"]
    names = [c.value for c in wb["inventory"]["B"][1:]]
    assert names == ["'" + v for v in HOSTILE] and all(c.data_type == "s" for c in wb["inventory"]["B"][1:])
    years = [c.value for c in wb["inventory"]["C"][1:]]
    assert years == [2019, None, 2020, 2021, 2018]                   # integers of the dictionary stay numbers


def test_bytes_are_deterministic(folder, tmp_path):
    a = export_xlsx(tmp_path / "a.xlsx", folder).read_bytes()
    b = export_xlsx(tmp_path / "b.xlsx", folder).read_bytes()
    assert hashlib.sha256(a).hexdigest() == hashlib.sha256(b).hexdigest()


def test_cli_exports_every_processed_table(tmp_path, capsys):
    assert main(["export", "--xlsx", str(tmp_path / "inventory.xlsx")]) == 0
    wb = openpyxl.load_workbook(tmp_path / "inventory.xlsx", read_only=True)
    assert wb.sheetnames == ["dictionary", *(p.stem for p in processed_tables())]
    assert "processed tables" in capsys.readouterr().out
