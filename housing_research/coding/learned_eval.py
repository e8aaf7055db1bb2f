"""Honest evaluation of the coders: leave one document out, against the final manual codes.

:func:`leave_one_document_out` trains the supervised coder on the
initiatives of four documents and predicts those of the fifth, for each
document in turn. An initiative described by several documents belongs to
each of them: it is never in the training set of a fold whose held-out
document describes it (``CrossValidation.folds`` records both sets, and the
tests check that they never meet). The rule-based coder, which learns
nothing, is scored on the same held-out initiatives as the baseline.

Per coder, axis and document (and over all documents, with bootstrap 95 %
intervals) the report gives Cohen's kappa and Krippendorff's alpha (MASI for
registers, ordinal for the level) against the manual codes; the pole is the
class the coded dimensions give. :func:`reliability` bins the supervised
coder's probabilities against how often it is right (the reliability figure);
:func:`code_next` ranks the initiatives no human has coded by the coder's
uncertainty, for the coder sheets.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from housing_research.coding.agreement import agreement
from housing_research.coding.assemble import assemble
from housing_research.coding.codebook import Codebook, codebook
from housing_research.coding.coder import derive
from housing_research.coding.learned import SupervisedCoder
from housing_research.coding.learned_features import document_of, feature_frame, targets

#: Axes reported, in order.
AXES = ("origin", "animation", "gestion", "decision", "financement", "level", "pole", "register")


@dataclass
class CrossValidation:
    """What :func:`leave_one_document_out` returns."""

    predictions: pd.DataFrame      # initiative_id, axis, code, probability, evidence, document
    rule_based: pd.DataFrame       # long codes of the rule-based coder (principal period)
    truth: pd.DataFrame            # final manual codes used as reference (resolved units)
    folds: dict                    # document -> (train ids, test ids)
    summary: pd.DataFrame          # coder, document, axis, n_units, kappa, alpha (+ intervals for "all")


def _long_rule_based(clean, organisations, cb) -> pd.DataFrame:
    coded = assemble(derive(clean, organisations if organisations is not None else pd.DataFrame(), cb), None, cb)
    rows = []
    for rec in coded.to_dict("records"):
        for axis in ("origin", "animation", "gestion", "decision", "financement", "register"):
            for code in str(rec[axis]).split("; "):
                rows.append({"initiative_id": rec["initiative_id"], "period": "principal", "axis": axis, "code": code})
    return pd.DataFrame(rows)


def _scores(name, doc, codes, truth, ids, cb, n_bootstrap, seed) -> pd.DataFrame:
    mine = codes[codes["initiative_id"].isin(ids)]
    ref = truth[truth["initiative_id"].isin(ids)]
    summary = agreement(mine, ref, cb, n_bootstrap=n_bootstrap, random_state=seed).summary
    summary = summary[summary["axis"].isin(AXES)].assign(coder=name, document=doc)
    return summary


def leave_one_document_out(clean: pd.DataFrame, final: pd.DataFrame, organisations: pd.DataFrame | None = None,
                           cb: Codebook | None = None, n_bootstrap: int = 1000, random_state: int = 2021,
                           coder: SupervisedCoder | None = None) -> CrossValidation:
    """Cross-validate the supervised coder by document, with the rule-based coder as baseline.

    Parameters
    ----------
    clean : DataFrame
        The cleaned inventory (``initiative_id``, ``source_docs`` and the descriptive fields).
    final : DataFrame
        Final manual codes (:func:`housing_research.coding.final_codes.resolve`).
    n_bootstrap : int
        Resamples for the intervals over all documents.
    """
    cb = cb or codebook()
    X = feature_frame(clean, organisations, cb)
    y = targets(final, cb)
    y = y[y.index.isin(X.index)]
    docs = document_of(clean).reindex(y.index)
    truth = final[(final["period"] == "principal") & (final["status"] != "unresolved")
                  & final["initiative_id"].isin(y.index)]
    rule_based = _long_rule_based(clean[clean["initiative_id"].isin(y.index)], organisations, cb)
    predictions, folds, summaries = [], {}, []
    for doc in sorted({d for ds in docs for d in ds}):
        test = [i for i in y.index if doc in docs[i]]
        train = [i for i in y.index if doc not in docs[i]]
        folds[doc] = (train, test)
        model = (coder or SupervisedCoder()).fit(X.loc[train], y.loc[train])
        predicted = model.predict(X.loc[test]).assign(document=doc)
        predictions.append(predicted)
        summaries.append(_scores("supervised", doc, predicted, truth, test, cb, 0, random_state))
        summaries.append(_scores("rule_based", doc, rule_based, truth, test, cb, 0, random_state))
    pooled = pd.concat(predictions, ignore_index=True)
    everyone = list(y.index)
    summaries.append(_scores("supervised", "all", pooled, truth, everyone, cb, n_bootstrap, random_state))
    summaries.append(_scores("rule_based", "all", rule_based, truth, everyone, cb, n_bootstrap, random_state))
    columns = ["coder", "document", "axis", "metric", "n_units", "agreement", "kappa", "alpha", "kappa_low",
               "kappa_high", "alpha_low", "alpha_high"]
    summary = pd.concat(summaries, ignore_index=True).reindex(columns=columns)
    return CrossValidation(pooled, rule_based, truth, folds, summary)


def reliability(cv: CrossValidation, bins: int = 5) -> pd.DataFrame:
    """Calibration of the held-out suggestions: per probability bin, the share of suggestions that are right."""
    truth = cv.truth.groupby(["initiative_id", "axis"])["code"].apply(set)
    rows = []
    for rec in cv.predictions.to_dict("records"):
        key = (rec["initiative_id"], rec["axis"])
        if key in truth.index:
            rows.append((rec["probability"], int(rec["code"] in truth[key])))
    frame = pd.DataFrame(rows, columns=["probability", "right"])
    edges = np.linspace(0, 1, bins + 1)
    frame["bin"] = pd.cut(frame["probability"], edges, include_lowest=True)
    out = frame.groupby("bin", observed=False).agg(n=("right", "size"), mean_probability=("probability", "mean"),
                                                   share_right=("right", "mean"))
    out.index = [f"{edges[i]:.2f}-{edges[i + 1]:.2f}" for i in range(bins)]
    return out.rename_axis("probability_bin")


def code_next(model: SupervisedCoder, clean: pd.DataFrame, coded_ids, organisations=None,
              cb: Codebook | None = None) -> pd.DataFrame:
    """Initiatives no human has coded, most uncertain first: ``initiative_id, uncertainty, least_sure_axis``.

    The uncertainty of an initiative is one minus the lowest probability of
    its suggested codes, over the axes.
    """
    todo = clean[~clean["initiative_id"].isin(set(coded_ids))]
    if todo.empty:
        return pd.DataFrame(columns=["initiative_id", "uncertainty", "least_sure_axis"])
    suggested = model.predict(feature_frame(todo, organisations, cb or codebook()))
    worst = suggested.sort_values(["initiative_id", "probability"], kind="stable").drop_duplicates("initiative_id")
    out = pd.DataFrame({"initiative_id": worst["initiative_id"], "uncertainty": 1 - worst["probability"],
                        "least_sure_axis": worst["axis"]})
    return out.sort_values(["uncertainty", "initiative_id"], ascending=[False, True]).reset_index(drop=True)
