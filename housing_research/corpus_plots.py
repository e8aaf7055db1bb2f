"""What the corpus holds and what the cleaning changed (notebook 01), in French or English.

Table helpers count the cleaned inventory by source document, region, year
and landlord; axes-level ``plot_*`` functions take ``ax=None`` and return it;
:func:`draw_figure` draws figures ``C1`` (initiatives by document and region),
``C2`` (initiatives by landlord), ``C3`` (initiatives by starting year) and
``C4`` (what the cleaning did) in the project's theme.

Examples
--------
>>> import pandas as pd
>>> inv = pd.DataFrame({"initiative_id": ["I000-001", "I003-001", "I003-002"],
...                     "source_docs": ["000; 003", "003", "003"],
...                     "regions": ["ile_de_france", "ile_de_france", None]})
>>> by_document_region(inv).loc["003"].to_dict()
{'ile_de_france': 2, 'non_renseigne': 1}
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from housing_research.figure_output import LANGS, FigureSpec
from housing_research.reference import load_regions
from housing_research.style import HATCHES, PALETTE, series_style, theme

NOTEBOOK = "01-inventaire-et-nettoyage.ipynb"
UNKNOWN = "non_renseigne"
HLM_KINDS = ("oph", "esh", "cooperative", "sem")
_TEXT = {
    "fr": {"count": "Nombre d'initiatives", "document": "Document source", "unknown": "Non renseignée",
           "year": "Année de début", "no_year": "sans année : {n}", "landlord": "Organisme Hlm",
           "cells": "Cellules modifiées ou dérivées", "rows": "Lignes brutes",
           "status": {"kept": "gardées", "merged": "fusionnées", "rejected": "rejetées"},
           "rules": {"whitespace": "Espaces", "hyphenation": "Césures", "multivalue_separator": "Séparateurs",
                     "controlled_value_case": "Codes contrôlés", "organisation_alias": "Noms d'organismes",
                     "place_to_departement": "Lieux → départements", "period_to_years": "Périodes → années",
                     "duplicate_merge": "Fusion de doublons"}},
    "en": {"count": "Number of initiatives", "document": "Source document", "unknown": "Not stated",
           "year": "Starting year", "no_year": "no year: {n}", "landlord": "Hlm landlord",
           "cells": "Changed or derived cells", "rows": "Raw rows",
           "status": {"kept": "kept", "merged": "merged", "rejected": "rejected"},
           "rules": {"whitespace": "Whitespace", "hyphenation": "Hyphenation", "multivalue_separator": "Separators",
                     "controlled_value_case": "Controlled codes", "organisation_alias": "Organisation names",
                     "place_to_departement": "Places → départements", "period_to_years": "Periods → years",
                     "duplicate_merge": "Duplicate merging"}},
}


def _text(lang):
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; every figure is made in {' and '.join(LANGS)}")
    return _TEXT[lang]


def _explode(inventory: pd.DataFrame, column: str) -> pd.DataFrame:
    values = inventory[column].fillna("").astype(str).str.split(";")
    out = inventory.assign(**{column: values}).explode(column)
    out[column] = out[column].str.strip().replace("", UNKNOWN)
    return out


def by_document(inventory: pd.DataFrame) -> pd.Series:
    """Initiatives per source document (an initiative described in two documents counts in both)."""
    return _explode(inventory, "source_docs").groupby("source_docs").size().rename("initiatives")


def by_document_region(inventory: pd.DataFrame) -> pd.DataFrame:
    """Initiatives per source document (rows) and region (columns; first region of each initiative)."""
    first_region = inventory["regions"].fillna("").astype(str).str.split(";").str[0].str.strip().replace("", UNKNOWN)
    table = _explode(inventory.assign(regions=first_region), "source_docs")
    return pd.crosstab(table["source_docs"], table["regions"])


def by_year(inventory: pd.DataFrame) -> pd.Series:
    """Initiatives per starting year (``year_start``); missing years are left out."""
    years = pd.to_numeric(inventory["year_start"], errors="coerce").dropna().astype(int)
    return years.value_counts().sort_index().rename("initiatives")


def by_landlord(inventory: pd.DataFrame, organisations: pd.DataFrame, top: int = 15) -> pd.DataFrame:
    """Initiatives per Hlm landlord among the carriers (the ``top`` most frequent), with its kind."""
    kinds = organisations.set_index("org_id")
    ids = _explode(inventory, "carrier_ids")["carrier_ids"]
    ids = ids[ids.isin(kinds.index[kinds["kind"].isin(HLM_KINDS)])]
    counts = ids.value_counts()
    counts = counts.iloc[np.lexsort((counts.index.to_numpy(), -counts.to_numpy()))].head(top)
    return pd.DataFrame({"name": kinds.loc[counts.index, "name"].to_numpy(),
                         "kind": kinds.loc[counts.index, "kind"].to_numpy(),
                         "initiatives": counts.to_numpy()}, index=pd.Index(counts.index, name="org_id"))


def cleaning_counts(rows: pd.DataFrame, changes: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Raw rows per status and changed cells per rule."""
    status = rows["status"].value_counts().reindex(["kept", "merged", "rejected"], fill_value=0)
    per_rule = changes["rule"].value_counts()
    order = list(_TEXT["en"]["rules"])
    return status, per_rule.reindex(order, fill_value=0).astype(int)


def region_label(slug: str, lang: str) -> str:
    """Display name of a region slug."""
    if slug == UNKNOWN:
        return _text(lang)["unknown"]
    regions = load_regions().set_index("slug")
    return regions.loc[slug, f"name_{lang}"] if slug in regions.index else slug


def plot_document_region(table: pd.DataFrame, ax=None, lang: str = "fr"):
    """Stacked bars: initiatives per source document, split by region (hatched)."""
    t = _text(lang)
    ax = ax if ax is not None else plt.subplots()[1]
    bottom = np.zeros(len(table))
    regions = [r for r in table.columns if r != UNKNOWN] + [r for r in table.columns if r == UNKNOWN]
    for i, reg in enumerate(regions):
        # colours repeat after eight regions: the hatch then shifts, so no two regions look alike
        colour = "lightgrey" if reg == UNKNOWN else PALETTE[i % len(PALETTE)]
        hatch = "" if reg == UNKNOWN else HATCHES[(i + 3 * (i // len(PALETTE))) % len(HATCHES)]
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
    t = _text(lang)
    ax = ax if ax is not None else plt.subplots()[1]
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
    t = _text(lang)
    ax = ax if ax is not None else plt.subplots()[1]
    ax.bar(years.index, years.to_numpy(), color=PALETTE[0], edgecolor="black", linewidth=0.4)
    ax.set_xlabel(t["year"])
    ax.set_ylabel(t["count"])
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.text(0.02, 0.95, t["no_year"].format(n=missing), transform=ax.transAxes, va="top", fontsize="small")
    return ax


def plot_cleaning(status: pd.Series, per_rule: pd.Series, axes=None, lang: str = "fr"):
    """Two panels: raw rows per status, changed cells per rule."""
    t = _text(lang)
    if axes is None:
        axes = plt.subplots(1, 2)[1]
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


FIGURE_SPECS: dict[str, FigureSpec] = {
    "C1": FigureSpec("C1", "Initiatives par document source et par région", "Initiatives by source document and region",
                     "Nombre d'initiatives de l'inventaire nettoyé décrites par chaque document (une initiative décrite "
                     "par deux documents compte dans les deux), selon la région de sa première localisation.",
                     "Number of initiatives of the cleaned inventory described by each document (an initiative "
                     "described by two documents counts in both), by the region of its first location.", NOTEBOOK),
    "C2": FigureSpec("C2", "Initiatives par organisme Hlm porteur", "Initiatives by carrying Hlm landlord",
                     "Organismes Hlm les plus souvent porteurs d'initiatives dans l'inventaire, par type d'organisme.",
                     "Hlm landlords most often carrying initiatives in the inventory, by kind of body.", NOTEBOOK),
    "C3": FigureSpec("C3", "Initiatives par année de début", "Initiatives by starting year",
                     "Année de début des initiatives quand la source la donne ; le nombre d'initiatives sans année est "
                     "indiqué.", "Starting year of the initiatives where the source gives it; the number without a "
                     "year is shown.", NOTEBOOK),
    "C4": FigureSpec("C4", "Ce que le nettoyage a fait", "What the cleaning did",
                     "À gauche, le sort de chaque ligne brute (gardée, fusionnée, rejetée) ; à droite, le nombre de "
                     "cellules modifiées ou dérivées par règle de nettoyage.",
                     "Left, the fate of every raw row (kept, merged, rejected); right, the number of changed or derived "
                     "cells per cleaning rule.", NOTEBOOK),
}
FIGURE_SIZES = {"C1": "page", "C2": "page", "C3": "column", "C4": "page"}


def draw_figure(figure_id: str, inventory: pd.DataFrame, organisations: pd.DataFrame, rows: pd.DataFrame,
                changes: pd.DataFrame, lang: str = "fr"):
    """Draw corpus figure ``figure_id`` (C1-C4) in the project's theme; return ``(fig, data)``."""
    _text(lang)
    with theme(FIGURE_SIZES[figure_id]):
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
        fig.canvas.draw()
    return fig, data
