"""Pipeline step ``suggest``: the supervised coder, its honest evaluation, its suggestions and the code-next order.

Reads the cleaned inventory and the final manual codes written by the
``code`` step (in-scope initiatives only) and writes, with deterministic
bytes:

- ``coder_evaluation.csv`` -- leave-one-document-out kappa and alpha of the
  supervised coder and of the rule-based coder (the baseline), per document
  and over all documents with bootstrap 95 % intervals
  (:func:`~housing_research.coding.learned_eval.leave_one_document_out`);
- ``coder_reliability.csv`` -- calibration of the held-out suggestions, per
  probability bin (the reliability figure);
- ``coding_suggestions.csv`` -- the coder, learned from every final manual
  code, suggests a code with its probability and evidence for every
  initiative no human has coded (``status`` = ``suggestion``); nothing here
  replaces a human code;
- ``code_next.csv`` -- those initiatives, most uncertain first, for the
  coder sheets.

Examples
--------
>>> from housing_research.coding.suggest_build import OUTPUTS
>>> OUTPUTS["evaluation"]
'coder_evaluation'
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from housing_research import paths
from housing_research.coding.codebook import codebook
from housing_research.coding.learned import SupervisedCoder
from housing_research.coding.learned_eval import code_next, leave_one_document_out, reliability
from housing_research.coding.learned_features import feature_frame, targets
from housing_research.inventory.reference import load_organisations
from housing_research.tables import read_processed, write_table

OUTPUTS: dict[str, str] = {"evaluation": "coder_evaluation", "reliability": "coder_reliability",
                           "suggestions": "coding_suggestions", "next": "code_next"}
#: Bootstrap resamples of the pooled intervals, and their seed.
N_BOOTSTRAP, SEED = 500, 2021


@dataclass(frozen=True)
class SuggestionBuildResult:
    """What :func:`build_suggestions` wrote."""

    n_coded: int
    n_suggested: int
    files: tuple[str, ...]

    def __str__(self) -> str:
        return (f"coder evaluated on {self.n_coded} manually coded initiatives (leave one document out); "
                f"{self.n_suggested} initiatives without a human code get suggestions -> {', '.join(self.files)}")


def build_suggestions(out_dir=None) -> SuggestionBuildResult:
    """Evaluate the supervised coder and write its suggestions (tables of :data:`OUTPUTS`) into ``out_dir``."""
    cb = codebook()
    inventory = read_processed("inventory", out_dir, dtype=str, keep_default_na=False)
    final = read_processed("final_codes", out_dir, dtype=str, keep_default_na=False)
    in_scope = inventory[inventory["scope"] == "pratique"] if "scope" in inventory else inventory
    organisations = load_organisations()
    cv = leave_one_document_out(in_scope, final, organisations, cb, n_bootstrap=N_BOOTSTRAP, random_state=SEED)
    coded = sorted(set(final["initiative_id"]) & set(in_scope["initiative_id"]))
    X = feature_frame(inventory[inventory["initiative_id"].isin(coded)], organisations, cb)
    model = SupervisedCoder().fit(X, targets(final, cb).reindex(X.index))
    todo = inventory[~inventory["initiative_id"].isin(coded)]
    suggested = (model.predict(feature_frame(todo, organisations, cb)) if len(todo)
                 else pd.DataFrame(columns=["initiative_id", "period", "axis", "code", "probability", "evidence"]))
    suggested = suggested.assign(status="suggestion").merge(
        inventory[["initiative_id", "scope"]], on="initiative_id", how="left")
    order = code_next(model, inventory, coded, organisations, cb).merge(
        inventory[["initiative_id", "scope"]], on="initiative_id", how="left")
    tables = {"evaluation": cv.summary, "reliability": reliability(cv).reset_index(),
              "suggestions": suggested, "next": order}
    files = [write_table(t, paths.processed(OUTPUTS[k], out_dir)) for k, t in tables.items()]
    return SuggestionBuildResult(len(coded), todo["initiative_id"].nunique(),
                                 tuple(paths.relative(f) for f in files))
