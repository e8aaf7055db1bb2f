"""Cleaning rules on small inputs, row accounting, duplicates and bad input."""

import numpy as np
import pandas as pd
import pytest

from housing_research import InputError, clean, normalise_name
from housing_research.inventory.periods import parse_years
from housing_research.inventory.rules import name_similarity
from housing_research.inventory.reference import load_departements, load_regions

ORGS = pd.DataFrame([
    ("emmaus_habitat", "Emmaüs Habitat", "Emmaus Habitat|EMMAÜS-HABITAT", "esh", "93", "ile_de_france"),
    ("toit_et_joie", "Toit et Joie – Poste Habitat", "Toit et Joie|Toit et Joie - Poste Habitat", "esh", "75", "ile_de_france"),
    ("valophis", "Valophis Habitat", "Valophis|OPH Valophis", "oph", "94", "ile_de_france"),
    ("ville_de_lille", "Ville de Lille", "", "collectivite", "59", "hauts_de_france"),
    ("secours_populaire", "Secours populaire", "", "association", "", "national"),
], columns=["org_id", "name", "aliases", "kind", "departement", "region"])
PLACES = pd.DataFrame([("Bonneuil-sur-Marne", "94", "ile_de_france"), ("Lille", "59", "hauts_de_france")],
                      columns=["place", "departement", "region"])
REFS = {"organisations": ORGS, "places": PLACES, "departements": load_departements(), "regions": load_regions()}
BASE = {"kind": "action", "carrier": "Valophis", "description": "Une description.", "source_doc": "000",
        "source_section": "Section", "partners": None, "place": None, "region": None, "period": None,
        "public": None, "themes": None}


def _raw(*rows):
    records = []
    for i, r in enumerate(rows, start=1):
        rec = dict(BASE, raw_id=r.get("raw_id", f"I{r.get('source_doc', '000')}-{i:03d}"), name=f"Initiative {i}")
        rec.update(r)
        records.append(rec)
    table = pd.DataFrame(records)
    table.attrs["source"] = {"file": "test.csv"}
    return table


def _changes(result, rule):
    return result.changes[result.changes["rule"] == rule]


def test_whitespace_and_hyphenation():
    result = clean(_raw({"description": "  Des   pra- tiques\u00a0collaboratives  ", "name": "Radio  solidaire"}),
                   references=REFS)
    row = result.table.iloc[0]
    assert row["description"] == "Des pratiques collaboratives"
    assert row["name"] == "Radio solidaire"
    assert len(_changes(result, "whitespace")) == 2
    assert len(_changes(result, "hyphenation")) == 1
    # a real compound keeps its hyphen
    assert clean(_raw({"description": "Un jardin Saint-Denis et Ile-de-France"}), references=REFS) \
        .table.iloc[0]["description"] == "Un jardin Saint-Denis et Ile-de-France"


@pytest.mark.parametrize("typed", ["lien_social, sante", "lien_social/sante", "lien_social et sante", "lien_social ; sante"])
def test_multivalued_cells_whatever_the_separator(typed):
    result = clean(_raw({"themes": typed}), references=REFS)
    assert result.table.iloc[0]["themes"] == "lien_social; sante"


def test_organisation_names_are_not_split_on_et():
    result = clean(_raw({"carrier": "Toit et Joie"}), references=REFS)
    assert result.table.iloc[0]["carrier_ids"] == "toit_et_joie"
    result = clean(_raw({"carrier": "Valophis et Ville de Lille"}), references=REFS)
    assert result.table.iloc[0]["carrier_ids"] == "valophis; ville_de_lille"
    assert result.table.iloc[0]["carrier_kinds"] == "oph; collectivite"


@pytest.mark.parametrize("typed", ["EMMAÜS-HABITAT", "Emmaus Habitat", "emmaüs habitat", "Groupe Emmaüs Habitat"])
def test_organisation_spellings_map_to_the_canonical_name(typed):
    result = clean(_raw({"carrier": typed}), references=REFS)
    assert result.table.iloc[0]["carrier"] == "Emmaüs Habitat"
    assert result.table.iloc[0]["carrier_ids"] == "emmaus_habitat"


def test_near_misses_are_proposed_not_applied():
    result = clean(_raw({"carrier": "Emmaüs Habitatt"}), references=REFS)
    assert result.table.iloc[0]["carrier"] == "Emmaüs Habitatt"
    assert pd.isna(result.table.iloc[0]["carrier_ids"])
    assert result.proposals.iloc[0]["candidate"].startswith("emmaus_habitat")


def test_normalise_name_prefixes():
    assert normalise_name("OPH Valophis") == normalise_name("Valophis")
    assert normalise_name("Office public de l'habitat de Nanterre") == normalise_name("OPH de Nanterre")


def test_places_to_departement_and_region():
    result = clean(_raw({"place": "Bonneuil-sur-Marne; Mérignac (33); Seine-Saint-Denis", "region": "PACA"}),
                   references=REFS)
    row = result.table.iloc[0]
    assert row["departements"] == "94; 33; 93"
    assert row["regions"] == "ile_de_france; nouvelle_aquitaine; paca"


@pytest.mark.parametrize("period,expected", [
    ("2020-2021", (2020, 2021)), ("mars 2021", (2021, 2021)), ("depuis 2018", (2018, None)),
    ("printemps 2020", (2020, 2020)), ("à partir de 2015", (2015, None)), ("", (None, None)),
    ("années 2010", (2010, 2019)), ("de 2014 à 2016", (2014, 2016)),
])
def test_periods_to_years(period, expected):
    assert parse_years(period) == expected


def test_controlled_values_are_turned_into_codes():
    result = clean(_raw({"kind": "Action", "covid_status": "Adapté", "source_doc": "3", "raw_id": "I003-001"}),
                   references=REFS)
    row = result.table.iloc[0]
    assert (row["kind"], row["covid_status"], row["source_docs"]) == ("action", "adapte", "003")
    assert len(_changes(result, "controlled_value_case")) == 3


def test_duplicates_across_documents_are_merged_with_both_references():
    result = clean(_raw(
        {"raw_id": "I000-001", "name": "Phoning des locataires âgés", "carrier": "Valophis", "source_doc": "000",
         "themes": "isolement", "period": "2020"},
        {"raw_id": "I003-001", "name": "Phoning des locataires âgés isolés", "carrier": "OPH Valophis",
         "source_doc": "003", "themes": "vieillissement", "period": "mars-mai 2020", "source_section": "Solidarité"},
        {"raw_id": "I003-002", "name": "Distribution de masques", "carrier": "Valophis", "source_doc": "003"},
    ), references=REFS)
    assert len(result.table) == 2
    merged = result.table.set_index("initiative_id").loc["I000-001"]
    assert merged["raw_ids"] == "I000-001; I003-001"
    assert merged["source_docs"] == "000; 003"
    assert merged["themes"] == "isolement; vieillissement"
    status = result.rows.set_index("raw_id")
    assert status.loc["I003-001", "status"] == "merged" and status.loc["I003-001", "into_id"] == "I000-001"
    assert "similar name" in status.loc["I003-001", "reason"]


def test_same_document_rows_are_never_merged():
    result = clean(_raw({"name": "Jardin partagé"}, {"name": "Jardin partagé", "description": "Autre."}), references=REFS)
    assert len(result.table) == 2


def test_rejections_have_reasons():
    result = clean(_raw({"name": None, "description": None}, {"name": "A"}, {"name": "A"}), references=REFS)
    rows = result.rows.set_index("raw_id")
    assert rows.loc["I000-001", "status"] == "rejected" and "no name and no description" in rows.loc["I000-001", "reason"]
    assert rows.loc["I000-003", "status"] == "rejected" and "exact repeat of I000-002" in rows.loc["I000-003", "reason"]


@pytest.mark.parametrize("seed", range(5))
def test_every_raw_row_is_accounted_for(seed):
    rng = np.random.default_rng(seed)
    names = ["Phoning des aînés", "Phoning des aînés isolés", "Jardin", "Masques", None]
    carriers = ["Valophis", "Emmaus Habitat", "Toit et Joie", "Inconnu SA"]
    rows = [{"raw_id": f"I00{d}-{i:03d}", "source_doc": f"00{d}", "name": names[rng.integers(5)],
             "description": None if rng.random() < 0.2 else "Texte.", "carrier": carriers[rng.integers(4)]}
            for i, d in enumerate(rng.integers(0, 4, size=40), start=1)]
    raw = _raw(*rows)
    result = clean(raw, references=REFS)
    counts = result.rows["status"].value_counts()
    assert len(result.rows) == len(raw) == counts.sum()
    assert counts.get("kept", 0) == len(result.table)
    assert set(result.rows["raw_id"]) == set(raw["raw_id"])
    kept_or_merged = result.rows[result.rows["status"] != "rejected"]
    covered = {r for ids in result.table["raw_ids"] for r in ids.split("; ")}
    assert covered == set(kept_or_merged["raw_id"])


# ------------------------------------------------------------- bad input
def test_missing_required_column():
    raw = _raw({}).drop(columns=["carrier"])
    with pytest.raises(InputError, match=r"test.csv, row 1, column 'carrier': required column missing.*add a column"):
        clean(raw, references=REFS)


def test_unknown_controlled_value_suggests_the_closest():
    with pytest.raises(InputError, match=r"test.csv, row 2, column 'kind': value not allowed \(value: 'dispositf'\).*did you mean 'dispositif'"):
        clean(_raw({"kind": "dispositf"}), references=REFS)
    with pytest.raises(InputError, match=r"row 3, column 'themes'.*'sant'.*did you mean 'sante'"):
        clean(_raw({}, {"themes": "sant"}), references=REFS)


def test_duplicate_ids():
    with pytest.raises(InputError, match=r"row 3, column 'raw_id': duplicate id \(also on row 2\)"):
        clean(_raw({"raw_id": "I000-001"}, {"raw_id": "I000-001"}), references=REFS)


def test_bad_id_form():
    with pytest.raises(InputError, match=r"column 'raw_id': value does not have the expected form"):
        clean(_raw({"raw_id": "000-1"}), references=REFS)


def test_name_similarity():
    assert name_similarity("Radio solidaire", "radio  Solidaire") == 1.0
    assert name_similarity("Radio solidaire", "Jardin partagé") < 0.35
