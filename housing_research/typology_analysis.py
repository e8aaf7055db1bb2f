"""The typology analysis: specific MCA of the three axes, clustering, ideal types.

:func:`analyse_typology` runs, on the coded inventory, the analysis the
seminar presents:

1. a specific MCA (:class:`housing_research.MCA` with ``excl``) of the active
   table of :mod:`housing_research.typology_tables` — origin, the four
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
>>> from housing_research.typology_analysis import analyse_typology
>>> result = analyse_typology(coded, inventory)  # doctest: +SKIP
>>> result.ideal_types[["name_fr", "pole_score"]]  # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from housing_research.catdes import ClusterDescription, describe_clusters
from housing_research.codebook import DIMENSIONS, codebook
from housing_research.hcpc import HCPC
from housing_research.mca import MCA
from housing_research.stability import cluster_stability
from housing_research.typology_tables import (
    REGISTER_PREFIX,
    YES,
    active_table,
    passive_categories,
    supplementary_table,
)

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


def category_label(variable: str, category: str, lang: str = "fr") -> str:
    """Display label of an MCA category from the codebook, e.g. ``reg_entraide=oui`` → "Entraide".

    Examples
    --------
    >>> category_label("reg_entraide", "oui", "en")
    'Mutual aid'
    >>> category_label("gestion", "habitants", "fr")
    'Gestion : Habitants'
    """
    cb = codebook()
    if variable.startswith(REGISTER_PREFIX):
        name = cb.label("register", variable[len(REGISTER_PREFIX):], lang)
        return name if category == YES else f"{'non' if lang == 'fr' else 'not'} {name.lower()}"
    if variable == "origin":
        if category == cb.joint_origin().code:
            return getattr(cb.joint_origin(), f"label_{lang}")
        return cb.label("origin", category, lang)
    if variable in DIMENSIONS or variable == "level":
        axis = "level" if variable == "level" else variable
        dim = _dimension_label(variable, lang)
        return f"{dim}{' :' if lang == 'fr' else ':'} {cb.label(axis, category, lang)}"
    if variable == "pole":
        return cb.label("pole", category, lang)
    return f"{variable}={category}"


def _dimension_label(dimension: str, lang: str) -> str:
    cb = codebook()
    if dimension == "level":
        node = cb.raw["axes"]["institutionalisation"]
        return node[f"label_{lang}"]
    for d in cb.raw["axes"]["institutionalisation"]["dimensions"]:
        if d["code"] == dimension:
            return d[f"label_{lang}"]
    return dimension


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
    active = active_table(coded, period=period)
    active = active.loc[:, active.nunique() > 1]            # a constant variable carries no information
    quali, quanti = supplementary_table(coded, inventory, period=period)
    excl = passive_categories(active)
    mca = MCA(n_components=n_components, excl=excl).fit(active, quali_sup=quali, quanti_sup=quanti)
    hcpc = HCPC(n_clusters=n_clusters, min_clusters=MIN_CLUSTERS, max_clusters=MAX_CLUSTERS).fit(mca)
    k = hcpc.n_clusters_
    described = describe_clusters(pd.concat([active, quali, quanti], axis=1), hcpc.labels_)

    def refit(sample: pd.DataFrame) -> pd.Series:
        keep = sample.loc[:, sample.nunique() > 1]
        cats = [(v, c) for v, c in excl if v in keep.columns and (keep[v] == c).any()]
        # a category that is passive everywhere it appears would leave its variable without mass
        cats = [(v, c) for v, c in cats if (keep[v] != c).any()]
        fitted = MCA(n_components=n_components, excl=cats).fit(keep)
        return HCPC(n_clusters=k).fit(fitted).labels_

    stability = cluster_stability(refit, active, hcpc.labels_, n_resamples=n_resamples, random_state=random_state)
    ideal = ideal_types(described, coded, hcpc.labels_, period=period)
    ideal = ideal.join(stability[["mean_jaccard"]])
    return TypologyResult(active, quali, quanti, mca, hcpc, described, stability, ideal)


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
    band = float(cb.raw["pole"]["band"])
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
        pole = ("initiative_habitante" if score > band else "dispositif" if score < -band else "entre_deux")
        names = {}
        for lang in ("fr", "en"):
            parts = [category_label(*p, lang) for p in (picks["origin"], picks["institutionalisation"]) if p]
            parts += [category_label(*p, lang) for p in picks["registers"]]
            names[lang] = " · ".join(parts) if parts else ("Profil moyen" if lang == "fr" else "Average profile")
        rows.append({
            "cluster": k, "size": int((clusters == k).sum()), "pole_score": score, "pole_class": pole,
            "name_fr": names["fr"], "name_en": names["en"],
            "origin": picks["origin"][1] if picks["origin"] else "",
            "institutionalisation": "=".join(picks["institutionalisation"]) if picks["institutionalisation"] else "",
            "registers": "; ".join(v[len(REGISTER_PREFIX):] for v, _ in picks["registers"]),
        })
    return pd.DataFrame(rows).set_index("cluster")


def trajectory_coordinates(result: TypologyResult, coded: pd.DataFrame) -> pd.DataFrame:
    """Map coordinates of the initiatives coded at several periods, period by period.

    Each period's coding is projected as a supplementary individual of the
    fitted MCA; categories the MCA did not see are ignored for that row.

    Returns
    -------
    DataFrame
        ``initiative_id``, ``period``, ``Dim 1``, ``Dim 2`` for every coded
        period of the initiatives that have more than one, periods in the
        codebook's order (debut, principal, covid).
    """
    from housing_research.coding import PERIODS

    counts = coded.groupby("initiative_id")["period"].nunique()
    several = counts[counts > 1].index
    frames = []
    for period in PERIODS:
        sub = coded[(coded["period"] == period) & coded["initiative_id"].isin(several)]
        if sub.empty:
            continue
        table = active_table(sub, period=period)[list(result.active.columns)]
        coords = result.mca.transform(table, unseen="ignore").iloc[:, :2]
        frames.append(coords.assign(period=period).reset_index(names="initiative_id"))
    if not frames:
        return pd.DataFrame(columns=["initiative_id", "period", "Dim 1", "Dim 2"])
    out = pd.concat(frames, ignore_index=True)
    out["order"] = out["period"].map({p: i for i, p in enumerate(PERIODS)})
    return out.sort_values(["initiative_id", "order"]).drop(columns="order").reset_index(drop=True)


def period_changes(coded: pd.DataFrame) -> pd.DataFrame:
    """For initiatives coded at several periods, the axes whose code changed.

    Returns
    -------
    DataFrame
        One row per initiative, period pair and changed axis: ``initiative_id``,
        ``from_period``, ``to_period``, ``axis``, ``from_code``, ``to_code``.
    """
    from housing_research.coding import PERIODS

    axes = ["origin", *DIMENSIONS, "institutionalisation_level", "register", "pole_class"]
    rows = []
    for iid, group in coded.groupby("initiative_id", sort=True):
        if group["period"].nunique() < 2:
            continue
        group = group.set_index("period").reindex([p for p in PERIODS if p in set(group["period"])])
        periods = list(group.index)
        for a, b in zip(periods, periods[1:]):
            for axis in axes:
                x, y = group.loc[a, axis], group.loc[b, axis]
                if str(x) != str(y):
                    rows.append({"initiative_id": iid, "from_period": a, "to_period": b, "axis": axis,
                                 "from_code": x, "to_code": y})
    return pd.DataFrame(rows, columns=["initiative_id", "from_period", "to_period", "axis", "from_code", "to_code"])


def covid_table(coded: pd.DataFrame, inventory: pd.DataFrame, clusters: pd.Series | None = None) -> pd.DataFrame:
    """One row per initiative: Covid status, pole class (principal period) and cluster."""
    main = coded[coded["period"] == "principal"].set_index("initiative_id")
    inv = inventory.set_index("initiative_id").reindex(main.index)
    out = pd.DataFrame({"covid_status": inv["covid_status"], "pole_class": main["pole_class"]}, index=main.index)
    if clusters is not None:
        out["cluster"] = clusters.reindex(main.index)
    return out


def pole_order() -> list[str]:
    """Pole classes from dispositif to initiative habitante."""
    return list(codebook().codes("pole"))


def _numeric(series) -> np.ndarray:
    return pd.to_numeric(series, errors="coerce").to_numpy()
