"""Figure G1 (regions), figure D1 (coding grid), the glossary and the typology tables."""

import json

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from housing_research import paths, read_processed
from housing_research.analysis import regions
from housing_research.analysis.typology_doc import latex_escape, typology_latex, typology_markdown
from housing_research.figures import grid, maps
from housing_research.inventory.glossary import glossary_markdown, load_glossary
from housing_research.inventory.reference import load_regions
from housing_research.labels import NOT_STATED

LANGS = ("fr", "en")


@pytest.fixture(scope="module")
def inventory():
    return read_processed("inventory", dtype=str)


# ------------------------------------------------------------------ G1
def test_geometry_has_the_13_metropolitan_regions_and_its_notice():
    shapes = maps.region_shapes()
    metropolitan = set(load_regions()["slug"]) - {"guadeloupe", "martinique", "guyane", "la_reunion", "mayotte",
                                                  "national"}
    assert set(shapes) == metropolitan and len(shapes) == 13
    for rings in shapes.values():
        for ring in rings:
            assert (-5.5 < ring[:, 0]).all() and (ring[:, 0] < 10).all() and (41 < ring[:, 1]).all()
    notice = (paths.GEOMETRY / "NOTICE.md").read_text(encoding="utf-8")
    assert "Licence Ouverte" in notice and "5d34ee6d0140c29f785fdb047d9329f1aab58833" in notice
    assert json.loads(paths.REGIONS_GEOJSON.read_text(encoding="utf-8"))["type"] == "FeatureCollection"


def test_counts_by_region_keep_every_practice_and_show_the_missing(inventory):
    counts = regions.by_region(inventory)
    in_scope = inventory[inventory["scope"] != "contexte"]
    assert counts.sum() == len(in_scope)
    assert counts.index[-1] == NOT_STATED and counts[NOT_STATED] == in_scope["regions"].isna().sum()
    covid = regions.covid_by_region(inventory)
    assert covid.to_numpy().sum() + regions.without_status(inventory) == len(in_scope)


@pytest.mark.parametrize("lang", LANGS)
def test_region_map_writes_the_counts_and_the_regions_apart(inventory, lang):
    fig, data = maps.draw_figure("G1", inventory, lang=lang)
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    counts = data["regions"]
    assert str(int(counts["ile_de_france"])) in texts
    note = [t for t in texts if str(int(counts[NOT_STATED])) in t and ("Non renseignée" in t or "Not stated" in t)]
    assert note, "the number of practices without a region is written on the map"
    plt.close(fig)


def test_region_map_rejects_other_ids(inventory):
    with pytest.raises(ValueError, match="unknown map figure"):
        maps.draw_figure("C1", inventory)


# ------------------------------------------------------------------ D1
@pytest.mark.parametrize("lang", LANGS)
def test_coding_grid_shows_every_code_of_the_codebook(lang):
    from housing_research.labels import code_label

    fig, data = grid.draw_figure("D1", lang=lang)
    texts = " ".join(t.get_text().replace("\n", " ") for t in fig.axes[0].texts)
    for row in data.itertuples(index=False):
        if row.axis in ("origin", "register", "pole", "level"):
            assert code_label(row.axis, row.code, lang) in texts, row.code
    assert set(data.loc[data["axis"] == "dimension", "weight"]) == {1.0, 2.0}
    plt.close(fig)


# ------------------------------------------------------------------ glossary
def test_glossary_defines_the_acronyms_of_the_issue_and_the_five_documents():
    table = load_glossary()
    terms = set(table["term"])
    assert {"OPH", "ESH", "SEM", "CCAS", "USH", "CCL", "CNL", "CLCV", "QPV", "ANRU"} <= terms
    documents = table.loc[table["kind"] == "document", "term"].tolist()
    assert documents == ["000", "001", "002", "003", "004"]
    for column in ("name_fr", "name_en", "definition_fr", "definition_en"):
        assert (table[column].str.len() > 0).all(), column
    acronyms = table[table["kind"] == "sigle"]
    assert (acronyms["found_in"].str.len() > 0).all(), "every acronym says where it is found"


def test_glossary_page_is_generated_from_the_table():
    page = glossary_markdown()
    assert page == paths.GLOSSARY_DOC.read_text(encoding="utf-8")
    assert "| **QPV** |" in page and "| `003` |" in page


def test_glossary_refuses_a_duplicate_term(tmp_path):
    bad = tmp_path / "glossary.csv"
    table = load_glossary()
    pd.concat([table, table.head(1)]).to_csv(bad, index=False)
    with pytest.raises(ValueError, match="listed twice"):
        load_glossary(bad)


# ------------------------------------------------------------------ typology tables
def test_typology_tables_agree_with_each_other():
    classes = read_processed("typology_classes")
    members = read_processed("typology_membership", dtype={"initiative_id": str}, keep_default_na=False)
    assert classes["n"].tolist() == members["cluster"].value_counts().sort_index().tolist()
    assert classes["n"].sum() == len(members) == members["initiative_id"].nunique()
    for row in classes.itertuples(index=False):
        examples = row.example_ids.split("; ")
        assert 2 <= len(examples) <= 3
        assert set(members.loc[members["initiative_id"].isin(examples), "cluster"]) == {row.cluster}
        assert row.defining and len(row.defining.split("; ")) == len(row.defining_en.split("; "))
        assert -1 <= row.pole_score <= 1 and 0 <= row.mean_jaccard <= 1


def test_typology_pages_show_every_class_and_initiative():
    classes = read_processed("typology_classes")
    members = read_processed("typology_membership", dtype={"initiative_id": str}, keep_default_na=False)
    md, tex = typology_markdown(classes, members), typology_latex(classes, members)
    for row in classes.itertuples(index=False):
        assert row.name_fr in md and row.name_en in md
        assert latex_escape(row.name_en) in tex
    for i in members["initiative_id"]:
        assert f"| {i} |" in md and f"{i} &" in tex
    assert tex.count(r"\begin{longtable}") == tex.count(r"\end{longtable}") == 2
