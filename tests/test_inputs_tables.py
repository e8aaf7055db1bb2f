"""The team's other tables — manual codes, questionnaire, reference tables — through the one robust reader.

Each class of bad or unusual file is read correctly or refused with the file,
the row, the column and the fix.
"""

import openpyxl
import pytest

import housing_research as hr
from housing_research import InputError
from housing_research.inventory.reference import load_organisations, load_places

MANUAL = "initiative_id,period,axis,code,coder,date,justification\n"
CODE = "I000-001,principal,origin,locataires,AB,2026-11-20,l'amicale a lancé l'action\n"


def _file(tmp_path, text, encoding="utf-8", name="codes.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


# --------------------------------------------------------------- manual codes
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_manual_codes_in_every_encoding(tmp_path, encoding):
    codes = hr.read_manual_codes(_file(tmp_path, MANUAL + CODE, encoding))
    assert codes.loc[0, "justification"] == "l'amicale a lancé l'action" and codes.loc[0, "row"] == 2


def test_manual_codes_empty_file_folder_and_missing_file(tmp_path):
    with pytest.raises(InputError, match=r"codes.csv, row 1: empty file\. Fix: the first line must be the header"):
        hr.read_manual_codes(_file(tmp_path, ""))
    # a folder is a folder of coders' files: here one empty file, refused by name
    with pytest.raises(InputError, match=r"codes.csv, row 1: empty file"):
        hr.read_manual_codes(tmp_path)
    with pytest.raises(InputError, match=r"nope.csv: manual codes file not found\. Fix: check the path"):
        hr.read_manual_codes(tmp_path / "nope.csv")


def test_manual_codes_header_only_is_an_empty_table(tmp_path):
    assert hr.read_manual_codes(_file(tmp_path, MANUAL)).empty


def test_manual_codes_missing_column_lists_the_columns_found(tmp_path):
    with pytest.raises(InputError, match=r"codes.csv, row 1, column 'coder': required column missing: 'coder'\. "
                                         r"Fix: add a column named 'coder' \(columns found: initiative_id, period, "
                                         r"axis, code\)"):
        hr.read_manual_codes(_file(tmp_path, "initiative_id,period,axis,code\nI000-001,principal,origin,tiers\n"))


def test_manual_codes_row_numbers_skip_nothing_after_blank_lines(tmp_path):
    text = MANUAL + "\n" + CODE + "I000-001,principal,origin,tier,AB,2026-11-20,x\n"
    with pytest.raises(InputError, match=r"codes.csv, row 4, column 'code': unknown code for axis 'origin' "
                                         r"\(value: 'tier'\)\. Fix: did you mean 'tiers'\?"):
        hr.read_manual_codes(_file(tmp_path, text))


def test_manual_codes_empty_code_and_bad_date(tmp_path):
    with pytest.raises(InputError, match=r"row 2, column 'code': empty cell.*Fix: fill in 'code'"):
        hr.read_manual_codes(_file(tmp_path, MANUAL + "I000-001,principal,origin,,AB,2026-11-20,x\n"))
    with pytest.raises(InputError, match=r"row 2, column 'date': malformed date \(value: '20/11/2026'\)\. "
                                         r"Fix: write dates as YYYY-MM-DD"):
        hr.read_manual_codes(_file(tmp_path, MANUAL + "I000-001,principal,origin,tiers,AB,20/11/2026,x\n"))


def test_manual_codes_from_a_workbook_with_dates_typed_as_dates(tmp_path):
    import datetime as dt

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(MANUAL.strip().split(","))
    ws.append(["I000-001", "principal", "origin", "tiers", "AB", dt.datetime(2026, 11, 20), "x"])
    path = tmp_path / "codes.xlsx"
    wb.save(path)
    assert hr.read_manual_codes(path).loc[0, "date"] == "2026-11-20"


# -------------------------------------------------------------- questionnaire
def test_questionnaire_in_windows_1252_reads_like_the_committed_one(tmp_path):
    committed = hr.load_questionnaire()
    path = _file(tmp_path, hr.paths.QUESTIONNAIRE.read_text(encoding="utf-8"), "cp1252", "q.csv")
    assert hr.load_questionnaire(path).equals(committed)


def test_questionnaire_bad_files(tmp_path):
    with pytest.raises(InputError, match=r"q.csv, row 1: empty file"):
        hr.load_questionnaire(_file(tmp_path, "", name="q.csv"))
    with pytest.raises(InputError, match=r"questionnaire table path is a folder"):
        hr.load_questionnaire(tmp_path)
    header = hr.paths.QUESTIONNAIRE.read_text(encoding="utf-8").splitlines()[0] + "\n"
    with pytest.raises(InputError, match=r"q.csv, row 2: the questionnaire table has a header but no row"):
        hr.load_questionnaire(_file(tmp_path, header, name="q.csv"))


def test_questionnaire_counts_typed_as_numbers(tmp_path):
    text = hr.paths.QUESTIONNAIRE.read_text(encoding="utf-8").replace(",28,", ",28.0,", 1)
    assert hr.load_questionnaire(_file(tmp_path, text, name="q.csv")).equals(hr.load_questionnaire())


# ----------------------------------------------------------- reference tables
def test_reference_tables_in_windows_1252_and_with_missing_columns(tmp_path):
    text = hr.paths.ORGANISATIONS.read_text(encoding="utf-8")
    assert load_organisations(_file(tmp_path, text, "cp1252", "orgs.csv")).equals(load_organisations())
    with pytest.raises(InputError, match=r"places.csv, row 1, column 'departement': required column missing"):
        load_places(_file(tmp_path, "place,region\nLens,hauts_de_france\n", name="places.csv"))


def test_codes_folder_keeps_each_coder_in_their_own_file(tmp_path):
    header = "initiative_id,period,axis,code,basis,rule,coder,date,justification\n"
    (tmp_path / "AB.csv").write_text(header + "I000-001,principal,gestion,institution,inferred,G-OWN,AB,2026-12-01,x\n",
                                     encoding="utf-8")
    (tmp_path / "CD.csv").write_text(header + "I000-001,principal,gestion,partage,stated,,CD,2026-12-01,y\n",
                                     encoding="utf-8")
    (tmp_path / "history.csv").write_text("not,a,coder,file\n", encoding="utf-8")
    codes = hr.read_manual_codes(tmp_path)
    assert sorted(set(codes["coder"])) == ["AB", "CD"] and set(codes["file"]) == {"AB.csv", "CD.csv"}
    (tmp_path / "CD.csv").write_text(header + "I000-001,principal,gestion,partage,stated,,AB,2026-12-01,y\n",
                                     encoding="utf-8")
    with pytest.raises(InputError, match=r"coder 'AB' has codes in two files .*Fix: keep each coder's codes in one file"):
        hr.read_manual_codes(tmp_path)
    (tmp_path / "CD.csv").write_text(header + "I000-001,principal,gestion,partage,stated,,CD,2026-12-01,y\n"
                                     "I000-001,principal,decision,partage,stated,,EF,2026-12-01,y\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"several coders in one file: CD, EF"):
        hr.read_manual_codes(tmp_path)


@pytest.mark.parametrize("line,message", [
    ("I000-001,principal,gestion,institution,guessed,,AB,2026-12-01,x", r"column 'basis': unknown basis"),
    ("I000-001,principal,gestion,institution,inferred,,AB,2026-12-01,x",
     r"column 'rule': an inferred code needs the decision rule"),
    ("I000-001,principal,gestion,institution,inferred,G-OWNN,AB,2026-12-01,x",
     r"column 'rule': unknown decision rule \(value: 'G-OWNN'\)\. Fix: did you mean 'G-OWN'\?"),
    ("I000-001,principal,gestion,institution,inferred,F-OWN,AB,2026-12-01,x",
     r"column 'rule': rule F-OWN is a rule of axis 'financement'"),
    ("I000-001,covid,origin,bailleur,stated,,AB,2026-12-01,x",
     r"column 'period': origin is coded for the principal period only \(rule O-FIXED\)"),
])
def test_basis_rule_and_fixed_origin_are_checked(tmp_path, line, message):
    header = "initiative_id,period,axis,code,basis,rule,coder,date,justification\n"
    extra = "I000-001,principal,origin,bailleur,stated,,AB,2026-12-01,x\n" if "covid,origin" in line else ""
    with pytest.raises(InputError, match=message):
        hr.read_manual_codes(_file(tmp_path, header + extra + line + "\n"))
