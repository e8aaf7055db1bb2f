"""Making a figure's text fit: wrap what overflows, raise what is too small, move labels apart.

Every figure module ends its ``draw_figure`` with :func:`finish_figure`,
which draws the figure in its theme and then, until the text settles (a few
rounds at most):

- writes tick labels with the language's decimal mark (the comma in French);
- on a slide (``size="slide"``), adds the title and caption
  (:func:`frame_slide`), raises every text to :data:`SLIDE_MIN_POINTS`, tick
  labels created later included, and drops numeric ticks whose labels then
  collide (:func:`thin_ticks`);
- re-wraps a horizontal text that runs past the figure's edge (a long title
  over a narrow panel) onto more lines;
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
import weakref

from matplotlib.ticker import FixedLocator, ScalarFormatter

from housing_research.figures.catalogue import FIGURES
from housing_research.figures.layout_check import drawn_texts, layout_problems, text_extent
from housing_research.i18n import decimal_mark

#: Smallest text on a slide, in points at the slide's own size, which is the
#: projection size (:data:`~.style.SIZES`).
SLIDE_MIN_POINTS: float = 18.0
#: Longest line of a categorical tick label on a slide, in characters.
SLIDE_TICK_CHARS: int = 26
#: Size of a slide's title, in points.
SLIDE_TITLE_POINTS: float = 26.0


class DecimalMarkFormatter(ScalarFormatter):
    """Matplotlib's default tick formatter, writing numbers with a given decimal mark.

    It keeps everything :class:`~matplotlib.ticker.ScalarFormatter` decides
    (how many decimals, offsets, the minus sign) and only swaps the point,
    with no system locale involved.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> ax.xaxis.set_major_formatter(DecimalMarkFormatter(","))
    >>> ax.set_xlim(0, 1); fig.canvas.draw()
    (0.0, 1.0)
    >>> ax.get_xticklabels()[1].get_text()
    '0,2'
    >>> plt.close(fig)
    """

    def __init__(self, mark: str = ".", **kwargs):
        super().__init__(**kwargs)
        self.mark = mark

    def __call__(self, x, pos=None):
        return super().__call__(x, pos).replace(".", self.mark)

    def get_offset(self):
        return super().get_offset().replace(".", self.mark)


def localise_ticks(fig, lang: str) -> None:
    """Give every default (scalar) tick formatter of ``fig`` the decimal mark of ``lang``.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.plot([0, 1], [0, 1])
    >>> localise_ticks(fig, "fr")
    >>> fig.canvas.draw()
    >>> [t.get_text() for t in ax.get_xticklabels()][1:3]
    ['0,0', '0,2']
    >>> plt.close(fig)
    """
    mark = decimal_mark(lang)
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            formatter = axis.get_major_formatter()
            if type(formatter) is ScalarFormatter:
                axis.set_major_formatter(DecimalMarkFormatter(mark))


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


def repel_labels(labels, step: float = 4.0, rings: int = 12) -> None:
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
    labels = [t for t in drawn_texts(fig) if t in _REPELLED]
    if not labels:
        return
    renderer = fig.canvas.get_renderer()
    others = [t for t in drawn_texts(fig)]
    for label in labels:
        step, rings = _REPELLED[label]
        frame = label.axes.get_window_extent(renderer) if label.axes is not None else fig.bbox
        boxes = [text_extent(t, renderer) for t in others if t is not label]
        start = tuple(label.xyann)
        candidates = [(0.0, 0.0)] + [(dx * r * step * 1.5, dy * r * step) for r in range(1, rings + 1)
                                     for dx, dy in _DIRECTIONS]
        for cx, cy in candidates:
            label.xyann = (start[0] + cx, start[1] + cy)
            box = text_extent(label, renderer)
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
            if inside and not any(box.overlaps(other) for other in boxes):
                break
        else:
            label.xyann = start


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
    fig.supxlabel(textwrap.fill(spec.caption(lang), width_chars), x=0.01, ha="left", fontsize=SLIDE_MIN_POINTS,
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
    if size == "slide" and figure_id is not None:
        frame_slide(fig, figure_id, lang)
    fig.canvas.draw()
    if size == "slide":
        floor_font_sizes(fig, SLIDE_MIN_POINTS)
        wrap_tick_labels(fig, SLIDE_TICK_CHARS)
        thin_ticks(fig)
        fig.canvas.draw()
    for _ in range(4):
        if not wrap_overflowing(fig):
            break
        fig.canvas.draw()
    _move_apart(fig)
    fig.canvas.draw()


def wrap_tick_labels(fig, width: int) -> None:
    """Wrap long categorical tick labels to ``width`` characters; drop a row's repeated y labels.

    Slanted labels are stood upright (unwrapped) instead; a y label is
    wrapped only when it is longer than twice ``width``, so that
    rows stay one line where they can.

    When axes side by side carry the same categorical y tick labels, only
    the leftmost keeps them (as ``sharey`` would).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, (a, b) = plt.subplots(1, 2)
    >>> for ax in (a, b):
    ...     _ = ax.set_yticks([0, 1], ["short", "a label far too long for a slide"])
    >>> wrap_tick_labels(fig, 18)
    >>> fig.canvas.draw()
    >>> a.get_yticklabels()[1].get_text(), b.get_yticklabels()[1].get_text()
    ('a label far too\\nlong for a slide', '')
    >>> plt.close(fig)
    """
    seen = {}
    fig.canvas.draw()
    for ax in fig.axes:
        for name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
            if not _categorical(axis):
                continue
            locs = list(axis.get_majorticklocs())
            texts = axis.get_majorticklabels()
            if texts and texts[0].get_rotation() % 180 != 0:     # slanted labels stand upright, unwrapped
                axis.set_tick_params(labelrotation=90)
                for text in texts:
                    text.set_horizontalalignment("center")
                continue
            # a row label is wrapped only when it would take two full lines
            limit, wrap = (width if name == "x" else width * 2), width
            labels = [textwrap.fill(t.get_text(), wrap, break_long_words=False) if len(t.get_text()) > limit
                      else t.get_text() for t in texts]
            row = (name, round(ax.get_position().y0, 3), tuple(labels))
            if name == "y" and row in seen and any(labels):
                labels = [""] * len(labels)
            seen.setdefault(row, ax)
            if len(labels) == len(locs):
                axis.set_ticks(locs, labels)


def _categorical(axis) -> bool:
    """True for an axis whose ticks were given with their own texts (``set_xticks(ticks, labels)``)."""
    return isinstance(axis.get_major_locator(), FixedLocator) and \
        not isinstance(axis.get_major_formatter(), ScalarFormatter)


def thin_ticks(fig, rounds: int = 4) -> None:
    """Drop every other numeric tick of an axis while its tick labels collide.

    Categorical tick labels (set with their own texts) are never dropped;
    numeric ones keep the tick at zero when there is one.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(1.5, 1))
    >>> _ = ax.set_xlim(0, 1000), ax.set_xticks(range(0, 1001, 100))
    >>> thin_ticks(fig)
    >>> len(ax.get_xticks()) < 11
    True
    >>> plt.close(fig)
    """
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if _categorical(axis):
                continue
            for _ in range(rounds):
                fig.canvas.draw()
                low, high = sorted(axis.get_view_interval())
                locs = [v for v in axis.get_majorticklocs() if low <= v <= high]
                labels = [t for t in axis.get_majorticklabels() if t.get_text().strip()]
                boxes = [text_extent(t, renderer) for t in labels]
                if len(locs) < 2 or not any(a.overlaps(b) for a, b in zip(boxes, boxes[1:])):
                    break
                keep = min(range(len(locs)), key=lambda i: abs(locs[i])) % 2
                axis.set_major_locator(FixedLocator(locs[keep::2]))
