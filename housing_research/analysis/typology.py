"""The typology analysis: specific MCA of the three axes, clustering, ideal types.

:func:`analyse_typology` runs, on the coded inventory, the analysis the
seminar presents:

1. a specific MCA (:class:`housing_research.MCA` with ``excl``) of the active
   table of :mod:`housing_research.analysis.typology_tables` — origin, the four
   institutionalisation dimensions, one yes/no variable per core register —
   with the registers' "non" and every "inconnu" made passive; supplementary
   variables: pole class, Covid status, region, source document, main theme,
   and the pole score and year as quantitative variables;
2. a hierarchical clustering (:class:`housing_research.HCPC`) on the kept
   dimensions, the number of classes chosen by FactoMineR's inertia-gain rule;
3. the description of the classes (:func:`housing_research.describe_clusters`)
   by the active and supplementary variables, their bootstrap stability, and
   each class's place between the two poles (mean pole score) and its name as
   an ideal type, built from its most over-represented category of each axis.

Examples
--------
>>> from housing_research.analysis.typology import analyse_typology
>>> result = analyse_typology(coded, inventory)  # doctest: +SKIP
>>> result.ideal_types[["name_fr", "pole_score"]]  # doctest: +SKIP
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from housing_research.analysis.typology_tables import (
    active_table,
    passive_categories,
    supplementary_table,
)
from housing_research.coding.codebook import DIMENSIONS, codebook
from housing_research.i18n import LANGS, text
from housing_research.labels import REGISTER_PREFIX, YES, category_label
from housing_research.multivariate import HCPC, MCA, ClusterDescription, cluster_stability, describe_clusters

#: Settings of the seminar's analysis (documented in notebook 03).
N_COMPONENTS = 5
MIN_CLUSTERS = 3
MAX_CLUSTERS = 8
N_RESAMPLES = 200
SEED = 20210701  # date of the final seminar


@dataclass
class TypologyResult:
    """Everything notebook 03 shows; see :func:`analyse_typology`."""

    active: pd.DataFrame
    quali_sup: pd.DataFrame
    quanti_sup: pd.DataFrame
    mca: MCA
    hcpc: HCPC
    description: ClusterDescription
    stability: pd.DataFrame
    ideal_types: pd.DataFrame

    @property
    def clusters(self) -> pd.Series:
        """Class of each initiative (1..k)."""
        return self.hcpc.labels_


def analyse_typology(coded: pd.DataFrame, inventory: pd.DataFrame, *, period: str = "principal",
                     n_components: int = N_COMPONENTS, n_clusters: int | None = None,
                     n_resamples: int = N_RESAMPLES, random_state: int = SEED) -> TypologyResult:
    """Run the MCA, the clustering, the description and the stability of the typology.

    Parameters
    ----------
    coded : DataFrame
        The coded inventory (``data/processed/coded_inventory.csv``).
    inventory : DataFrame
        The cleaned inventory (``data/processed/inventory.csv``).
    period : str
        Coding period analysed (``principal``).
    n_components : int
        Dimensions kept by the MCA and used by the clustering.
    n_clusters : int, optional
        Number of classes; default FactoMineR's rule in [3, 8].
    n_resamples : int
        Bootstrap resamples for the stability.
    random_state : int
        Seed of the bootstrap.

    Returns
    -------
    TypologyResult
    """
    coded = in_scope(coded, inventory)
    active = active_table(coded, period=period)
    active = active.loc[:, active.nunique() > 1]            # a constant variable carries no information
    quali, quanti = supplementary_table(coded, inventory, period=period)
    excl = passive_categories(active)
    mca = MCA(n_components=n_components, excl=excl).fit(active, quali_sup=quali, quanti_sup=quanti)
    # the published typology cuts the tree without consolidation (FactoMineR's consol = FALSE)
    hcpc = HCPC(n_clusters=n_clusters, min_clusters=MIN_CLUSTERS, max_clusters=MAX_CLUSTERS,
                consolidation=False).fit(mca)
    k = hcpc.n_clusters_
    described = describe_clusters(pd.concat([active, quali, quanti], axis=1), hcpc.labels_)

    def refit(sample: pd.DataFrame) -> pd.Series:
        keep = sample.loc[:, sample.nunique() > 1]
        cats = [(v, c) for v, c in excl if v in keep.columns and (keep[v] == c).any()]
        # a category that is passive everywhere it appears would leave its variable without mass
        cats = [(v, c) for v, c in cats if (keep[v] != c).any()]
        fitted = MCA(n_components=n_components, excl=cats).fit(keep)
        return HCPC(n_clusters=k, consolidation=False).fit(fitted).labels_

    stability = cluster_stability(refit, active, hcpc.labels_, n_resamples=n_resamples, random_state=random_state)
    ideal = ideal_types(described, coded, hcpc.labels_, period=period)
    ideal = ideal.join(stability[["mean_jaccard"]])
    return TypologyResult(active, quali, quanti, mca, hcpc, described, stability, ideal)


def in_scope(coded: pd.DataFrame, inventory: pd.DataFrame) -> pd.DataFrame:
    """The coded rows of initiatives in scope (``scope == "pratique"``); all rows when the inventory has no scope.

    Context rows (an agency reopening, a building site, a programme) stay in
    the inventory but are not practices between landlords and inhabitants,
    so the analyses leave them out.
    """
    if "scope" not in inventory.columns:
        return coded
    out_of_scope = set(inventory.loc[inventory["scope"] == "contexte", "initiative_id"])
    return coded[~coded["initiative_id"].isin(out_of_scope)]


def ideal_types(description: ClusterDescription, coded: pd.DataFrame, clusters: pd.Series,
                period: str = "principal") -> pd.DataFrame:
    """Name each class as an ideal type and place it between the two poles.

    The name joins, for the origin, the institutionalisation and the
    registers, the category of that axis with the largest positive v-test in
    the class (FactoMineR's catdes), in French and in English; the place
    between the poles is the mean pole score of the class's initiatives and
    the pole class of that mean (codebook band).

    Returns
    -------
    DataFrame
        One row per class: ``size``, ``pole_score``, ``pole_class``,
        ``name_fr``, ``name_en``, ``origin``, ``institutionalisation``,
        ``registers`` (the category codes behind the name).
    """
    cb = codebook()
    table = coded[coded["period"] == period].set_index("initiative_id") if "period" in coded else coded
    scores = pd.to_numeric(table["pole_score"], errors="coerce").reindex(clusters.index)
    rows = []
    for k in sorted(clusters.unique()):
        cats = description.category.get(k, pd.DataFrame(columns=["v.test"]))
        positive = cats[cats["v.test"] > 0]
        picks = {"origin": None, "institutionalisation": None, "registers": []}
        for label in positive.index:
            var, _, cat = label.partition("=")
            if var == "origin" and picks["origin"] is None:
                picks["origin"] = (var, cat)
            elif var in DIMENSIONS and picks["institutionalisation"] is None and cat != cb.unknown:
                picks["institutionalisation"] = (var, cat)
            elif var.startswith(REGISTER_PREFIX) and cat == YES and len(picks["registers"]) < 2:
                picks["registers"].append((var, cat))
        score = float(scores[clusters == k].mean())
        pole = cb.pole_class(score)
        names = {}
        for lang in LANGS:
            parts = [category_label(*p, lang) for p in (picks["origin"], picks["institutionalisation"]) if p]
            parts += [category_label(*p, lang) for p in picks["registers"]]
            names[lang] = " · ".join(parts) if parts else text("labels.average_profile", lang)
        rows.append({
            "cluster": k, "size": int((clusters == k).sum()), "pole_score": score, "pole_class": pole,
            "name_fr": names["fr"], "name_en": names["en"],
            "origin": picks["origin"][1] if picks["origin"] else "",
            "institutionalisation": "=".join(picks["institutionalisation"]) if picks["institutionalisation"] else "",
            "registers": "; ".join(v[len(REGISTER_PREFIX):] for v, _ in picks["registers"]),
        })
    return pd.DataFrame(rows).set_index("cluster")


def pole_order() -> list[str]:
    """Pole classes from dispositif to initiative habitante."""
    return list(codebook().codes("pole"))
