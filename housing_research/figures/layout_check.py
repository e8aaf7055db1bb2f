"""A mechanical check of a figure's text: nothing clipped, nothing overlapping, nothing too small.

:func:`layout_problems` draws a figure and lists every defect of its text;
:func:`check_layout` raises :class:`LayoutError` when there is one.
:func:`housing_research.save_figure` runs it on every figure it saves, so a
clipped title or two colliding labels cannot reach ``figures/`` again.

The rule, applied to every *text artist* of the figure (titles, axis labels,
tick labels, legend texts and titles, annotations, free texts, colour-bar
labels):

- a text counts when it is drawn: visible, inside visible axes, legend or
  sub-figure, with a non-blank string and a non-zero alpha;
- its extent is the box of its glyphs (for an annotation, the text without
  its arrow), in display units of the figure as drawn;
- **clipped**: the box must lie inside the figure canvas, and inside its clip
  box when the text is clipped to its axes;
- **overlap**: no two boxes may intersect, whatever they belong to (tick
  labels of one axis among themselves, a title and a legend, an annotation
  and a tick label...). Both tests allow :data:`TOLERANCE_PT` points, so that
  boxes that only touch (their ascent and descent padding) pass;
- **small**: with ``min_points``, every text's size must reach it;
- **decimal**: with ``lang="fr"``, no text writes a number with a decimal
  point (French takes the comma).

Examples
--------
>>> import matplotlib.pyplot as plt
>>> fig, ax = plt.subplots(figsize=(3, 2), layout="constrained")
>>> _ = ax.set_title("A title")
>>> layout_problems(fig)
[]
>>> _ = ax.text(0.5, 0.5, "over", transform=ax.transAxes)
>>> _ = ax.text(0.52, 0.5, "lapping", transform=ax.transAxes)
>>> [p.kind for p in layout_problems(fig)]
['overlap']
>>> _ = fig.text(0.9, 0.5, "far too long to fit")
>>> sorted({p.kind for p in layout_problems(fig)})
['clipped', 'overlap']
>>> plt.close(fig)
"""

from __future__ import annotations

from dataclasses import dataclass

import re

import numpy as np
from matplotlib.patches import Rectangle
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

from housing_research.i18n import decimal_mark

_POINT_DECIMAL = re.compile(r"\d\.\d")

#: Slack (points) allowed before two boxes count as overlapping or a box as clipped.
TOLERANCE_PT: float = 0.5


class LayoutError(ValueError):
    """A figure's text is clipped, overlapping or too small; the message lists every defect."""


@dataclass(frozen=True)
class LayoutProblem:
    """One defect: its kind (``clipped``, ``overlap``, ``small``), the text(s) involved and a detail.

    Examples
    --------
    >>> str(LayoutProblem("small", "Origin", "", "8.0 pt < 18 pt"))
    "small: 'Origin' (8.0 pt < 18 pt)"
    """

    kind: str
    text: str
    other: str = ""
    detail: str = ""

    def __str__(self) -> str:
        other = f" and {self.other!r}" if self.other else ""
        detail = f" ({self.detail})" if self.detail else ""
        return f"{self.kind}: {self.text!r}{other}{detail}"


def _hidden_axis_texts(fig) -> set[int]:
    """Ids of axis texts that matplotlib keeps but does not draw.

    They are the labels of ticks outside the view limits, and every text of
    an axis that is hidden, or whose axes are hidden or switched off
    (``set_axis_off``). Tick labels know their figure but not always their
    axes, hence this walk from the axes down.
    """
    hidden = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            off = not (ax.get_visible() and ax.axison and axis.get_visible())
            if off:
                hidden.update({id(axis.label), id(axis.get_offset_text())})
            low, high = sorted(axis.get_view_interval())
            span = (high - low) * 1e-9
            for tick in list(axis.majorTicks) + list(axis.minorTicks):
                if off or not low - span <= tick.get_loc() <= high + span:
                    hidden.update({id(tick.label1), id(tick.label2)})
    return hidden


def _shown(text: Text) -> bool:
    """True when the text and every container holding it (axes, legend) are visible."""
    if not text.get_visible() or text.get_alpha() == 0 or not text.get_text().strip():
        return False
    axes = text.axes
    if axes is not None and not axes.get_visible():
        return False
    for holder in (axes, text.figure):
        legend = holder.get_legend() if holder is not None and hasattr(holder, "get_legend") else None
        if legend is not None and not legend.get_visible() and \
                (text in legend.get_texts() or text is legend.get_title()):
            return False
    return True


def drawn_texts(fig) -> list[Text]:
    """Every text artist of ``fig`` that is drawn, in a stable order (see the module's rule).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.set_xlabel("x"), ax.set_title("")
    >>> [t.get_text() for t in drawn_texts(fig) if not t.get_text()[0].isdigit()]
    ['x']
    >>> plt.close(fig)
    """
    fig.canvas.draw()
    hidden = _hidden_axis_texts(fig)
    return [t for t in fig.findobj(lambda a: isinstance(a, Text)) if id(t) not in hidden and _shown(t)]


def text_extent(text: Text, renderer) -> Bbox:
    """The box of a text's glyphs in display units (an annotation's arrow left out).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig = plt.figure(figsize=(2, 1), dpi=100)
    >>> box = text_extent(fig.text(0, 0, "abc"), fig.canvas.get_renderer())
    >>> bool(box.x0 == 0 and box.width > 0)
    True
    >>> plt.close(fig)
    """
    if isinstance(text, Annotation):
        return Text.get_window_extent(text, renderer)
    return text.get_window_extent(renderer)


def text_corners(text: Text, renderer, shrink: float = 0.0) -> np.ndarray:
    """The four corners (display units) of a text's glyph box, turned with the text.

    A rotated tick label's axis-aligned extent is much larger than its
    glyphs, so two slanted neighbours would always seem to collide; the
    overlap test uses these turned boxes instead. ``shrink`` moves every side
    inwards by that many display units.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig = plt.figure(figsize=(2, 2))
    >>> corners = text_corners(fig.text(0.5, 0.5, "abc", rotation=90), fig.canvas.get_renderer())
    >>> bool(np.ptp(corners[:, 1]) > np.ptp(corners[:, 0]))
    True
    >>> plt.close(fig)
    """
    box = text_extent(text, renderer)
    angle = np.deg2rad(text.get_rotation())
    if abs(np.sin(angle)) < 1e-9:
        width, height = box.width, box.height
    else:
        rotation = text.get_rotation()
        text.set_rotation(0)
        flat = text_extent(text, renderer)
        text.set_rotation(rotation)
        width, height = flat.width, flat.height
    half = np.array([max(width / 2 - shrink, 0), max(height / 2 - shrink, 0)])
    unit = np.array([[-1, -1], [1, -1], [1, 1], [-1, 1]]) * half
    turn = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    return unit @ turn.T + [(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2]


def _polygons_intersect(a: np.ndarray, b: np.ndarray) -> bool:
    """Separating-axis test for two convex quadrilaterals."""
    for poly in (a, b):
        for i in range(len(poly)):
            edge = poly[(i + 1) % len(poly)] - poly[i]
            normal = np.array([-edge[1], edge[0]])
            if not normal.any():
                return False
            pa, pb = a @ normal, b @ normal
            if pa.max() <= pb.min() or pb.max() <= pa.min():
                return False
    return True


def _label(text: Text) -> str:
    return " ".join(text.get_text().split())


def layout_problems(fig, min_points: float | None = None, lang: str | None = None) -> list[LayoutProblem]:
    """Every clipped, overlapping, too small (``min_points``) or wrongly punctuated (``lang``) text of ``fig``.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure, fully drawn in its theme (it is drawn again here).
    min_points : float, optional
        Smallest text size allowed, in points at the figure's own size.
    lang : {"fr", "en"}, optional
        The figure's language: in French, a number written with a decimal
        point (``0.5``) is a ``decimal`` problem, tick labels and texts alike.

    Returns
    -------
    list of LayoutProblem
        Empty when the figure passes; clipped and small texts first, then
        overlapping pairs, each in drawing order.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(3, 2), layout="constrained")
    >>> _ = ax.set_xlabel("small", fontsize=6)
    >>> [str(p) for p in layout_problems(fig, min_points=7) if "small" in p.text]
    ["small: 'small' (6.0 pt < 7 pt)"]
    >>> plt.close(fig)
    """
    texts = drawn_texts(fig)
    renderer = fig.canvas.get_renderer()
    slack = TOLERANCE_PT * fig.dpi / 72
    canvas = fig.bbox.padded(slack)
    boxes = [text_extent(t, renderer) for t in texts]
    problems = []
    for text, box in zip(texts, boxes):
        clip = text.get_clip_box() if text.get_clip_on() else None
        for frame, where in ((canvas, "outside the figure"), (clip and clip.padded(slack), "clipped by its axes")):
            if frame is not None and not _contains(frame, box):
                problems.append(LayoutProblem("clipped", _label(text), "", where))
        if lang is not None and decimal_mark(lang) == "," and _POINT_DECIMAL.search(text.get_text()):
            problems.append(LayoutProblem("decimal", _label(text), "", "a decimal point in a French figure"))
        if min_points is not None and text.get_fontsize() < min_points - 1e-9:
            problems.append(LayoutProblem("small", _label(text), "", f"{text.get_fontsize():.1f} pt < {min_points:g} pt"))
    shrunk = [b.padded(-slack) for b in boxes]
    corners = [text_corners(t, renderer, slack) for t in texts]
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            if _intersect(shrunk[i], shrunk[j]) and _polygons_intersect(corners[i], corners[j]):
                problems.append(LayoutProblem("overlap", _label(texts[i]), _label(texts[j])))
    return problems + _legend_problems(fig, texts, shrunk, slack)


def _legend_problems(fig, texts, boxes, slack) -> list[LayoutProblem]:
    """A legend's box (handles included) must not cover another text nor a bar of its axes."""
    renderer = fig.canvas.get_renderer()
    problems = []
    pairs = [(ax, ax.get_legend()) for ax in fig.axes if ax.get_visible()] + [(None, lg) for lg in fig.legends]
    for holder, legend in pairs:
        if legend is None or not legend.get_visible():
            continue
        own = {id(t) for t in legend.get_texts()} | {id(legend.get_title())}
        frame = legend.get_window_extent(renderer).padded(-slack)
        name = _label(legend.get_title()) or " / ".join(_label(t) for t in legend.get_texts())
        for text, box in zip(texts, boxes):
            if id(text) not in own and _intersect(frame, box):
                problems.append(LayoutProblem("overlap", f"legend {name}", _label(text)))
        for patch in (holder.patches if holder is not None else []):
            if isinstance(patch, Rectangle) and patch.get_visible() and \
                    _intersect(frame, patch.get_window_extent(renderer).padded(-slack)):
                problems.append(LayoutProblem("overlap", f"legend {name}", "a bar", "the legend covers data"))
                break
    return problems


def _contains(frame: Bbox, box: Bbox) -> bool:
    return frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1


def _intersect(a: Bbox, b: Bbox) -> bool:
    return a.width > 0 and a.height > 0 and b.width > 0 and b.height > 0 and \
        a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def check_layout(fig, min_points: float | None = None, lang: str | None = None, name: str = "figure") -> None:
    """Raise :class:`LayoutError` naming every defect of ``fig`` (see :func:`layout_problems`).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig = plt.figure(figsize=(2, 1))
    >>> _ = fig.text(0.95, 0.5, "cut off")
    >>> check_layout(fig, name="X1")
    Traceback (most recent call last):
    ...
    housing_research.figures.layout_check.LayoutError: X1: 1 text defect(s): clipped: 'cut off' (outside the figure)
    >>> plt.close(fig)
    """
    problems = layout_problems(fig, min_points, lang)
    if problems:
        listed = "; ".join(map(str, problems))
        raise LayoutError(f"{name}: {len(problems)} text defect(s): {listed}")
