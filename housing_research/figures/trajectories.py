"""Figures of trajectories and the Covid crisis (notebook 04): V1-V2, in French or English.

``V1`` trajectories of initiatives coded at several moments, on the typology
map; ``V2`` Covid statuses by pole and by class. Axes-level functions take
``ax=None`` (the current axes), draw only into that axes and return it;
:func:`draw_figure` owns a whole figure and returns it with the data it shows.

Examples
--------
>>> import pandas as pd, matplotlib.pyplot as plt
>>> counts = pd.DataFrame({"a": [2, 1], "b": [0, 3]}, index=["nouveau", "adapte"])
>>> ax = plot_covid_status(counts, lang="en")
>>> ax.get_xlabel(), [round(float(p.get_width()), 2) for p in ax.patches][:2]   # "nouveau" in a and b
("Share of the group's initiatives", [0.67, 0.0])
>>> plt.close(ax.figure)
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from housing_research.analysis.covid import covid_table, status_crosstab
from housing_research.analysis.trajectories import trajectory_coordinates
from housing_research.analysis.typology import TypologyResult
from housing_research.coding.codebook import codebook
from housing_research.figures.catalogue import FIGURE_SIZES, figure_specs
from housing_research.figures.checksum import stable
from housing_research.figures.style import HATCHES, PALETTE, current_axes, series_style, theme
from housing_research.figures.text_fit import finish_figure, legend_beside
from housing_research.figures.typology import class_name
from housing_research.i18n import check_lang, section
from housing_research.labels import code_label

#: The trajectory and Covid figures.
FIGURE_SPECS = figure_specs("V")


# ------------------------------------------------------------------- V1
def plot_trajectories(result: TypologyResult, trajectories: pd.DataFrame, ax=None, lang: str = "fr"):
    """Initiatives coded at several periods: arrows from one period's position to the next."""
    t = section("typology", lang)
    ax = current_axes(ax)
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
            ax.annotate(code_label("pole", code, lang).upper(), (p["Dim 1"], p["Dim 2"]), fontsize="small",
                        fontweight="bold", xytext=(-6, 9), textcoords="offset points")
    ax.axhline(0, color="grey", linewidth=0.5)
    ax.axvline(0, color="grey", linewidth=0.5)
    ax.set_xlabel("Dim 1")
    ax.set_ylabel("Dim 2")
    ax.legend(loc="best", fontsize="xx-small", title=t["trajectory"], title_fontsize="x-small")
    return ax


# ------------------------------------------------------------------- V2
def plot_covid_status(counts: pd.DataFrame, ax=None, lang: str = "fr", group_labels=None, title=None):
    """Stacked horizontal bars: the share of each Covid status (hatched) within each group, n in the labels.

    Shares put groups of very different sizes on one scale, from 0 to 1.
    """
    t = section("typology", lang)
    ax = current_axes(ax)
    groups = list(counts.columns)
    totals = counts.sum(axis=0).to_numpy().astype(float)
    shares = counts.to_numpy() / np.where(totals > 0, totals, 1.0)
    left = np.zeros(len(groups))
    for i, status in enumerate(counts.index):
        s = series_style(i)
        ax.barh(range(len(groups)), shares[i], left=left, color=s["color"], hatch=HATCHES[i],
                edgecolor="black", linewidth=0.4, label=t["status"][status])
        left += shares[i]
    labels = group_labels or {g: str(g) for g in groups}
    ax.set_yticks(range(len(groups)), [f"{labels[g]} ({t['n'].format(n=int(n))})" for g, n in zip(groups, totals)])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel(t["share"])
    if title:
        ax.set_title(title, loc="left", fontsize="small")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncols=3, fontsize="x-small", title=t["covid"],
              title_fontsize="x-small", frameon=False)
    return ax


def figure_data(figure_id: str, result: TypologyResult, coded: pd.DataFrame, inventory: pd.DataFrame):
    """The table a trajectory or Covid figure is drawn from (its checksum goes into the manifest)."""
    if figure_id == "V1":
        return trajectory_coordinates(result, coded)
    if figure_id == "V2":
        table = covid_table(coded, inventory, result.clusters)
        return {"pole": status_crosstab(table, "covid_status", "pole_class"),
                "cluster": status_crosstab(table, "covid_status", "cluster")}
    raise ValueError(f"unknown figure {figure_id!r}; choose one of {list(FIGURE_SPECS)}")


def draw_figure(figure_id: str, result: TypologyResult, coded: pd.DataFrame, inventory: pd.DataFrame,
                lang: str = "fr", size: str | None = None):
    """Draw figure ``figure_id`` (V1-V2) in the project's theme; return ``(fig, data)``.

    ``size`` is the medium (``"slide"`` for the seminar), by default the catalogue's.
    """
    t = section("typology", lang)
    data = figure_data(figure_id, result, coded, inventory)
    size = size or FIGURE_SIZES[figure_id]
    with theme(size):
        if figure_id == "V2":
            fig, axes = plt.subplots(1, 2)
            poles = [p for p in codebook().codes("pole") if p in data["pole"].columns]
            plot_covid_status(data["pole"][poles], ax=axes[0], lang=lang, title=t["by_pole"],
                              group_labels={p: code_label("pole", p, lang) for p in poles})
            plot_covid_status(data["cluster"], ax=axes[1], lang=lang, title=t["by_cluster"],
                              group_labels={k: class_name(result, k, lang, "\n") for k in data["cluster"].columns})
            axes[0].get_legend().remove()
            if size == "slide":   # a slide is wide and short: the statuses' legend goes to the right
                legend_beside(fig, axes[1])
        else:
            fig, ax = plt.subplots()
            plot_trajectories(result, data, ax=ax, lang=lang)
        finish_figure(fig, size, lang, figure_id)
    return fig, data
