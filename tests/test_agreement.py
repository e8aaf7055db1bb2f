"""Agreement statistics against hand computations and reference implementations.

Reference values in ``tests/data/agreement_reference.json`` were produced by
``tests/data/make_agreement_reference.py`` with nltk 3.10.4
(``nltk.metrics.agreement.AnnotationTask``: ``kappa()``, ``alpha()`` with
``binary_distance`` / ``masi_distance``) and krippendorff 0.9.0
(``krippendorff.alpha(level_of_measurement="nominal" | "ordinal")``).
"""

import json
import math
from pathlib import Path

import pandas as pd
import pytest

from housing_research import agreement, code
from housing_research.coding.agreement import cohen_kappa, krippendorff_alpha, masi_distance

REFERENCE = json.loads((Path(__file__).parent / "data" / "agreement_reference.json")
                       .read_text(encoding="utf-8"))


def _units(coders):
    return [[c[u] for c in coders if c[u] is not None] for u in range(len(coders[0]))]


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_alpha_matches_reference_implementations(name):
    case = REFERENCE[name]
    order = [0, 1, 2] if case["metric"] == "ordinal" else None
    alpha = krippendorff_alpha(_units(case["coders"]), case["metric"], order)
    for key in ("alpha_nltk", "alpha_krippendorff_pkg"):
        if key in case:
            assert alpha == pytest.approx(case[key], abs=1e-9), key


@pytest.mark.parametrize("name", [n for n in sorted(REFERENCE) if "kappa_nltk" in REFERENCE[n]])
def test_kappa_matches_nltk(name):
    a, b = REFERENCE[name]["coders"]
    assert cohen_kappa(a, b) == pytest.approx(REFERENCE[name]["kappa_nltk"], abs=1e-9)


def test_kappa_by_hand():
    # 2 x 2 table: 20 yes/yes, 10 yes/no, 5 no/yes, 15 no/no
    a = ["y"] * 30 + ["n"] * 20
    b = ["y"] * 20 + ["n"] * 10 + ["y"] * 5 + ["n"] * 15
    p_o = 35 / 50
    p_e = (30 / 50) * (25 / 50) + (20 / 50) * (25 / 50)
    assert cohen_kappa(a, b) == pytest.approx((p_o - p_e) / (1 - p_e))
    assert cohen_kappa(a, a) == 1.0
    assert math.isnan(cohen_kappa(["x"] * 4, ["x"] * 4))
    with pytest.raises(ValueError):
        cohen_kappa(["x"], [])


def test_alpha_by_hand_textbook_values():
    # Krippendorff (2011), section A: alpha = 0.095
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    # n = 20 values, n0 = 14, n1 = 6, four disagreeing units (8 off-diagonal coincidences):
    # alpha = 1 - (n - 1) x 8 / (2 x n0 x n1)
    assert krippendorff_alpha(zip(a, b)) == pytest.approx(1 - 19 * 8 / (2 * 14 * 6), abs=1e-12)
    assert round(krippendorff_alpha(zip(a, b)), 3) == 0.095


def test_alpha_ordinal_by_hand():
    # three units (0,0), (0,2), (2,2) of an ordinal scale 0 < 1 < 2 (no 1 observed):
    # n0 = n2 = 3, delta(0, 2) = (3 + 0 + 3 - (3 + 3) / 2)^2 = 9
    # D_o = 2 x 9 / 6 = 3; D_e = 2 x 3 x 3 x 9 / (6 x 5) = 5.4
    alpha = krippendorff_alpha([(0, 0), (0, 2), (2, 2)], "ordinal", order=[0, 1, 2])
    assert alpha == pytest.approx(1 - 3 / 5.4)
    # with two categories ordinal equals nominal
    units = [(0, 1), (1, 1), (0, 0), (1, 0), (0, 0)]
    assert krippendorff_alpha(units, "ordinal", [0, 1]) == pytest.approx(
        krippendorff_alpha(units, "nominal"))


def test_masi_distance_by_hand():
    assert masi_distance({"a"}, {"a"}) == 0
    assert masi_distance({"a", "b"}, {"a"}) == pytest.approx(1 - 1 / 2 * 2 / 3)
    assert masi_distance({"a", "b"}, {"b", "c"}) == pytest.approx(1 - 1 / 3 * 1 / 3)
    assert masi_distance({"a"}, {"b"}) == 1
    assert masi_distance(set(), set()) == 0
    assert masi_distance(set(), {"a"}) == 1


def test_alpha_degenerate_cases():
    assert math.isnan(krippendorff_alpha([]))
    assert math.isnan(krippendorff_alpha([("a",), ("b",)]))  # nothing pairable
    assert math.isnan(krippendorff_alpha([("a", "a"), ("a", "a")]))  # no variation
    with pytest.raises(ValueError):
        krippendorff_alpha([(0, 1)], "ordinal")


def long(rows):
    return pd.DataFrame(rows, columns=["initiative_id", "period", "axis", "code", "evidence"])


def dims(iid, codes, evidence=""):
    return [(iid, "principal", d, c, evidence)
            for d, c in zip(["animation", "gestion", "decision", "financement"], codes)]


CODER_A = long([
    ("I1", "principal", "origin", "locataires", "amicale"),
    ("I2", "principal", "origin", "bailleur", "office"),
    ("I3", "principal", "origin", "bailleur", "office"),
    ("I3", "principal", "origin", "locataires", "amicale"),
    ("I1", "principal", "register", "entraide", "voisins"),
    ("I2", "principal", "register", "partenariat", "convention"),
    ("I3", "principal", "register", "collaboration", "ensemble"),
    *dims("I1", ["habitants", "habitants", "habitants", "inconnu"]),
    *dims("I2", ["institution", "institution", "institution", "institution"]),
    *dims("I3", ["partage", "institution", "partage", "institution"]),
    ("I4", "principal", "origin", "tiers", "seulement chez A"),
])
CODER_B = long([
    ("I1", "principal", "origin", "locataires", "amicale"),
    ("I2", "principal", "origin", "bailleur", "office"),
    ("I3", "principal", "origin", "bailleur", "gardiens"),
    ("I1", "principal", "register", "entraide", "voisins"),
    ("I1", "principal", "register", "solidarite", "colis"),
    ("I2", "principal", "register", "partenariat", "convention"),
    ("I3", "principal", "register", "partenariat", "charte"),
    *dims("I1", ["habitants", "partage", "habitants", "inconnu"]),
    *dims("I2", ["institution", "institution", "institution", "institution"]),
    *dims("I3", ["institution", "institution", "institution", "institution"]),
])


def test_summary_per_axis():
    res = agreement(CODER_A, CODER_B)
    s = res.summary.set_index("axis")
    assert list(s.index) == ["origin", "animation", "gestion", "decision", "financement",
                             "level", "pole", "register"]
    assert s.loc["origin", "n_units"] == 3  # I4 is coded by A only
    assert s.loc["origin", "agreement"] == pytest.approx(2 / 3)
    # origin labels: A = loc, bail, "loc; bail"; B = loc, bail, bail
    assert s.loc["origin", "kappa"] == pytest.approx(cohen_kappa(
        ["locataires", "bailleur", "locataires; bailleur"],
        ["locataires", "bailleur", "bailleur"]))
    assert s.loc["origin", "metric"] == "nominal"
    assert s.loc["register", "metric"] == "masi"
    assert s.loc["register", "alpha"] == pytest.approx(krippendorff_alpha(
        [({"entraide"}, {"entraide", "solidarite"}), ({"partenariat"}, {"partenariat"}),
         ({"collaboration"}, {"partenariat"})], "masi"))
    # levels: A = faible (0.0), fort (1.0), fort (0.75); B = faible (1/6), fort, fort
    assert s.loc["level", "metric"] == "ordinal"
    assert s.loc["level", "agreement"] == 1.0
    assert s.loc["level", "alpha"] == 1.0


def test_per_category():
    res = agreement(CODER_A, CODER_B)
    pc = res.per_category.set_index(["axis", "category"])
    row = pc.loc[("origin", "locataires")]
    assert (row["n_a"], row["n_b"]) == (2, 1)
    assert row["agreement"] == pytest.approx(2 / 3)
    assert row["kappa"] == pytest.approx(cohen_kappa([1, 0, 1], [1, 0, 0]))
    assert row["alpha"] == pytest.approx(krippendorff_alpha([(1, 1), (0, 0), (1, 0)]))
    assert pc.loc[("register", "solidarite"), "n_b"] == 1
    assert set(pc.loc["register"].index) >= {"accompagnement", "information"}


def test_disagreements_carry_both_codes_and_evidence():
    res = agreement(CODER_A, CODER_B)
    d = res.disagreements
    origin = d[d.axis == "origin"].iloc[0]
    assert (origin["initiative_id"], origin["code_a"], origin["code_b"]) == (
        "I3", "locataires; bailleur", "bailleur")
    assert origin["evidence_a"] == "office | amicale"
    assert origin["evidence_b"] == "gardiens"
    assert set(d.axis) - {"pole"} == {"origin", "gestion", "animation", "decision", "register"}
    # origin I3; animation I3; gestion I1; decision I3; register I1 and I3 (plus the poles they move)
    assert len(d[d.axis != "pole"]) == 6
    assert d.loc[d.axis == "gestion", "initiative_id"].tolist() == ["I1"]


def test_perfect_agreement_and_coded_table_input():
    clean = pd.DataFrame({"initiative_id": ["I000-001", "I000-002"],
                          "started_by": ["l'amicale", "le bailleur"],
                          "managed_by": ["les locataires", "la ville"],
                          "description": ["entraide entre voisins", "une convention"]})
    coded = code(clean, organisations=pd.DataFrame())
    res = agreement(coded, coded)
    assert (res.summary["agreement"].dropna() == 1.0).all()
    assert res.summary.set_index("axis").loc["origin", "kappa"] == 1.0
    assert res.disagreements.empty


def test_bootstrap_intervals_bracket_the_estimate_and_are_seeded():
    a = pd.DataFrame({"initiative_id": [f"I{i}" for i in range(40)], "axis": "origin",
                      "code": ["locataires", "bailleur", "tiers", "bailleur"] * 10})
    b = a.assign(code=["locataires", "bailleur", "bailleur", "bailleur"] * 10)
    first = agreement(a, b, n_bootstrap=300, random_state=3).summary.set_index("axis").loc["origin"]
    again = agreement(a, b, n_bootstrap=300, random_state=3).summary.set_index("axis").loc["origin"]
    assert first["kappa_low"] <= first["kappa"] <= first["kappa_high"]
    assert first["alpha_low"] <= first["alpha"] <= first["alpha_high"] and first["kappa_low"] < first["kappa_high"]
    assert first.equals(again)


def test_pole_agreement_follows_the_dimensions():
    dims = {"animation": "habitants", "gestion": "habitants", "decision": "habitants", "financement": "inconnu"}
    a = pd.DataFrame([{"initiative_id": "I1", "axis": k, "code": v} for k, v in dims.items()])
    b = a.assign(code=["institution", "habitants", "institution", "inconnu"])
    s = agreement(a, b).summary.set_index("axis")
    assert s.loc["pole", "n_units"] == 1 and s.loc["pole", "agreement"] == 0.0
