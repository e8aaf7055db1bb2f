"""The supervised coder and its leave-one-document-out evaluation."""

import numpy as np
import pandas as pd
import pytest

from housing_research.coding.learned import SupervisedCoder
from housing_research.coding.learned_eval import code_next, leave_one_document_out, reliability
from housing_research.coding.learned_features import document_of, feature_frame, targets

TENANT = ["Des voisins s'entraident pour les courses", "Les locataires de l'amicale organisent un repas",
          "Un collectif d'habitants monte une fête", "Les voisins bénévoles cousent des masques"]
LANDLORD = ["Le bailleur appelle ses locataires âgés", "Les gardiens du bailleur distribuent des colis",
            "Le bailleur finance un prestataire d'animation", "L'agence du bailleur organise une réunion"]


def _corpus(n_docs: int = 3, merged: bool = True) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A small inventory: each document holds tenants' and landlord's actions, coded accordingly."""
    clean, final = [], []
    for d in range(n_docs):
        for k, (texts, code, origin) in enumerate(((TENANT, "habitants", "locataires"),
                                                    (LANDLORD, "institution", "bailleur"))):
            for j, text in enumerate(texts):
                iid = f"I00{d}-{10 * k + j + 1:03d}"
                clean.append({"initiative_id": iid, "name": text.split()[1], "description": text,
                              "started_by": "", "source_docs": f"00{d}"})
                for axis, value in (("origin", origin), ("animation", code), ("gestion", code),
                                    ("decision", code), ("financement", code),
                                    ("register", "entraide" if k == 0 else "accompagnement")):
                    final.append({"initiative_id": iid, "period": "principal", "axis": axis, "code": value,
                                  "status": "single"})
    clean = pd.DataFrame(clean)
    if merged:  # one initiative described by two documents
        clean.loc[0, "source_docs"] = "000; 001"
    return clean, pd.DataFrame(final)


@pytest.fixture(scope="module")
def cv():
    clean, final = _corpus()
    return leave_one_document_out(clean, final, n_bootstrap=20, random_state=1,
                                  coder=SupervisedCoder(calibrate=False))


def test_no_initiative_of_the_held_out_document_is_trained_on(cv):
    clean, _ = _corpus()
    docs = document_of(clean)
    for doc, (train, test) in cv.folds.items():
        assert set(train).isdisjoint(test)
        assert all(doc in docs[i] for i in test)
        assert not any(doc in docs[i] for i in train)
    # the initiative of two documents is held out with each of them and trained on with neither
    assert [doc for doc, (train, _) in cv.folds.items() if "I000-001" in train] == ["002"]


def test_every_initiative_is_predicted_by_each_fold_that_holds_it_out(cv):
    held = cv.predictions.groupby("document")["initiative_id"].apply(set)
    for doc, (_, test) in cv.folds.items():
        assert held[doc] == set(test)


def test_summary_has_both_coders_per_document_and_intervals_over_all(cv):
    summary = cv.summary
    assert set(summary["coder"]) == {"supervised", "rule_based"}
    assert set(summary["document"]) == {"000", "001", "002", "all"}
    pooled = summary[summary["document"] == "all"].dropna(subset=["kappa"])
    assert (pooled["kappa_low"] <= pooled["kappa"] + 1e-12).all()
    assert (pooled["kappa"] <= pooled["kappa_high"] + 1e-12).all()


def test_the_coder_learns_a_separable_dimension(cv):
    s = cv.summary
    row = s[(s["coder"] == "supervised") & (s["document"] == "all") & (s["axis"] == "animation")].iloc[0]
    assert row["kappa"] == pytest.approx(1.0)


def test_fitting_is_deterministic():
    clean, final = _corpus(merged=False)
    X, y = feature_frame(clean), targets(final)
    a = SupervisedCoder().fit(X, y).predict(X)
    b = SupervisedCoder().fit(X, y).predict(X)
    pd.testing.assert_frame_equal(a, b)


def test_each_suggestion_has_a_probability_and_its_evidence():
    clean, final = _corpus(merged=False)
    X, y = feature_frame(clean), targets(final)
    suggested = SupervisedCoder().fit(X, y).predict(X)
    assert suggested["probability"].between(0, 1).all()
    animation = suggested[suggested["axis"] == "animation"].set_index("initiative_id")
    assert animation.loc["I000-001", "code"] == "habitants"
    assert animation["evidence"].str.len().gt(0).all()
    # the evidence names features of the model; a coder reading words only names words of the row's text
    coder = SupervisedCoder(block_weights={"chars": 0, "who": 0, "rules": 0}).fit(X, y)
    words_only = coder.predict(X)
    row = words_only[(words_only["axis"] == "animation") & (words_only["initiative_id"] == "I000-011")].iloc[0]
    terms = [t.strip() for t in row["evidence"].split("|")]
    assert terms and set(terms) <= set(coder.feature_names_)
    text = LANDLORD[0].lower()
    assert any(t in text for t in terms)


def test_parameters_are_stored_unchanged_and_learned_attributes_end_with_underscore():
    coder = SupervisedCoder(C=0.5, calibrate=False)
    assert coder.get_params()["C"] == 0.5 and not hasattr(coder, "models_")
    clean, final = _corpus(merged=False)
    fitted = coder.fit(feature_frame(clean), targets(final))
    assert fitted is coder and set(coder.targets_) >= {"animation", "origin=locataires"}


def test_reliability_counts_every_scored_suggestion(cv):
    table = reliability(cv, bins=4)
    assert list(table.index) == ["0.00-0.25", "0.25-0.50", "0.50-0.75", "0.75-1.00"]
    scored = cv.predictions.merge(cv.truth[["initiative_id", "axis"]].drop_duplicates(), on=["initiative_id", "axis"])
    assert table["n"].sum() == len(scored)
    assert table["share_right"].dropna().between(0, 1).all()


def test_code_next_ranks_only_uncoded_initiatives_most_uncertain_first():
    clean, final = _corpus(merged=False)
    coded = sorted(set(clean["initiative_id"]))[:10]
    model = SupervisedCoder(calibrate=False).fit(feature_frame(clean[clean["initiative_id"].isin(coded)]),
                                                 targets(final[final["initiative_id"].isin(coded)]))
    order = code_next(model, clean, coded)
    assert set(order["initiative_id"]) == set(clean["initiative_id"]) - set(coded)
    assert np.all(np.diff(order["uncertainty"].to_numpy()) <= 0)
    assert order["uncertainty"].between(0, 1).all()
    assert code_next(model, clean, clean["initiative_id"]).empty


def test_evaluation_figure_in_both_languages():
    import matplotlib.pyplot as plt

    from housing_research import read_processed
    from housing_research.figures import coder_evaluation as ce

    evaluation, rel = read_processed("coder_evaluation"), read_processed("coder_reliability")
    texts = {}
    for lang in ("fr", "en"):
        fig, data = ce.draw_figure("E1", evaluation, rel, lang=lang)
        texts[lang] = [t.get_text() for a in fig.axes for t in a.get_xticklabels() + [a.xaxis.label, a.yaxis.label]]
        bars = [p for p in fig.axes[0].patches]
        assert len(bars) == 2 * data["evaluation"]["axis"].nunique()   # one bar per coder and axis
        plt.close(fig)
    assert texts["fr"] != texts["en"] and "Origine" in texts["fr"] and "Origin" in texts["en"]
    with pytest.raises(ValueError, match="choose 'E1'"):
        ce.draw_figure("T1", evaluation, rel)


@pytest.mark.parametrize("name", ["coder_evaluation", "coder_reliability", "coding_suggestions", "code_next"])
def test_the_suggest_tables_follow_the_data_dictionary(name):
    from housing_research import read_processed, validate

    table = read_processed(name, dtype=str, keep_default_na=False)
    validate(table.replace("", None), name, file=f"data/processed/{name}.csv")


def test_the_dictionary_check_of_the_suggest_tables_can_fail():
    from housing_research import InputError, read_processed, validate

    table = read_processed("coder_evaluation", dtype=str, keep_default_na=False).replace("", None)
    table.loc[0, "coder"] = "oracle"
    with pytest.raises(InputError):
        validate(table, "coder_evaluation")


# --------------------------------------------------------------- the same on every processor
def test_frequent_terms_break_ties_by_the_term_not_by_the_sort():
    """Equally frequent terms are kept alphabetically, whatever order the documents come in."""
    from housing_research.coding.learned import FrequentTermsTfidf

    docs = ["zz yy", "xx ww", "vv uu", "zz"]                 # zz twice; the five others once each
    kept = [FrequentTermsTfidf(analyzer="word", ngram_range=(1, 1), max_features=3).fit(d)
            .get_feature_names_out().tolist() for d in (docs, docs[::-1], docs[1:] + docs[:1])]
    assert kept == [["uu", "vv", "zz"]] * 3


def test_platt_sigmoid_is_the_optimum_sklearn_approaches():
    """Newton's answer has a zero gradient, and sklearn's L-BFGS (stopped at 1e-6) lands next to it."""
    from sklearn.calibration import _sigmoid_calibration
    from housing_research.coding.platt import fit_sigmoid, sigmoid

    rng = np.random.default_rng(4)
    f = rng.normal(size=80)
    y = (f + rng.normal(scale=0.8, size=80)) > 0.2
    A, B = fit_sigmoid(f, y)
    n_pos, n_neg = y.sum(), (~y).sum()
    t = np.where(y, (n_pos + 1) / (n_pos + 2), 1 / (n_neg + 2))
    residual = t - sigmoid(f, A, B)
    assert abs(np.sum(f * residual)) < 1e-10 and abs(np.sum(residual)) < 1e-10
    A_sk, B_sk = _sigmoid_calibration(f, y)
    assert np.allclose([A, B], [A_sk, B_sk], atol=1e-4)


def test_platt_calibrated_probabilities_match_sklearn_calibration():
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold
    from sklearn.multiclass import OneVsRestClassifier
    from housing_research.coding.platt import PlattCalibratedClassifier

    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 4))
    y = (X[:, 0] > 0).astype(int) + (X[:, 1] > 0.4)
    model = OneVsRestClassifier(LogisticRegression(solver="liblinear", tol=1e-10, random_state=0))
    ours = PlattCalibratedClassifier(model, StratifiedKFold(3)).fit(X, y)
    theirs = CalibratedClassifierCV(model, method="sigmoid", cv=StratifiedKFold(3)).fit(X, y)
    assert np.abs(ours.predict_proba(X) - theirs.predict_proba(X)).max() < 1e-5
    assert np.allclose(ours.predict_proba(X).sum(axis=1), 1.0)


def test_platt_refuses_a_fold_without_a_class():
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import KFold
    from housing_research.coding.platt import PlattCalibratedClassifier

    X, y = np.arange(6.0).reshape(-1, 1), np.array([0, 0, 1, 1, 2, 2])
    with pytest.raises(ValueError, match="missing from a training fold"):
        PlattCalibratedClassifier(LogisticRegression(), KFold(3)).fit(X, y)
