"""Compute reference values of the agreement statistics with independent libraries.

Run once in a scratch environment (not a project dependency), e.g.::

    python -m venv /tmp/refvenv
    /tmp/refvenv/bin/pip install nltk==3.10.4 krippendorff==0.9.0 statsmodels==0.15.0 numpy
    /tmp/refvenv/bin/python tests/data/make_agreement_reference.py

It writes ``tests/data/agreement_reference.json``, which ``tests/test_agreement.py``
compares with ``housing_research.coding.agreement``. The cases are small textbook
examples: Krippendorff (2011, "Computing Krippendorff's alpha-reliability")
sections A and C, plus ordinal and set-valued cases shaped like our codes,
and cases of three and four coders for Fleiss' kappa (statsmodels
``fleiss_kappa`` on ``aggregate_raters``) and Cohen's kappa (statsmodels
``cohens_kappa`` on the confusion table). The cases whose values are codes of
our codebook (``"codes"`` in their name) are also read as coders' files by
``tests/test_multi_coder.py``, each unit being one initiative and period.
"""

import json
import math
from pathlib import Path

HERE = Path(__file__).resolve().parent

CASES = {
    # Krippendorff 2011, A: two observers, binary data, 10 units
    "binary_two_coders": {
        "metric": "nominal",
        "coders": [[0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]],
    },
    # two observers, nominal, 12 units
    "nominal_two_coders": {
        "metric": "nominal",
        "coders": [list("aabbdcccedda"), list("babbbcccdddd")],
    },
    # Krippendorff 2011, C: four observers, 12 units, missing values (None)
    "nominal_four_coders_missing": {
        "metric": "nominal",
        "coders": [
            [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
            [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
        ],
    },
    # institutionalisation levels, two coders (0 faible, 1 moyen, 2 fort)
    "ordinal_levels": {
        "metric": "ordinal",
        "coders": [[0, 0, 1, 1, 2, 2, 2, 1, 0, 2, 1, 0], [0, 1, 1, 1, 2, 1, 2, 2, 0, 2, 0, 0]],
    },
    # register sets, two coders
    "masi_registers": {
        "metric": "masi",
        "coders": [
            [["entraide"], ["entraide", "solidarite"], ["partenariat"], ["information"],
             ["collaboration", "partenariat"], ["revendication"], ["mobilisation", "entraide"],
             ["accompagnement"]],
            [["entraide"], ["entraide"], ["partenariat", "collaboration"], ["information"],
             ["collaboration", "partenariat"], ["mobilisation"], ["solidarite", "mobilisation"],
             ["accompagnement", "information"]],
        ],
    },
    # three coders, every unit coded by all: a dimension of institutionalisation
    "codes_gestion_three_coders": {
        "metric": "nominal", "axis": "gestion",
        "coders": [
            ["habitants", "partage", "institution", "institution", "partage", "habitants", "institution",
             "partage", "institution", "habitants", "partage", "institution"],
            ["habitants", "partage", "institution", "partage", "partage", "habitants", "institution",
             "institution", "institution", "partage", "partage", "institution"],
            ["habitants", "habitants", "institution", "institution", "partage", "habitants", "partage",
             "partage", "institution", "habitants", "institution", "institution"],
        ],
    },
    # four coders, nominal, complete (Fleiss)
    "nominal_four_coders_complete": {
        "metric": "nominal",
        "coders": [list("aabbcabcaa"), list("aabbcbbcab"), list("abbbcabcaa"), list("aabccabbaa")],
    },
    # three coders, register sets, one coder missing on two units
    "codes_register_three_coders": {
        "metric": "masi", "axis": "register",
        "coders": [
            [["entraide"], ["entraide", "solidarite"], ["partenariat"], ["information"], ["mobilisation"],
             ["collaboration", "partenariat"], None, ["revendication"]],
            [["entraide"], ["entraide"], ["partenariat", "collaboration"], ["information"], ["mobilisation"],
             ["collaboration"], ["solidarite"], None],
            [["entraide", "solidarite"], ["solidarite"], ["partenariat"], ["information", "accompagnement"],
             ["revendication", "mobilisation"], ["collaboration", "partenariat"], ["solidarite"],
             ["revendication"]],
        ],
    },
}


def statsmodels_kappas(coders):
    """Fleiss' kappa over the units every coder coded, and Cohen's kappa of two complete coders."""
    import numpy as np
    from statsmodels.stats.inter_rater import aggregate_raters, cohens_kappa, fleiss_kappa

    labels = sorted({str(v) for row in coders for v in row if v is not None})
    index = {v: i for i, v in enumerate(labels)}
    complete = [[index[str(c[u])] for c in coders] for u in range(len(coders[0]))
                if all(c[u] is not None for c in coders)]
    out = {"fleiss_statsmodels": float(fleiss_kappa(aggregate_raters(np.array(complete))[0], method="fleiss"))}
    if len(coders) == 2 and len(complete) == len(coders[0]):
        table = np.zeros((len(labels), len(labels)))
        for a, b in complete:
            table[a, b] += 1
        out["kappa_statsmodels"] = float(cohens_kappa(table).kappa)
    return out


def nltk_task(coders, metric):
    # imported here so that test collection (doctests) does not need nltk
    from nltk.metrics.agreement import AnnotationTask
    from nltk.metrics.distance import binary_distance, masi_distance

    data = []
    for c, values in enumerate(coders):
        for u, v in enumerate(values):
            if v is not None:
                data.append((f"c{c}", f"u{u}", frozenset(v) if metric == "masi" else v))
    distance = masi_distance if metric == "masi" else binary_distance
    return AnnotationTask(data=data, distance=distance)


def main():
    import krippendorff
    import numpy as np

    out = {}
    for name, case in CASES.items():
        coders, metric = case["coders"], case["metric"]
        result = {"metric": metric, "coders": coders}
        if "axis" in case:
            result["axis"] = case["axis"]
        if metric in ("nominal", "ordinal"):
            labels = sorted({str(v) for row in coders for v in row if v is not None})
            matrix = np.array([[np.nan if v is None else float(v) if not isinstance(v, str)
                                else float(labels.index(v)) for v in row] for row in coders])
            result["alpha_krippendorff_pkg"] = float(
                krippendorff.alpha(reliability_data=matrix, level_of_measurement=metric))
        if metric in ("nominal", "masi"):
            task = nltk_task(coders, metric)
            result["alpha_nltk"] = float(task.alpha())
        if len(coders) == 2 and all(v is not None for row in coders for v in row):
            task = nltk_task(coders, "masi" if metric == "masi" else "nominal")
            if metric != "masi":
                result["kappa_nltk"] = float(task.kappa())
        if metric != "masi":
            result.update(statsmodels_kappas(coders))
        out[name] = result
    text = json.dumps(out, indent=1, sort_keys=True, ensure_ascii=False)
    assert not any(isinstance(v, float) and math.isnan(v) for r in out.values() for v in r.values())
    (HERE / "agreement_reference.json").write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
