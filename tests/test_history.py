"""The change history of re-read codes, and the stated/inferred provenance of manual codes."""

import io

import pandas as pd
import pytest

from housing_research import InputError, paths
from housing_research.coding.history import HISTORY_COLUMNS, codes_before, read_history, unit_changes
from housing_research.coding.manual_codes import read_coder_file, read_manual_codes

HEADER = ",".join(HISTORY_COLUMNS) + "\n"
GOOD = "I000-001,principal,financement,inconnu,institution,F-OWN,own action,AB,1.4.0,2.0.0,2026-12-03\n"


def _read(*rows):
    return read_history(io.StringIO(HEADER + "".join(rows)), inventory_ids={"I000-001", "I000-002"})


def test_a_good_row_reads():
    assert _read(GOOD)["new_code"].tolist() == ["institution"]


@pytest.mark.parametrize("row, column, words", [
    (GOOD.replace("institution", "instituion"), "new_code", "unknown code"),
    (GOOD.replace("F-OWN", "F-OWNS"), "rule", "unknown decision rule"),
    (GOOD.replace("inconnu,institution", "institution,institution"), "new_code", "same"),
    (GOOD.replace("own action", ""), "reason", "empty cell"),
    (GOOD.replace("I000-001", "I000-009"), "initiative_id", "not found"),
    (GOOD.replace("principal", "pendant"), "period", "unknown period"),
    (GOOD.replace("inconnu,institution", "inconnu,institution; partage"), "new_code", "takes one code"),
    (GOOD.replace("2026-12-03", "03/12/2026"), "date", "malformed date"),
])
def test_each_bad_cell_is_named(row, column, words):
    with pytest.raises(InputError) as err:
        _read(row)
    assert err.value.column == column and err.value.row == 2 and words in str(err.value)


def test_a_unit_listed_twice_is_refused():
    with pytest.raises(InputError, match="already listed at row 2"):
        _read(GOOD, GOOD.replace("inconnu,institution", "partage,institution"))


def test_several_registers_and_an_added_unit_are_allowed():
    table = _read("I000-002,principal,register,entraide; mobilisation,entraide,REG-MOB,x,AB,1.4.0,2.0.0,2026-12-03\n",
                  "I000-002,covid,gestion,,institution,G-OWN,x,AB,1.4.0,2.0.0,2026-12-03\n")
    assert table["old_code"].tolist() == ["entraide; mobilisation", ""]


def test_codes_before_undoes_exactly_the_recorded_changes():
    after = pd.DataFrame({"initiative_id": ["I1"] * 4 + ["I2"], "period": "principal",
                          "axis": ["origin", "gestion", "register", "register", "origin"],
                          "code": ["bailleur", "institution", "entraide", "solidarite", "tiers"], "coder": "AB"})
    history = pd.DataFrame({
        "initiative_id": ["I1", "I1", "I2", "I3"], "period": "principal",
        "axis": ["gestion", "register", "origin", "origin"],
        "old_code": ["inconnu", "mobilisation", "", "locataires"],
        "new_code": ["institution", "entraide; solidarite", "tiers", ""],
        "coder": "AB", "codebook_from": "1.4.0"})
    before = codes_before(after, history)
    assert sorted(zip(before["initiative_id"], before["axis"], before["code"])) == [
        ("I1", "gestion", "inconnu"), ("I1", "origin", "bailleur"), ("I1", "register", "mobilisation"),
        ("I3", "origin", "locataires")]
    changes = unit_changes(before, after)
    assert sorted(zip(changes["initiative_id"], changes["old_code"], changes["new_code"])) == sorted(
        zip(history["initiative_id"], history["old_code"], history["new_code"]))


def test_another_coders_codes_are_untouched():
    after = pd.DataFrame({"initiative_id": ["I1", "I1"], "period": "principal", "axis": "gestion",
                          "code": ["institution", "partage"], "coder": ["AB", "CD"]})
    history = pd.DataFrame({"initiative_id": ["I1"], "period": ["principal"], "axis": ["gestion"],
                            "old_code": ["inconnu"], "new_code": ["institution"], "coder": ["AB"],
                            "codebook_from": ["1.4.0"]})
    before = codes_before(after, history)
    assert dict(zip(before["coder"], before["code"])) == {"AB": "inconnu", "CD": "partage"}


def test_the_committed_history_agrees_with_the_committed_codes():
    """Every change of the history ends in the coder's current codes."""
    inventory = pd.read_csv(paths.processed("inventory"), dtype=str, keep_default_na=False)
    history = read_history(inventory_ids=set(inventory["initiative_id"]))
    codes = read_manual_codes(paths.CODES, inventory_ids=set(inventory["initiative_id"]))
    assert len(history) > 0
    for coder, rows in history.groupby("coder"):
        now = unit_changes(codes_before(codes[codes["coder"] == coder], rows), codes[codes["coder"] == coder])
        assert sorted(map(tuple, now.to_numpy())) == sorted(
            map(tuple, rows[["initiative_id", "period", "axis", "old_code", "new_code"]].to_numpy()))


def test_committed_codes_say_stated_or_inferred_and_inferred_names_a_rule():
    codes = read_manual_codes(paths.CODES)
    known = codes[codes["code"] != "inconnu"]
    assert set(known["basis"]) == {"stated", "inferred"}
    assert known.loc[known["basis"] == "inferred", "rule"].str.len().gt(0).all()


def test_a_code_without_basis_is_refused_when_the_file_has_the_column():
    text = ("initiative_id,period,axis,code,basis,rule,coder,date,justification\n"
            "I000-001,principal,gestion,institution,,,AB,2026-12-03,le bailleur gère\n")
    with pytest.raises(InputError) as err:
        read_coder_file(io.StringIO(text))
    assert err.value.column == "basis" and err.value.row == 2
    old_style = "initiative_id,period,axis,code,coder,date,justification\n" \
                "I000-001,principal,gestion,institution,AB,2026-11-20,le bailleur gère\n"
    assert read_coder_file(io.StringIO(old_style))["basis"].tolist() == [""]


def test_the_earlier_coding_is_the_first_inventory():
    from housing_research.analysis.typology_compare import earlier_coded

    inventory = pd.read_csv(paths.processed("inventory"), dtype=str, keep_default_na=False)
    earlier = earlier_coded(inventory)
    history = read_history()
    first_time = set(history.loc[history["old_code"] == "", "initiative_id"]) - set(
        history.loc[history["old_code"] != "", "initiative_id"])
    assert earlier["initiative_id"].nunique() == 119
    assert not first_time & set(earlier["initiative_id"])      # initiatives added later are not in it
    assert set(earlier["period"]) >= {"principal"}
