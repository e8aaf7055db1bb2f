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


def wrap_tick_labels(fig, width: int) -> None:
    """Wrap long categorical tick labels to ``width`` characters; drop a row's repeated y labels.

    Slanted labels are stood upright (unwrapped) instead; a y label is
    wrapped only when it is longer than a third more than ``width``, so that
    rows stay one line where they can.

    When axes side by side carry the same categorical y tick labels, only
    the leftmost keeps them (as ``sharey`` would).

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
    >>> plt.close(fig)
    """
    seen = {}
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
            limit, wrap = (width if name == "x" else width * 4 // 3), width
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
