"""Figure D1: the three-axis coding grid, drawn from the codebook.

Three columns: the origin (four kinds of initiators, a joint origin keeping
its parties), the institutionalisation (four dimensions, each coded
inhabitants / shared / institution, summed up as a level) and the action
registers (six core ones, two complementary ones dashed); below them, the
pole between *dispositif* and *initiative habitante* that the weighted
dimensions give, with its *entre-deux* band. Every label, code and weight
comes from :func:`housing_research.codebook`, so the diagram follows the
codebook when it changes.

Examples
--------
>>> grid = grid_table()
>>> sorted(set(grid["axis"]))
['dimension', 'level', 'origin', 'pole', 'register', 'value']
>>> import matplotlib.pyplot as plt
>>> ax = plot_coding_grid(lang="en")
>>> "Origin" in [t.get_text() for t in ax.texts]
True
>>> plt.close(ax.figure)
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Rectangle

from housing_research.coding.codebook import DIMENSIONS, codebook
from housing_research.figures.catalogue import FIGURE_SIZES, figure_specs
from housing_research.figures.style import PALETTE, theme
from housing_research.figures.text_fit import finish_figure
from housing_research.i18n import check_lang, number, section, text
from housing_research.labels import axis_title, code_label

#: The diagram figures.
FIGURE_SPECS = figure_specs("D")
#: Colour of each column (origin, institutionalisation, registers) and of the pole.
COLOURS = {"origin": PALETTE[0], "institutionalisation": PALETTE[2], "register": PALETTE[1], "pole": PALETTE[4]}
#: Left edge and width of the three columns, in axes fractions.
COLUMNS = {"origin": (0.008, 0.27), "institutionalisation": (0.335, 0.33), "register": (0.72, 0.272)}


def grid_table() -> pd.DataFrame:
    """Everything the diagram shows: one row per element (axis, code, labels, weight, complementary)."""
    cb = codebook()
    rows = []
    for axis in ("origin", "register", "level", "pole"):
        for c in cb.categories(axis):
            rows.append({"axis": axis, "code": c.code, "label_fr": c.label_fr, "label_en": c.label_en,
                         "weight": None, "complementary": bool(c.complementary)})
    for d in cb.dimensions:
        rows.append({"axis": "dimension", "code": d.code, "label_fr": d.label_fr, "label_en": d.label_en,
                     "weight": float(cb.pole_rule.weights[d.code]), "complementary": False})
    for c in cb.categories(DIMENSIONS[0]):
        rows.append({"axis": "value", "code": c.code, "label_fr": c.label_fr, "label_en": c.label_en,
                     "weight": None, "complementary": False})
    return pd.DataFrame(rows)


def _box(ax, x, y, w, h, label, colour, dashed=False, bold=False, size="x-small"):
    ax.add_patch(FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0.004,rounding_size=0.01", linewidth=0.8,
                                edgecolor=colour, facecolor="white", linestyle="--" if dashed else "-"))
    ax.text(x + w / 2, y + h / 2, label, ha="center", va="center", fontsize=size,
            fontweight="bold" if bold else "normal")


def _header(ax, axis: str, lang: str, y: float = 0.93):
    x, w = COLUMNS[axis]
    ax.add_patch(Rectangle((x, y), w, 0.07, facecolor=COLOURS[axis], edgecolor="none"))
    ax.text(x + w / 2, y + 0.035, axis_title(axis, lang), ha="center", va="center", color="white",
            fontsize="small", fontweight="bold")


def _origin(ax, lang: str, t):
    x, w = COLUMNS["origin"]
    codes = codebook().codes("origin")
    for i, code in enumerate(codes):
        _box(ax, x, 0.8 - i * 0.095, w, 0.075, textwrap.fill(code_label("origin", code, lang), 32),
             COLOURS["origin"])
    ax.text(x + w / 2, 0.8 - len(codes) * 0.095 + 0.035, t["joint"], ha="center", va="center",
            fontsize="xx-small", style="italic", wrap=True)


def _institutionalisation(ax, lang: str, t):
    cb = codebook()
    x, w = COLUMNS["institutionalisation"]
    values = " / ".join(code_label(DIMENSIONS[0], c, lang) for c in cb.codes(DIMENSIONS[0]))
    for i, d in enumerate(cb.dimensions):
        weight = number(cb.pole_rule.weights[d.code], lang, 0)
        label = f"{getattr(d, f'label_{lang}')} ({t['weight']} {weight})"
        _box(ax, x, 0.8 - i * 0.095, w, 0.075, label, COLOURS["institutionalisation"])
    ax.text(x + w / 2, 0.8 - 4 * 0.095 + 0.04, values, ha="center", va="center", fontsize="xx-small",
            style="italic")
    levels = " < ".join(code_label("level", c, lang) for c in cb.codes("level"))
    ax.text(x + w / 2, 0.8 - 4 * 0.095, f"{t['level']}{text('labels.colon', lang)} {levels}",
            ha="center", va="center", fontsize="xx-small")


def _registers(ax, lang: str, t):
    x, w = COLUMNS["register"]
    cats = codebook().categories("register")
    half = (w - 0.01) / 2
    for i, c in enumerate(cats):
        row, col = divmod(i, 2)
        label = textwrap.fill(code_label("register", c.code, lang), 15)
        _box(ax, x + col * (half + 0.01), 0.8 - row * 0.095, half, 0.075, label, COLOURS["register"],
             dashed=c.complementary)
    ax.text(x + w / 2, 0.8 - 4 * 0.095 + 0.035, t["complementary"], ha="center", va="center",
            fontsize="xx-small", style="italic")


def _pole(ax, lang: str, t):
    cb = codebook()
    band = cb.pole_rule.band
    y, x0, x1 = 0.13, 0.08, 0.92
    to_x = lambda s: x0 + (s + 1) / 2 * (x1 - x0)                     # score -1 .. +1 along the bar
    ax.add_patch(Rectangle((to_x(-band), y - 0.03), to_x(band) - to_x(-band), 0.06,
                           facecolor=COLOURS["pole"], alpha=0.25, edgecolor="none"))
    ax.add_patch(FancyArrowPatch((x0, y), (x1, y), arrowstyle="<->", mutation_scale=10, linewidth=1.2,
                                 color=COLOURS["pole"]))
    for score, code, ha in ((-1, "dispositif", "left"), (0, "entre_deux", "center"),
                            (1, "initiative_habitante", "right")):
        ax.text(to_x(score), y + 0.055, code_label("pole", code, lang), ha=ha, va="bottom", fontsize="x-small",
                fontweight="bold")
        sign = "+" if score > 0 else ""
        ax.text(to_x(score), y - 0.055, sign + number(score, lang, 0).replace("-", "−"), ha=ha, va="top",
                fontsize="xx-small")
    ax.text(0.5, 0.005, t["pole_rule"].format(band=number(band, lang, 2)), ha="center", va="bottom",
            fontsize="xx-small")
    x, w = COLUMNS["institutionalisation"]
    ax.add_patch(FancyArrowPatch((x + w / 2, 0.37), (x + w / 2, 0.23), arrowstyle="-|>", mutation_scale=9,
                                 color="#555", linewidth=0.8))
    ax.text(x + w / 2 + 0.01, 0.30, t["score"], ha="left", va="center", fontsize="xx-small")


def plot_coding_grid(ax=None, lang: str = "fr"):
    """The coding grid in ``lang``: three axes side by side, the pole below."""
    check_lang(lang)
    t = section("grid", lang)
    ax = ax if ax is not None else plt.gca()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_axis_off()
    for axis in COLUMNS:
        _header(ax, axis, lang)
    _origin(ax, lang, t)
    _institutionalisation(ax, lang, t)
    _registers(ax, lang, t)
    _pole(ax, lang, t)
    return ax


def draw_figure(figure_id: str, lang: str = "fr", size: str | None = None):
    """Draw diagram figure ``figure_id`` (D1) in the project's theme; return ``(fig, data)``.

    ``size`` is the medium (``"slide"`` for the seminar), by default the catalogue's.
    """
    check_lang(lang)
    if figure_id not in FIGURE_SPECS:
        raise ValueError(f"unknown diagram figure {figure_id!r}; choose one of {list(FIGURE_SPECS)}")
    size = size or FIGURE_SIZES[figure_id]
    with theme(size):
        fig, ax = plt.subplots()
        plot_coding_grid(ax=ax, lang=lang)
        finish_figure(fig, size, lang, figure_id)
    return fig, grid_table()
