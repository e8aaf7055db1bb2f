"""The coder: every rule on small inventories built here."""

import math

import pandas as pd
import pytest

from housing_research import code, codebook
from housing_research.coding.coder import derive
from housing_research.coding.scores import institutionalisation, pole
from housing_research.text import fold as normalise

NO_ORGS = pd.DataFrame()


def inventory(**fields):
    """One-initiative inventory; unspecified fields are empty."""
    row = {"initiative_id": "I000-001", "name": "", "description": "", "started_by": "",
           "animated_by": "", "managed_by": "", "decided_by": "", "funded_by": ""}
    row.update(fields)
    return pd.DataFrame([row])


def coded(organisations=NO_ORGS, manual=None, **fields):
    return code(inventory(**fields), organisations=organisations, manual=manual).iloc[0]


ORGS = pd.DataFrame({
    "org_id": ["O1", "O2", "O3", "O4", "O5"],
    "name": ["Paris Habitat", "Ville de Lille", "Drancy Espoir", "CNL 93", "Fondation Abbé Pierre"],
    "aliases": ["PH; Paris-Habitat", "", "", "", "FAP"],
    "kind": ["oph", "collectivite", "association", "association_locataires", "fondation"],
    "departement": "", "region": "",
})


@pytest.mark.parametrize("started_by, expected", [
    ("des locataires", "locataires"),
    ("l'amicale", "locataires"),
    ("les habitants du quartier", "locataires"),
    ("le bailleur", "bailleur"),
    ("les gardiens", "bailleur"),
    ("la ville de Lille", "collectivite"),
    ("le conseil départemental", "collectivite"),
    ("une association caritative", "tiers"),
    ("la Protection civile", "tiers"),
])
def test_origin_from_indicators(started_by, expected):
    row = coded(started_by=started_by)
    assert row["origin"] == expected
    assert row["origin_source"] == "derived"
    assert row["origin_evidence"].startswith("started_by: ")


def test_longest_indicator_wins():
    row = coded(started_by="une association de locataires")
    assert row["origin"] == "locataires"
    assert row["origin_evidence"] == "started_by: association de locataires"


@pytest.mark.parametrize("started_by, expected", [
    ("Paris Habitat", "bailleur"),
    ("PH", "bailleur"),
    ("Drancy Espoir", "tiers"),
    ("la CNL 93", "locataires"),
    ("FAP", "tiers"),
])
def test_origin_from_organisation_table(started_by, expected):
    row = coded(organisations=ORGS, started_by=started_by)
    assert row["origin"] == expected
    assert "started_by: " in row["origin_evidence"]


def test_joint_origin_in_codebook_order():
    row = coded(started_by="l'amicale et le bailleur")
    assert row["origin"] == "locataires; bailleur"
    assert row["origin_evidence"] == "started_by: amicale* | started_by: bailleur*"


def test_origin_from_description_trigger_when_started_by_is_empty():
    row = coded(description="Un jardin créé à l’initiative des habitants, puis soutenu par la "
                            "ville.")
    assert row["origin"] == "locataires"
    assert row["origin_evidence"] == "description: à l'initiative d + habitant*"


def test_started_by_takes_precedence_over_description():
    row = coded(started_by="le bailleur", description="lancé par des locataires")
    assert row["origin"] == "bailleur"


def test_no_evidence_is_unknown_never_a_guess():
    row = coded(name="Séance", description="Une séance a lieu le mardi.",
                started_by="on ne sait pas")
    for axis in ("origin", "animation", "gestion", "decision", "financement", "register"):
        assert row[axis] == "inconnu", axis
        assert row[f"{axis}_evidence"] == "", axis
    assert math.isnan(row["institutionalisation_degree"])
    assert row["institutionalisation_level"] == "inconnu"
    assert math.isnan(row["pole_score"])
    assert row["pole_class"] == "inconnu"


@pytest.mark.parametrize("who, expected", [
    ("des locataires bénévoles", "habitants"),
    ("le bailleur", "institution"),
    ("une association et la mairie", "institution"),
    ("le bailleur et l'amicale", "partage"),
    ("", "inconnu"),
])
def test_each_dimension_reads_its_own_field(who, expected):
    fields = {"animated_by": "animation", "managed_by": "gestion", "decided_by": "decision",
              "funded_by": "financement"}
    for field, dim in fields.items():
        row = coded(**{field: who})
        assert row[dim] == expected, (field, who)
        others = set(fields.values()) - {dim}
        assert all(row[o] == "inconnu" for o in others)
        if expected != "inconnu":
            assert row[f"{dim}_evidence"].startswith(f"{field}: ")


@pytest.mark.parametrize("dims, degree, level", [
    (["habitants"] * 4, 0.0, "faible"),
    (["habitants", "habitants", "partage", "inconnu"], 1 / 6, "faible"),
    (["habitants", "habitants", "institution", "inconnu"], 1 / 3, "moyen"),
    (["partage"] * 4, 0.5, "moyen"),
    (["institution", "institution", "habitants", "inconnu"], 2 / 3, "moyen"),
    (["institution", "institution", "partage", "institution"], 7 / 8, "fort"),
    (["institution", "inconnu", "inconnu", "inconnu"], 1.0, "fort"),
])
def test_degree_and_level(dims, degree, level):
    got_degree, got_level = institutionalisation(dims)
    assert got_degree == pytest.approx(degree)
    assert got_level == level


def test_level_in_coded_table():
    row = coded(animated_by="les locataires", managed_by="le bailleur et l'amicale",
                decided_by="le bailleur", funded_by="la ville")
    assert row["institutionalisation_degree"] == pytest.approx((0 + 0.5 + 1 + 1) / 4)
    assert row["institutionalisation_level"] == "moyen"
    row = coded(animated_by="les locataires et le gardien", managed_by="le bailleur et l'amicale",
                decided_by="le bailleur", funded_by="la ville")
    assert row["institutionalisation_degree"] == pytest.approx((0.5 + 0.5 + 1 + 1) / 4)
    assert row["institutionalisation_level"] == "fort"


def test_registers_several_with_one_column_each():
    row = coded(name="Colis solidaires",
                description="Distribution de colis en partenariat avec une association, "
                            "et une pétition des locataires pour les charges.")
    assert row["register"] == "solidarite; revendication; partenariat"
    assert row["register_solidarite"] == 1
    assert row["register_revendication"] == 1
    assert row["register_partenariat"] == 1
    assert row["register_entraide"] == 0
    assert "name: solidaire*" in row["register_evidence"]
    assert "description: pétition" in row["register_evidence"]


def test_complementary_registers():
    row = coded(description="Une campagne d'information par SMS et un accompagnement social "
                            "des ménages en impayé.")
    assert row["register"] == "accompagnement; information"


def test_whole_words_only():
    # "don" must not match inside "donc" or "données"; "ars" not inside "mars"
    row = coded(description="En mars, les données sont donc transmises.", started_by="en mars")
    assert row["register"] == "inconnu"
    assert row["origin"] == "inconnu"


@pytest.mark.parametrize("origin, degree, registers, score, klass", [
    (["locataires"], 0.0, ["entraide"], 1.0, "initiative_habitante"),
    (["bailleur"], 1.0, ["partenariat"], -1.0, "dispositif"),
    (["locataires", "bailleur"], 0.5, ["collaboration"], 0.0, "entre_deux"),
    # inconnu components are not counted: weights rescaled over origin and register
    (["locataires"], float("nan"), ["partenariat"], (0.35 - 0.2) / 0.55,
     "initiative_habitante"),
    (["locataires"], float("nan"), ["accompagnement", "information"], (0.35 - 0.2) / 0.55,
     "initiative_habitante"),
    (["tiers"], float("nan"), ["entraide"], (-0.35 * 0.5 + 0.2) / 0.55, "entre_deux"),
    (["tiers"], 0.5, ["inconnu"], (0.35 * -0.5) / 0.8, "entre_deux"),
    (["collectivite"], 0.75, ["solidarite"], (-0.35 - 0.45 * 0.5 + 0.2 * 0.5), "dispositif"),
    (["locataires"], 0.5, ["solidarite", "mobilisation"], (0.35 + 0.2 * 0.5),
     "initiative_habitante"),
])
def test_pole_score_and_class(origin, degree, registers, score, klass):
    got_score, got_class = pole(origin, degree, registers)
    assert got_score == pytest.approx(score)
    assert got_class == klass


def test_pole_band_edges_are_entre_deux():
    assert codebook().pole_rule.band == 0.25
    # institutionalisation alone: score = 1 - 2 x degree
    assert pole([], 0.375, []) == (0.25, "entre_deux")
    assert pole([], 0.625, []) == (-0.25, "entre_deux")
    assert pole([], 0.37, [])[1] == "initiative_habitante"
    assert pole([], 0.63, [])[1] == "dispositif"


def manual_table(rows):
    columns = ["initiative_id", "period", "axis", "code", "coder", "date", "justification"]
    return pd.DataFrame(rows, columns=columns)


def test_manual_code_wins_and_says_so():
    manual = manual_table([
        ("I000-001", "principal", "origin", "bailleur", "AB", "2026-11-20", "lu dans la source"),
        ("I000-001", "principal", "origin", "locataires", "AB", "2026-11-20", "lu dans la source"),
    ])
    row = coded(manual=manual, started_by="l'amicale", managed_by="le bailleur")
    assert row["origin"] == "locataires; bailleur"
    assert row["origin_source"] == "manual"
    assert row["origin_evidence"] == "manual: AB 2026-11-20: lu dans la source"
    assert row["gestion"] == "institution" and row["gestion_source"] == "derived"


def test_latest_manual_coding_wins():
    manual = manual_table([
        ("I000-001", "principal", "gestion", "habitants", "AB", "2026-11-01", "premier"),
        ("I000-001", "principal", "gestion", "partage", "CD", "2026-11-15", "second"),
    ])
    row = coded(manual=manual)
    assert row["gestion"] == "partage"
    assert "CD 2026-11-15" in row["gestion_evidence"]
    assert row["institutionalisation_level"] == "moyen"


def test_trajectory_one_row_per_period():
    manual = manual_table([
        ("I000-001", "principal", "animation", "habitants", "AB", "2026-11-20", "association"),
        ("I000-001", "debut", "animation", "institution", "AB", "2026-11-20", "dispositif"),
        ("I000-001", "covid", "register", "solidarite", "AB", "2026-11-20", "colis"),
    ])
    table = code(inventory(started_by="le bailleur", description="Des cours d'entraide."),
                 organisations=NO_ORGS, manual=manual)
    assert table["period"].tolist() == ["debut", "principal", "covid"]
    debut, principal, covid = (table.iloc[i] for i in range(3))
    assert debut["animation"] == "institution" and principal["animation"] == "habitants"
    assert debut["institutionalisation_level"] == "fort"
    assert principal["institutionalisation_level"] == "faible"
    # axes not coded for a period repeat the principal code, marked as such
    assert covid["animation"] == "habitants"
    assert covid["animation_evidence"].startswith("(principal) manual: AB")
    assert covid["origin"] == "bailleur" and covid["origin_source"] == "derived"
    assert covid["register"] == "solidarite" and principal["register"] == "entraide"


def test_derive_long_table():
    d = derive(inventory(started_by="le bailleur et l'amicale"), NO_ORGS)
    origin = d[d.axis == "origin"]
    assert origin[["code", "field", "indicator"]].values.tolist() == [
        ["locataires", "started_by", "amicale*"], ["bailleur", "started_by", "bailleur*"]]
    assert set(d["period"]) == {"principal"}
    assert set(d.axis) == {"origin", "animation", "gestion", "decision", "financement",
                           "register"}


def test_one_row_per_initiative_and_columns():
    clean = pd.concat([inventory(), inventory(initiative_id="I001-002")], ignore_index=True)
    table = code(clean, organisations=NO_ORGS)
    assert table["initiative_id"].tolist() == ["I000-001", "I001-002"]
    for axis in ("origin", "animation", "gestion", "decision", "financement", "register"):
        assert {axis, f"{axis}_source", f"{axis}_evidence"} <= set(table.columns)
    assert {"institutionalisation_degree", "institutionalisation_level", "pole_score",
            "pole_class", "codebook_version"} <= set(table.columns)


def test_normalise():
    assert normalise("L’Amicale  des  Résidents") == "l'amicale des residents"
    assert normalise(None) == "" and normalise(float("nan")) == ""


def test_build_writes_deterministic_tables(tmp_path):
    from housing_research import build_coded_inventory

    inv = pd.concat([
        inventory(started_by="l'amicale", description="Entraide entre voisins.",
                  managed_by="l'amicale"),
        inventory(initiative_id="I003-002", started_by="le bailleur",
                  description="Colis distribués en partenariat avec une association."),
    ], ignore_index=True)
    inv_path = tmp_path / "inventory.csv"
    inv.to_csv(inv_path, index=False)
    manual_path = tmp_path / "manual.csv"
    manual_path.write_text(
        "initiative_id,period,axis,code,coder,date,justification\n"
        "I000-001,principal,register,entraide,AB,2026-11-20,voisins\n"
        "I000-001,principal,register,entraide,CD,2026-11-20,voisins\n"
        "I000-001,principal,register,solidarite,CD,2026-11-20,dons\n"
        "I003-002,principal,register,solidarite,AB,2026-11-20,colis\n"
        "I003-002,principal,register,solidarite,CD,2026-11-20,colis\n"
        "I003-002,covid,origin,collectivite,AB,2026-11-20,la ville reprend\n", encoding="utf-8")
    first, second = tmp_path / "a", tmp_path / "b"
    result = build_coded_inventory(inv_path, manual_path, first)
    build_coded_inventory(inv_path, manual_path, second)
    assert (result.n_initiatives, result.n_rows, result.n_manual_codes) == (2, 3, 6)
    for name in ("coded_inventory.csv", "coding_evidence.csv", "agreement_summary.csv",
                 "agreement_disagreements.csv"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    coded_table = pd.read_csv(first / "coded_inventory.csv", dtype=str, keep_default_na=False)
    assert coded_table[["initiative_id", "period"]].values.tolist() == [
        ["I000-001", "principal"], ["I003-002", "principal"], ["I003-002", "covid"]]
    assert coded_table["register_source"].tolist() == ["manual", "manual", "manual"]
    summary = pd.read_csv(first / "agreement_summary.csv", keep_default_na=False)
    assert set(summary["comparison"]) == {"manual_vs_derived", "AB_vs_CD"}
    reg = summary[(summary.comparison == "AB_vs_CD") & (summary.axis == "register")
                  & (summary.category == "")].iloc[0]
    assert (int(reg["n_units"]), float(reg["agreement"])) == (2, 0.5)
    dis = pd.read_csv(first / "agreement_disagreements.csv", keep_default_na=False)
    row = dis[dis.comparison == "AB_vs_CD"].iloc[0]
    assert (row["code_a"], row["code_b"]) == ("entraide", "entraide; solidarite")
    assert row["evidence_b"] == "CD: voisins | CD: dons"
    evidence = pd.read_csv(first / "coding_evidence.csv", keep_default_na=False)
    used = evidence[(evidence.initiative_id == "I000-001") & (evidence.axis == "register")]
    assert used.groupby("source")["final"].max().to_dict() == {"derived": 0, "manual": 1}


def test_build_names_a_bad_manual_table(tmp_path):
    from housing_research import InputError, build_coded_inventory

    inv_path = tmp_path / "inventory.csv"
    inventory().to_csv(inv_path, index=False)
    manual_path = tmp_path / "manual.csv"
    manual_path.write_text("initiative_id,period,axis,code,coder,date,justification\n"
                           "I000-002,principal,origin,tiers,AB,2026-11-20,x\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        build_coded_inventory(inv_path, manual_path, tmp_path / "out")
    assert (err.value.row, err.value.column, err.value.value) == (2, "initiative_id", "I000-002")
    with pytest.raises(InputError, match="run `housing-research clean`"):
        build_coded_inventory(tmp_path / "missing.csv", manual_path, tmp_path / "out")


def test_origin_falls_back_on_the_carrier_then_its_kinds():
    row = coded(carrier="amicale des Tilleuls (résidence de Paris Habitat)", organisations=ORGS)
    assert row["origin"] == "locataires"
    assert row["origin_evidence"] == "carrier: amicale*"
    row = coded(carrier="Emmaüs Solidarité", carrier_kinds="association; oph")
    assert row["origin"] == "bailleur; tiers"
    assert row["origin_evidence"] == "carrier_kinds: oph | carrier_kinds: association"
    # the description trigger comes before the carrier
    row = coded(carrier="le bailleur", description="Lancé par des locataires en 2019.")
    assert row["origin"] == "locataires"


def test_empty_inventory_gives_an_empty_table_with_every_column():
    table = code(inventory().iloc[:0], organisations=NO_ORGS)
    assert table.empty
    assert table.columns[:5].tolist() == ["initiative_id", "period", "origin", "origin_source",
                                          "origin_evidence"]
    assert "register_information" in table.columns and "pole_class" in table.columns


def test_indicator_index_matches_like_the_regular_expression_it_replaces():
    """The word-index matcher gives exactly what the alternation regex gave, on texts built to be tricky."""
    import random
    import re

    from housing_research.coding.indicators import IndicatorMatcher, actor_matcher, register_matcher
    from housing_research.inventory.reference import load_organisations
    from housing_research.text import fold

    def oracle(matcher, text):
        parts = []
        for indicator, _, _ in matcher.entries:
            core = fold(indicator)
            prefix = core.endswith("*")
            core = core.rstrip("*").strip()
            parts.append(r"(?<!\w)" + re.escape(core) + (r"\w*" if prefix else r"(?!\w)"))
        regex = re.compile("|".join(f"(?P<g{i}>{p})" for i, p in enumerate(parts)))
        found = []
        for m in regex.finditer(fold(text)):
            _, code, label = matcher.entries[int(m.lastgroup[1:])]
            if (code, label) not in found:
                found.append((code, label))
        return found

    rng = random.Random(7)
    for matcher in (actor_matcher(codebook(), load_organisations()), register_matcher(codebook())):
        pieces = [fold(e[0]).rstrip("*") for e in matcher.entries] + ["le", "des", "x", "-", "'", ",", "ent", "s"]
        for _ in range(400):
            text = "".join(rng.choice(pieces) + rng.choice(["", " ", "  ", "'", "-", ", "]) for _ in range(12))
            assert matcher.find(text) == oracle(matcher, text), text
    assert IndicatorMatcher([("voisin*", "locataires", "voisin*")]).find("Les voisines") == [("locataires", "voisin*")]
