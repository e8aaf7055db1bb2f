"""Reading the manual codes table, and every bad input it can hold."""

import pytest

from housing_research import InputError, read_manual_codes

HEADER = "initiative_id,period,axis,code,coder,date,justification\n"
GOOD = [
    "I000-001,principal,origin,locataires,AB,2026-11-20,l'amicale a lancé l'action",
    "I000-001,principal,origin,bailleur,AB,2026-11-20,avec le soutien de l'office",
    "I000-001,principal,gestion,partage,AB,2026-11-20,gestion à deux",
    "I000-001,principal,register,entraide,AB,2026-11-20,voisins",
    "I000-001,principal,register,information,AB,2026-11-20,affiches",
    "I000-001,covid,animation,institution,AB,2026-11-20,reprise par les gardiens",
    "I003-014,principal,decision,inconnu,CD,2026-11-21,la source ne dit rien",
]
IDS = {"I000-001", "I003-014"}


def write(tmp_path, lines, header=HEADER):
    path = tmp_path / "manual_codes.csv"
    path.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_reads_a_good_table(tmp_path):
    table = read_manual_codes(write(tmp_path, GOOD), inventory_ids=IDS)
    assert len(table) == len(GOOD)
    assert table["row"].tolist() == list(range(2, 2 + len(GOOD)))
    assert table.loc[0, "justification"] == "l'amicale a lancé l'action"


def test_spaces_are_stripped(tmp_path):
    table = read_manual_codes(write(tmp_path, [" I000-001 , principal,origin , tiers,AB,"
                                               "2026-11-20,asso"]))
    assert table.loc[0, ["initiative_id", "axis", "code"]].tolist() == ["I000-001", "origin",
                                                                        "tiers"]


def bad(tmp_path, line, row_index=2, ids=IDS):
    """Put ``line`` at spreadsheet row ``row_index`` among good rows; return the error."""
    lines = GOOD[: row_index - 2] + [line] + GOOD[row_index - 2:]
    with pytest.raises(InputError) as err:
        read_manual_codes(write(tmp_path, lines), inventory_ids=ids)
    assert err.value.file.endswith("manual_codes.csv")
    assert err.value.suggestion
    return err.value


def test_unknown_code(tmp_path):
    err = bad(tmp_path, "I000-001,principal,register,entraid,AB,2026-11-20,x", row_index=4)
    assert (err.row, err.column, err.value) == (4, "code", "entraid")
    assert "did you mean 'entraide'" in str(err)


def test_code_from_the_wrong_axis(tmp_path):
    err = bad(tmp_path, "I000-001,principal,origin,habitants,AB,2026-11-20,x", row_index=3)
    assert (err.row, err.column, err.value) == (3, "code", "habitants")
    assert "axis 'animation'" in str(err) and "axis 'origin'" in str(err)


def test_initiative_id_not_in_inventory(tmp_path):
    err = bad(tmp_path, "I000-010,principal,origin,tiers,AB,2026-11-20,x", row_index=5)
    assert (err.row, err.column, err.value) == (5, "initiative_id", "I000-010")
    assert "not found in the inventory" in str(err)


def test_ids_are_not_checked_without_an_inventory(tmp_path):
    lines = GOOD + ["I004-099,principal,origin,tiers,AB,2026-11-20,x"]
    assert len(read_manual_codes(write(tmp_path, lines))) == len(GOOD) + 1


def test_malformed_id(tmp_path):
    err = bad(tmp_path, "I3-14,principal,origin,tiers,AB,2026-11-20,x", ids=None)
    assert (err.row, err.column, err.value) == (2, "initiative_id", "I3-14")


def test_unknown_axis_and_period(tmp_path):
    err = bad(tmp_path, "I000-001,principal,registre,entraide,AB,2026-11-20,x")
    assert (err.column, err.value) == ("axis", "registre")
    assert "did you mean 'register'" in str(err)
    err = bad(tmp_path, "I000-001,covd,register,entraide,AB,2026-11-20,x")
    assert (err.column, err.value) == ("period", "covd")


def test_empty_cell_and_bad_date(tmp_path):
    err = bad(tmp_path, "I000-001,principal,origin,tiers,,2026-11-20,x", row_index=6)
    assert (err.row, err.column) == (6, "coder")
    err = bad(tmp_path, "I000-001,principal,origin,tiers,AB,20/11/2026,x")
    assert (err.column, err.value) == ("date", "20/11/2026")


def test_missing_column(tmp_path):
    path = write(tmp_path, ["I000-001,principal,origin,tiers,AB,2026-11-20"],
                 header="initiative_id,period,axis,code,coder,date\n")
    with pytest.raises(InputError) as err:
        read_manual_codes(path)
    assert (err.value.row, err.value.column) == (1, "justification")


def test_duplicate_code(tmp_path):
    err = bad(tmp_path, GOOD[0], row_index=3)
    assert (err.row, err.value) == (3, "locataires")
    assert "same as row 2" in str(err)


def test_two_codes_on_a_single_code_dimension(tmp_path):
    err = bad(tmp_path, "I000-001,principal,gestion,habitants,AB,2026-11-20,x", row_index=8)
    assert (err.row, err.column, err.value) == (8, "code", "habitants")
    assert "one code per coding" in str(err)


def test_inconnu_combined_with_a_code(tmp_path):
    err = bad(tmp_path, "I000-001,principal,register,inconnu,AB,2026-11-20,x", row_index=8)
    assert (err.row, err.value) == (8, "inconnu")


def test_principal_period_is_mandatory(tmp_path):
    lines = GOOD + ["I003-020,covid,register,solidarite,AB,2026-11-20,colis"]
    with pytest.raises(InputError) as err:
        read_manual_codes(write(tmp_path, lines))
    assert (err.value.row, err.value.column, err.value.value) == (len(GOOD) + 2, "period",
                                                                  "covid")


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="not found"):
        read_manual_codes(tmp_path / "nothing.csv")
