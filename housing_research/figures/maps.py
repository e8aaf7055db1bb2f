"""Figure G1: a map of France by region of the practices, and their Covid statuses by region.

The outlines are the 13 metropolitan regions of
``data/reference/geometry/regions_metropole.geojson`` (IGN GEOFLA, Licence
Ouverte; see the NOTICE beside it), drawn as matplotlib polygons in
longitude/latitude, stretched so that a degree of longitude keeps its length
at the latitude of France. Axes-level functions take ``ax=None`` (the current
axes) and return it; :func:`draw_figure` owns the figure.

Examples
--------
>>> shapes = region_shapes()
>>> len(shapes), "ile_de_france" in shapes
(13, True)
>>> import pandas as pd, matplotlib.pyplot as plt
>>> ax = plot_region_map(pd.Series({"ile_de_france": 3, "non_renseigne": 1}), lang="en")
>>> ax.texts[-1].get_text()
'Not stated: 1'
>>> plt.close(ax.figure)
"""

from __future__ import annotations

import functools
import json

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.patches import Patch, Polygon
from matplotlib.ticker import MaxNLocator

from housing_research import paths
from housing_research.analysis.regions import NATIONAL, by_region, covid_by_region, without_status
from housing_research.figures.catalogue import FIGURE_SIZES, figure_specs
from housing_research.figures.style import series_style, theme
from housing_research.figures.text_fit import finish_figure, legend_beside
from housing_research.i18n import check_lang, section, text
from housing_research.inventory.reference import load_regions
from housing_research.labels import NOT_STATED, region_label

#: The map figures.
FIGURE_SPECS = figure_specs("G")
#: Class limits of the counts (a region with 0 stays white).
BINS = (0, 1, 3, 6, 11, 21, 1000)
#: Light to dark blue, one shade per class of counts above 0.
SHADES = ("#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
#: Degrees of longitude per degree of latitude at about 46.5° N.
ASPECT = 1 / np.cos(np.radians(46.5))
#: Regions whose count is written outside the outline, with a leader line (too small to hold it).
OUTSIDE = {"ile_de_france": (-1.2, 50.6)}


@functools.lru_cache(maxsize=1)
def region_shapes() -> dict:
    """Outlines of the metropolitan regions by slug: a list of (n, 2) arrays of lon/lat (outer rings)."""
    with open(paths.REGIONS_GEOJSON, encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    slugs = {row.name_fr: row.slug for row in load_regions().itertuples(index=False)}
    shapes = {}
    for feature in features:
        name = feature["properties"]["nom"]
        if name not in slugs:
            raise ValueError(f"{paths.relative(paths.REGIONS_GEOJSON)}: region {name!r} is not in regions.csv")
        shapes[slugs[name]] = [np.asarray(poly[0], dtype=float) for poly in feature["geometry"]["coordinates"]]
    return shapes


def label_point(rings: list) -> tuple[float, float]:
    """Where to write a region's number: the vertex mean of its largest ring."""
    def area(r):
        x, y = r[:, 0], r[:, 1]
        return abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))) / 2
    ring = max(rings, key=area)
    return float(ring[:, 0].mean()), float(ring[:, 1].mean())


def _count_colour(n: int) -> str:
    if n <= 0:
        return "white"
    return SHADES[int(np.searchsorted(BINS, n, side="right")) - 2]


def plot_region_map(counts: pd.Series, ax=None, lang: str = "fr"):
    """Choropleth of the practices per region, the count written on each region, the rest noted below."""
    t = section("regions_map", lang)
    ax = ax if ax is not None else plt.gca()
    for slug, rings in sorted(region_shapes().items()):
        n = int(counts.get(slug, 0))
        for ring in rings:
            ax.add_patch(Polygon(ring, closed=True, facecolor=_count_colour(n), edgecolor="#444", linewidth=0.5))
        if n:
            x, y = label_point(rings)
            dark = _count_colour(n) in SHADES[3:]
            if slug in OUTSIDE:
                ax.annotate(str(n), (x, y), xytext=OUTSIDE[slug], ha="center", va="center", fontsize="small",
                            fontweight="bold", arrowprops=dict(arrowstyle="-", color="black", lw=0.6))
            else:
                ax.text(x, y, str(n), ha="center", va="center", fontsize="small", fontweight="bold",
                        color="white" if dark else "black")
    ax.set_xlim(-5.3, 9.8)
    ax.set_ylim(41.2, 51.3)
    ax.set_aspect(ASPECT)
    ax.set_axis_off()
    labels = [f"{lo}" if hi - lo == 1 else (f"{lo}–{hi - 1}" if hi < 1000 else f"≥ {lo}")
              for lo, hi in zip(BINS[1:-1], BINS[2:])]
    handles = [Patch(facecolor=c, edgecolor="#444", linewidth=0.5, label=lab)
               for c, lab in zip(("white", *SHADES), ("0", *labels))]
    ax.legend(handles=handles, title=t["count"], loc="lower left", bbox_to_anchor=(0.0, 0.1),
              fontsize="x-small", title_fontsize="x-small")
    apart = [f"{region_label(r, lang)}{text('labels.colon', lang)} {int(counts[r])}"
             for r in (NATIONAL, NOT_STATED) if r in counts.index]
    ax.text(0.01, 0.0, "\n".join(apart), transform=ax.transAxes, ha="left", va="bottom", fontsize="x-small")
    return ax


def plot_covid_by_region(table: pd.DataFrame, missing: int, ax=None, lang: str = "fr"):
    """Horizontal stacked bars of the Covid statuses per region (counts, n at the end of each bar)."""
    t = section("regions_map", lang)
    ax = ax if ax is not None else plt.gca()
    left = np.zeros(len(table))
    y = np.arange(len(table))
    for i, status in enumerate(table.columns):
        st = series_style(i)
        ax.barh(y, table[status], left=left, color=st["color"], hatch=st["hatch"], edgecolor="black",
                linewidth=0.4, label=text(f"typology.status.{status}", lang))
        left += table[status].to_numpy()
    for yi, total in zip(y, left):
        ax.text(total + 0.5, yi, f"n = {int(total)}", va="center", fontsize="x-small")
    ax.set_yticks(y, [region_label(r, lang) for r in table.index], fontsize="x-small")
    ax.invert_yaxis()
    ax.set_xlim(0, left.max() * 1.25 if len(left) else 1)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(t["count"])
    ax.legend(loc="lower right", fontsize="x-small", title=t["status"], title_fontsize="x-small")
    ax.text(0.99, 1.01, t["no_status"].format(n=missing), transform=ax.transAxes, ha="right", va="bottom",
            fontsize="x-small")         # above the bars, never on them
    return ax


def _legend_left_of(ax) -> None:
    """Move ``ax``'s legend out of the axes, to their left, vertically centred."""
    legend = ax.get_legend()
    ax.legend(handles=legend.legend_handles, labels=[t.get_text() for t in legend.get_texts()],
              title=legend.get_title().get_text(), loc="center right", bbox_to_anchor=(0.0, 0.5))


def draw_figure(figure_id: str, inventory: pd.DataFrame, lang: str = "fr", size: str | None = None):
    """Draw map figure ``figure_id`` (G1) in the project's theme; return ``(fig, data)``.

    ``size`` is the medium (``"slide"`` for the seminar), by default the catalogue's.
    """
    check_lang(lang)
    if figure_id not in FIGURE_SPECS:
        raise ValueError(f"unknown map figure {figure_id!r}; choose one of {list(FIGURE_SPECS)}")
    counts = by_region(inventory)
    covid = covid_by_region(inventory)
    size = size or FIGURE_SIZES[figure_id]
    with theme(size):
        fig, (ax0, ax1) = plt.subplots(1, 2, gridspec_kw={"width_ratios": [1.35, 1]})
        plot_region_map(counts, ax=ax0, lang=lang)
        plot_covid_by_region(covid, without_status(inventory), ax=ax1, lang=lang)
        if size == "slide":   # at 18 pt the legends would cover regions and bars: they go beside them
            _legend_left_of(ax0)
            legend_beside(fig, ax1)
        finish_figure(fig, size, lang, figure_id)
    return fig, {"regions": counts, "covid": covid}
