"""Tables of notebook 02 on how the codes were made: provenance, agreement before and after, the coders' evaluation.

- :func:`provenance` counts, per axis, the final codes the source *states*,
  those a named decision rule *infers*, and those left ``inconnu``;
- :func:`agreement_before_after` sets the agreement of the rule-based coder
  with the manual codes as they stood before the last re-reading beside the
  agreement with today's codes;
- :func:`evaluation_table` and :func:`per_document` shape the
  leave-one-document-out evaluation; :func:`goals` says which of the coding
  issue's goals the supervised coder reaches (kappa ≥ 0.6 on origin, each
  dimension and the pole; MASI alpha ≥ 0.5 on registers).

Examples
--------
>>> import pandas as pd
>>> final = pd.DataFrame({"initiative_id": ["I1", "I1", "I2"], "period": "principal",
...                       "axis": ["gestion", "origin", "gestion"], "code": ["institution", "bailleur", "inconnu"],
...                       "basis": ["inferred", "stated", ""]})
>>> provenance(final).loc["gestion"].tolist()
[0, 1, 1, 2]
"""

from __future__ import annotations

import pandas as pd

from housing_research.coding.codebook import MANUAL_AXES, codebook

#: Goals of the supervised coder: axis -> (statistic, threshold).
GOALS: dict[str, tuple[str, float]] = {**{a: ("kappa", 0.6) for a in
                                          ("origin", "animation", "gestion", "decision", "financement", "pole")},
                                       "register": ("alpha", 0.5)}


def provenance(final: pd.DataFrame, period: str = "principal") -> pd.DataFrame:
    """Codes per axis by basis: columns ``stated``, ``inferred``, ``inconnu``, ``total`` (one row per code)."""
    unknown = codebook().unknown
    table = final[final["period"] == period]
    kind = table["basis"].where(table["code"] != unknown, unknown).replace("", unknown)
    out = pd.crosstab(table["axis"], kind).reindex(index=[a for a in MANUAL_AXES if a in set(table["axis"])],
                                                   columns=["stated", "inferred", unknown], fill_value=0)
    out["total"] = out.sum(axis=1)
    return out.rename_axis(index="axis", columns=None)


def agreement_before_after(summary: pd.DataFrame, before: str, after: str = "manual_vs_derived") -> pd.DataFrame:
    """Kappa and alpha of two comparisons of ``agreement_summary.csv``, side by side, one row per axis."""
    overall = summary[summary["category"].isna() | (summary["category"].astype(str) == "")]
    parts = []
    for name, label in ((before, "before"), (after, "after")):
        rows = overall[overall["comparison"] == name].set_index("axis")[["n_units", "kappa", "alpha"]]
        parts.append(rows.add_suffix(f"_{label}"))
    out = pd.concat(parts, axis=1)
    out["kappa_change"] = out["kappa_after"] - out["kappa_before"]
    return out


def evaluation_table(evaluation: pd.DataFrame, document: str = "all") -> pd.DataFrame:
    """One row per axis: kappa (with its interval over all documents) and alpha of each coder."""
    rows = evaluation[evaluation["document"] == document]
    columns = ["kappa", "kappa_low", "kappa_high", "alpha"] if document == "all" else ["kappa", "alpha"]
    wide = rows.pivot(index="axis", columns="coder", values=columns)
    wide.columns = [f"{stat}_{coder}" for stat, coder in wide.columns]
    order = list(dict.fromkeys(rows["axis"]))
    return wide.reindex(order)


def per_document(evaluation: pd.DataFrame, statistic: str = "kappa") -> pd.DataFrame:
    """``statistic`` per document (rows, with ``n``) and axis (columns), for each coder (outer column level)."""
    rows = evaluation[evaluation["document"] != "all"]
    wide = rows.pivot_table(index="document", columns=["coder", "axis"], values=statistic, sort=False)
    n = rows.groupby("document")["n_units"].max().rename(("", "n"))
    return pd.concat([n, wide], axis=1)


def goals(evaluation: pd.DataFrame, coder: str = "supervised") -> pd.DataFrame:
    """For each goal: the statistic reached over all documents, the threshold, and whether it is met."""
    rows = evaluation[(evaluation["document"] == "all") & (evaluation["coder"] == coder)].set_index("axis")
    out = pd.DataFrame([{"axis": axis, "statistic": stat, "value": float(rows.loc[axis, stat]),
                         "goal": threshold, "met": bool(rows.loc[axis, stat] >= threshold)}
                        for axis, (stat, threshold) in GOALS.items() if axis in rows.index])
    return out.set_index("axis")
