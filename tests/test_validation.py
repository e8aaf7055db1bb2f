"""validate: driven by the data dictionary, located errors with suggestions."""

import pandas as pd
import pytest

from housing_research import InputError, read_dictionary, validate
from housing_research.inventory.dictionary import allowed_values, schema

MC = ["initiative_id", "period", "axis", "code", "coder", "date", "justification"]


def _codes(**overrides):
    row = dict(initiative_id="I000-001", period="principal", axis="origin", code="bailleur", coder="CS2",
               date="2026-11-22", justification="Le bailleur l'a lancé.")
    row.update(overrides)
    return pd.DataFrame([row])


def test_every_documented_table_has_bilingual_meanings():
    d = read_dictionary()
    assert {"inventory", "inventory_clean", "manual_codes", "cleaning_rows", "cleaning_changes"} <= set(d["table"])
    assert (d["meaning_fr"].str.len() > 0).all() and (d["meaning_en"].str.len() > 0).all()
    assert not d.duplicated(["table", "column"]).any()


def test_valid_table_passes():
    validate(_codes(), "manual_codes", file="m.csv", columns=MC)


@pytest.mark.parametrize("column,value,message", [
    ("period", "pendant", "value not allowed"),
    ("initiative_id", "I0-1", "value does not have the expected form"),
    ("date", "hier", "not a valid date"),
    ("coder", "", "required value is empty"),
])
def test_errors_name_file_row_column(column, value, message):
    with pytest.raises(InputError) as err:
        validate(_codes(**{column: value}), "manual_codes", file="m.csv", columns=MC)
    text = str(err.value)
    assert text.startswith(f"m.csv, row 2, column '{column}': {message}")
    assert "Fix:" in text


def test_row_numbers_can_be_given():
    with pytest.raises(InputError, match="row 17"):
        validate(_codes(period="x"), "manual_codes", file="m.csv", row_numbers=[17], columns=MC)


def test_multi_valued_cells_are_checked_value_by_value():
    table = pd.DataFrame({"themes": ["sante; lien_social", "sante; jardinnage"]})
    with pytest.raises(InputError, match=r"row 3, column 'themes'.*'jardinnage'.*did you mean 'jardinage'"):
        validate(table, "inventory", columns=["themes"])


def test_missing_required_column_is_row_1():
    with pytest.raises(InputError, match=r"row 1, column 'coder': required column missing"):
        validate(_codes().drop(columns=["coder"]), "manual_codes", file="m.csv")


def test_schema_helpers():
    assert "dispositif" in allowed_values("inventory", "kind")
    assert allowed_values("inventory", "raw_id") == []
    with pytest.raises(KeyError):
        schema("no_such_table")
