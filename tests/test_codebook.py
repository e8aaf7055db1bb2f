"""The codebook: content, labels, validation errors and the generated page."""

import re

import pandas as pd
import pytest
import yaml

import housing_research as hr
from housing_research import InputError, codebook, label
from housing_research import paths
from housing_research.coding.codebook_doc import codebook_markdown

CODEBOOK_PATH, CODEBOOK_DOC_PATH = paths.CODEBOOK, paths.CODEBOOK_DOC


def test_axes_and_codes():
    cb = codebook()
    assert cb.codes("origin") == ("locataires", "bailleur", "collectivite", "tiers")
    for dim in ("animation", "gestion", "decision", "financement"):
        assert cb.codes(dim) == ("habitants", "partage", "institution")
    assert cb.codes("level") == ("faible", "moyen", "fort")
    assert cb.codes("pole") == ("dispositif", "entre_deux", "initiative_habitante")
    assert cb.unknown == "inconnu"


def test_complementary_registers_are_placed_outside_the_six():
    cb = codebook()
    core = [c.code for c in cb.categories("register") if not c.complementary]
    extra = [c.code for c in cb.categories("register") if c.complementary]
    assert core == ["entraide", "solidarite", "mobilisation", "revendication",
                    "collaboration", "partenariat"]
    assert extra == ["accompagnement", "information"]


def test_every_category_is_fully_described():
    table = codebook().table()
    for column in ("label_fr", "label_en", "definition"):
        assert (table[column].str.len() > 0).all(), column
    described = table[table.axis.isin(["origin", "institutionalisation", "register"])]
    assert (described["indicators"].str.len() > 0).all()
    assert (described["example"].str.len() > 0).all()
    assert not table.duplicated(["axis", "code"]).any()


def test_labels_in_both_languages():
    assert label("origin", "bailleur") == "Bailleur social"
    assert label("origin", "bailleur", "en") == "Social landlord"
    assert label("gestion", "partage", "en") == "Shared"
    assert label("register", "inconnu", "en") == "Unknown"
    with pytest.raises(KeyError):
        label("origin", "entraide")
    with pytest.raises(ValueError):
        label("origin", "bailleur", "de")


def test_exported_from_package():
    assert hr.codebook().version == yaml.safe_load(CODEBOOK_PATH.read_text())["version"]


def test_docs_page_is_up_to_date():
    assert CODEBOOK_DOC_PATH.read_text(encoding="utf-8") == codebook_markdown(), (
        "docs/codebook.md is stale: run `housing-research docs` to regenerate it")


def test_docs_page_shows_every_code_and_rule():
    page = codebook_markdown()
    cb = codebook()
    for axis in ("origin", "gestion", "level", "register", "pole"):
        for code in cb.codes(axis):
            assert f"`{code}`" in page
    assert "entre_deux" in page and "Band: 0.3333" in page
    for rule in cb.rules:
        assert f"`{rule.id}`" in page


def _write_variant(tmp_path, old, new):
    text = CODEBOOK_PATH.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "codebook.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    return path, line


def test_missing_label_names_file_line_and_code(tmp_path):
    path, line = _write_variant(tmp_path, "        label_en: Mutual aid\n", "")
    with pytest.raises(InputError) as err:
        codebook(path)
    assert err.value.file.endswith("codebook.yaml")
    assert err.value.column == "label_en"
    assert err.value.value == "entraide"
    # the error points at the category, which starts two lines above the label
    assert err.value.row == line - 2


def test_duplicate_code_names_file_line_and_code(tmp_path):
    path, line = _write_variant(tmp_path, "      - code: solidarite\n", "      - code: entraide\n")
    with pytest.raises(InputError) as err:
        codebook(path)
    assert err.value.value == "entraide"
    assert err.value.row == line
    assert "duplicate" in str(err.value)


def test_missing_version_and_bad_yaml(tmp_path):
    path, _ = _write_variant(tmp_path, f'version: "{codebook().version}"\n', "")
    with pytest.raises(InputError, match="missing version"):
        codebook(path)
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: '1'\naxes: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError, match="invalid YAML"):
        codebook(bad)


def test_unsafe_yaml_is_refused(tmp_path):
    path = tmp_path / "evil.yaml"
    path.write_text("version: !!python/object/apply:os.system ['true']\n", encoding="utf-8")
    with pytest.raises(InputError, match="invalid YAML"):
        codebook(path)


def test_codebook_is_read_only_for_every_caller():
    import dataclasses

    cb = codebook()
    with pytest.raises(TypeError):
        cb.pole_rule.weights["origin"] = 0.0            # a mapping proxy: no caller can change it
    with pytest.raises(dataclasses.FrozenInstanceError):
        cb.pole_rule.band = 0.5
    assert codebook() is cb and cb.pole_rule.band == pytest.approx(1 / 3) and cb.pole_class(0.2) == "entre_deux"


def test_labels_of_axes_and_categories_come_from_the_typed_api():
    cb = codebook()
    assert cb.axis_label("decision", "en") == "Decision-making"
    assert cb.axis_label("origin", "fr") == "Origine"
    assert cb.category_label("origin", "conjointe", "fr") == "Origine conjointe"
    assert cb.level(0.5) == "moyen" and cb.level(float("nan")) == cb.unknown
    with pytest.raises(KeyError, match="unknown axis"):
        cb.axis_label("colour", "fr")


def test_every_rule_cites_inventory_rows_that_exist():
    import re

    import housing_research as hr

    ids = set(hr.load_inventory()["raw_id"])
    cb = codebook()
    assert {r.axis for r in cb.rules} >= {"origin", "animation", "gestion", "decision", "financement", "register"}
    for rule in cb.rules:
        for text in (rule.example, rule.counter_example):
            assert set(re.findall(r"I\d{3}-\d{3}", text)) <= ids, (rule.id, text)
        assert re.findall(r"I\d{3}-\d{3}", rule.example), rule.id
    with pytest.raises(KeyError, match="unknown rule 'X-Y'"):
        cb.rule("X-Y")


def test_missing_rule_field_is_located(tmp_path):
    path, line = _write_variant(tmp_path, "  - id: O-PROVIDER\n", "  - id: o provider\n")
    with pytest.raises(InputError, match=r"rule needs an id such as O-CARRIER"):
        codebook(path)


def _cited_codes():
    """(rule, which, initiative, codes) for every example that ends with codes of its rule's axis in brackets."""
    cb = codebook()
    out = []
    for rule in cb.rules:
        for which, text in (("example", rule.example), ("counter_example", rule.counter_example)):
            match = re.match(r"(I\d{3}-\d{3})\b.*\(([^)]*)\)\.?\s*$", text)
            if match:
                codes = {c.strip() for c in match.group(2).split(";")}
                if codes <= {*cb.codes(rule.axis), cb.unknown}:
                    out.append((rule.id, which, match.group(1), codes))
    return out


@pytest.mark.parametrize("rule, which, initiative, codes", _cited_codes())
def test_each_rule_example_is_coded_as_the_rule_says(rule, which, initiative, codes):
    """The examples and counter-examples of the decision rules are coded so in the committed codes."""
    coded = pd.read_csv(paths.processed("coded_inventory"), dtype=str, keep_default_na=False)
    row = coded[(coded["initiative_id"] == initiative) & (coded["period"] == "principal")]
    assert len(row) == 1, f"{initiative} is not an initiative of the coded inventory"
    axis = codebook().rule(rule).axis
    column = {"level": "institutionalisation_level", "pole": "pole_class"}.get(axis, axis)
    have = set(row.iloc[0][column].split("; "))
    assert codes <= have if axis == "register" else codes == have


def test_most_rules_cite_a_checked_example():
    assert len({rule for rule, *_ in _cited_codes()}) >= 15
