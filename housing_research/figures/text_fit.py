"""Making a figure's text fit: wrap what overflows, raise what is too small, move labels apart.

Every figure module ends its ``draw_figure`` with :func:`finish_figure`,
which draws the figure in its theme and then, until the text settles (a few
rounds at most):

- writes tick labels with the language's decimal mark (the comma in French);
- on a slide (``size="slide"``), adds the title and caption
  (:func:`frame_slide`), raises every text to :data:`SLIDE_MIN_POINTS`, tick
  labels created later included, and drops numeric ticks whose labels then
  collide (:func:`~.ticks.thin_ticks`);
- re-wraps a horizontal text that runs past the figure's edge (a long title
  over a narrow panel) onto more lines, and an axis label longer than its
  axes (:func:`wrap_axis_labels`);
- moves the annotations marked with :func:`repel_labels` away from the
  texts they cover.

What is left is checked by :mod:`~.layout_check` when the figure is saved.

Examples
--------
>>> import matplotlib.pyplot as plt
>>> fig, ax = plt.subplots(figsize=(2, 1.5), layout="constrained")
>>> _ = ax.set_title("A title far too long for so narrow a figure", loc="left")
>>> finish_figure(fig, "column", "en")
>>> ax.get_title(loc="left").count("\\n") > 0
True
>>> plt.close(fig)
"""

from __future__ import annotations

import textwrap
import warnings
import weakref

import numpy as np

from housing_research.figures.catalogue import FIGURES
from housing_research.figures.layout_check import drawn_texts, layout_problems, text_extent
from housing_research.figures.ticks import localise_ticks, thin_ticks, wrap_lines, wrap_tick_labels
from housing_research.i18n import unbreakable_spaces

#: Smallest text on a slide, in points at the slide's own size, which is the
#: projection size (:data:`~.style.SIZES`).
SLIDE_MIN_POINTS: float = 18.0
#: Longest line of a categorical tick label on a slide, in characters.
SLIDE_TICK_CHARS: int = 26
#: Size of a slide's title, in points.
SLIDE_TITLE_POINTS: float = 26.0


def floor_font_sizes(fig, minimum: float) -> None:
    """Raise every text of ``fig`` smaller than ``minimum`` points to it (tick labels to come included).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.set_xlabel("x", fontsize=6)
    >>> floor_font_sizes(fig, 18)
    >>> ax.xaxis.label.get_fontsize(), ax.get_xticklabels()[0].get_fontsize()
    (18.0, 18.0)
    >>> plt.close(fig)
    """
    fig.canvas.draw()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for which in ("major", "minor"):
                ticks = axis.get_major_ticks() if which == "major" else axis.get_minor_ticks()
                if ticks and ticks[0].label1.get_fontsize() < minimum:
                    axis.set_tick_params(which=which, labelsize=minimum)
    for text in drawn_texts(fig):
        if text.get_fontsize() < minimum:
            text.set_fontsize(minimum)


def wrap_overflowing(fig) -> bool:
    """Re-wrap every horizontal text that runs past the figure's right edge; True if one changed.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig = plt.figure(figsize=(2, 1))
    >>> label = fig.text(0.1, 0.5, "one two three four five six")
    >>> wrap_overflowing(fig), "\\n" in label.get_text()
    (True, True)
    >>> plt.close(fig)
    """
    renderer = fig.canvas.get_renderer()
    right = fig.bbox.x1 - 2
    changed = False
    for text in drawn_texts(fig):
        box = text_extent(text, renderer)
        if text.get_rotation() % 180 or box.x1 <= right or box.width <= 0:
            continue
        lines = text.get_text().split("\n")
        longest = max(len(line) for line in lines)
        room = right - box.x0 if text.get_horizontalalignment() == "left" else right - box.x0 + box.width / 2
        width = max(8, int(longest * min(room, box.width) / box.width) - 1)
        wrapped = "\n".join(textwrap.fill(line, width, break_on_hyphens=True) for line in lines)
        if wrapped != text.get_text():
            text.set_text(wrapped)
            changed = True
    return changed


def wrap_axis_labels(fig) -> bool:
    """Wrap every y-axis label taller than its axes, and every axes title wider than them; True if one changed.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(3, 1.5))
    >>> _ = ax.set_ylabel("a label much longer than the axes are tall")
    >>> wrap_axis_labels(fig), "\\n" in ax.get_ylabel()
    (True, True)
    >>> plt.close(fig)
    """
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    changed = False
    for ax in fig.axes:
        if not (ax.get_visible() and ax.axison):
            continue
        frame = ax.get_window_extent(renderer)
        titles = [getattr(ax, name, None) for name in ("title", "_left_title", "_right_title")]
        for label, room, along in [(ax.yaxis.label, frame.height, "height")] + \
                [(t, frame.width * 1.1, "width") for t in titles if t is not None]:
            if not label.get_visible() or not label.get_text().strip():
                continue
            extent = getattr(text_extent(label, renderer), along)
            if extent <= room or room <= 0:
                continue
            longest = max(len(line) for line in label.get_text().split("\n"))
            width = max(8, int(longest * room / extent) - 1)
            wrapped = wrap_lines(label.get_text(), width)
            if wrapped != label.get_text():
                label.set_text(wrapped)
                changed = True
    return changed


def repel_labels(labels, step: float = 4.0, rings: int = 24) -> None:
    """Mark annotations to be moved apart by :func:`finish_figure`, once the figure's text has its final size.

    Each marked label that covers another text tries offsets on a growing
    ring around its point (right, below, left, above, then the diagonals,
    ``step`` points further at each ring) and keeps the first free one that
    stays inside its axes; give the labels an ``arrowprops`` leader line so
    that a moved label still points at its point. The order is fixed, so the
    result is the same on every build.

    Parameters
    ----------
    labels : list of matplotlib.text.Annotation
        Labels drawn with ``textcoords="offset points"``, in priority order.
    step : float
        Distance (points) between rings.
    rings : int
        Rings tried before a label is left where it was.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> a = ax.annotate("first", (0.5, 0.5), xytext=(0, 0), textcoords="offset points")
    >>> b = ax.annotate("second", (0.5, 0.5), xytext=(0, 0), textcoords="offset points")
    >>> repel_labels([a, b])
    >>> finish_figure(fig, "page", "en")
    >>> [p.kind for p in layout_problems(fig) if "second" in (p.text, p.other)]
    []
    >>> plt.close(fig)
    """
    for label in labels:
        _REPELLED[label] = (float(step), int(rings))


_REPELLED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_DIRECTIONS = [(1, 0), (0, -1), (-1, 0), (0, 1), (1, -1), (-1, -1), (-1, 1), (1, 1)]


def _move_apart(fig) -> None:
    """Move each marked label to the first free place around its start; a second pass for those still covering."""
    labels = [t for t in drawn_texts(fig) if t in _REPELLED]
    if not labels:
        return
    renderer = fig.canvas.get_renderer()
    others = [t for t in drawn_texts(fig)]
    starts = {id(label): tuple(label.xyann) for label in labels}
    for rounds in range(2):
        for label in labels:
            boxes = [text_extent(t, renderer) for t in others if t is not label]
            if rounds and not any(text_extent(label, renderer).overlaps(b) for b in boxes):
                continue                                 # second pass: only the labels still covering another
            _place(label, boxes, starts[id(label)], renderer)


def _marker_boxes(ax, renderer) -> list:
    """The boxes of the scatter markers of ``ax`` (display units): places a label had better not cover."""
    from matplotlib.collections import PathCollection
    from matplotlib.transforms import Bbox

    boxes = []
    for collection in ax.collections if ax is not None else []:
        if not isinstance(collection, PathCollection) or not collection.get_visible():
            continue
        offsets = collection.get_offset_transform().transform(collection.get_offsets())
        sizes = np.sqrt(np.resize(collection.get_sizes(), len(offsets))) * renderer.points_to_pixels(1.0) / 2
        boxes += [Bbox.from_extents(x - r, y - r, x + r, y + r) for (x, y), r in zip(offsets, sizes)]
    return boxes


def _place(label, boxes, start, renderer) -> None:
    """Put ``label`` at the first offset around ``start``, ring by ring, inside its axes and off ``boxes``.

    A place that covers no scatter marker either is preferred; failing one,
    a place that covers no text will do.
    """
    step, rings = _REPELLED[label]
    frame = label.axes.get_window_extent(renderer) if label.axes is not None else label.figure.bbox
    markers = _marker_boxes(label.axes, renderer)
    candidates = [(0.0, 0.0)] + [(dx * r * step * 1.5, dy * r * step) for r in range(1, rings + 1)
                                 for dx, dy in _DIRECTIONS]
    for obstacles in (boxes + markers, boxes):
        for cx, cy in candidates:
            label.xyann = (start[0] + cx, start[1] + cy)
            box = text_extent(label, renderer)
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
            if inside and not any(box.overlaps(other) for other in obstacles):
                return
    label.xyann = start


def legend_beside(fig, ax) -> None:
    """Move ``ax``'s legend to the right of the figure, in one column (a slide is wide, not tall).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(layout="constrained")
    >>> _ = ax.plot([0, 1], label="a line")
    >>> _ = ax.legend(title="Legend")
    >>> legend_beside(fig, ax)
    >>> ax.get_legend() is None, [t.get_text() for t in fig.legends[0].get_texts()]
    (True, ['a line'])
    >>> plt.close(fig)
    """
    legend = ax.get_legend()
    if legend is None:
        return
    title, texts = legend.get_title().get_text(), [t.get_text() for t in legend.get_texts()]
    handles, labels = ax.get_legend_handles_labels()          # the artists themselves draw the best keys
    if labels != texts:
        handles = legend.legend_handles
    fig.legend(handles, texts, loc="outside right center", title=title or None, frameon=False)
    legend.remove()


def frame_slide(fig, figure_id: str, lang: str) -> None:
    """Make ``fig`` a whole slide: the catalogue's title on top, its caption at the bottom.

    The title is :data:`SLIDE_TITLE_POINTS` bold, the caption
    :data:`SLIDE_MIN_POINTS`, wrapped to the slide's width; the figure's
    constrained layout makes room for both.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from housing_research.figures.style import theme
    >>> with theme("slide"):
    ...     fig, ax = plt.subplots()
    ...     frame_slide(fig, "Q1", "en")
    >>> fig.get_suptitle()
    'Respondents to the March 2021 questionnaire, by group'
    >>> plt.close(fig)
    """
    spec = FIGURES[figure_id]
    width_chars = int(fig.get_size_inches()[0] * 72 / (SLIDE_MIN_POINTS * 0.56))
    fig.suptitle(spec.title(lang), x=0.01, ha="left", fontsize=SLIDE_TITLE_POINTS, fontweight="bold")
    caption = unbreakable_spaces(spec.caption(lang), lang)
    fig.supxlabel(textwrap.fill(caption, width_chars), x=0.01, ha="left", fontsize=SLIDE_MIN_POINTS,
                  color="#333333", linespacing=1.15)


def finish_figure(fig, size: str, lang: str, figure_id: str | None = None) -> None:
    """Draw ``fig`` in its theme and make its text fit (see the module's list).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure drawn inside :func:`~.style.theme` (call this inside the block).
    size : {"column", "page", "slide"}
        The figure's medium; on a slide no text stays under :data:`SLIDE_MIN_POINTS`.
    lang : {"fr", "en"}
        The figure's language; tick labels take its decimal mark.
    figure_id : str, optional
        The figure's id in the catalogue: a slide gets its title and caption
        (:func:`frame_slide`).
    """
    localise_ticks(fig, lang)
    with warnings.catch_warnings():
        # an intermediate draw, before labels are wrapped, may find no room; the final layout is checked on saving
        warnings.filterwarnings("ignore", message="constrained_layout not applied")
        if size == "slide":
            if figure_id is not None:
                frame_slide(fig, figure_id, lang)
            floor_font_sizes(fig, SLIDE_MIN_POINTS)      # first, so that the layout has the final sizes
        for rounds in range(2 if size == "slide" else 1):
            if size == "slide":
                # once more after the titles have wrapped: the rows then have their final height
                wrap_tick_labels(fig, SLIDE_TICK_CHARS, points=SLIDE_MIN_POINTS)
                thin_ticks(fig)
            fig.canvas.draw()
            for _ in range(4):
                if not (wrap_overflowing(fig) | wrap_axis_labels(fig)):
                    break
                fig.canvas.draw()
        _move_apart(fig)
    fig.canvas.draw()
