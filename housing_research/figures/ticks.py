"""Tick labels in the figure's language and at a slide's size.

:func:`localise_ticks` gives numeric tick labels the decimal mark of the
figure's language (the comma in French) through :class:`DecimalMarkFormatter`,
with no system locale; :func:`wrap_tick_labels` and :func:`thin_ticks` keep
tick labels from colliding once a slide has raised them to 18 pt.

Examples
--------
>>> import matplotlib.pyplot as plt
>>> fig, ax = plt.subplots()
>>> _ = ax.plot([0, 1], [0, 0.5])
>>> localise_ticks(fig, "fr")
>>> fig.canvas.draw()
>>> "," in ax.get_yticklabels()[1].get_text()
True
>>> plt.close(fig)
"""

from __future__ import annotations

import textwrap

from matplotlib.ticker import FixedLocator, ScalarFormatter

from housing_research.figures.layout_check import text_extent
from housing_research.i18n import decimal_mark


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


#: Average advance of a character, in ems, used to turn a length in points into characters.
CHAR_EMS: float = 0.58
#: Height of a line of text, in ems.
LINE_EMS: float = 1.25


def wrap_lines(label: str, width: int) -> str:
    """Wrap each line of ``label`` to ``width`` characters (4 at least), keeping its own line breaks, words whole."""
    return "\n".join(textwrap.fill(line, max(width, 4), break_long_words=False) for line in label.split("\n"))


def _fit_row(label: str, width: int, lines: int) -> str:
    """A y tick label in at most ``lines`` lines, each of about ``width`` characters where it can.

    A label whose lines are all short enough, and few enough, stays as it is;
    else its lines are wrapped to ``width``; if that takes too many lines, the
    label is wrapped as one paragraph to the narrowest width that fits.

    Examples
    --------
    >>> _fit_row("Class 1\\nSocial landlord\\nPartnership", 26, 2)
    'Class 1 Social landlord\\nPartnership'
    >>> _fit_row("short", 26, 1)
    'short'
    """
    parts = label.split("\n")
    if len(parts) <= lines and max(map(len, parts)) <= width * 4 // 3:
        return label
    wrapped = wrap_lines(label, width)
    if wrapped.count("\n") < lines:
        return wrapped
    flat = " ".join(label.split())
    for w in range(width, 4 * width):
        wrapped = textwrap.fill(flat, w, break_long_words=False)
        if wrapped.count("\n") < lines:
            return wrapped
    return flat


def _pitch(axis, renderer) -> float | None:
    """Distance (points) between neighbouring ticks of ``axis``, or None with fewer than two ticks."""
    import numpy as np

    locs = sorted(axis.get_majorticklocs())
    if len(locs) < 2:
        return None
    to_display = axis.axes.transData.transform
    coords = [to_display((v, 0) if axis.axis_name == "x" else (0, v))[0 if axis.axis_name == "x" else 1] for v in locs]
    return float(np.min(np.abs(np.diff(coords)))) * 72 / axis.figure.dpi


def wrap_tick_labels(fig, width: int, points: float | None = None) -> None:
    """Fit long categorical tick labels to the room between their ticks; drop a row's repeated y labels.

    - **x labels** (horizontal) are wrapped to the distance between two
      ticks, so that neighbours do not run into each other; slanted ones are
      set at 45 degrees, unwrapped, instead (parallel neighbours then stand
      0.7 tick apart, and take less height than upright ones).
    - **y labels** are wrapped to ``width`` characters when longer than a
      third more than that, but only when the distance between two rows
      holds the lines the wrapped label needs; otherwise a row stays one line
      (there is room to the left, not between rows).

    Explicit line breaks in a label are kept. ``points`` is the size the
    labels will have (default: their size now). When axes side by side
    carry the same categorical y tick labels, only the leftmost keeps them
    (as ``sharey`` would).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, (a, b) = plt.subplots(1, 2)
    >>> for ax in (a, b):
    ...     _ = ax.set_yticks([0, 1], ["short", "a label far too long for a slide, even on a big one"])
    >>> wrap_tick_labels(fig, 18)
    >>> fig.canvas.draw()
    >>> a.get_yticklabels()[1].get_text(), b.get_yticklabels()[1].get_text()
    ('a label far too\\nlong for a slide,\\neven on a big one', '')
    >>> fig, ax = plt.subplots(figsize=(4, 3))
    >>> _ = ax.set_xticks([0, 1], ["first line\\nand a long second line that cannot stay whole", "b"])
    >>> wrap_tick_labels(fig, 26, points=12)
    >>> ax.get_xticklabels()[0].get_text().split("\\n")[0]
    'first line'
    >>> plt.close("all")
    """
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    seen = {}
    for ax in fig.axes:
        for name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
            if not _categorical(axis):
                continue
            locs = list(axis.get_majorticklocs())
            texts = axis.get_majorticklabels()
            if texts and texts[0].get_rotation() % 180 != 0:     # slanted labels: at 45 degrees, unwrapped
                axis.set_tick_params(labelrotation=45)
                for text in texts:
                    text.set_horizontalalignment("right")
                    text.set_rotation_mode("anchor")
                continue
            size = max(points or 0.0, texts[0].get_fontsize() if texts else 10.0)
            pitch = _pitch(axis, renderer)
            labels = [t.get_text() for t in texts]
            if name == "x" and pitch is not None:
                room = int(pitch / (CHAR_EMS * size)) - 1
                labels = [wrap_lines(label, room) if max(map(len, label.split("\n"))) > room else label
                          for label in labels]
            elif name == "y":
                lines_room = max(1, int(pitch / (LINE_EMS * size))) if pitch is not None else 99
                labels = [_fit_row(label, width, lines_room) for label in labels]
            row = (name, round(ax.get_position().y0, 3), tuple(labels))
            if name == "y" and row in seen and any(labels):
                labels = [""] * len(labels)
            seen.setdefault(row, ax)
            if len(labels) == len(locs):
                axis.set_ticks(locs, labels)
                if name == "y":          # wrapped rows: lines closer together, so that two fit a row
                    for text in axis.get_majorticklabels():
                        text.set_linespacing(1.0)


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
    numeric = [axis for ax in fig.axes for axis in (ax.xaxis, ax.yaxis) if not _categorical(axis)]
    thinned = dict.fromkeys(numeric, 0)
    # One draw per thinning, not one per axis: after each draw the first crowded axis in the
    # figure's order loses every other tick, so an axis is judged once those before it are
    # thinned (thinning one axis can give another room; judging all on one draw over-thins).
    while numeric:
        fig.canvas.draw()
        for axis in numeric:
            if thinned[axis] == rounds:
                continue
            low, high = sorted(axis.get_view_interval())
            locs = [v for v in axis.get_majorticklocs() if low <= v <= high]
            labels = [t for t in axis.get_majorticklabels() if t.get_text().strip()]
            boxes = [text_extent(t, renderer) for t in labels]
            if len(locs) < 2 or not any(a.overlaps(b) for a, b in zip(boxes, boxes[1:])):
                continue
            keep = min(range(len(locs)), key=lambda i: abs(locs[i])) % 2
            axis.set_major_locator(FixedLocator(locs[keep::2]))
            thinned[axis] += 1
            break
        else:
            return
