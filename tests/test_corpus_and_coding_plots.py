"""Corpus and coding tables against hand counts; every figure draws in both languages."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from housing_research.figures import coding as kp
from housing_research.analysis import coding_summary, corpus
from housing_research.figures import corpus as cp

INVENTORY = pd.DataFrame({
    "initiative_id": ["I000-001", "I000-002", "I003-001", "I003-002"],
    "source_docs": ["000; 003", "000", "003", "003"],
    "regions": ["ile_de_france", None, "paca; ile_de_france", "paca"],
    "carrier_ids": ["valophis", "valophis; amicale", "emmaus", None],
    "year_start": ["2020", None, "2018", "2020"],
    "period": ["printemps 2020", None, "depuis 2018", "2020"],
    "covid_status": ["nouveau", None, None, "adapte"],
})
ORGS = pd.DataFrame({"org_id": ["valophis", "emmaus", "amicale"], "name": ["Valophis", "Emmaüs Habitat", "Amicale"],
                     "kind": ["oph", "esh", "association_locataires"]})
ROWS = pd.DataFrame({"status": ["kept", "kept", "merged", "rejected", "kept", "kept"]})
CHANGES = pd.DataFrame({"rule": ["whitespace", "organisation_alias", "organisation_alias"]})
CODED = pd.DataFrame({
    "initiative_id": ["I000-001", "I000-002", "I003-001", "I003-001"],
    "period": ["principal", "principal", "principal", "covid"],
    "origin": ["bailleur", "bailleur; locataires", "locataires", "locataires"],
    "animation": ["institution", "partage", "habitants", "institution"],
    "gestion": ["institution", "inconnu", "habitants", "habitants"],
    "decision": ["inconnu", "partage", "habitants", "habitants"],
    "financement": ["institution", "inconnu", "inconnu", "inconnu"],
    "institutionalisation_level": ["fort", "moyen", "faible", "faible"],
    "register": ["partenariat", "collaboration; mobilisation", "entraide", "entraide"],
    "pole_score": [-0.9, 0.0, 0.9, 0.5], "pole_class": ["dispositif", "entre_deux", "initiative_habitante",
                                                        "initiative_habitante"],
})
AGREEMENT = pd.DataFrame({"comparison": "manual_vs_derived", "axis": ["origin", "gestion", "register"],
                          "category": [None] * 3, "metric": ["nominal", "nominal", "masi"], "n_units": 3,
                          "agreement": [1.0, 0.5, 0.4], "kappa": [1.0, 0.1, 0.2], "alpha": [1.0, 0.0, 0.3]})


def test_corpus_counts():
    assert corpus.by_document(INVENTORY).to_dict() == {"000": 2, "003": 3}
    table = corpus.by_document_region(INVENTORY)
    assert table.loc["003", "paca"] == 2 and table.loc["000", "non_renseigne"] == 1
    # a start is stated ("depuis 2018") or the initiative is new in the crisis; "2020" only dates I003-002
    assert corpus.by_year(INVENTORY).to_dict() == {2018: 1, 2020: 1}
    landlords = corpus.by_landlord(INVENTORY, ORGS)
    assert landlords["initiatives"].to_dict() == {"valophis": 2, "emmaus": 1}   # the amicale is not an Hlm body
    status, rules = corpus.cleaning_counts(ROWS, CHANGES)
    assert status.to_dict() == {"kept": 4, "merged": 1, "rejected": 1}
    assert rules["organisation_alias"] == 2 and rules["hyphenation"] == 0


@pytest.mark.parametrize("period,status,start", [
    ("depuis 2010", None, 2010), ("créé en 2011", None, 2011), ("dès 2018", None, 2018),
    ("lancé fin mars 2020", None, 2020), ("printemps 2020", "nouveau", 2020), ("printemps 2020", "adapte", None),
    ("2014", None, None), ("aujourd'hui (mars 2021)", None, None), ("des années 2010", None, None),
])
def test_only_stated_starts_are_starting_years(period, status, start):
    from housing_research.inventory.periods import parse_period
    table = pd.DataFrame({"period": [period], "year_start": [parse_period(period).start], "covid_status": [status]})
    value = corpus.start_years(table).iloc[0]
    assert (None if pd.isna(value) else int(value)) == start


def test_starting_years_before_2000_are_one_labelled_bar_apart():
    years = pd.Series([1, 1, 2, 4], index=[1990, 1993, 2004, 2020])
    ax = cp.plot_years(years, missing=7, lang="en")
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels[0] == "before 2000" and "1990" not in labels
    assert ax.get_xlim()[0] > 1990                      # the early years do not stretch the axis
    heights = {round(p.get_x() + p.get_width() / 2): p.get_height() for p in ax.patches}
    assert heights[1997] == 2 and heights[2004] == 2 and heights[2020] == 4
    assert any(t.get_text() == "no stated starting year: 7" for t in ax.texts)
    plt.close(ax.figure)


def test_coding_counts():
    origin = coding_summary.axis_distribution(CODED, "origin")
    assert origin.to_dict() == {"locataires": 2, "bailleur": 2, "collectivite": 0, "tiers": 0}
    assert coding_summary.axis_distribution(CODED, "gestion", include_unknown=True)["inconnu"] == 1
    cross = coding_summary.crosstab(CODED, "origin", "register")
    assert cross.loc["bailleur", "mobilisation"] == 1 and cross.loc["locataires", "entraide"] == 1
    scores = coding_summary.pole_scores(CODED)
    assert scores.loc["I000-002", "origin"] == "locataires+bailleur" and len(scores) == 3


@pytest.mark.parametrize("figure_id", list(cp.FIGURE_SPECS))
def test_corpus_figures(figure_id):
    labels = {}
    for lang in ("fr", "en"):
        fig, data = cp.draw_figure(figure_id, INVENTORY, ORGS, ROWS, CHANGES, lang=lang)
        labels[lang] = [a.get_xlabel() + a.get_ylabel() for a in fig.axes]
        plt.close(fig)
    assert labels["fr"] != labels["en"]


@pytest.mark.parametrize("figure_id", list(kp.FIGURE_SPECS))
def test_coding_figures(figure_id):
    texts = {}
    for lang in ("fr", "en"):
        fig, data = kp.draw_figure(figure_id, CODED, AGREEMENT, lang=lang)
        texts[lang] = " ".join(t.get_text() for a in fig.axes for t in a.get_yticklabels() + a.get_xticklabels()
                               + [a.title, a.xaxis.label, a.yaxis.label])
        plt.close(fig)
    assert texts["fr"] != texts["en"]
    if figure_id == "T1":
        assert "Locataires et habitants" in texts["fr"] and "Mutual aid" in texts["en"]


def test_unknown_language():
    with pytest.raises(ValueError, match="unknown language"):
        kp.draw_figure("T3", CODED, lang="de")


def test_document_region_bars_name_documents_and_never_repeat_a_look():
    regions = [f"r{i:02d}" for i in range(12)] + ["non_renseigne"]
    table = pd.DataFrame(1, index=pd.Index(["000", "003"], name="source_docs"), columns=regions)
    ax = cp.plot_document_region(table, lang="fr")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["000 Séance Covid 2021", "003 Lettre AORIF 2020"]
    looks = {(tuple(c.patches[0].get_facecolor()), c.patches[0].get_hatch()) for c in ax.containers}
    assert len(looks) == len(regions)                                   # 13 regions, 13 looks
    assert all(face[:3] != (0.0, 0.0, 0.0) for face, _ in looks)       # no black fill hiding its hatch
    plt.close(ax.figure)


def test_landlord_cut_keeps_every_tie():
    orgs = pd.DataFrame({"org_id": list("abcde"), "name": list("ABCDE"), "kind": "esh"})
    inv = pd.DataFrame({"carrier_ids": ["a", "a", "a", "b", "b", "c", "d", "e"]})
    assert corpus.by_landlord(inv, orgs, top=3).index.tolist() == ["a", "b", "c", "d", "e"]   # c, d, e tie third
    assert corpus.by_landlord(inv, orgs, top=2).index.tolist() == ["a", "b"]


def test_composition_counts_the_compared_initiatives_by_document_and_region():
    table = corpus.composition(INVENTORY, ids=["I000-001", "I003-001", "I003-002"], lang="en")
    assert table.loc[("document", "003 AORIF newsletter 2020"), "n"] == 3      # two documents: counted in both
    assert table.loc[("document", "000 Covid session 2021"), "n"] == 1
    regions = table.loc["region", "n"]
    assert regions.to_dict() == {"Provence-Alpes-Côte d'Azur": 2, "Île-de-France": 1} and regions.sum() == 3
    assert table.loc[("region", "Provence-Alpes-Côte d'Azur"), "share"] == round(2 / 3, 3)
