"""Figures of the corpus and its cleaning (notebook 01): C1-C4, in French or English.

Axes-level functions take ``ax=None`` (the current axes), draw only into that
axes and return it; :func:`draw_figure` owns a whole figure and returns it
with the data it shows. Counts come from :mod:`housing_research.analysis.corpus`.

Examples
--------
>>> import pandas as pd, matplotlib.pyplot as plt
>>> ax = plot_years(pd.Series([2, 5], index=[2019, 2020]), missing=3, lang="en")
>>> ax.get_xlabel()
'Starting year'
>>> plt.close(ax.figure)
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from housing_research.analysis.corpus import by_document_region, by_landlord, by_year, cleaning_counts
from housing_research.figures.catalogue import FIGURE_SIZES, figure_specs
from housing_research.figures.style import HATCHES, PALETTE, current_axes, series_style, theme
from housing_research.figures.text_fit import finish_figure
from housing_research.i18n import check_lang, section
from housing_research.labels import NOT_STATED, region_label

#: The corpus figures.
FIGURE_SPECS = figure_specs("C")


def plot_document_region(table: pd.DataFrame, ax=None, lang: str = "fr"):
    """Stacked bars: initiatives per source document, split by region (hatched)."""
    t = section("corpus", lang)
    ax = current_axes(ax)
    bottom = np.zeros(len(table))
    regions = [r for r in table.columns if r != NOT_STATED] + [r for r in table.columns if r == NOT_STATED]
    for i, reg in enumerate(regions):
        # colours repeat after eight regions: the hatch then shifts, so no two regions look alike
        colour = "lightgrey" if reg == NOT_STATED else PALETTE[i % len(PALETTE)]
        hatch = "" if reg == NOT_STATED else HATCHES[(i + 3 * (i // len(PALETTE))) % len(HATCHES)]
        ax.bar(table.index, table[reg], bottom=bottom, color=colour, hatch=hatch,
               edgecolor="black", linewidth=0.4, label=region_label(reg, lang))
        bottom += table[reg].to_numpy()
    ax.set_xlabel(t["document"])
    ax.set_ylabel(t["count"])
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
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


def plot_years(years: pd.Series, missing: int, ax=None, lang: str = "fr"):
    """Bars of initiatives per starting year, with the number without a year."""
    t = section("corpus", lang)
    ax = current_axes(ax)
    ax.bar(years.index, years.to_numpy(), color=PALETTE[0], edgecolor="black", linewidth=0.4)
    ax.set_xlabel(t["year"])
    ax.set_ylabel(t["count"])
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.text(0.02, 0.95, t["no_year"].format(n=missing), transform=ax.transAxes, va="top", fontsize="small")
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
                missing = int(pd.to_numeric(inventory["year_start"], errors="coerce").isna().sum())
                plot_years(data, missing, ax=ax, lang=lang)
            else:
                raise ValueError(f"unknown corpus figure {figure_id!r}; choose one of {list(FIGURE_SPECS)}")
        finish_figure(fig, size, lang, figure_id)
    return fig, data
