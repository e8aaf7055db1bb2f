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
    assert corpus.by_year(INVENTORY).to_dict() == {2018: 1, 2020: 2}
    landlords = corpus.by_landlord(INVENTORY, ORGS)
    assert landlords["initiatives"].to_dict() == {"valophis": 2, "emmaus": 1}   # the amicale is not an Hlm body
    status, rules = corpus.cleaning_counts(ROWS, CHANGES)
    assert status.to_dict() == {"kept": 4, "merged": 1, "rejected": 1}
    assert rules["organisation_alias"] == 2 and rules["hyphenation"] == 0


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
