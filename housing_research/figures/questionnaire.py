"""Figures of the March 2021 questionnaire, in French or English.

Axes-level functions (:func:`plot_respondents`, :func:`plot_shares`,
:func:`plot_ranking`) take ``ax=None``, draw only into that axes and return
it. :func:`draw_figure` owns a whole figure: it draws figure ``Q1`` to ``Q5``
in the project's theme and returns the figure with the data it shows, ready
for :func:`housing_research.save_figure` with the matching
:data:`FIGURE_SPECS` entry.

Every series differs by marker or hatch as well as colour, so the figures
stay readable in black and white.

Examples
--------
>>> import matplotlib.pyplot as plt
>>> from housing_research.analysis.questionnaire import load_questionnaire
>>> fig, data = draw_figure("Q1", load_questionnaire(), lang="en")
>>> fig.axes[0].get_xlabel()
'Number of respondents'
>>> plt.close(fig)
"""

from __future__ import annotations

import textwrap

import numpy as np
import matplotlib.pyplot as plt
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MultipleLocator

from housing_research.analysis.questionnaire import observed_shares, ranked_items, respondents_by_group
from housing_research.figures.catalogue import FIGURE_SIZES, figure_specs
from housing_research.figures.style import PALETTE, current_axes, theme
from housing_research.figures.text_fit import finish_figure, legend_beside
from housing_research.i18n import check_lang, section

#: The questionnaire figures.
FIGURE_SPECS = figure_specs("Q")


# colour, marker and face of each count basis (open markers for computed counts)
_BASIS_STYLE = {
    "exact": (PALETTE[0], "o", PALETTE[0]),
    "derived": (PALETTE[1], "s", "white"),
    "inferred": (PALETTE[3], "^", "white"),
}


def plot_respondents(groups, ax=None, lang: str = "fr"):
    """Horizontal bars of respondents by group; the unstated remainder is hatched.

    Parameters
    ----------
    groups : DataFrame
        From :func:`housing_research.analysis.questionnaire.respondents_by_group`.
    ax : matplotlib Axes, optional
        Where to draw; default the current axes.
    lang : {"fr", "en"}
        Language of the labels.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from housing_research.analysis.questionnaire import load_questionnaire, respondents_by_group
    >>> fig, ax = plt.subplots()
    >>> ax = plot_respondents(respondents_by_group(load_questionnaire()), ax=ax, lang="fr")
    >>> [t.get_text() for t in ax.get_yticklabels()][0]
    'Organismes Hlm'
    >>> plt.close(fig)
    """
    text = section("questionnaire", lang)
    ax = current_axes(ax)
    y = list(range(len(groups)))[::-1]
    residual = (groups["count_basis"] == "residual").to_numpy()
    for yi, r, count in zip(y, residual, groups["count"]):
        if r:
            ax.barh(yi, count, color="white", edgecolor="black", hatch="///", linewidth=0.8)
        else:
            ax.barh(yi, count, color=PALETTE[0], edgecolor=PALETTE[0], linewidth=0.8)
        ax.annotate(str(count), (count, yi), xytext=(3, 0), textcoords="offset points", va="center")
    ax.set_yticks(y, [textwrap.fill(s, 26) for s in groups[f"label_{lang}"]])
    ax.set_xlabel(text["respondents"])
    ax.set_xlim(0, groups["count"].max() * 1.15)
    ax.xaxis.set_major_locator(MultipleLocator(2))
    handles = [Patch(facecolor=PALETTE[0], edgecolor=PALETTE[0], label=text["given"])]
    if residual.any():
        handles.append(Patch(facecolor="white", edgecolor="black", hatch="///", label=text["gap"]))
    ax.legend(handles=handles, loc="lower right")
    total = int(groups["respondents"].iloc[0])
    stated = int(groups.loc[~residual, "count"].sum())
    ax.set_title(textwrap.fill(text["stated"].format(stated=stated, total=total), 40), loc="left",
                 fontsize="medium")
    return ax


def plot_shares(shares, ax=None, lang: str = "fr"):
    """Dot plot of the share of respondents per effect, with Wilson intervals.

    The marker tells how the count is known: filled circle for a count given
    by the document, open square for a count derived from a share ("la
    moitié"), open triangle for a count inferred from a statement. Items that
    concern a sub-group carry its size (``n = 14``).

    Parameters
    ----------
    shares : DataFrame
        From :func:`housing_research.analysis.questionnaire.observed_shares`.
    ax : matplotlib Axes, optional
        Where to draw; default the current axes.
    lang : {"fr", "en"}
        Language of the labels.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from housing_research.analysis.questionnaire import load_questionnaire, observed_shares
    >>> fig, ax = plt.subplots()
    >>> ax = plot_shares(observed_shares(load_questionnaire(), "relations_locataires"), ax=ax, lang="en")
    >>> [float(limit) for limit in ax.get_xlim()]
    [0.0, 1.0]
    >>> plt.close(fig)
    """
    text = section("questionnaire", lang)
    ax = current_axes(ax)
    n_max = shares["respondents"].max()
    y = list(range(len(shares)))[::-1]
    labels = []
    for label, n in zip(shares[f"label_{lang}"], shares["respondents"]):
        label = textwrap.fill(label, 40)
        labels.append(f"{label}\n({text['n'].format(n=n)})" if n != n_max else label)
    for basis, (color, marker, face) in _BASIS_STYLE.items():
        rows = (shares["count_basis"] == basis).to_numpy()
        if not rows.any():
            continue
        sub = shares[rows]
        ys = [yi for yi, keep in zip(y, rows) if keep]
        ax.errorbar(
            sub["share"],
            ys,
            xerr=[sub["share"] - sub["ci_low"], sub["ci_high"] - sub["share"]],
            fmt=marker,
            color=color,
            markerfacecolor=face,
            markeredgecolor=color,
            ecolor=color,
            elinewidth=1,
            capsize=2.5,
            label=text[basis],
        )
    for yi, high, count, n in zip(y, shares["ci_high"], shares["count"], shares["respondents"]):
        ax.annotate(f"{count}/{n}", (high, yi), xytext=(4, 0), textcoords="offset points", va="center",
                    fontsize="small")
    ax.set_yticks(y, labels)
    ax.set_ylim(-0.7, len(shares) - 0.3)
    ax.set_xlim(0.0, 1.0)
    ax.xaxis.set_major_locator(MultipleLocator(0.25))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: text["percent"].format(100 * x)))
    ax.grid(axis="x")
    ax.set_axisbelow(True)
    ax.set_xlabel(text["share"])
    # above the plot: below it, the legend would meet the axis label as soon as the text grows (slides)
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=3, handletextpad=0.3, columnspacing=1.0,
              borderaxespad=0.2)
    return ax


def plot_ranking(ranked, ax=None, lang: str = "fr", order: str = "order"):
    """Items in the order the document gives, without magnitudes; items of one rank share its number.

    ``order`` is the display-text key of the title: ``"order"`` (of importance,
    Q3) or ``"order_frequency"`` (Q5).

    Only an order is known, so the items are drawn as numbered steps, not as
    bars whose lengths would suggest counts.

    Parameters
    ----------
    ranked : DataFrame
        From :func:`housing_research.analysis.questionnaire.ranked_items`.
    ax : matplotlib Axes, optional
        Where to draw; default the current axes.
    lang : {"fr", "en"}
        Language of the labels.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from housing_research.analysis.questionnaire import load_questionnaire, ranked_items
    >>> fig, ax = plt.subplots()
    >>> ax = plot_ranking(ranked_items(load_questionnaire(), "entraide"), ax=ax, lang="fr")
    >>> sorted(t.get_text() for t in ax.texts)[:2]
    ['1', '2']
    >>> plt.close(fig)
    """
    text = section("questionnaire", lang)
    ax = current_axes(ax)
    ranks = ranked["rank"].to_numpy()
    ys = -np.arange(1, len(ranks) + 1, dtype=float)       # one step per item; items of one rank share its number
    ax.plot([0, 0], [ys.max(), ys.min()], color="#999999", linewidth=1, zorder=1)
    size = (2 * plt.rcParams["font.size"]) ** 2             # the circle holds its number at every medium
    ax.scatter([0] * len(ys), ys, s=size, color="white", edgecolor=PALETTE[0], linewidth=1.5, zorder=2)
    for rank, yi, label in zip(ranks, ys, ranked[f"label_{lang}"]):
        ax.text(0, yi, str(rank), ha="center", va="center", fontweight="bold", color=PALETTE[0], zorder=3)
        ax.text(0.12, yi, label, ha="left", va="center")
    ax.annotate(text["most"], (-0.12, ys.max()), ha="right", va="center", fontsize="small", style="italic")
    last = ys[ranks == ranks[-1]]
    if len(last) > 1:                                      # the last rank is shared: no "least cited" item
        ax.annotate(text["tied"], (-0.12, last.mean()), ha="right", va="center", fontsize="small", style="italic")
    else:
        ax.annotate(text["least"], (-0.12, ys.min()), ha="right", va="center", fontsize="small", style="italic")
    ax.set_xlim(-0.55, 1.2)
    ax.set_ylim(ys.min() - 0.6, ys.max() + 0.6)
    ax.set_axis_off()
    ax.set_title(text[order], loc="left", fontsize="medium")
    return ax


def figure_data(figure_id: str, table):
    """Return the table a questionnaire figure is drawn from.

    Examples
    --------
    >>> from housing_research.analysis.questionnaire import load_questionnaire
    >>> figure_data("Q3", load_questionnaire()).index[0]
    'entraide_courses'
    """
    builders = {
        "Q1": lambda: respondents_by_group(table),
        "Q2": lambda: observed_shares(table, theme="relations_locataires"),
        "Q3": lambda: ranked_items(table, "entraide"),
        "Q4": lambda: observed_shares(table, theme="relations_bailleur_locataires"),
        "Q5": lambda: ranked_items(table, "besoins"),
    }
    if figure_id not in builders:
        raise ValueError(f"unknown questionnaire figure {figure_id!r}; choose one of {list(builders)}")
    return builders[figure_id]()


def draw_figure(figure_id: str, table, lang: str = "fr", size: str | None = None):
    """Draw questionnaire figure ``figure_id`` in the project's theme.

    The figure is drawn once inside the theme, so that saving it later gives
    the themed result.

    Parameters
    ----------
    figure_id : {"Q1", "Q2", "Q3", "Q4", "Q5"}
        Which figure (see :data:`FIGURE_SPECS`).
    table : DataFrame
        From :func:`housing_research.analysis.questionnaire.load_questionnaire`.
    lang : {"fr", "en"}
        Language of the labels.
    size : {"column", "page", "slide"}, optional
        The medium; by default the catalogue's size of the figure.

    Returns
    -------
    fig : matplotlib Figure
    data : DataFrame
        The data drawn, for :func:`housing_research.save_figure`.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from housing_research.analysis.questionnaire import load_questionnaire
    >>> fig, data = draw_figure("Q4", load_questionnaire(), lang="fr")
    >>> fig.get_size_inches().tolist(), len(data)
    ([7.2, 4.5], 6)
    >>> plt.close(fig)
    """
    check_lang(lang)
    data = figure_data(figure_id, table)
    plotter = {"Q1": plot_respondents, "Q2": plot_shares, "Q3": plot_ranking, "Q4": plot_shares,
               "Q5": plot_ranking}[figure_id]
    size = size or FIGURE_SIZES[figure_id]
    with theme(size):
        fig, ax = plt.subplots()
        plotter(data, ax=ax, lang=lang, **({"order": "order_frequency"} if figure_id == "Q5" else {}))
        if size == "slide" and plotter is plot_shares:   # its three-entry legend is wider than a slide's plot
            legend_beside(fig, ax)
        finish_figure(fig, size, lang, figure_id)
    return fig, data


__all__ = [
    "FIGURE_SIZES",
    "FIGURE_SPECS",
    "draw_figure",
    "figure_data",
    "plot_ranking",
    "plot_respondents",
    "plot_shares",
]
