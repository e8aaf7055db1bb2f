"""The project's figure style: palette, black-and-white helpers, sizes, theme.

Colours come from the Okabe–Ito palette, which stays distinguishable for the
common forms of colour blindness. Because figures are also printed in black
and white, every series should differ by a second channel as well: a marker,
a hatch or a line style, taken in the same order as the colours.

Nothing is applied at import time: wrap the drawing code in :func:`theme`.

Examples
--------
>>> import matplotlib.pyplot as plt
>>> from housing_research.figures.style import PALETTE, SIZES, theme
>>> len(PALETTE), SIZES["column"][0]
(8, 3.5)
>>> with theme("column"):
...     fig, ax = plt.subplots()
>>> fig.get_size_inches().tolist()
[3.5, 2.6]
>>> plt.close(fig)
"""

from __future__ import annotations

from contextlib import contextmanager

import matplotlib as mpl
from matplotlib import cycler

#: Okabe–Ito colours (hex), ordered so that neighbours in a series contrast
#: well: blue, orange, bluish green, vermillion, reddish purple, sky blue,
#: yellow, black. Yellow is kept late because it is pale on white paper.
PALETTE: list[str] = [
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
    "#000000",
]

#: Marker shapes, one per palette colour, distinguishable when printed in grey.
MARKERS: list[str] = ["o", "s", "^", "D", "v", "P", "X", "*"]

#: Hatch patterns for bars and areas, one per palette colour ("" = plain fill).
HATCHES: list[str] = ["", "///", "...", "\\\\\\", "xx", "oo", "--", "++"]

#: Line styles, one per palette colour (dash patterns in points).
LINESTYLES: list = [
    "-",
    "--",
    ":",
    "-.",
    (0, (5, 1, 1, 1, 1, 1)),
    (0, (1, 3)),
    (0, (8, 3)),
    (0, (3, 1, 1, 1)),
]

#: Figure sizes in inches (width, height): a journal single column (about
#: 3.5 in wide), a full page width (double column, about 7.2 in) and a 16:9
#: slide at projection size, 13.33 x 7.5 in (a presentation program's
#: widescreen slide): a slide figure *is* the whole slide, title and caption
#: included, so its point sizes are the sizes the room reads.
SIZES: dict[str, tuple[float, float]] = {
    "column": (3.5, 2.6),
    "page": (7.2, 4.5),
    "slide": (40 / 3, 7.5),
}

#: Base font size (points) for each size, so that text prints at a readable size.
FONT_SIZES: dict[str, float] = {"column": 8.0, "page": 9.0, "slide": 18.0}

#: Salt for the ids matplotlib writes into SVG files; fixed so that two saves
#: of the same figure give the same bytes.
SVG_HASHSALT = "housing-research"

#: Settings that make saved files identical from one build to the next; they
#: are also applied by :func:`housing_research.save_figure` while saving.
REPRODUCIBLE_RC: dict[str, object] = {
    "svg.hashsalt": SVG_HASHSALT,
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "pdf.compression": 6,
}


def series_style(index: int) -> dict[str, object]:
    """Return the colour, marker, hatch and line style of the ``index``-th series.

    The four channels move together, so a series keeps the same look in every
    figure and stays recognisable in black and white. Indices wrap around.

    Parameters
    ----------
    index : int
        Position of the series (0 for the first).

    Returns
    -------
    dict
        Keys ``color``, ``marker``, ``hatch`` and ``linestyle``.

    Examples
    --------
    >>> series_style(1)["color"], series_style(1)["marker"]
    ('#E69F00', 's')
    """
    i = int(index) % len(PALETTE)
    return {"color": PALETTE[i], "marker": MARKERS[i], "hatch": HATCHES[i], "linestyle": LINESTYLES[i]}


def distinct_look(index: int) -> dict[str, str]:
    """A colour and hatch for the ``index``-th of many series (regions), no two alike up to 56.

    The first seven are :func:`series_style`'s; then the colours come round
    again with the hatch shifted by one per round. Black is left out: a
    black hatch does not show on a black fill, so every black series would
    look the same.

    Examples
    --------
    >>> looks = [tuple(distinct_look(i).values()) for i in range(20)]
    >>> len(set(looks)), distinct_look(0) == {"color": PALETTE[0], "hatch": HATCHES[0]}
    (20, True)
    >>> "#000000" in {look[0] for look in looks}
    False
    """
    colours = [c for c in PALETTE if c != "#000000"]
    i, round_ = int(index) % len(colours), int(index) // len(colours)
    if round_ >= len(HATCHES):
        raise ValueError(f"only {len(colours) * len(HATCHES)} distinct looks; series {index} would repeat one")
    return {"color": colours[i], "hatch": HATCHES[(i + round_) % len(HATCHES)]}


def rc_params(size: str = "column") -> dict[str, object]:
    """Return the matplotlib settings of the theme for one figure size.

    Parameters
    ----------
    size : {"column", "page", "slide"}
        Target medium; sets the figure size and the font sizes.

    Returns
    -------
    dict
        rcParams, ready for :func:`matplotlib.rc_context`.

    Examples
    --------
    >>> rc_params("slide")["figure.figsize"]
    (13.333333333333334, 7.5)
    """
    if size not in SIZES:
        raise ValueError(f"unknown figure size {size!r}; choose one of {sorted(SIZES)}")
    base = FONT_SIZES[size]
    params: dict[str, object] = {
        "font.family": "sans-serif",
        "font.sans-serif": ["DejaVu Sans"],
        "font.size": base,
        "axes.titlesize": base + 1,
        "axes.labelsize": base,
        "xtick.labelsize": base - 1,
        "ytick.labelsize": base - 1,
        "legend.fontsize": base - 1,
        "legend.frameon": False,
        "figure.figsize": SIZES[size],
        "figure.dpi": 100,
        "figure.constrained_layout.use": True,
        "savefig.dpi": 300,
        "axes.prop_cycle": cycler(color=PALETTE) + cycler(linestyle=LINESTYLES),
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": False,
        "grid.color": "#d0d0d0",
        "grid.linewidth": 0.5,
        "lines.linewidth": 1.2,
        "lines.markersize": 4 if size != "slide" else 7,
        "hatch.linewidth": 0.6,
        "image.cmap": "cividis",
    }
    params.update(REPRODUCIBLE_RC)
    return params


@contextmanager
def theme(size: str = "column"):
    """Apply the project's figure style inside a ``with`` block.

    Parameters
    ----------
    size : {"column", "page", "slide"}
        Target medium: journal single column, full page width or 16:9 slide.

    Yields
    ------
    None
        The settings hold for figures created inside the block and are
        restored on exit.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> with theme("page"):
    ...     fig, ax = plt.subplots()
    ...     plt.rcParams["font.sans-serif"][0]
    'DejaVu Sans'
    >>> plt.close(fig)
    """
    with mpl.rc_context(rc_params(size)):
        yield


def current_axes(ax=None):
    """``ax`` itself, or the current axes when it is None (seaborn's convention for ``ax=None``).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> current_axes() is ax, current_axes(ax) is ax
    (True, True)
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt

    return ax if ax is not None else plt.gca()
