"""Figures of the typology coding (notebook 02): T1-T4, in French or English.

Axes-level functions take ``ax=None`` (the current axes), draw only into that
axes and return it; :func:`draw_figure` owns a whole figure and returns it
with the data it shows. Counts come from
:mod:`housing_research.analysis.coding_summary`, labels from the codebook.

Examples
--------
>>> import pandas as pd, matplotlib.pyplot as plt
>>> ax = plot_distribution(pd.Series([3, 1], index=["bailleur", "tiers"]), "origin", lang="en")
>>> ax.get_title(loc="left")
'Origin'
>>> plt.close(ax.figure)
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from housing_research.analysis.coding_summary import COLUMNS, axis_distribution, crosstab, pole_scores
from housing_research.coding.codebook import DIMENSIONS, codebook
from housing_research.figures.catalogue import FIGURE_SIZES, figure_specs
from housing_research.figures.style import PALETTE, current_axes, series_style, theme
from housing_research.figures.text_fit import finish_figure
from housing_research.i18n import check_lang, section
from housing_research.labels import axis_title, category_label, code_label, short_code_label

#: The coding figures.
FIGURE_SPECS = figure_specs("T")


def plot_distribution(counts: pd.Series, axis: str, ax=None, lang: str = "fr", short: bool = False):
    """Horizontal bars of one axis's codes (complementary registers hatched, ``inconnu`` in grey, last).

    ``short`` labels the codes with the codebook's short labels where it has them (slides).
    """
    ax = current_axes(ax)
    cb = codebook()
    for i, (code, n) in enumerate(counts.items()):
        complementary = code != cb.unknown and axis == "register" and cb.category("register", code).complementary
        color = "lightgrey" if code == cb.unknown else PALETTE[5] if complementary else PALETTE[0]
        ax.barh(i, n, color=color, hatch="///" if complementary else "", edgecolor="black", linewidth=0.4)
        ax.text(n, i, f" {n}", va="center", fontsize="xx-small")
    label = short_code_label if short else code_label
    ax.set_yticks(range(len(counts)), [label(axis, c, lang) for c in counts.index], fontsize="xx-small")
    ax.invert_yaxis()
    # a panel is narrow: a long title goes on two lines rather than run into its neighbour's
    ax.set_title(textwrap.fill(axis_title(axis, lang), 12, break_long_words=False), loc="left", fontsize="small")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=3))
    ax.tick_params(axis="x", labelsize="x-small")
    ax.margins(x=0.2)
    return ax


def plot_crosstab(table: pd.DataFrame, a: str, b: str, ax=None, lang: str = "fr"):
    """Heatmap of a cross-tabulation, counts written in the cells (grey scale, readable in print)."""
    ax = current_axes(ax)
    values = table.to_numpy()
    ax.imshow(values, cmap="Greys", vmin=0, vmax=max(1, values.max()) * 1.3, aspect="auto")
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            ax.text(j, i, str(values[i, j]), ha="center", va="center", fontsize="x-small",
                    color="white" if values[i, j] > values.max() * 0.6 else "black")
    ax.set_xticks(range(values.shape[1]), [code_label(b, c, lang) for c in table.columns], rotation=35, ha="right",
                  fontsize="xx-small")
    ax.set_yticks(range(values.shape[0]), [code_label(a, c, lang) for c in table.index], fontsize="xx-small")
    ax.set_title(f"{axis_title(a, lang)} × {axis_title(b, lang)}", loc="left", fontsize="small")
    return ax


def plot_pole_by_origin(scores: pd.DataFrame, ax=None, lang: str = "fr"):
    """Pole score by origin: box plots with the initiatives as points, the in-between band shaded.

    A joint origin counts under each of its parties, as in T1 and T2; each row says its n.
    """
    t = section("coding", lang)
    ax = current_axes(ax)
    cb = codebook()
    band = cb.pole_rule.band
    scores = scores.assign(origin=scores["origin"].str.split("+")).explode("origin")
    present = set(scores["origin"])
    order = [c for c in cb.codes("origin") if c in present] + ([cb.unknown] if cb.unknown in present else [])
    ax.axvspan(-band, band, color="lightgrey", alpha=0.5, lw=0)
    ax.text(0, len(order) - 0.45, t["band"], ha="center", fontsize="xx-small")
    data = [scores.loc[scores["origin"] == o, "pole_score"].dropna().to_numpy() for o in order]
    ax.boxplot(data, positions=range(len(order)), orientation="horizontal", widths=0.5, showfliers=False,
               medianprops=dict(color="black"))
    rng = np.random.default_rng(0)  # fixed jitter: the figure is identical on every build
    for i, values in enumerate(data):
        s = series_style(i)
        ax.scatter(values, i + rng.uniform(-0.15, 0.15, len(values)), s=10, color=s["color"], marker=s["marker"],
                   edgecolor="black", linewidth=0.3, zorder=3)
    names = [category_label("origin", o, lang) if o != cb.unknown else t["unknown"] for o in order]
    ax.set_yticks(range(len(order)), [f"{name} (n = {len(v)})" for name, v in zip(names, data)], fontsize="x-small")
    ax.set_xlim(-1.05, 1.05)
    ax.set_xticks([-1, 0, 1], [f"−1\n{t['dispositif']}", "0", f"+1\n{t['habitante']}"], fontsize="xx-small")
    ax.set_xlabel(t["score"])
    return ax


def plot_agreement(summary: pd.DataFrame, ax=None, lang: str = "fr"):
    """Grouped bars per axis: raw agreement, Cohen's kappa, Krippendorff's alpha."""
    t = section("coding", lang)
    ax = current_axes(ax)
    table = summary[summary["category"].isna() | (summary["category"].astype(str) == "")]
    table = table.drop_duplicates("axis").set_index("axis")
    x = np.arange(len(table))
    for i, (col, name) in enumerate((("agreement", t["raw"]), ("kappa", t["kappa"]), ("alpha", t["alpha"]))):
        s = series_style(i)
        ax.bar(x + (i - 1) * 0.27, table[col].astype(float), width=0.27, color=s["color"], hatch=s["hatch"],
               edgecolor="black", linewidth=0.4, label=name)
    ax.set_xticks(x, [axis_title(a, lang) if a in COLUMNS else a for a in table.index], rotation=30, ha="right",
                  fontsize="x-small")
    ax.axhline(0, color="black", linewidth=0.5)
    ax.set_ylim(min(-0.1, float(table[["kappa", "alpha"]].astype(float).min().min()) - 0.05), 1.05)
    ax.set_ylabel(t["agreement"])
    # above the plot: inside, it sat on the bars of negative agreement
    ax.legend(fontsize="x-small", loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=3, borderaxespad=0.2)
    return ax


T1_AXES = ("origin", "animation", "gestion", "decision", "financement", "level", "register")


def draw_figure(figure_id: str, coded: pd.DataFrame, agreement_summary: pd.DataFrame | None = None, lang: str = "fr",
                size: str | None = None):
    """Draw coding figure ``figure_id`` (T1-T4) in the project's theme; return ``(fig, data)``.

    ``size`` is the medium (``"slide"`` for the seminar), by default the catalogue's.
    """
    check_lang(lang)
    size = size or FIGURE_SIZES[figure_id]
    with theme(size):
        if figure_id == "T1":
            # the register (eight codes) takes a whole column, so that its bars and labels have room
            if size == "slide":   # wide and short: the four dimensions in a row (one set of labels), the register
                fig, axes = plt.subplot_mosaic([[*DIMENSIONS, "register"],     # down the right
                                                ["origin", "origin", "level", "level", "register"]],
                                               width_ratios=[1.5, 1.3, 1.3, 1.1, 1.6])
            else:
                fig, axes = plt.subplot_mosaic([[T1_AXES[i], T1_AXES[i + 1], "register"] for i in (0, 2, 4)],
                                               height_ratios=[5, 3, 3])  # origin: four codes (one long), others three
            data = {a: axis_distribution(coded, a, include_unknown=True) for a in T1_AXES}
            for axis in T1_AXES:
                plot_distribution(data[axis], axis, ax=axes[axis], lang=lang, short=size == "slide")
                if size == "slide":       # room for the counts written after the bars, at 18 pt
                    axes[axis].set_xlim(0, data[axis].max() * 1.8)
        elif figure_id == "T2":
            fig, axes = plt.subplots(1, 2)
            data = {"level": crosstab(coded, "origin", "level"), "register": crosstab(coded, "origin", "register")}
            plot_crosstab(data["level"], "origin", "level", ax=axes[0], lang=lang)
            plot_crosstab(data["register"], "origin", "register", ax=axes[1], lang=lang)
        elif figure_id == "T3":
            fig, ax = plt.subplots()
            data = pole_scores(coded)
            plot_pole_by_origin(data, ax=ax, lang=lang)
        elif figure_id == "T4":
            fig, ax = plt.subplots()
            data = agreement_summary
            plot_agreement(data, ax=ax, lang=lang)
        else:
            raise ValueError(f"unknown coding figure {figure_id!r}; choose one of {list(FIGURE_SPECS)}")
        finish_figure(fig, size, lang, figure_id)
    return fig, data
