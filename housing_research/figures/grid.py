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
from dataclasses import dataclass

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Rectangle

from housing_research.coding.codebook import DIMENSIONS, codebook
from housing_research.figures.catalogue import FIGURE_SIZES, figure_specs
from housing_research.figures.style import PALETTE, theme
from housing_research.figures.text_fit import finish_figure
from housing_research.i18n import check_lang, number, section, text, unbreakable_spaces
from housing_research.labels import axis_title, code_label, short_code_label

#: The diagram figures.
FIGURE_SPECS = figure_specs("D")
#: Colour of each column (origin, institutionalisation, registers) and of the pole.
COLOURS = {"origin": PALETTE[0], "institutionalisation": PALETTE[2], "register": PALETTE[1], "pole": PALETTE[4]}
#: Left edge and width of the three columns, in axes fractions.
COLUMNS = {"origin": (0.008, 0.27), "institutionalisation": (0.335, 0.33), "register": (0.72, 0.272)}


@dataclass(frozen=True)
class Geometry:
    """Where the diagram's parts go, in axes fractions, and how its labels wrap.

    ``box`` is (top of the first row, distance between rows, box height);
    ``notes`` the heights of the one or two notes under the columns;
    ``arrow`` the top and bottom of the arrow to the pole; ``pole`` the
    height of the pole's bar and ``pole_span`` its ends; ``rule`` the height
    of the rule's sentence under the bar, or None to write it to the bar's
    right (slides, where the height is short).
    """

    header: float = 0.93
    header_height: float = 0.07
    box: tuple = (0.8, 0.095, 0.075)
    notes: tuple = (0.455, 0.42)
    arrow: tuple = (0.37, 0.23)
    pole: float = 0.13
    pole_span: tuple = (0.08, 0.92)
    rule: float | None = 0.005
    wrap_origin: int = 32
    wrap_register: int = 15
    short_origin: bool = False
    columns: tuple = tuple(COLUMNS.items())


#: The geometry of each medium: a slide writes everything at 18 pt in little height.
GEOMETRY = {"column": Geometry(), "page": Geometry(),
            "slide": Geometry(header=0.92, header_height=0.08, box=(0.805, 0.105, 0.095), notes=(0.455, 0.395),
                              arrow=(0.35, 0.26), pole=0.13, pole_span=(0.02, 0.66), rule=None, wrap_origin=40,
                              wrap_register=14,
                              short_origin=True, columns=(("origin", (0.005, 0.2)), ("institutionalisation", (0.24, 0.3)),
                                                          ("register", (0.58, 0.414))))}


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
            fontweight="bold" if bold else "normal", linespacing=1.0)


def _row(g: Geometry, i: int) -> float:
    top, pitch, _ = g.box
    return top - i * pitch


def _header(ax, axis: str, lang: str, g: Geometry):
    x, w = dict(g.columns)[axis]
    ax.add_patch(Rectangle((x, g.header), w, g.header_height, facecolor=COLOURS[axis], edgecolor="none"))
    ax.text(x + w / 2, g.header + g.header_height / 2, axis_title(axis, lang), ha="center", va="center",
            color="white", fontsize="small", fontweight="bold")


def _origin(ax, lang: str, t, g: Geometry):
    x, w = dict(g.columns)["origin"]
    label_of = short_code_label if g.short_origin else code_label
    for i, code in enumerate(codebook().codes("origin")):
        label = label_of("origin", code, lang)
        _box(ax, x, _row(g, i), w, g.box[2], textwrap.fill(label, g.wrap_origin), COLOURS["origin"])
    ax.text(x + w / 2, g.notes[0], textwrap.fill(t["joint"], 60 if g.rule is not None else 22), ha="center",
            va="center" if g.rule is not None else "top", fontsize="xx-small", style="italic", linespacing=1.0)


def _institutionalisation(ax, lang: str, t, g: Geometry):
    cb = codebook()
    x, w = dict(g.columns)["institutionalisation"]
    values = " / ".join(code_label(DIMENSIONS[0], c, lang) for c in cb.codes(DIMENSIONS[0]))
    for i, d in enumerate(cb.dimensions):
        weight = number(cb.pole_rule.weights[d.code], lang, 0)
        label = f"{getattr(d, f'label_{lang}')} ({t['weight']} {weight})"
        _box(ax, x, _row(g, i), w, g.box[2], label, COLOURS["institutionalisation"])
    ax.text(x + w / 2, g.notes[0], values, ha="center", va="center", fontsize="xx-small", style="italic")
    levels = " < ".join(code_label("level", c, lang) for c in cb.codes("level"))
    ax.text(x + w / 2, g.notes[1], f"{t['level']}{text('labels.colon', lang)} {levels}",
            ha="center", va="center", fontsize="xx-small")


def _registers(ax, lang: str, t, g: Geometry):
    x, w = dict(g.columns)["register"]
    cats = codebook().categories("register")
    half = (w - 0.01) / 2
    for i, c in enumerate(cats):
        row, col = divmod(i, 2)
        label = textwrap.fill(code_label("register", c.code, lang), g.wrap_register, break_long_words=False)
        _box(ax, x + col * (half + 0.01), _row(g, row), half, g.box[2], label, COLOURS["register"],
             dashed=c.complementary)
    ax.text(x + w / 2, g.notes[0], textwrap.fill(t["complementary"], 34 if g.rule is None else 60), ha="center",
            va="top" if g.rule is None else "center", fontsize="xx-small", style="italic", linespacing=1.0)


def _pole(ax, lang: str, t, g: Geometry):
    cb = codebook()
    band = cb.pole_rule.band
    y, (x0, x1) = g.pole, g.pole_span
    to_x = lambda s: x0 + (s + 1) / 2 * (x1 - x0)                     # score -1 .. +1 along the bar
    ax.add_patch(Rectangle((to_x(-band), y - 0.03), to_x(band) - to_x(-band), 0.06,
                           facecolor=COLOURS["pole"], alpha=0.25, edgecolor="none"))
    ax.add_patch(FancyArrowPatch((x0, y), (x1, y), arrowstyle="<->", mutation_scale=10, linewidth=1.2,
                                 color=COLOURS["pole"]))
    for score, code, ha in ((-1, "dispositif", "left"), (0, "entre_deux", "center"),
                            (1, "initiative_habitante", "right")):
        ax.text(to_x(score), y + 0.04, code_label("pole", code, lang), ha=ha, va="bottom", fontsize="x-small",
                fontweight="bold")
        sign = "+" if score > 0 else ""
        ax.text(to_x(score), y - 0.04, sign + number(score, lang, 0).replace("-", "−"), ha=ha, va="top",
                fontsize="xx-small")
    rule = t["pole_rule"].format(band=number(band, lang, 2))
    x, w = dict(g.columns)["institutionalisation"]
    top, bottom = g.arrow
    ax.add_patch(FancyArrowPatch((x + w / 2, top), (x + w / 2, bottom), arrowstyle="-|>", mutation_scale=9,
                                 color="#555", linewidth=0.8))
    ax.text(x + w / 2 + 0.01, (top + bottom) / 2, t["score"], ha="left", va="center", fontsize="xx-small")
    if g.rule is None:      # short of height: the rule goes to the right of the bar
        ax.text(x1 + 0.03, y, textwrap.fill(unbreakable_spaces(rule, lang), 30), ha="left", va="center",
                fontsize="xx-small",
                linespacing=1.0)
    else:
        ax.text(0.5, g.rule, rule, ha="center", va="bottom", fontsize="xx-small")


def plot_coding_grid(ax=None, lang: str = "fr", size: str = "page"):
    """The coding grid in ``lang``: three axes side by side, the pole below (``size``: its :data:`GEOMETRY`)."""
    check_lang(lang)
    t = section("grid", lang)
    g = GEOMETRY[size]
    ax = ax if ax is not None else plt.gca()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_axis_off()
    for axis in COLUMNS:
        _header(ax, axis, lang, g)
    _origin(ax, lang, t, g)
    _institutionalisation(ax, lang, t, g)
    _registers(ax, lang, t, g)
    _pole(ax, lang, t, g)
    for artist in (*ax.texts, *ax.patches):   # placed in axes fractions: the axes take the whole figure
        artist.set_in_layout(False)
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
        plot_coding_grid(ax=ax, lang=lang, size=size)
        finish_figure(fig, size, lang, figure_id)
    return fig, grid_table()
