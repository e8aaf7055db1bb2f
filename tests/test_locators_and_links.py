"""Each row tied to its passage; parent-child links and companion tables checked."""

import hashlib

import pandas as pd
import pytest

import housing_research as hr
from housing_research import InputError
from housing_research.inventory.companions import load_quantities
from housing_research.inventory.links import check_links
from housing_research.inventory.locators import check_locators, document_text, locate

TEXT = "Titre.\nUne amicale de locataires organise un repas partagé chaque mois. Fin du texte.\n"


@pytest.fixture()
def documents(tmp_path):
    (tmp_path / "009_copy.txt").write_text(TEXT, encoding="utf-8")
    sources = pd.DataFrame({"doc_id": ["009"], "file_prefix": ["009_"],
                            "sha256": [hashlib.sha256(TEXT.encode()).hexdigest()]})
    start = TEXT.index("Une amicale")
    rows = pd.DataFrame({"raw_id": ["I009-001"], "name": ["Repas de l'amicale"], "carrier": ["Amicale"],
                         "source_doc": ["009"], "source_section": ["Titre"], "source_page": [None],
                         "span_start": [str(start)], "span_end": [str(TEXT.index(" Fin"))]})
    return tmp_path, sources, rows


def test_locate_returns_the_passage(documents):
    folder, sources, rows = documents
    passage = locate("I009-001", folder, inventory=rows, sources=sources)[0]
    assert passage.text == "Une amicale de locataires organise un repas partagé chaque mois."
    assert passage.section == "Titre" and passage.page is None
    assert check_locators(folder, rows, sources).empty


def test_a_copy_with_another_hash_is_refused(documents):
    folder, sources, rows = documents
    (folder / "009_copy.txt").write_text(TEXT + "edited", encoding="utf-8")
    with pytest.raises(InputError, match=r"009_copy.txt: this copy of document 009 is not the text the locators "
                                         r"refer to .*Fix: use the plain-text version listed"):
        locate("I009-001", folder, inventory=rows, sources=sources)


def test_missing_folder_file_and_unknown_row(documents, tmp_path):
    folder, sources, rows = documents
    with pytest.raises(InputError, match="documents folder not found"):
        document_text("009", tmp_path / "nope", sources)
    (folder / "009_copy.txt").unlink()
    with pytest.raises(InputError, match=r"0 files named 009_\*.txt for document 009"):
        document_text("009", folder, sources)
    with pytest.raises(InputError, match=r"no raw row or initiative 'I009-999'"):
        locate("I009-999", folder, inventory=rows, sources=sources)


def test_bad_spans_are_reported(documents):
    folder, sources, rows = documents
    rows = pd.concat([rows, rows.assign(raw_id="I009-002", span_start="0", span_end="6"),
                      rows.assign(raw_id="I009-003", span_start="10", span_end="99999")], ignore_index=True)
    problems = check_locators(folder, rows, sources).set_index("raw_id")["problem"]
    assert problems["I009-002"] == "the passage holds no word of the row's name or carrier"
    assert problems["I009-003"].startswith("span 10-99999 outside the text")
    assert "I009-001" not in problems


def test_every_committed_row_has_a_locator_a_scope_and_valid_links():
    raw = hr.load_inventory()
    for column in ("span_start", "span_end", "scope", "scope_reason", "source_section"):
        assert raw[column].notna().all(), column
    assert (raw["span_start"].astype(int) < raw["span_end"].astype(int)).all()
    assert set(raw["scope"]) == {"pratique", "contexte"}
    check_links(raw, rows=list(raw.attrs["source"]["rows"]), file="inventory.csv")
    sources = hr.inventory.reference.load_sources()
    assert sources["sha256"].str.fullmatch(r"[0-9a-f]{64}").all()
    for doc, part in raw.groupby("source_doc"):
        chars = int(sources.set_index("doc_id").loc[doc, "n_chars"])
        assert part["span_end"].astype(int).max() <= chars


@pytest.mark.parametrize("parent,relation,message", [
    ("I000-009", "issu_de", r"row 3, column 'parent_id': parent not found in the inventory"),
    ("I000-001", None, r"row 3, column 'relation': a link needs both a parent and a relation"),
    (None, "composante", r"row 3, column 'parent_id': a link needs both a parent and a relation"),
    ("I000-002", "issu_de", r"row 3, column 'parent_id': a row cannot be its own parent"),
])
def test_bad_links_are_refused(parent, relation, message):
    raw = pd.DataFrame({"raw_id": ["I000-001", "I000-002"], "parent_id": [None, parent],
                        "relation": [None, relation]})
    with pytest.raises(InputError, match=message):
        check_links(raw, rows=[2, 3])


def test_links_reach_the_cleaned_initiatives():
    result = hr.clean(hr.load_inventory())
    links = result.links
    assert set(links["relation"]) <= {"issu_de", "composante", "financement", "declinaison"}
    assert set(links["initiative_id"]) | set(links["parent_id"]) <= set(result.table["initiative_id"])


def test_companion_rows_must_exist_in_the_inventory(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text("raw_id,measure,value,unit,qualifier,period,span_start,span_end,note\n"
                    "I000-999,appels,12,appels,exact,2020,1,5,\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"q.csv, row 2, column 'raw_id': row id not found in the inventory"):
        load_quantities(path, raw_ids=["I000-001"])
    path.write_text("raw_id,measure,value,unit,qualifier,period,span_start,span_end,note\n"
                    "I000-001,appels,douze,appels,exact,2020,1,5,\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"row 2, column 'value': not a valid float"):
        load_quantities(path)
