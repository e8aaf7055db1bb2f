"""Figures of the typology analysis (notebook 03): M1-M5, in French or English.

``M1`` scree plot with corrected inertia; ``M2`` typology map; ``M3``
dendrogram with the cut; ``M4`` class profiles (v-tests); ``M5`` bootstrap
stability. Axes-level functions take ``ax=None`` (the current axes), draw only
into that axes and return it; :func:`draw_figure` owns a whole figure and
returns it with the data it shows. Floats are drawn :func:`stable` (rounded),
so the files are the same on every machine.

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

from housing_research.analysis.typology import TypologyResult
from housing_research.figures.catalogue import FIGURE_SIZES, figure_specs
from housing_research.figures.checksum import stable
from housing_research.figures.style import MARKERS, PALETTE, current_axes, series_style, theme
from housing_research.figures.map_labels import legend_beside_wrapped, neighbour_labels
from housing_research.figures.text_fit import finish_figure, repel_labels
from housing_research.i18n import check_lang, number, section, text
from housing_research.labels import category_label, cluster_label, code_label

#: The typology figures.
FIGURE_SPECS = figure_specs("M")


# ------------------------------------------------------------------- M1
def plot_scree(eigenvalues: pd.DataFrame, corrected: pd.DataFrame | None, ax=None, lang: str = "fr",
               n_dims: int = 10):
    """Bars of the share of inertia per dimension, with Benzécri's corrected share as points."""
    t = section("typology", lang)
    ax = current_axes(ax)
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
def class_name(result: TypologyResult, k: int, lang: str = "fr", sep: str = " · ") -> str:
    """'Classe 2 · <ideal-type name>': the class and the name its defining categories give it.

    ``sep`` joins the parts (``"\\n"`` to write the name on several lines).
    """
    names = getattr(result, "ideal_types", None)
    column = f"name_{lang}"
    if names is None or column not in names or k not in names.index:
        return cluster_label(k, lang)
    return sep.join([cluster_label(k, lang), *str(names.loc[k, column]).split(" · ")])


def plot_typology_map(result: TypologyResult, ax=None, lang: str = "fr", dims=("Dim 1", "Dim 2"),
                      max_labels: int = 14):
    """Initiatives by class (area of a point: initiatives at that place), top categories labelled, the poles marked.

    Initiatives with the same active profile sit on the same point: each
    point's area grows with their number, and a note gives how many
    initiatives share how many points. Category labels are moved apart once the
    text has its final size (:func:`~housing_research.figures.text_fit.repel_labels`).
    """
    t = section("typology", lang)
    ax = current_axes(ax)
    rows = stable(result.mca.row_coordinates_)[list(dims)]
    clusters = result.clusters.reindex(rows.index)
    places = rows.round(6).assign(cluster=clusters.to_numpy()).groupby([*dims, "cluster"]).size()
    for k in sorted(clusters.unique()):
        s = series_style(k - 1)
        pts = places.xs(k, level="cluster")
        xy = np.array(pts.index.tolist())
        ax.scatter(xy[:, 0], xy[:, 1], s=14 * pts.to_numpy(), color=s["color"], marker=s["marker"], alpha=0.75,
                   edgecolor="black", linewidth=0.3, label=class_name(result, k, lang), zorder=2)
    contrib = stable(result.mca.column_contributions_[list(dims)].sum(axis=1))
    top = contrib.sort_values(ascending=False, kind="stable").head(max_labels).index
    cats = stable(result.mca.column_coordinates_).loc[top]
    labels = []
    middle = float(np.mean(ax.get_xlim())) if ax.has_data() else 0.0

    def side(x: float) -> dict:                 # labels point inwards: right of a point on the left half
        return {"ha": "left", "xytext": (3, 2)} if x <= middle else {"ha": "right", "xytext": (-3, 2)}

    poles = stable(result.mca.quali_sup_coordinates_).loc["pole"] if hasattr(result.mca, "quali_sup_coordinates_") else None
    if poles is not None:
        for code in ("dispositif", "initiative_habitante"):
            if code in poles.index:
                p = poles.loc[code]
                ax.scatter(p[dims[0]], p[dims[1]], marker="*", s=120, color=PALETTE[7], zorder=5)
                labels.append(ax.annotate(code_label("pole", code, lang).upper(), (p[dims[0]], p[dims[1]]),
                                          fontsize="small", fontweight="bold", textcoords="offset points",
                                          zorder=4, **{**side(p[dims[0]]), "xytext": (0, 9)},
                                          arrowprops=dict(arrowstyle="-", color="black", lw=0.5, shrinkA=0,
                                                          shrinkB=4)))
    for (x, y), names in neighbour_labels(cats, dims, lang).items():
        ax.scatter(x, y, marker="+", color="black", s=18, linewidth=0.8, zorder=3)
        labels.append(ax.annotate("\n".join(names), (x, y), fontsize="x-small", textcoords="offset points",
                                  zorder=4, **side(x),
                                  arrowprops=dict(arrowstyle="-", color="grey", lw=0.4, shrinkA=0, shrinkB=1)))
    for label in labels:        # they stay inside the axes: the layout need not make room for them
        label.set_in_layout(False)
    repel_labels(labels, rings=60)  # moved apart once the text has its final size, the poles' names first (finish_figure)
    eig = result.mca.eigenvalues_["percentage"]
    ax.axhline(0, color="grey", linewidth=0.5, zorder=1)
    ax.axvline(0, color="grey", linewidth=0.5, zorder=1)
    ax.set_xlabel(f"{dims[0]} ({number(eig[dims[0]], lang, 1)} %)")
    ax.set_ylabel(f"{dims[1]} ({number(eig[dims[1]], lang, 1)} %)")
    legend = ax.legend(loc="upper left", bbox_to_anchor=(0, -0.12), fontsize="x-small", frameon=False,
                       title=text("typology.overlap_note", lang, n=len(rows), points=len(places)),
                       title_fontsize="xx-small", alignment="left")
    for handle in legend.legend_handles:
        handle.set_sizes([24])
    return ax


# ------------------------------------------------------------------- M3
def plot_dendrogram(result: TypologyResult, ax=None, lang: str = "fr"):
    """The Ward tree (heights = inertia gains), its branches coloured by class, the cut drawn."""
    from scipy.cluster.hierarchy import dendrogram

    t = section("typology", lang)
    ax = current_axes(ax)
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
    ax.annotate(t["cut_label"].format(k=k),
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


def plot_cluster_profiles(profiles: pd.DataFrame, ax=None, lang: str = "fr", names: dict | None = None):
    """Heatmap of v-tests, categories x classes, values written in the cells (``names``: class -> label)."""
    t = section("typology", lang)
    ax = current_axes(ax)
    values = profiles.to_numpy()
    lim = max(2.0, float(np.abs(values).max()) if values.size else 2.0)
    im = ax.imshow(values, cmap="PuOr_r", vmin=-lim, vmax=lim, aspect="auto")
    ax.set_xticks(range(profiles.shape[1]), [(names or {}).get(k, cluster_label(k, lang)) for k in profiles.columns],
                  fontsize="xx-small")
    ax.set_yticks(range(profiles.shape[0]),
                  [category_label(*r.split("=", 1), lang) for r in profiles.index], fontsize="x-small")
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            if values[i, j] != 0:
                ax.text(j, i, number(values[i, j], lang, 1), ha="center",
                        va="center", fontsize="x-small", color="white" if abs(values[i, j]) > lim * 0.6 else "black")
    ax.figure.colorbar(im, ax=ax, label=t["vtest"], shrink=0.8)
    ax.tick_params(axis="x", labelrotation=0)
    return ax


# ------------------------------------------------------------------- M5
def plot_stability(stability: pd.DataFrame, ax=None, lang: str = "fr", names: dict | None = None):
    """Mean bootstrap Jaccard of each class, with the 0.75 and 0.5 reading thresholds (``names``: class -> label)."""
    t = section("typology", lang)
    ax = current_axes(ax)
    y = np.arange(len(stability))
    for i, (k, row) in enumerate(stability.iterrows()):
        s = series_style(k - 1)
        ax.barh(i, row["mean_jaccard"], color=s["color"], hatch=s["hatch"], edgecolor="black", linewidth=0.4)
        ax.text(row["mean_jaccard"] + 0.01, i, number(row["mean_jaccard"], lang, 2),
                va="center", fontsize="x-small")
    ax.axvline(0.75, color="black", linestyle="--", linewidth=0.8, label=t["stable"])
    ax.axvline(0.5, color="black", linestyle=":", linewidth=0.8, label=t["dissolved"])
    ax.set_yticks(y, [f"{(names or {}).get(k, cluster_label(k, lang))} (n = {int(stability.loc[k, 'size'])})"
                      for k in stability.index], fontsize="xx-small")
    ax.invert_yaxis()
    ax.set_xlim(0, 1.12)
    ax.set_xlabel(t["jaccard"])
    # above the bars: wherever it sits inside, a bar's value label may run under it
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=2, fontsize="x-small", borderaxespad=0.2)
    return ax


def tree_table(linkage: np.ndarray, leaves) -> pd.DataFrame:
    """A Ward tree as a table that does not depend on the order of tied merges.

    One row per merge: the individuals it joins (``members``, sorted, space
    separated), its inertia gain (:func:`stable`) and its size, sorted by gain
    then members. Two merges of equal gain that join disjoint groups may come
    in either order in the linkage matrix, depending on the last bits of the
    coordinates; their rows here are the same, so the figure's checksum is the
    same on every machine.

    Parameters
    ----------
    linkage : ndarray
        SciPy linkage matrix.
    leaves : sequence of str
        The label of each leaf of the linkage, in leaf order.

    Examples
    --------
    >>> Z1 = np.array([[0, 1, 0.5, 2], [2, 3, 0.5, 2], [4, 5, 2.0, 4]])
    >>> Z2 = np.array([[2, 3, 0.5, 2], [0, 1, 0.5, 2], [4, 5, 2.0, 4]])
    >>> tree_table(Z1, list("abcd")).equals(tree_table(Z2, list("abcd")))
    True
    >>> tree_table(Z1, list("abcd"))["members"].tolist()
    ['a b', 'c d', 'a b c d']
    """
    leaves = [str(x) for x in leaves]
    n = len(leaves)
    members = {i: [name] for i, name in enumerate(leaves)}
    rows = []
    for i, (a, b, gain, size) in enumerate(np.asarray(linkage)):
        members[n + i] = sorted(members[int(a)] + members[int(b)])
        rows.append((" ".join(members[n + i]), float(stable(gain)), int(size)))
    table = pd.DataFrame(rows, columns=["members", "gain", "size"])
    return table.sort_values(["gain", "members"], kind="stable").reset_index(drop=True)


def figure_data(figure_id: str, result: TypologyResult):
    """The table a typology figure is drawn from (its checksum goes into the manifest)."""
    if figure_id == "M1":
        return result.mca.eigenvalues_.join(result.mca.corrected_inertia_[["benzecri_percentage"]])
    if figure_id == "M2":
        return pd.concat([result.mca.row_coordinates_, result.clusters], axis=1)
    if figure_id == "M3":
        leaves = result.mca.row_coordinates_.index[
            np.argsort(result.mca.row_coordinates_["Dim 1"].to_numpy(), kind="stable")]  # HCPC's leaf order
        return tree_table(result.hcpc.linkage_, leaves)
    if figure_id == "M4":
        return profile_table(result)
    if figure_id == "M5":
        return result.stability
    raise ValueError(f"unknown typology figure {figure_id!r}; choose one of {list(FIGURE_SPECS)}")


def draw_figure(figure_id: str, result: TypologyResult, lang: str = "fr", size: str | None = None):
    """Draw typology figure ``figure_id`` (M1-M5) in the project's theme; return ``(fig, data)``.

    ``size`` is the medium (``"slide"`` for the seminar), by default the catalogue's.
    """
    check_lang(lang)
    data = figure_data(figure_id, result)
    size = size or FIGURE_SIZES[figure_id]
    with theme(size):
        fig, ax = plt.subplots()
        if figure_id == "M1":
            plot_scree(result.mca.eigenvalues_, result.mca.corrected_inertia_, ax=ax, lang=lang)
        elif figure_id == "M2":
            plot_typology_map(result, ax=ax, lang=lang)
            if size == "slide":   # below the map, the legend would take the height a slide lacks
                legend_beside_wrapped(fig, ax, width=34)
        elif figure_id == "M3":
            plot_dendrogram(result, ax=ax, lang=lang)
        elif figure_id == "M4":
            plot_cluster_profiles(data, ax=ax, lang=lang,
                                  names={k: class_name(result, k, lang, "\n") for k in data.columns})
        elif figure_id == "M5":
            plot_stability(result.stability, ax=ax, lang=lang,
                           names={k: class_name(result, k, lang, "\n") for k in result.stability.index})
        finish_figure(fig, size, lang, figure_id)
    return fig, data
