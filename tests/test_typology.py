"""Typology tables, analysis and figures on a small synthetic coded inventory."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from housing_research.analysis.covid import covid_table
from housing_research.analysis.trajectories import period_changes, trajectory_coordinates
from housing_research.analysis.typology import analyse_typology
from housing_research.figures import trajectories as vp
from housing_research.figures import typology as tp
from housing_research.figures.typology import profile_table
from housing_research.labels import category_label
from housing_research.analysis.typology_tables import active_table, passive_categories, single_origin, supplementary_table

INSTITUTION = dict(origin="bailleur", animation="institution", gestion="institution", decision="institution",
                   financement="institution", institutionalisation_level="fort", register="partenariat; information",
                   pole_class="dispositif", pole_score=-0.8)
HABITANTS = dict(origin="locataires", animation="habitants", gestion="habitants", decision="habitants",
                 financement="inconnu", institutionalisation_level="faible", register="entraide; solidarite",
                 pole_class="initiative_habitante", pole_score=0.8)
MIXED = dict(origin="bailleur; locataires", animation="partage", gestion="institution", decision="partage",
             financement="institution", institutionalisation_level="moyen", register="collaboration; mobilisation",
             pole_class="entre_deux", pole_score=0.0)


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(0)
    rows, inv = [], []
    for i in range(45):
        base = dict([INSTITUTION, HABITANTS, MIXED][i % 3])
        if rng.random() < 0.2:  # some noise so the classes are not trivially pure
            base["animation"] = rng.choice(["habitants", "partage", "institution"])
        iid = f"I00{i % 4}-{i + 1:03d}"
        rows.append(dict(base, initiative_id=iid, period="principal"))
        inv.append(dict(initiative_id=iid, covid_status=["nouveau", "adapte", "suspendu", ""][i % 4],
                        regions=["ile_de_france", "paca", "hauts_de_france"][i % 3], source_docs=f"00{i % 4}",
                        themes="lien_social", year_start=str(2015 + i % 6)))
    rows.append(dict(INSTITUTION, initiative_id="I000-000", period="debut"))
    rows.append(dict(HABITANTS, initiative_id="I000-000", period="principal"))
    inv.append(dict(initiative_id="I000-000", covid_status="", regions="", source_docs="000", themes="",
                    year_start=""))
    coded = pd.DataFrame(rows)
    return coded, pd.DataFrame(inv)


@pytest.fixture(scope="module")
def result(data):
    coded, inv = data
    return analyse_typology(coded, inv, n_resamples=10)


def test_single_origin():
    assert single_origin("bailleur; tiers") == "bailleur+tiers"
    assert single_origin("tiers") == "tiers"
    assert single_origin(None) == "inconnu"


def test_active_table_has_one_variable_per_core_register(data):
    coded, _ = data
    active = active_table(coded)
    assert list(active.columns[:5]) == ["origin", "animation", "gestion", "decision", "financement"]
    assert [c for c in active.columns if c.startswith("reg_")] == [
        "reg_entraide", "reg_solidarite", "reg_mobilisation", "reg_revendication", "reg_collaboration",
        "reg_partenariat"]
    assert active.loc["I000-000", "reg_entraide"] == "oui" and active.loc["I000-000", "origin"] == "locataires"
    assert len(active) == coded["initiative_id"].nunique()
    level = active_table(coded, institutionalisation="level")
    assert "level" in level.columns and "gestion" not in level.columns


def test_passive_categories_are_no_and_unknown(data):
    coded, _ = data
    excl = passive_categories(active_table(coded))
    assert ("financement", "inconnu") in excl
    assert ("reg_entraide", "non") in excl
    assert all(c in ("non", "inconnu") for _, c in excl)


def test_supplementary_tables_are_aligned(data):
    coded, inv = data
    quali, quanti = supplementary_table(coded, inv)
    assert quali.index.equals(active_table(coded).index)
    assert quali.loc["I000-000", "covid"] == "sans_information"
    assert np.isnan(quanti.loc["I000-000", "year"])


def test_analysis_separates_the_three_profiles(result, data):
    coded, _ = data
    assert result.hcpc.n_clusters_ >= 3
    main = coded[coded["period"] == "principal"].set_index("initiative_id")
    purity = pd.crosstab(result.clusters, main["pole_class"]).max(axis=1).sum() / len(main)
    assert purity > 0.85
    assert set(result.ideal_types.columns) >= {"name_fr", "name_en", "pole_score", "pole_class", "mean_jaccard"}
    habitant = result.ideal_types.sort_values("pole_score").iloc[-1]
    assert habitant["pole_class"] == "initiative_habitante"
    assert "Entraide" in habitant["name_fr"] and "Mutual aid" in habitant["name_en"]


def test_trajectories_and_changes(result, data):
    coded, _ = data
    traj = trajectory_coordinates(result, coded)
    assert traj["initiative_id"].unique().tolist() == ["I000-000"]
    assert traj["period"].tolist() == ["debut", "principal"]
    changes = period_changes(coded)
    assert set(changes["axis"]) >= {"origin", "animation", "pole_class"}
    assert (changes["from_period"] == "debut").all()


def test_covid_table(result, data):
    coded, inv = data
    table = covid_table(coded, inv, result.clusters)
    assert list(table.columns) == ["covid_status", "pole_class", "cluster"]


def test_category_labels_in_both_languages():
    assert category_label("reg_solidarite", "oui", "fr") == "Solidarité"
    assert category_label("origin", "conjointe", "en") == "Joint origin"
    assert category_label("decision", "partage", "fr").startswith("Décision")


@pytest.mark.parametrize("figure_id", [*tp.FIGURE_SPECS, *vp.FIGURE_SPECS])
def test_every_figure_draws_in_both_languages(result, data, figure_id):
    coded, inv = data
    texts = {}
    for lang in ("fr", "en"):
        if figure_id in tp.FIGURE_SPECS:
            fig, drawn = tp.draw_figure(figure_id, result, lang=lang)
        else:
            fig, drawn = vp.draw_figure(figure_id, result, coded, inv, lang=lang)
        texts[lang] = " ".join(t.get_text() for ax in fig.axes for t in ax.texts + [ax.xaxis.label, ax.yaxis.label]
                               + ax.get_yticklabels() + ax.get_xticklabels())
        plt.close(fig)
        assert drawn is not None
    assert texts["fr"] != texts["en"]


def test_profile_table_has_positive_vtests(result):
    profiles = profile_table(result)
    assert (profiles.max(axis=1) > 1.96).all()
    assert list(profiles.columns) == sorted(result.description.category)
