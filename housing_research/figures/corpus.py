"""Figures of the corpus and its cleaning (notebook 01): C1-C4, in French or English.

Axes-level functions take ``ax=None`` (the current axes), draw only into that
axes and return it; :func:`draw_figure` owns a whole figure and returns it
with the data it shows. Counts come from :mod:`housing_research.analysis.corpus`.

Examples
--------
>>> import pandas as pd, matplotlib.pyplot as plt
>>> ax = plot_years(pd.Series([2, 5], index=[2019, 2020]), missing=3, lang="en")
>>> ax.get_xlabel()
'Stated starting year'
>>> plt.close(ax.figure)
"""

from __future__ import annotations


import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import blended_transform_factory

from housing_research.analysis.corpus import by_document_region, by_landlord, by_year, cleaning_counts, start_years
from housing_research.figures.catalogue import FIGURE_SIZES, figure_specs
from housing_research.figures.style import HATCHES, PALETTE, current_axes, distinct_look, series_style, theme
from housing_research.figures.text_fit import finish_figure
from housing_research.i18n import check_lang, section
from housing_research.labels import NOT_STATED, document_label, region_label

#: The corpus figures.
FIGURE_SPECS = figure_specs("C")
#: C3 pools the starting years before this one into a single bar.
FIRST_YEAR = 2000


def plot_document_region(table: pd.DataFrame, ax=None, lang: str = "fr"):
    """Stacked horizontal bars: initiatives per source document (by its short name), split by region (hatched).

    Rows leave the documents' names room on one line at every size.
    """
    t = section("corpus", lang)
    ax = current_axes(ax)
    left = np.zeros(len(table))
    regions = [r for r in table.columns if r != NOT_STATED] + [r for r in table.columns if r == NOT_STATED]
    rows = np.arange(len(table))
    for i, reg in enumerate(regions):
        # no two regions alike, however many (distinct_look); "not stated" plain light grey
        look = {"color": "lightgrey", "hatch": ""} if reg == NOT_STATED else distinct_look(i)
        ax.barh(rows, table[reg], left=left, **look, edgecolor="black", linewidth=0.4,
                label=region_label(reg, lang))
        left += table[reg].to_numpy()
    ax.set_yticks(rows, [document_label(d, lang) for d in table.index])
    ax.invert_yaxis()
    ax.set_ylabel(t["document"])
    ax.set_xlabel(t["count"])
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(fontsize="x-small", loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def plot_landlords(table: pd.DataFrame, ax=None, lang: str = "fr"):
    """Horizontal bars: initiatives per Hlm landlord, hatched by kind of body."""
    t = section("corpus", lang)
    ax = current_axes(ax)
    kinds = list(dict.fromkeys(table["kind"]))
    for i, (name, kind, n) in enumerate(zip(table["name"], table["kind"], table["initiatives"])):
        j = kinds.index(kind)
        ax.barh(i, n, color=PALETTE[j], hatch=HATCHES[j], edgecolor="black", linewidth=0.4,
                label=kind.upper() if kind in ("oph", "esh", "sem") else kind)
    ax.set_yticks(range(len(table)), table["name"], fontsize="x-small")
    ax.invert_yaxis()
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(t["count"])
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles))
    ax.legend(unique.values(), unique.keys(), fontsize="x-small", loc="lower right")
    return ax


def plot_years(years: pd.Series, missing: int, ax=None, lang: str = "fr", first: int = FIRST_YEAR):
    """Bars of initiatives per stated starting year, years before ``first`` in one bar, and the number without.

    The pooled bar stands apart, left of the time axis, so that a few early
    years do not stretch it.
    """
    t = section("corpus", lang)
    ax = current_axes(ax)
    early = int(years[years.index < first].sum())
    later = years[years.index >= first]
    span = range(first, max(int(later.index.max()) if len(later) else first, first) + 1)
    ax.bar(list(span), later.reindex(span, fill_value=0).to_numpy(), color=PALETTE[0], edgecolor="black",
           linewidth=0.4)
    ticks = [y for y in span if y % 5 == 0 and (not years.index.min() < first or y > first)]
    labels = [str(y) for y in ticks]
    if early:                                   # the pooled bar, apart and hatched, past a dashed break
        ax.bar(first - 3, early, color=PALETTE[1], hatch=HATCHES[1], edgecolor="black", linewidth=0.4)
        ax.text(first - 3, early, str(early), ha="center", va="bottom", fontsize="small")
        ax.axvline(first - 1.5, color="grey", linestyle="--", linewidth=0.6)
        ticks, labels = [first - 3, *ticks], [t["before_year"].format(year=first), *labels]
    ax.set_xticks(ticks, labels)
    ax.set_xlabel(t["year"])
    ax.set_ylabel(t["count"])
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    # right of the break, so that the note crosses neither the dashed line nor the pooled bar
    ax.text(first, 0.95, t["no_year"].format(n=missing), transform=blended_transform_factory(ax.transData, ax.transAxes),
            va="top", fontsize="small")
    return ax


def plot_cleaning(status: pd.Series, per_rule: pd.Series, axes=None, lang: str = "fr"):
    """Two panels: raw rows per status, changed cells per rule."""
    t = section("corpus", lang)
    if axes is None:
        axes = plt.subplots(1, 2)[1]                       # a two-panel figure of its own
    ax0, ax1 = axes
    for i, (s, n) in enumerate(status.items()):
        st = series_style(i)
        ax0.bar(i, n, color=st["color"], hatch=st["hatch"], edgecolor="black", linewidth=0.4)
        ax0.text(i, n, str(int(n)), ha="center", va="bottom", fontsize="small")
    ax0.set_xticks(range(len(status)), [t["status"][s] for s in status.index])
    ax0.set_ylabel(t["rows"])
    ax0.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax1.barh(range(len(per_rule)), per_rule.to_numpy(), color=PALETTE[5], edgecolor="black", linewidth=0.4)
    ax1.set_yticks(range(len(per_rule)), [t["rules"][r] for r in per_rule.index], fontsize="x-small")
    ax1.invert_yaxis()
    ax1.set_xlabel(t["cells"])
    ax1.xaxis.set_major_locator(MaxNLocator(integer=True))
    return axes


def draw_figure(figure_id: str, inventory: pd.DataFrame, organisations: pd.DataFrame, rows: pd.DataFrame,
                changes: pd.DataFrame, lang: str = "fr", size: str | None = None):
    """Draw corpus figure ``figure_id`` (C1-C4) in the project's theme; return ``(fig, data)``.

    ``size`` is the medium (``"slide"`` for the seminar), by default the catalogue's.
    """
    check_lang(lang)
    size = size or FIGURE_SIZES[figure_id]
    with theme(size):
        if figure_id == "C4":
            fig, axes = plt.subplots(1, 2)
            status, per_rule = cleaning_counts(rows, changes)
            plot_cleaning(status, per_rule, axes=axes, lang=lang)
            data = {"status": status, "rules": per_rule}
        else:
            fig, ax = plt.subplots()
            if figure_id == "C1":
                data = by_document_region(inventory)
                plot_document_region(data, ax=ax, lang=lang)
            elif figure_id == "C2":
                data = by_landlord(inventory, organisations)
                plot_landlords(data, ax=ax, lang=lang)
            elif figure_id == "C3":
                data = by_year(inventory)
                missing = int(start_years(inventory).isna().sum())
                plot_years(data, missing, ax=ax, lang=lang)
            else:
                raise ValueError(f"unknown corpus figure {figure_id!r}; choose one of {list(FIGURE_SPECS)}")
        finish_figure(fig, size, lang, figure_id)
    return fig, data
