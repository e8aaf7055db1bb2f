"""Coder sheets: written with drop-downs and stamps, blind, read back with every error located."""

import datetime as dt
import hashlib

import openpyxl
import pandas as pd
import pytest

from housing_research import InputError, paths
from housing_research.cli import main
from housing_research.coding.codebook import codebook
from housing_research.coding.manual_codes import read_manual_codes
from housing_research.coding.sheet_example import fill_coder_sheet, perturb_codes
from housing_research.coding.sheet_layout import sheet_columns
from housing_research.coding.sheet_reading import PROVENANCE, read_coder_sheet, write_sheet_codes
from housing_research.coding.sheets import in_scope, sheet_initiatives, write_coder_sheet
from housing_research.tables import read_processed

MADE = dt.date(2026, 12, 1)
KEYS = ["initiative_id", "period", "axis", "code"]


@pytest.fixture(scope="module")
def inventory():
    return read_processed("inventory", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def committed():
    return read_manual_codes()


@pytest.fixture(scope="module")
def blank(tmp_path_factory, inventory):
    return write_coder_sheet(tmp_path_factory.mktemp("blank") / "AB.xlsx", inventory, "AB", made=MADE)


@pytest.fixture(scope="module")
def filled(tmp_path_factory, blank, committed):
    return fill_coder_sheet(blank, committed.assign(coder="AB"), tmp_path_factory.mktemp("filled") / "AB.xlsx")


def _header(key, lang="fr"):
    return next(c.header for c in sheet_columns(codebook(), lang) if c.key == key)


def _edit(path, tmp_path, change):
    """A copy of the sheet at ``path`` changed by ``change(workbook, cell)``, ``cell(row, key)`` a codes cell."""
    wb = openpyxl.load_workbook(path)
    ws = wb["codes"]
    position = {c.value: c.column for c in ws[1]}

    def cell(row, key):
        return ws.cell(row, position[_header(key)])

    change(wb, cell)
    out = tmp_path / "edited.xlsx"
    wb.save(out)
    return out


# ------------------------------------------------------------------ writing
def test_sheet_has_a_row_per_initiative_in_scope_and_a_column_per_axis_and_period(blank, inventory):
    wb = openpyxl.load_workbook(blank)
    ws = wb["codes"]
    ids = [r[0] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert ids == list(in_scope(inventory)["initiative_id"]) and len(ids) == len(set(ids))
    headers = [c.value for c in ws[1]]
    assert headers == [c.header for c in sheet_columns(codebook(), "fr")]
    assert "Fonctionnement décrit · Gestion" in headers and "Pendant la crise · Registre d'action 4" in headers
    assert not any("Au départ · Origine" in h for h in headers)        # origin: principal period only
    assert all(v is None for r in ws.iter_rows(min_row=2, min_col=6, values_only=True) for v in r)
    assert ws.freeze_panes == "B2" and ws.column_dimensions["C"].width == 60


def test_every_code_basis_and_rule_cell_has_the_codebook_drop_down(blank):
    wb = openpyxl.load_workbook(blank)
    ws, lists = wb["codes"], wb["lists"]
    position = {c.value: c.column_letter for c in ws[1]}
    validations = {str(r).split(":")[0]: v for v in ws.data_validations.dataValidation for r in v.sqref.ranges}
    for column in sheet_columns(codebook(), "fr"):
        if not column.choices:
            continue
        rule = validations[f"{position[column.header]}2"]
        sheet, cells = rule.formula1.split("!")
        start, end = cells.replace("$", "").split(":")
        values = [c.value for row in lists[start:end] for c in row]
        assert sheet == "lists" and tuple(values) == column.choices, column.header
    gestion = validations[f"{position[_header('principal/gestion/code')]}2"]
    assert gestion.showErrorMessage and gestion.type == "list"


def test_sheet_is_stamped_with_coder_version_and_codebook(blank):
    wb = openpyxl.load_workbook(blank)
    about = {k: v for k, v in wb["about"].iter_rows(values_only=True)}
    assert about["coder"] == "AB" and about["codebook_version"] == codebook().version and about["lang"] == "fr"
    assert wb["about"].sheet_state == "hidden" and wb["lists"].sheet_state == "hidden"
    assert wb.properties.creator == "AB" and codebook().version in wb.properties.keywords
    texts = [v for r in wb["codebook"].iter_rows(values_only=True) for v in r if v]
    assert codebook().category("gestion", "partage").definition in texts
    assert all(r.id in texts and r.text in texts for r in codebook().rules)


def test_english_headers_and_deterministic_bytes(tmp_path, inventory):
    a = write_coder_sheet(tmp_path / "a.xlsx", inventory, "AB", lang="en", made=MADE)
    b = write_coder_sheet(tmp_path / "b.xlsx", inventory, "AB", lang="en", made=MADE)
    assert a.read_bytes() == b.read_bytes()
    assert openpyxl.load_workbook(a)["codes"]["G1"].value == "Functioning described · Origin 2"


def test_a_sheet_needs_a_coder(tmp_path, inventory):
    with pytest.raises(InputError, match="coder's name"):
        write_coder_sheet(tmp_path / "x.xlsx", inventory, " ")


# ---------------------------------------------------------------- blindness
def test_a_sheet_never_shows_another_coders_codes(tmp_path, inventory, committed):
    path = write_coder_sheet(tmp_path / "AB.xlsx", inventory, "AB", made=MADE)
    cells = {str(v) for ws in openpyxl.load_workbook(path) for r in ws.iter_rows(values_only=True) for v in r if v}
    others = set(committed["justification"])
    assert not cells & others
    ws = openpyxl.load_workbook(path)["codes"]
    assert all(v is None for r in ws.iter_rows(min_row=2, min_col=6, values_only=True) for v in r)


def test_only_uncoded_looks_at_the_coders_own_codes_only(inventory, committed):
    mine = set(sorted(set(committed["initiative_id"]))[:40])
    assert len(sheet_initiatives(inventory, (), only_uncoded=True)) == len(in_scope(inventory))
    left = sheet_initiatives(inventory, mine, only_uncoded=True)
    assert not set(left["initiative_id"]) & mine and len(left) > 0


def test_order_puts_the_given_ids_first(inventory):
    ids = list(in_scope(inventory)["initiative_id"])
    rows = sheet_initiatives(inventory, order=[ids[5], ids[2]])
    assert list(rows["initiative_id"][:3]) == [ids[5], ids[2], ids[0]] and len(rows) == len(ids)


# ------------------------------------------------------------------ reading
def test_filled_sheet_reads_back_as_the_codes_with_provenance(filled, committed, inventory):
    codes = read_coder_sheet(filled, inventory, date=MADE)
    scope = set(in_scope(inventory)["initiative_id"])
    expected = committed[committed["initiative_id"].isin(scope)]
    assert set(map(tuple, codes[KEYS].values)) == set(map(tuple, expected[KEYS].values))
    assert set(codes["coder"]) == {"AB"} and set(codes["date"]) == {"2026-12-01"}
    assert list(codes.columns[-3:]) == list(PROVENANCE)
    assert set(codes["sheet_sha256"]) == {hashlib.sha256(filled.read_bytes()).hexdigest()}
    assert set(codes["codebook_version"]) == {codebook().version}


def _set(key, value, row=2):
    return lambda wb, cell: setattr(cell(row, key), "value", value)


def _about(key, value):
    def change(wb, cell):
        for row in wb["about"].iter_rows():
            if row[0].value == key:
                row[1].value = value
    return change


def _several(*changes):
    def change(wb, cell):
        for c in changes:
            c(wb, cell)
    return change


def _duplicate(wb, cell):
    ws = wb["codes"]
    for column in range(1, ws.max_column + 1):
        ws.cell(3, column, ws.cell(2, column).value)


def _rename_header(wb, cell):
    wb["codes"]["L1"].value = "Animation ?"


def _other_issued_id(wb, cell):
    cell(2, "initiative_id").value = wb["codes"]["A3"].value


ERRORS = [
    ("code outside the codebook", _set("principal/gestion/code", "habitant"), "code not in the codebook",
     "principal/gestion/code", "did you mean 'habitants'"),
    ("unknown id", _set("initiative_id", "I999-999"), "not found in the inventory", "initiative_id", ""),
    ("changed id, not issued", _set("initiative_id", "I000-017"), "the sheet was not made for it", "initiative_id",
     "put back"),
    ("changed id, another row's", _other_issued_id, "name on this row is not that of the id", "initiative_id",
     "put back the id"),
    ("duplicate rows", _duplicate, "duplicate row", "initiative_id", "one row per initiative"),
    ("two codes in a dimension", _set("principal/gestion/code", "habitants; partage"),
     "two codes in a single-code dimension", "principal/gestion/code", "keep the one code"),
    ("several codes in a slot", _set("principal/register/code", "entraide, solidarite"), "one code per cell",
     "principal/register/code", "its own column"),
    ("inconnu with another code", _set("principal/register/code2", "inconnu"), "cannot be combined",
     "principal/register/code2", "drop"),
    ("same code twice", _set("principal/register/code2", "entraide"), "the same code twice",
     "principal/register/code2", "delete"),
    ("inferred without rule", lambda wb, cell: (_set("principal/gestion/basis", "inferred")(wb, cell),
                                                _set("principal/gestion/rule", None)(wb, cell)),
     "needs the decision rule",
     "principal/gestion/rule", "choose one of"),
    ("code without basis", _set("principal/gestion/basis", None), "a code needs its basis",
     "principal/gestion/basis", "stated"),
    ("unknown basis", _set("principal/gestion/basis", "guessed"), "unknown basis", "principal/gestion/basis",
     "stated"),
    ("rule of another axis", _set("principal/gestion/rule", "O-STATED"), "rule of axis 'origin'",
     "principal/gestion/rule", "use a rule of axis 'gestion'"),
    ("basis without code", _set("covid/gestion/basis", "stated"), "basis without a code", "covid/gestion/basis",
     "write the code"),
    ("code without justification", _set("principal/gestion/justification", None), "needs its justification",
     "principal/gestion/justification", "in a few words"),
]


@pytest.mark.parametrize("change, message, key, fix", [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_every_sheet_error_names_sheet_row_column_and_fix(tmp_path, filled, inventory, change, message, key, fix):
    register_first = _set("principal/register/code", "entraide")
    path = _edit(filled, tmp_path, _several(register_first, _set("principal/register/code2", None), change))
    with pytest.raises(InputError, match=message) as err:
        read_coder_sheet(path, inventory)
    assert "[sheet 'codes']" in err.value.file and err.value.row == (3 if change is _duplicate else 2)
    assert err.value.column == _header(key) and fix in (err.value.suggestion or "")


def test_a_period_without_the_principal_one_is_refused(tmp_path, blank, inventory):
    path = _edit(blank, tmp_path, _several(_set("covid/gestion/code", "habitants"),
                                           _set("covid/gestion/basis", "stated"),
                                           _set("covid/gestion/justification", "x")))
    with pytest.raises(InputError, match="without the principal period") as err:
        read_coder_sheet(path, inventory)
    assert err.value.row == 2 and "Pendant la crise" in err.value.column


@pytest.mark.parametrize("key, value, message", [
    ("codebook_version", "1.0.0", "sheet made for codebook 1.0.0"),
    ("coder", None, "names no coder"),
    ("format", "something else", "not a coder sheet"),
])
def test_stamp_errors_name_the_about_sheet(tmp_path, filled, inventory, key, value, message):
    with pytest.raises(InputError, match=message) as err:
        read_coder_sheet(_edit(filled, tmp_path, _about(key, value)), inventory)
    assert "[sheet 'about']" in err.value.file and err.value.row and err.value.column == "value"
    assert err.value.suggestion


def test_changed_header_and_missing_sheet(tmp_path, filled, inventory):
    with pytest.raises(InputError, match="unknown column header") as err:
        read_coder_sheet(_edit(filled, tmp_path, _rename_header), inventory)
    assert err.value.row == 1 and err.value.column == "Animation ?"
    assert "write back 'Fonctionnement décrit · Animation'" in err.value.suggestion
    wb = openpyxl.load_workbook(filled)
    del wb["about"]
    wb.save(tmp_path / "no_about.xlsx")
    with pytest.raises(InputError, match="not a coder sheet: no sheet named 'about'"):
        read_coder_sheet(tmp_path / "no_about.xlsx", inventory)


# ------------------------------------------------------------------ writing the codes
def test_codes_are_added_to_the_coders_file_never_overwritten(tmp_path, filled, inventory, committed):
    old = tmp_path / "old.csv"
    committed.assign(coder="AB")[list(committed.columns[:9])].to_csv(old, index=False)
    codes = read_coder_sheet(filled, inventory, date=MADE)
    target = write_sheet_codes(codes, tmp_path / "out", previous=old)
    again = write_sheet_codes(codes, tmp_path / "out")                  # same sheet twice adds nothing
    table = pd.read_csv(again, dtype=str, keep_default_na=False)
    assert target == again and len(table) == len(committed) + len(codes)
    assert set(table["date"]) == set(committed["date"]) | {"2026-12-01"}
    assert read_manual_codes(again, inventory_ids=inventory["initiative_id"]).shape[0] == len(table)
    with pytest.raises(InputError, match="never writes under data/raw"):
        write_sheet_codes(codes, paths.CODES)


def test_perturbed_codes_are_marked_and_seeded(committed):
    a = perturb_codes(committed, "XY", share=0.3, random_state=3)
    b = perturb_codes(committed, "XY", share=0.3, random_state=3)
    pd.testing.assert_frame_equal(a, b)
    changed = a["justification"].str.startswith("illustration")
    assert 0 < changed.mean() < 0.5 and set(a["coder"]) == {"XY"}


def test_cli_writes_and_reads_a_sheet(tmp_path, capsys):
    assert main(["sheets", "--coder", "AB", "--lang", "en", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "AB.xlsx").exists() and "AB.xlsx" in capsys.readouterr().out
    assert main(["sheets", "read", str(tmp_path / "AB.xlsx"), "--out", str(tmp_path)]) == 0
    assert "no code" in capsys.readouterr().out
    assert main(["sheets"]) == 2 and "coder's name" in capsys.readouterr().err
