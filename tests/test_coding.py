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
    (["institution", "institution", "inconnu", "inconnu"], 1.0, "fort"),
    # rule L-MIN: one known dimension does not make a degree
    (["institution", "inconnu", "inconnu", "inconnu"], float("nan"), "inconnu"),
])
def test_degree_and_level(dims, degree, level):
    got_degree, got_level = institutionalisation(dims)
    assert got_degree == pytest.approx(degree, nan_ok=True)
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


@pytest.mark.parametrize("dims, score, klass", [
    (dict(animation="habitants", gestion="habitants", decision="habitants", financement="habitants"), 1.0,
     "initiative_habitante"),
    (dict(animation="institution", gestion="institution", decision="institution", financement="institution"), -1.0,
     "dispositif"),
    (dict(animation="partage", gestion="partage", decision="partage", financement="partage"), 0.0, "entre_deux"),
    # decision and animation weigh 2, management and funding 1; unknown dimensions are left out
    (dict(animation="habitants", decision="partage", financement="institution"), (2 + 0 - 1) / 5, "entre_deux"),
    (dict(animation="habitants", decision="habitants", gestion="institution", financement="institution"),
     (2 + 2 - 1 - 1) / 6, "entre_deux"),
    (dict(animation="partage", decision="institution", gestion="institution"), (0 - 2 - 1) / 5, "dispositif"),
    (dict(decision="habitants", financement="institution"), (2 - 1) / 3, "entre_deux"),
    (dict(animation="habitants", financement="partage"), 2 / 3, "initiative_habitante"),
    # without decision or animation the pole is not read (origin plays no part in it)
    (dict(gestion="institution", financement="institution"), float("nan"), "inconnu"),
    (dict(animation="inconnu", decision="inconnu", gestion="habitants"), float("nan"), "inconnu"),
])
def test_pole_score_and_class(dims, score, klass):
    got_score, got_class = pole(dims)
    if score != score:
        assert got_score != got_score
    else:
        assert got_score == pytest.approx(score)
    assert got_class == klass


def test_pole_band_edges_are_entre_deux():
    assert codebook().pole_rule.band == pytest.approx(1 / 3)
    assert pole({"decision": "habitants", "financement": "institution"}) == (pytest.approx(1 / 3), "entre_deux")
    assert pole({"decision": "institution", "financement": "habitants"}) == (pytest.approx(-1 / 3), "entre_deux")
    assert pole({"decision": "habitants", "animation": "partage", "gestion": "institution"})[1] == "entre_deux"
    assert pole({"decision": "habitants", "animation": "habitants", "gestion": "institution"})[1] == \
        "initiative_habitante"


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
    assert row["origin_evidence"] == "manual (single, AB): lu dans la source"
    assert row["gestion"] == "institution" and row["gestion_source"] == "derived"


def test_a_coders_latest_coding_counts_and_disagreements_are_not_settled_silently():
    manual = manual_table([
        ("I000-001", "principal", "gestion", "habitants", "AB", "2026-11-01", "premier"),
        ("I000-001", "principal", "gestion", "partage", "AB", "2026-11-15", "relu"),
        ("I000-001", "principal", "decision", "partage", "AB", "2026-11-15", "relu"),
    ])
    row = coded(manual=manual)
    assert row["gestion"] == "partage" and "AB" in row["gestion_evidence"]
    assert row["institutionalisation_level"] == "moyen"
    # a second coder who disagrees does not override the first: unresolved, inconnu
    other = manual_table([("I000-001", "principal", "gestion", "institution", "CD", "2026-12-01", "autre lecture")])
    row = coded(manual=pd.concat([manual, other]))
    assert row["gestion"] == "inconnu" and row["gestion_evidence"].startswith("manual (unresolved, AB; CD)")


def test_trajectory_one_row_per_period():
    manual = manual_table([
        ("I000-001", "principal", "animation", "habitants", "AB", "2026-11-20", "association"),
        ("I000-001", "principal", "gestion", "habitants", "AB", "2026-11-20", "association"),
        ("I000-001", "debut", "animation", "institution", "AB", "2026-11-20", "dispositif"),
        ("I000-001", "debut", "gestion", "institution", "AB", "2026-11-20", "dispositif"),
        ("I000-001", "covid", "register", "solidarite", "AB", "2026-11-20", "colis"),
    ])
    table = code(inventory(started_by="le bailleur", description="Des cours d'entraide."),
                 organisations=NO_ORGS, manual=manual)
    assert table["period"].tolist() == ["debut", "principal", "covid"]
    debut, principal, covid = (table.iloc[i] for i in range(3))
    assert debut["animation"] == "institution" and principal["animation"] == "habitants"
    assert debut["institutionalisation_level"] == "fort"
    # decision and funding come from rules D-OWN and F-OWN (origin bailleur): degree (0 + 0 + 1 + 1) / 4
    assert principal["institutionalisation_level"] == "moyen"
    # axes not coded for a period repeat the principal code, marked as such
    assert covid["animation"] == "habitants"
    assert covid["animation_evidence"].startswith("(principal) manual (single, AB)")
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
        "I003-002,covid,gestion,institution,AB,2026-11-20,la ville reprend\n", encoding="utf-8")
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
    # AB and CD disagree on I000-001's registers: unresolved, coded inconnu until adjudicated
    assert coded_table["register"].tolist() == ["inconnu", "solidarite", "solidarite"]
    final = pd.read_csv(first / "final_codes.csv", keep_default_na=False)
    assert final.set_index(["initiative_id", "period", "axis"])["status"].to_dict() == {
        ("I000-001", "principal", "register"): "unresolved", ("I003-002", "principal", "register"): "agreed",
        ("I003-002", "covid", "gestion"): "single"}
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
    used = evidence[(evidence.initiative_id == "I003-002") & (evidence.axis == "register")]
    assert used.groupby("source")["final"].max().to_dict() == {"derived": 0, "manual": 1}
    unresolved = evidence[(evidence.initiative_id == "I000-001") & (evidence.axis == "register")]
    assert unresolved.groupby("source")["final"].max().to_dict() == {"derived": 0, "manual": 0}


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
    assert table.columns[:6].tolist() == ["initiative_id", "period", "origin", "origin_source",
                                          "origin_basis", "origin_evidence"]
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


@pytest.mark.parametrize("description, origin, expected", [
    ("Les gardiens appellent les locataires âgés.", {"bailleur"},
     {"animation": "institution", "gestion": "institution", "decision": "institution", "financement": "institution"}),
    ("Des voisins bénévoles livrent le pain.", {"locataires"},
     {"animation": "habitants", "gestion": "habitants", "decision": "habitants", "financement": "habitants"}),
    ("Le conseil de concertation locative se réunit.", {"bailleur"},
     {"decision": "institution", "gestion": "institution", "financement": "institution"}),
    ("Des bénévoles et des salariés du bailleur tiennent l'atelier.", {"bailleur"}, {"animation": "partage"}),
    ("Un projet mené ensemble.", {"bailleur", "collectivite"}, {}),
])
def test_decision_rules_fill_silent_dimensions(description, origin, expected):
    from housing_research.coding.inference import infer_dimensions

    got = infer_dimensions(description, origin, {}, codebook())
    assert {d: code for d, (code, _) in got.items()} == expected
    assert all(rule.split(":")[0].split(" + ")[0] in {r.id for r in codebook().rules} for _, rule in got.values())


def test_a_stated_dimension_is_never_overridden_by_a_rule():
    from housing_research.coding.inference import infer_dimensions

    got = infer_dimensions("Les gardiens animent.", {"bailleur"}, {"animation": "habitants"}, codebook())
    assert "animation" not in got and "gestion" not in got      # inhabitants animate: no "own action" rule
