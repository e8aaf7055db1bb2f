"""Figures of the typology analysis (notebooks 03 and 04), in French or English.

Axes-level functions take ``ax=None``, draw only into that axes and return it;
:func:`draw_figure` owns a whole figure (drawn inside the project's theme) and
returns it with the data it shows, for :func:`housing_research.save_figure`
with the matching :data:`FIGURE_SPECS` entry. Category labels come from the
codebook; every series differs by marker or hatch as well as colour.

Figures: ``M1`` scree plot with corrected inertia; ``M2`` typology map;
``M3`` dendrogram with the cut; ``M4`` class profiles (v-tests); ``M5``
bootstrap stability; ``V1`` trajectories on the map; ``V2`` Covid status by
pole and by class.

Examples
--------
>>> import pandas as pd, matplotlib.pyplot as plt
>>> eig = pd.DataFrame({"eigenvalue": [0.5, 0.3, 0.1], "percentage": [55.6, 33.3, 11.1]},
...                    index=["Dim 1", "Dim 2", "Dim 3"])
>>> ax = plot_scree(eig, corrected=None, lang="en")
>>> ax.get_ylabel()
'Share of inertia (%)'
>>> plt.close(ax.figure)
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from housing_research.codebook import codebook
from housing_research.covid_analysis import status_crosstab
from housing_research.figure_output import LANGS, FigureSpec, stable
from housing_research.style import HATCHES, MARKERS, PALETTE, series_style, theme
from housing_research.typology_analysis import TypologyResult, category_label, covid_table, trajectory_coordinates

NOTEBOOK_MCA = "03-acm-et-classification.ipynb"
NOTEBOOK_COVID = "04-trajectoires-et-covid.ipynb"

_TEXT = {
    "fr": {
        "dim": "Dimension", "inertia": "Part de l'inertie (%)", "raw": "Inertie brute",
        "benzecri": "Inertie corrigée (Benzécri)", "cluster": "Classe", "gain": "Gain d'inertie",
        "cut": "Coupure", "vtest": "Valeur-test", "jaccard": "Jaccard moyen (bootstrap)",
        "stable": "stable (0,75)", "dissolved": "dissoute (0,5)", "count": "Nombre d'initiatives",
        "pole": "Pôle", "trajectory": "Trajectoire", "covid": "Situation pendant la crise",
        "initiatives": "initiatives", "passive": "Catégories actives",
        "status": {"nouveau": "Nouveau", "renforce": "Renforcé", "adapte": "Adapté",
                   "suspendu": "Suspendu", "arrete": "Arrêté"},
        "period": {"debut": "au départ", "principal": "fonctionnement décrit", "covid": "pendant la crise"},
        "by_pole": "Par pôle", "by_cluster": "Par classe", "n": "n = {n}",
    },
    "en": {
        "dim": "Dimension", "inertia": "Share of inertia (%)", "raw": "Raw inertia",
        "benzecri": "Corrected inertia (Benzécri)", "cluster": "Class", "gain": "Inertia gain",
        "cut": "Cut", "vtest": "Test value", "jaccard": "Mean Jaccard (bootstrap)",
        "stable": "stable (0.75)", "dissolved": "dissolved (0.5)", "count": "Number of initiatives",
        "pole": "Pole", "trajectory": "Trajectory", "covid": "Status during the crisis",
        "initiatives": "initiatives", "passive": "Active categories",
        "status": {"nouveau": "New", "renforce": "Reinforced", "adapte": "Adapted",
                   "suspendu": "Suspended", "arrete": "Stopped"},
        "period": {"debut": "at the start", "principal": "functioning described", "covid": "during the crisis"},
        "by_pole": "By pole", "by_cluster": "By class", "n": "n = {n}",
    },
}


def _text(lang: str) -> dict:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; every figure is made in {' and '.join(LANGS)}")
    return _TEXT[lang]


def _ax(ax):
    return ax if ax is not None else plt.subplots()[1]


def cluster_label(k: int, lang: str) -> str:
    """'Classe 2' / 'Class 2'."""
    return f"{_text(lang)['cluster']} {k}"


# ------------------------------------------------------------------- M1
def plot_scree(eigenvalues: pd.DataFrame, corrected: pd.DataFrame | None, ax=None, lang: str = "fr",
               n_dims: int = 10):
    """Bars of the share of inertia per dimension, with Benzécri's corrected share as points."""
    t = _text(lang)
    ax = _ax(ax)
    eig = stable(eigenvalues.head(n_dims))
    x = np.arange(1, len(eig) + 1)
    ax.bar(x, eig["percentage"], color=PALETTE[5], edgecolor="black", linewidth=0.4, label=t["raw"])
    if corrected is not None and len(corrected):
        c = stable(corrected.head(n_dims))
        ax.plot(np.arange(1, len(c) + 1), c["benzecri_percentage"], color=PALETTE[3], marker=MARKERS[3],
                linestyle="--", label=t["benzecri"])
    ax.set_xticks(x)
    ax.set_xlabel(t["dim"])
    ax.set_ylabel(t["inertia"])
    ax.legend(loc="upper right")
    return ax


# ------------------------------------------------------------------- M2
def spread_labels(xy: np.ndarray, near: float = 0.06, step: float = 8.0) -> list[float]:
    """Vertical offsets (points) that keep labels of nearby points from overlapping.

    Points closer than ``near`` (as a share of the plot's range on both axes)
    to an already placed label are pushed down by ``step`` points each.

    Examples
    --------
    >>> spread_labels(np.array([[0.0, 0.0], [0.01, 0.0], [1.0, 1.0]]))
    [0.0, -8.0, 0.0]
    """
    span = np.ptp(xy, axis=0) if len(xy) > 1 else np.ones(2)
    span = np.where(span > 0, span, 1.0)
    placed: list[tuple[np.ndarray, float]] = []
    out = []
    for p in xy:
        clash = sum(1 for q, _ in placed if (np.abs((p - q) / span) < [near * 4, near]).all())
        out.append(-step * clash if clash else 0.0)
        placed.append((p, out[-1]))
    return out


def plot_typology_map(result: TypologyResult, ax=None, lang: str = "fr", dims=("Dim 1", "Dim 2"),
                      max_labels: int = 14):
    """Initiatives coloured by class, the most contributing categories labelled, the two poles marked."""
    t = _text(lang)
    ax = _ax(ax)
    rows = stable(result.mca.row_coordinates_)
    clusters = result.clusters
    for k in sorted(clusters.unique()):
        s = series_style(k - 1)
        pts = rows[clusters == k]
        ax.scatter(pts[dims[0]], pts[dims[1]], s=14, color=s["color"], marker=s["marker"], alpha=0.8,
                   edgecolor="black", linewidth=0.3, label=cluster_label(k, lang), zorder=2)
    contrib = stable(result.mca.column_contributions_[list(dims)].sum(axis=1))
    top = contrib.sort_values(ascending=False, kind="stable").head(max_labels).index
    cats = stable(result.mca.column_coordinates_).loc[top]
    xy = cats[list(dims)].to_numpy()
    offsets = spread_labels(xy)
    for ((var, cat), c), dy in zip(cats.iterrows(), offsets):
        ax.scatter(c[dims[0]], c[dims[1]], marker="+", color="black", s=18, linewidth=0.8, zorder=3)
        ax.annotate(category_label(var, cat, lang), (c[dims[0]], c[dims[1]]), fontsize="x-small",
                    xytext=(3, 2 + dy), textcoords="offset points", zorder=4,
                    arrowprops=dict(arrowstyle="-", color="grey", lw=0.4) if dy else None)
    poles = stable(result.mca.quali_sup_coordinates_).loc["pole"] if hasattr(result.mca, "quali_sup_coordinates_") else None
    if poles is not None:
        for code in ("dispositif", "initiative_habitante"):
            if code in poles.index:
                p = poles.loc[code]
                ax.scatter(p[dims[0]], p[dims[1]], marker="*", s=120, color=PALETTE[7], zorder=5)
                ax.annotate(codebook().label("pole", code, lang).upper(), (p[dims[0]], p[dims[1]]),
                            fontsize="small", fontweight="bold", xytext=(-6, 9), textcoords="offset points")
    eig = result.mca.eigenvalues_["percentage"]
    ax.axhline(0, color="grey", linewidth=0.5, zorder=1)
    ax.axvline(0, color="grey", linewidth=0.5, zorder=1)
    ax.set_xlabel(f"{dims[0]} ({eig[dims[0]]:.1f} %)".replace(".", "," if lang == "fr" else "."))
    ax.set_ylabel(f"{dims[1]} ({eig[dims[1]]:.1f} %)".replace(".", "," if lang == "fr" else "."))
    ax.legend(loc="best", fontsize="x-small", markerscale=0.9)
    return ax


# ------------------------------------------------------------------- M3
def plot_dendrogram(result: TypologyResult, ax=None, lang: str = "fr"):
    """The Ward tree (heights = inertia gains), its branches coloured by class, the cut drawn."""
    from scipy.cluster.hierarchy import dendrogram

    t = _text(lang)
    ax = _ax(ax)
    hc = result.hcpc
    Z = stable(hc.linkage_)
    k = hc.n_clusters_
    cut = hc.cut_height_
    # colour each final class like its points on the map
    order_first = np.argsort(stable(result.mca.row_coordinates_["Dim 1"]).to_numpy(), kind="stable")
    leaf_class = result.clusters.to_numpy()[order_first]
    link_colors = {}
    n = len(Z) + 1
    members = {i: {i} for i in range(n)}
    for i, (a, b, h, _) in enumerate(Z):
        members[n + i] = members[int(a)] | members[int(b)]
        classes = {leaf_class[m] for m in members[n + i]}
        link_colors[n + i] = series_style(classes.pop() - 1)["color"] if len(classes) == 1 else "black"
    dendrogram(Z, ax=ax, no_labels=True, link_color_func=lambda i: link_colors[i], color_threshold=None)
    ax.axhline(cut, color=PALETTE[3], linestyle="--", linewidth=1)
    ax.annotate(f"{t['cut']} : {k} {t['cluster'].lower()}s" if lang == "fr" else f"{t['cut']}: {k} classes",
                (0.99, cut), xycoords=("axes fraction", "data"), ha="right", va="bottom", fontsize="small")
    ax.set_ylabel(t["gain"])
    ax.spines[["top", "right", "bottom"]].set_visible(False)
    return ax


# ------------------------------------------------------------------- M4
def profile_table(result: TypologyResult, per_cluster: int = 4) -> pd.DataFrame:
    """V-tests of the categories most over-represented in each class (active variables only).

    Returns a DataFrame: rows ``variable=category`` (the union of each class's
    top ``per_cluster`` positive categories, in order of appearance), columns
    the classes; cells the catdes v-test (0 where not significant).
    """
    active_vars = set(result.active.columns)
    rows = []
    for k, table in sorted(result.description.category.items()):
        pos = table[(table["v.test"] > 0) & table.index.map(lambda s: s.split("=")[0] in active_vars)]
        pos = pos[~pos.index.str.endswith(("=non", "=inconnu"))]
        rows.extend(r for r in pos.index[:per_cluster] if r not in rows)
    out = pd.DataFrame(0.0, index=rows, columns=sorted(result.description.category))
    for k, table in result.description.category.items():
        common = [r for r in rows if r in table.index]
        out.loc[common, k] = table.loc[common, "v.test"].to_numpy()
    out.columns.name = "cluster"
    return out


def plot_cluster_profiles(profiles: pd.DataFrame, ax=None, lang: str = "fr"):
    """Heatmap of v-tests, categories x classes, values written in the cells."""
    t = _text(lang)
    ax = _ax(ax)
    values = profiles.to_numpy()
    lim = max(2.0, float(np.abs(values).max()) if values.size else 2.0)
    im = ax.imshow(values, cmap="PuOr_r", vmin=-lim, vmax=lim, aspect="auto")
    ax.set_xticks(range(profiles.shape[1]), [cluster_label(k, lang) for k in profiles.columns])
    ax.set_yticks(range(profiles.shape[0]),
                  [category_label(*r.split("=", 1), lang) for r in profiles.index], fontsize="x-small")
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            if values[i, j] != 0:
                ax.text(j, i, f"{values[i, j]:.1f}".replace(".", "," if lang == "fr" else "."), ha="center",
                        va="center", fontsize="x-small", color="white" if abs(values[i, j]) > lim * 0.6 else "black")
    ax.figure.colorbar(im, ax=ax, label=t["vtest"], shrink=0.8)
    ax.tick_params(axis="x", labelrotation=0)
    return ax


# ------------------------------------------------------------------- M5
def plot_stability(stability: pd.DataFrame, ax=None, lang: str = "fr"):
    """Mean bootstrap Jaccard of each class, with the 0.75 and 0.5 reading thresholds."""
    t = _text(lang)
    ax = _ax(ax)
    y = np.arange(len(stability))
    for i, (k, row) in enumerate(stability.iterrows()):
        s = series_style(k - 1)
        ax.barh(i, row["mean_jaccard"], color=s["color"], hatch=s["hatch"], edgecolor="black", linewidth=0.4)
        ax.text(row["mean_jaccard"] + 0.01, i, f"{row['mean_jaccard']:.2f}".replace(".", "," if lang == "fr" else "."),
                va="center", fontsize="x-small")
    ax.axvline(0.75, color="black", linestyle="--", linewidth=0.8, label=t["stable"])
    ax.axvline(0.5, color="black", linestyle=":", linewidth=0.8, label=t["dissolved"])
    ax.set_yticks(y, [f"{cluster_label(k, lang)} (n = {int(stability.loc[k, 'size'])})" for k in stability.index])
    ax.invert_yaxis()
    ax.set_xlim(0, 1.12)
    ax.set_xlabel(t["jaccard"])
    ax.legend(loc="lower right", fontsize="x-small")
    return ax


# ------------------------------------------------------------------- V1
def plot_trajectories(result: TypologyResult, trajectories: pd.DataFrame, ax=None, lang: str = "fr"):
    """Initiatives coded at several periods: arrows from one period's position to the next."""
    t = _text(lang)
    ax = _ax(ax)
    rows = stable(result.mca.row_coordinates_)
    ax.scatter(rows["Dim 1"], rows["Dim 2"], s=8, color="lightgrey", zorder=1)
    for i, (iid, group) in enumerate(trajectories.groupby("initiative_id", sort=True)):
        s = series_style(i)
        pts = stable(group[["Dim 1", "Dim 2"]].to_numpy())
        for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
            ax.annotate("", (x1, y1), (x0, y0),
                        arrowprops=dict(arrowstyle="-|>", color=s["color"], linestyle=s["linestyle"], lw=1.2))
        ax.scatter(pts[:, 0], pts[:, 1], color=s["color"], marker=s["marker"], s=18, zorder=3,
                   label=f"{iid} ({' → '.join(t['period'][p] for p in group['period'])})")
    poles = stable(result.mca.quali_sup_coordinates_).loc["pole"]
    for code in ("dispositif", "initiative_habitante"):
        if code in poles.index:
            p = poles.loc[code]
            ax.scatter(p["Dim 1"], p["Dim 2"], marker="*", s=120, color=PALETTE[7], zorder=5)
            ax.annotate(codebook().label("pole", code, lang).upper(), (p["Dim 1"], p["Dim 2"]), fontsize="small",
                        fontweight="bold", xytext=(-6, 9), textcoords="offset points")
    ax.axhline(0, color="grey", linewidth=0.5)
    ax.axvline(0, color="grey", linewidth=0.5)
    ax.set_xlabel("Dim 1")
    ax.set_ylabel("Dim 2")
    ax.legend(loc="best", fontsize="xx-small", title=t["trajectory"], title_fontsize="x-small")
    return ax


# ------------------------------------------------------------------- V2
def plot_covid_status(counts: pd.DataFrame, ax=None, lang: str = "fr", group_labels=None, title=None):
    """Stacked horizontal bars: Covid statuses (hatched) within each group."""
    t = _text(lang)
    ax = _ax(ax)
    groups = list(counts.columns)
    left = np.zeros(len(groups))
    for i, status in enumerate(counts.index):
        s = series_style(i)
        ax.barh(range(len(groups)), counts.loc[status].to_numpy(), left=left, color=s["color"], hatch=HATCHES[i],
                edgecolor="black", linewidth=0.4, label=t["status"][status])
        left += counts.loc[status].to_numpy()
    labels = group_labels or {g: str(g) for g in groups}
    ax.set_yticks(range(len(groups)), [f"{labels[g]} ({t['n'].format(n=int(n))})" for g, n in zip(groups, left)])
    ax.invert_yaxis()
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(t["count"])
    if title:
        ax.set_title(title, loc="left", fontsize="small")
    ax.legend(loc="lower right", fontsize="x-small", title=t["covid"], title_fontsize="x-small")
    return ax


# -------------------------------------------------------------- figures
FIGURE_SPECS: dict[str, FigureSpec] = {
    "M1": FigureSpec("M1", "Éboulis des valeurs propres de l'ACM spécifique",
                     "Scree plot of the specific MCA",
                     "Part de l'inertie de chaque dimension (barres) et part corrigée selon Benzécri pour les "
                     "valeurs propres supérieures à 1/Q (points).",
                     "Share of inertia of each dimension (bars) and Benzécri's corrected share for the "
                     "eigenvalues above 1/Q (points).", NOTEBOOK_MCA),
    "M2": FigureSpec("M2", "Carte de la typologie des pratiques collaboratives",
                     "Map of the typology of collaborative practices",
                     "Initiatives sur le premier plan de l'ACM spécifique, par classe ; catégories actives les plus "
                     "contributives (+) ; pôles « dispositif » et « initiative habitante » (étoiles, variables "
                     "supplémentaires).",
                     "Initiatives on the first plane of the specific MCA, by class; most contributing active "
                     "categories (+); the 'dispositif' and 'initiative habitante' poles (stars, supplementary).",
                     NOTEBOOK_MCA),
    "M3": FigureSpec("M3", "Arbre de la classification ascendante hiérarchique",
                     "Hierarchical clustering tree",
                     "Arbre de Ward sur les coordonnées de l'ACM (hauteurs : gains d'inertie), branches colorées "
                     "par classe ; coupure choisie par la règle du gain d'inertie de FactoMineR.",
                     "Ward tree on the MCA coordinates (heights: inertia gains), branches coloured by class; cut "
                     "chosen by FactoMineR's inertia-gain rule.", NOTEBOOK_MCA),
    "M4": FigureSpec("M4", "Profils des classes", "Class profiles",
                     "Valeurs-tests des catégories actives les plus sur-représentées dans chaque classe "
                     "(description des classes de FactoMineR, seuil 5 %).",
                     "Test values of the active categories most over-represented in each class (FactoMineR's "
                     "class description, 5% level).", NOTEBOOK_MCA),
    "M5": FigureSpec("M5", "Stabilité des classes (bootstrap)", "Stability of the classes (bootstrap)",
                     "Jaccard moyen entre chaque classe et sa meilleure correspondante sur des rééchantillons "
                     "bootstrap de toute l'analyse (ACM + classification).",
                     "Mean Jaccard similarity between each class and its best match over bootstrap resamples of "
                     "the whole analysis (MCA + clustering).", NOTEBOOK_MCA),
    "V1": FigureSpec("V1", "Trajectoires d'initiatives entre les deux pôles",
                     "Trajectories of initiatives between the two poles",
                     "Initiatives codées à plusieurs moments (au départ, fonctionnement décrit, pendant la crise), "
                     "projetées en individus supplémentaires sur le premier plan de l'ACM.",
                     "Initiatives coded at several moments (at the start, functioning described, during the "
                     "crisis), projected as supplementary individuals on the first plane of the MCA.",
                     NOTEBOOK_COVID),
    "V2": FigureSpec("V2", "Situation des initiatives pendant la crise sanitaire",
                     "Status of the initiatives during the Covid crisis",
                     "Initiatives dont la source décrit la situation pendant la crise, par pôle et par classe.",
                     "Initiatives whose source describes their status during the crisis, by pole and by class.",
                     NOTEBOOK_COVID),
}
FIGURE_SIZES: dict[str, str] = {"M1": "column", "M2": "page", "M3": "page", "M4": "page", "M5": "column",
                                "V1": "page", "V2": "page"}


def figure_data(figure_id: str, result: TypologyResult, coded: pd.DataFrame | None = None,
                inventory: pd.DataFrame | None = None):
    """The table a typology figure is drawn from (its checksum goes into the manifest)."""
    if figure_id == "M1":
        return result.mca.eigenvalues_.join(result.mca.corrected_inertia_[["benzecri_percentage"]])
    if figure_id == "M2":
        return pd.concat([result.mca.row_coordinates_, result.clusters], axis=1)
    if figure_id == "M3":
        return pd.DataFrame(result.hcpc.linkage_, columns=["a", "b", "gain", "size"])
    if figure_id == "M4":
        return profile_table(result)
    if figure_id == "M5":
        return result.stability
    if figure_id == "V1":
        return trajectory_coordinates(result, coded)
    if figure_id == "V2":
        table = covid_table(coded, inventory, result.clusters)
        return {"pole": status_crosstab(table, "covid_status", "pole_class"),
                "cluster": status_crosstab(table, "covid_status", "cluster")}
    raise ValueError(f"unknown typology figure {figure_id!r}; choose one of {list(FIGURE_SPECS)}")


def draw_figure(figure_id: str, result: TypologyResult, coded: pd.DataFrame | None = None,
                inventory: pd.DataFrame | None = None, lang: str = "fr"):
    """Draw typology figure ``figure_id`` in the project's theme; return ``(fig, data)``."""
    t = _text(lang)
    data = figure_data(figure_id, result, coded, inventory)
    with theme(FIGURE_SIZES[figure_id]):
        if figure_id == "V2":
            fig, axes = plt.subplots(1, 2)
            poles = [p for p in codebook().codes("pole") if p in data["pole"].columns]
            plot_covid_status(data["pole"][poles], ax=axes[0], lang=lang, title=t["by_pole"],
                              group_labels={p: codebook().label("pole", p, lang) for p in poles})
            plot_covid_status(data["cluster"], ax=axes[1], lang=lang, title=t["by_cluster"],
                              group_labels={k: cluster_label(k, lang) for k in data["cluster"].columns})
            axes[0].get_legend().remove()
        else:
            fig, ax = plt.subplots()
            if figure_id == "M1":
                plot_scree(result.mca.eigenvalues_, result.mca.corrected_inertia_, ax=ax, lang=lang)
            elif figure_id == "M2":
                plot_typology_map(result, ax=ax, lang=lang)
            elif figure_id == "M3":
                plot_dendrogram(result, ax=ax, lang=lang)
            elif figure_id == "M4":
                plot_cluster_profiles(data, ax=ax, lang=lang)
            elif figure_id == "M5":
                plot_stability(result.stability, ax=ax, lang=lang)
            elif figure_id == "V1":
                plot_trajectories(result, data, ax=ax, lang=lang)
        fig.canvas.draw()
    return fig, data


__all__ = ["FIGURE_SIZES", "FIGURE_SPECS", "draw_figure", "figure_data", "plot_cluster_profiles",
           "plot_covid_status", "plot_dendrogram", "plot_scree", "plot_stability", "plot_trajectories",
           "plot_typology_map", "profile_table"]
