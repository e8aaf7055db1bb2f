"""Bad or unusual inventories: every one is read correctly or refused with file, row, column and fix.

Each test is one class of input a team member or a reviewer may bring; the
assertion is the exact outcome (the value read, or the message).
"""

import csv
import hashlib
import os
import subprocess
import sys

import openpyxl
import pandas as pd
import pytest

import housing_research as hr
from housing_research import InputError, paths
from housing_research.inventory.build import build_inventory
from housing_research.inventory.periods import parse_period

HEADER = "raw_id,name,kind,carrier,description,source_doc,source_section,place,region,period"
ROW = "I000-001,Accès au numérique,action,Valophis,Des ateliers pour les locataires,000,1.2,,,2020"


def _csv(tmp_path, text, encoding="utf-8", name="inv.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def _rows(*lines):
    return "\n".join([HEADER, *lines]) + "\n"


# ------------------------------------------------------------------ encodings
@pytest.mark.parametrize("encoding,detected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252"), ("utf-16", "utf-16"),
    ("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be"),
])
def test_every_encoding_the_team_uses_is_read(tmp_path, encoding, detected):
    table = hr.load_inventory(_csv(tmp_path, _rows(ROW), encoding))
    assert table.loc[0, "name"] == "Accès au numérique"
    assert table.attrs["source"]["encoding"] == detected


def test_mixed_utf8_and_windows_1252_lines_are_refused_with_the_lines(tmp_path):
    data = _rows(ROW).encode("utf-8") + "I000-002,Café,action,Valophis,d,000,1.2,,,2020\n".encode("cp1252")
    with pytest.raises(InputError, match=r"inv.csv, row 3: the file mixes two encodings: UTF-8 on lines 2, "
                                         r"Windows-1252 \(or another\) on lines 3\. Fix: .*CSV UTF-8"):
        hr.load_inventory(_csv(tmp_path, data))


def test_bytes_of_no_known_encoding_are_refused_with_the_line(tmp_path):
    with pytest.raises(InputError, match=r"row 2: unreadable encoding.*Fix: save it again as 'CSV UTF-8'"):
        hr.load_inventory(_csv(tmp_path, HEADER.encode() + b"\nI000-001,caf\x81\x8d,a,b,c,000,s,,,\n"))


# ------------------------------------------------------- line ends and sizes
@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_every_line_end(tmp_path, end):
    table = hr.load_inventory(_csv(tmp_path, _rows(ROW, ROW.replace("I000-001", "I000-002")).replace("\n", end)))
    assert table["raw_id"].tolist() == ["I000-001", "I000-002"]


def test_a_cell_of_200000_characters_reads_whatever_the_csv_field_limit(tmp_path):
    previous = csv.field_size_limit(1000)
    try:
        text = _rows(ROW.replace("Des ateliers pour les locataires", "x" * 200_000))
        table = hr.load_inventory(_csv(tmp_path, text))
        assert len(table.loc[0, "description"]) == 200_000
        assert csv.field_size_limit() == 1000                  # the caller's setting is left as it was
    finally:
        csv.field_size_limit(previous)


def test_separators_and_ragged_lines(tmp_path):
    table = hr.load_inventory(_csv(tmp_path, _rows(ROW).replace(",", ";")))
    assert table.attrs["source"]["separator"] == ";" and table.loc[0, "carrier"] == "Valophis"
    with pytest.raises(InputError, match=r"inv.csv, row 3: this line has 11 fields, the header 10 "
                                         r"\(comma-separated\)\. Fix: check for an unquoted separator"):
        hr.load_inventory(_csv(tmp_path, _rows(ROW, ROW + ",extra")))


# ------------------------------------------------------- files that are not tables
def test_missing_file_folder_and_empty_file(tmp_path):
    with pytest.raises(InputError, match=r"nope.csv: inventory file not found\. Fix: check the path"):
        hr.load_inventory(tmp_path / "nope.csv")
    with pytest.raises(InputError, match=r"inventory path is a folder, not a file\. Fix: give the path"):
        hr.load_inventory(tmp_path)
    with pytest.raises(InputError, match=r"inv.csv, row 1: empty file\. Fix: the first line must be the header"):
        hr.load_inventory(_csv(tmp_path, " \r\n"))


# ------------------------------------------------------- degenerate tables
def test_header_only_gives_an_empty_table_and_a_full_report(tmp_path):
    result = hr.clean(hr.load_inventory(_csv(tmp_path, HEADER + "\n")))
    assert result.table.empty and list(result.table.columns)[:2] == ["initiative_id", "raw_ids"]
    assert result.summary()["raw"] == 0 and result.rows.empty


def test_every_row_rejected_gives_an_empty_table_and_the_reasons(tmp_path):
    text = _rows("I000-001,,action,Valophis,,000,1.2,,,", "I000-002,Radio,action,NMH,,000,1.2,,,")
    result = hr.clean(hr.load_inventory(_csv(tmp_path, text)))
    assert result.table.empty
    assert result.rows["status"].tolist() == ["rejected", "rejected"]
    assert result.rows["reason"].tolist()[0].startswith("no name and no description")


# ----------------------------------------------------------------- workbooks
def _workbook(tmp_path, sheets):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    path = tmp_path / "inv.xlsx"
    wb.save(path)
    return path


HEAD = HEADER.split(",")


def test_workbook_with_several_sheets_is_refused_with_their_names_or_read_by_name(tmp_path):
    row = ["I000-001", "Radio", "action", "NMH", "Une radio", "000", "1.2", None, None, "2020"]
    path = _workbook(tmp_path, {"doc000": [HEAD, row], "doc003": [HEAD, [*row[:5], "003", *row[6:]]]})
    with pytest.raises(InputError, match=r"inv.xlsx: the workbook has 2 sheets with data: 'doc000', 'doc003'\. "
                                         r"Fix: keep the table on one sheet, or name the sheet to read"):
        hr.load_inventory(path)
    table = hr.load_inventory(path, sheet="doc003")
    assert table.loc[0, "source_doc"] == "003" and table.attrs["source"]["sheet"] == "doc003"
    with pytest.raises(InputError, match=r"no sheet named 'doc9'\. Fix: choose one of the sheets: 'doc000', 'doc003'"):
        hr.load_inventory(path, sheet="doc9")


def test_numbers_typed_as_numbers_come_back_as_typed(tmp_path):
    path = _workbook(tmp_path, {"inv": [HEAD, ["I004-001", "Cité", "projet", "Maisons & Cités", "Un projet", 4, "1.1",
                                               "Lens", None, 2019.0]]})
    table = hr.load_inventory(path)
    assert table.loc[0, "source_doc"] == "4" and table.loc[0, "period"] == "2019"
    cleaned = hr.clean(table).table
    assert cleaned.loc[0, "source_docs"] == "004" and cleaned.loc[0, "year_start"] == 2019


def test_formula_without_a_value_is_refused_with_its_cell(tmp_path):
    path = _workbook(tmp_path, {"inv": [HEAD, ["I000-001", '=CONCATENATE("Ra","dio")', "action", "NMH", "d", "000",
                                               "1.2", None, None, "2020"]]})
    with pytest.raises(InputError, match=r"inv.xlsx \[sheet 'inv'\], row 2: formula without a computed value in "
                                         r"cell B2 .*Fix: open the file in the spreadsheet and save it"):
        hr.load_inventory(path)


def test_merged_cells_are_refused_with_the_range(tmp_path):
    row = ["I000-001", "Radio", "action", "NMH", "d", "000", "1.2", None, None, "2020"]
    path = _workbook(tmp_path, {"inv": [HEAD, row, ["I000-002", "Apéro", "action", None, "d", "000", "1.2"]]})
    wb = openpyxl.load_workbook(path)
    wb["inv"].merge_cells("D2:D3")
    wb.save(path)
    with pytest.raises(InputError, match=r"\[sheet 'inv'\], row 2: merged cells D2:D3.*Fix: unmerge the cells"):
        hr.load_inventory(path)


def test_corrupt_workbook_is_refused(tmp_path):
    path = tmp_path / "inv.xlsx"
    path.write_bytes(b"this is not a zip")
    with pytest.raises(InputError, match=r"inv.xlsx: not a readable XLSX workbook.*Fix: open it in the spreadsheet"):
        hr.load_inventory(path)


# --------------------------------------------------------------- cell contents
def test_nul_bytes_and_control_characters_are_removed_and_reported(tmp_path):
    text = _rows(ROW.replace("Des ateliers", "Des\x00 ateliers\x07"))
    result = hr.clean(hr.load_inventory(_csv(tmp_path, text)))
    assert result.table.loc[0, "description"] == "Des ateliers pour les locataires"
    removed = result.changes[result.changes["rule"] == "control_characters"]
    assert removed[["raw_id", "row", "column", "old"]].values.tolist() == [
        ["I000-001", 2, "description", "2 control character(s)"]]


def test_columns_outside_the_dictionary_are_reported(tmp_path):
    text = _rows(ROW + ",note").replace(HEADER, HEADER + ",remarque")
    result = hr.clean(hr.load_inventory(_csv(tmp_path, text)))
    warning = result.warnings[result.warnings["kind"] == "extra_column"].iloc[0]
    assert warning["column"] == "remarque" and "not in the data dictionary" in warning["message"]


@pytest.mark.parametrize("period,start,end", [
    ("2020-21", 2020, 2021), ("2019/20", 2019, 2020), ("43891", 2020, 2020), ("2019.0", 2019, 2019),
    ("depuis 2018", 2018, None), ("mars 2021", 2021, 2021), ("années 2010", 2010, 2019),
])
def test_periods_are_read(period, start, end):
    assert parse_period(period)[:2] == (start, end)


@pytest.mark.parametrize("period,problem", [
    ("1899", "year 1899 outside 1900-2030"), ("2050", "year 2050 outside 1900-2030"),
    ("pendant le confinement", "no year in the period"),
])
def test_impossible_or_unreadable_periods_are_reported_with_the_cell(tmp_path, period, problem):
    result = hr.clean(hr.load_inventory(_csv(tmp_path, _rows(ROW[:-4] + period))))
    assert pd.isna(result.table.loc[0, "year_start"])
    warning = result.warnings[result.warnings["kind"] == "period"].iloc[0]
    assert (warning["raw_id"], warning["row"], warning["column"], warning["value"]) == ("I000-001", 2, "period", period)
    assert warning["message"].startswith(problem)


@pytest.mark.parametrize("region,proposed", [
    ("Ile-de-Frnace", "ile_de_france (Île-de-France)"), ("Haut de France", "hauts_de_france (Hauts-de-France)"),
])
def test_misspelt_regions_get_a_proposal_and_a_warning(tmp_path, region, proposed):
    result = hr.clean(hr.load_inventory(_csv(tmp_path, _rows(ROW.replace(",,,2020", f",,{region},2020")))))
    assert pd.isna(result.table.loc[0, "regions"])
    assert result.proposals.loc[result.proposals["kind"] == "region", "candidate"].tolist()[0] == proposed
    assert result.warnings["kind"].tolist() == ["unknown_region"]


def test_region_aliases_and_unknown_places(tmp_path):
    text = _rows(ROW.replace(",,,2020", ",Nanterr,Région parisienne,2020"))
    result = hr.clean(hr.load_inventory(_csv(tmp_path, text)))
    assert result.table.loc[0, "regions"] == "ile_de_france"
    assert result.proposals.loc[result.proposals["kind"] == "place", "candidate"].tolist() == ["Nanterre"]
    warning = result.warnings.set_index("kind").loc["unknown_place"]
    assert warning["value"] == "Nanterr" and warning["message"].startswith("did you mean 'Nanterre'?")


# ----------------------------------------------------------------- duplicates
GARDEN = "I{doc}-001,Jardin partagé {where},projet,Valophis,Un jardin,{doc},1,{where},,{period}"


@pytest.mark.parametrize("a,b,merged", [
    (("Bezons", "2020"), ("Nanterre", "2020"), False),
    (("Bezons", "2020"), ("Bezons", "2020"), True),
    (("Bezons", "2015"), ("Bezons", "2020"), False),
    (("", "2020"), ("Bezons", "2020"), True),
])
def test_merging_needs_agreeing_places_and_periods(tmp_path, a, b, merged):
    text = _rows(GARDEN.format(doc="000", where=a[0], period=a[1]), GARDEN.format(doc="003", where=b[0], period=b[1]))
    text = text.replace("Jardin partagé ,", "Jardin partagé Bezons,")
    result = hr.clean(hr.load_inventory(_csv(tmp_path, text)))
    assert (result.summary()["merged"] == 1) is merged
    if not merged:
        proposal = result.proposals[result.proposals["kind"] == "duplicate"].iloc[0]
        assert "not merged" in proposal["candidate"]


def test_the_change_report_holds_only_real_changes():
    result = hr.clean(hr.load_inventory())
    assert not (result.changes["old"] == result.changes["new"]).any()


# --------------------------------------------------------- accounting and outputs
@pytest.mark.parametrize("lines", [
    [ROW], [ROW, ROW.replace("I000-001", "I000-002")], ["I000-001,,action,V,,000,1,,,"],
    [GARDEN.format(doc="000", where="Bezons", period="2020"), GARDEN.format(doc="003", where="Bezons", period="2020")],
])
def test_raw_rows_are_kept_merged_or_rejected(tmp_path, lines):
    raw = hr.load_inventory(_csv(tmp_path, _rows(*lines)))
    summary = hr.clean(raw).summary()
    assert summary["raw"] == len(raw) == summary["kept"] + summary["merged"] + summary["rejected"]


def test_formula_like_text_is_neutralised_in_every_written_table(tmp_path):
    text = _rows(ROW.replace("Accès au numérique", '=HYPERLINK("http://x")'))
    build_inventory(_csv(tmp_path, text), out_dir=tmp_path / "out")
    written = pd.read_csv(tmp_path / "out" / "inventory.csv", dtype=str)
    assert written.loc[0, "name"] == "'=HYPERLINK(\"http://x\")"


def _raw_state():
    return {p.relative_to(paths.RAW).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(paths.RAW.rglob("*")) if p.is_file()}


def test_no_step_writes_under_data_raw(tmp_path):
    from housing_research.build import clean_step, code_step, docs_step, questionnaire_step
    from housing_research.tables import write_table

    before = _raw_state()
    for step in (clean_step, code_step, questionnaire_step, docs_step):
        step(tmp_path)
    assert _raw_state() == before
    with pytest.raises(ValueError, match="never writes under data/raw"):
        write_table(pd.DataFrame({"a": [1]}), paths.RAW / "x.csv")


# ------------------------------------------------------------------ command line
def _cli(*args, cwd):
    env = dict(os.environ)
    return subprocess.run([sys.executable, "-m", "housing_research.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)


def test_command_line_reports_a_bad_file_in_one_line_without_traceback(tmp_path):
    bad = _csv(tmp_path, _rows(ROW, ROW + ",extra"))
    out = _cli("clean", "--inventory", str(bad), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert out.stderr.strip().splitlines() == [
        "error: inv.csv, row 3: this line has 11 fields, the header 10 (comma-separated). "
        "Fix: check for an unquoted separator or a missing cell on that line"]


def test_command_line_reads_another_inventory_and_says_how(tmp_path):
    path = _csv(tmp_path, _rows(ROW).replace(",", ";"), "cp1252")
    out = _cli("clean", "--inventory", str(path), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "inv.csv: 1 rows, encoding cp1252, separator semicolon" in out.stdout
    assert (tmp_path / "out" / "inventory.csv").exists()
