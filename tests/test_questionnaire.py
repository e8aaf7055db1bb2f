"""The March 2021 questionnaire: counts from shares, intervals, refusals, figures."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from scipy.stats import norm

import housing_research as hr
from housing_research import InputError, count_from_share, load_questionnaire, wilson_interval
from housing_research.figures import questionnaire as qp
from housing_research.analysis.questionnaire import build_questionnaire, parse_share
from housing_research.paths import QUESTIONNAIRE


@pytest.fixture(scope="module")
def table():
    return load_questionnaire()


@pytest.fixture
def raw():
    return pd.read_csv(QUESTIONNAIRE, dtype=str, keep_default_na=False)


def _write(raw, path):
    raw.to_csv(path, index=False, lineterminator="\n")
    return path


def _row(raw, item, group="tous"):
    return raw.index[(raw["item"] == item) & (raw["group"] == group)][0]


# -- counts derived from shares ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("share", "respondents", "expected"),
    [
        ("1/2", 28, 14),  # "la moitié des 28 répondants"
        ("1/3", 28, 9),  # 9.33
        ("2/3", 28, 19),  # 18.67
        ("1/4", 28, 7),
        ("1/3", 27, 9),  # exact arithmetic: no 8.999... rounding down
        ("1/2", 5, 3),  # 2.5: halves go up (Python's round would give 2)
        ("1/2", 7, 4),  # 3.5
        ("0.25", 28, 7),
        (0.5, 28, 14),
        ("0", 28, 0),
        ("1", 28, 28),
    ],
)
def test_count_from_share(share, respondents, expected):
    assert count_from_share(share, respondents) == expected


@pytest.mark.parametrize("share", ["1.2", "-0.1", "3/2", "-1/3"])
def test_share_outside_unit_interval_is_refused(share):
    with pytest.raises(ValueError, match=r"outside \[0, 1\]"):
        count_from_share(share, 28)


@pytest.mark.parametrize("respondents", [0, -3, 2.5, True])
def test_bad_number_of_respondents_is_refused(respondents):
    with pytest.raises(ValueError, match="positive integer"):
        count_from_share("1/2", respondents)


def test_share_that_is_not_a_number_is_refused():
    with pytest.raises(ValueError, match="not a number"):
        parse_share("la moitié")


def test_derived_counts_in_the_table_follow_the_rule(table):
    derived = table[table["count_basis"] == "derived"]
    assert len(derived) == 7
    for _, row in derived.iterrows():
        assert row["count"] == count_from_share(row["share"], int(row["denominator"]))
    conflicts = table[(table["item"] == "conflits_voisinage")].iloc[0]
    assert (conflicts["share"], conflicts["count"], conflicts["wording"]) == ("1/2", 14, "la moitié des 28 répondants")


# -- Wilson intervals -------------------------------------------------------------------------


@pytest.mark.parametrize(("count", "n"), [(14, 28), (22, 28), (1, 14), (2, 28), (9, 28)])
def test_wilson_bounds_solve_the_score_equation(count, n):
    # The Wilson bounds are the two shares p whose score test is exactly at z:
    # (count/n - p)^2 = z^2 p (1 - p) / n. Checked independently of the formula used.
    z = norm.ppf(0.975)
    low, high = wilson_interval(count, n)
    for p in (low, high):
        assert (count / n - p) ** 2 == pytest.approx(z**2 * p * (1 - p) / n, abs=1e-12)
    assert low < count / n < high


def test_wilson_known_values_and_edges():
    low, high = wilson_interval(14, 28)
    assert (round(low, 4), round(high, 4)) == (0.3263, 0.6737)
    assert wilson_interval(0, 28)[0] == 0.0 and wilson_interval(28, 28)[1] == 1.0
    narrow, wide = wilson_interval(14, 28, 0.80), wilson_interval(14, 28, 0.99)
    assert wide[0] < low < narrow[0] and narrow[1] < high < wide[1]
    lows, highs = wilson_interval([14, 22], [28, 28])
    assert lows[0] == pytest.approx(low) and highs[1] == pytest.approx(wilson_interval(22, 28)[1])


@pytest.mark.parametrize(("count", "n", "message"), [(29, 28, "exceed"), (-1, 28, "non-negative"), (3, 0, "positive")])
def test_wilson_refuses_impossible_counts(count, n, message):
    with pytest.raises(ValueError, match=message):
        wilson_interval(count, n)


# -- the committed table ----------------------------------------------------------------------


def test_respondent_breakdown_does_not_hide_the_gap(table):
    assert hr.respondent_totals(table) == {"total": 28, "stated": 27, "gap": 1}
    groups = hr.respondents_by_group(table)
    assert groups["count"].sum() == 28
    assert groups.loc["non_precise", "count_basis"] == "residual"
    assert (groups.drop(index="non_precise")["count_basis"] == "exact").all()


def test_sub_group_share_uses_the_sub_group_as_denominator(table):
    shares = hr.observed_shares(table, theme="relations_locataires")
    landlords = shares[(shares["item"] == "nouveaux_collectifs") & (shares["group"] == "organisme_hlm")].iloc[0]
    assert (landlords["count"], landlords["respondents"]) == (1, 14)
    assert landlords["share"] == pytest.approx(1 / 14)
    assert landlords["label_fr"] == "Création de nouveaux collectifs, organismes Hlm"


def test_observed_shares_are_consistent(table):
    shares = hr.observed_shares(table)
    assert set(shares["count_basis"]) <= {"exact", "derived", "inferred"}
    assert (shares["share"] == shares["count"] / shares["respondents"]).all()
    assert ((shares["ci_low"] <= shares["share"]) & (shares["share"] <= shares["ci_high"])).all()
    assert set(shares["theme"]) == {"relations_locataires", "relations_bailleur_locataires"}
    with pytest.raises(ValueError, match="unknown theme"):
        hr.observed_shares(table, theme="covid")


def test_ranked_items_keep_the_document_order(table):
    needs = hr.ranked_items(table, "besoins")
    assert needs["rank"].tolist() == [1, 2, 2, 2]          # the document orders none of the three after the first
    assert needs.index[0] == "besoin_accompagnement"
    with pytest.raises(ValueError, match="order-only"):
        hr.ranked_items(table, "relations_locataires")


def test_every_row_has_labels_in_both_languages(table):
    assert (table["item_fr"].str.len() > 0).all() and (table["item_en"].str.len() > 0).all()
    assert table["item"].str.fullmatch(r"[a-z][a-z0-9_]*").all()


# -- refusals of impossible input, located for the user ---------------------------------------


def test_count_above_respondents_is_refused(raw, tmp_path):
    i = _row(raw, "repli")
    raw.loc[i, "count"] = "29"
    with pytest.raises(InputError, match="count above the number of respondents") as caught:
        load_questionnaire(_write(raw, tmp_path / "q.csv"))
    error = caught.value
    assert (error.row, error.column, error.value) == (i + 2, "count", 29)
    assert error.file == "q.csv" and error.suggestion


def test_share_outside_unit_interval_in_table_is_refused(raw, tmp_path):
    i = _row(raw, "aides_specifiques")
    raw.loc[i, "share"] = "3/2"
    with pytest.raises(InputError, match=r"outside \[0, 1\]") as caught:
        load_questionnaire(_write(raw, tmp_path / "q.csv"))
    assert (caught.value.row, caught.value.column) == (i + 2, "share")


def test_derived_count_off_the_rule_is_refused(raw, tmp_path):
    i = _row(raw, "difficultes_loyers")
    raw.loc[i, "count"] = "18"
    with pytest.raises(InputError, match="rounding rule") as caught:
        load_questionnaire(_write(raw, tmp_path / "q.csv"))
    assert (caught.value.row, caught.value.column) == (i + 2, "count")
    assert "write 19" in str(caught.value)


def test_derived_count_without_share_is_refused(raw, tmp_path):
    i = _row(raw, "conflits_voisinage")
    raw.loc[i, "share"] = ""
    with pytest.raises(InputError, match="needs the share"):
        load_questionnaire(_write(raw, tmp_path / "q.csv"))


def test_exact_count_contradicting_its_share_is_refused(raw, tmp_path):
    i = _row(raw, "repondants", "organisme_hlm")
    raw.loc[i, "share"] = "1/3"
    with pytest.raises(InputError, match="disagree"):
        load_questionnaire(_write(raw, tmp_path / "q.csv"))


def test_sub_group_denominator_must_be_the_sub_group_size(raw, tmp_path):
    i = _row(raw, "nouveaux_collectifs", "organisme_hlm")
    raw.loc[i, "denominator"] = "28"
    with pytest.raises(InputError, match="size of group 'organisme_hlm'") as caught:
        load_questionnaire(_write(raw, tmp_path / "q.csv"))
    assert (caught.value.row, caught.value.column) == (i + 2, "denominator")


def test_residual_must_be_the_actual_gap(raw, tmp_path):
    i = _row(raw, "repondants", "non_precise")
    raw.loc[i, "count"] = "0"
    with pytest.raises(InputError, match="residual count should be 1"):
        load_questionnaire(_write(raw, tmp_path / "q.csv"))


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [("group", "bailleurs", "unknown respondent group"), ("count_basis", "approx", "unknown count basis"),
     ("count", "14.5", "whole"), ("item", "Repli", "slug")],
)
def test_unknown_codes_are_refused(raw, tmp_path, column, value, message):
    i = _row(raw, "repli")
    raw.loc[i, column] = value
    with pytest.raises(InputError, match=message) as caught:
        load_questionnaire(_write(raw, tmp_path / "q.csv"))
    assert (caught.value.row, caught.value.column) == (i + 2, column)


def test_missing_column_is_refused(raw, tmp_path):
    with pytest.raises(InputError, match="required column missing"):
        load_questionnaire(_write(raw.drop(columns="denominator"), tmp_path / "q.csv"))


# -- derived tables and figures ---------------------------------------------------------------


def test_build_questionnaire_writes_tables(tmp_path):
    build_questionnaire(tmp_path)
    shares = pd.read_csv(tmp_path / "questionnaire_shares.csv")
    groups = pd.read_csv(tmp_path / "questionnaire_respondents.csv", index_col="group")
    assert len(shares) == 11 and groups["count"].sum() == 28


def test_figures_are_drawn_in_each_language(table):
    fig_fr, data = qp.draw_figure("Q1", table, lang="fr")
    fig_en, _ = qp.draw_figure("Q1", table, lang="en")
    ax_fr, ax_en = fig_fr.axes[0], fig_en.axes[0]
    assert ax_fr.get_xlabel() == "Nombre de répondants" and ax_en.get_xlabel() == "Number of respondents"
    assert sorted(p.get_width() for p in ax_fr.patches) == sorted(data["count"].tolist())
    assert "27" in ax_fr.get_title(loc="left") and "28" in ax_en.get_title(loc="left")
    plt.close("all")


def test_share_figure_shows_one_interval_per_effect(table):
    fig, data = qp.draw_figure("Q4", table, lang="en")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "Rent-collection difficulties"
    assert sorted(t.get_text() for t in ax.texts) == sorted(f"{c}/{n}" for c, n in zip(data["count"], data["respondents"]))
    plt.close(fig)


def test_bad_language_or_figure_is_refused(table):
    with pytest.raises(ValueError, match="unknown language"):
        qp.draw_figure("Q1", table, lang="de")
    with pytest.raises(ValueError, match="unknown questionnaire figure"):
        qp.draw_figure("Q9", table)
    ax = plt.figure().add_subplot()
    with pytest.raises(ValueError, match="unknown language"):
        qp.plot_shares(hr.observed_shares(table), ax=ax, lang="it")
    plt.close("all")


def test_figure_specs_have_both_languages_and_this_notebook():
    assert sorted(qp.FIGURE_SPECS) == ["Q1", "Q2", "Q3", "Q4", "Q5"]
    assert set(qp.FIGURE_SPECS) <= set(qp.FIGURE_SIZES)
    for figure_id, spec in qp.FIGURE_SPECS.items():
        assert spec.figure_id == figure_id and spec.notebook == "05-questionnaire-covid.ipynb"
        assert spec.title("fr") != spec.title("en")


def test_data_dictionary_describes_the_table():
    from housing_research import paths
    from housing_research.analysis.questionnaire_data import COLUMNS, COUNT_BASES, GROUPS, THEMES

    dictionary = pd.read_csv(paths.DICTIONARY, dtype=str, keep_default_na=False)
    rows = dictionary[dictionary["table"] == "questionnaire"].set_index("column")
    assert rows.index.tolist() == COLUMNS
    assert rows.loc["group", "allowed"].split("|") == list(GROUPS)
    assert rows.loc["theme", "allowed"].split("|") == list(THEMES)
    assert rows.loc["count_basis", "allowed"].split("|") == list(COUNT_BASES)
