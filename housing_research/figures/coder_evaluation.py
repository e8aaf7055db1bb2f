"""Figure of the coders' honest evaluation (notebook 02): E1, in French or English.

Left, Cohen's kappa per axis of the supervised and the rule-based coders
against the manual codes, left one document out, with bootstrap 95 %
intervals; right, the reliability diagram of the supervised coder's held-out
probabilities (how often a suggestion of a given probability is right).
Tables come from the ``suggest`` step (``coder_evaluation.csv``,
``coder_reliability.csv``).

Examples
--------
>>> import pandas as pd, matplotlib.pyplot as plt
>>> rel = pd.DataFrame({"probability_bin": ["0.00-0.50", "0.50-1.00"], "n": [4, 6],
...                     "mean_probability": [0.3, 0.8], "share_right": [0.25, 0.83]})
>>> ax = plot_reliability(rel, lang="en")
>>> ax.get_xlabel()
'Probability of the suggested code'
>>> plt.close(ax.figure)
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from housing_research.figures.catalogue import FIGURE_SIZES
from housing_research.figures.style import current_axes, series_style, theme
from housing_research.figures.text_fit import finish_figure
from housing_research.i18n import check_lang, section
from housing_research.labels import axis_title

CODERS = ("supervised", "rule_based")


def plot_coder_kappa(evaluation: pd.DataFrame, ax=None, lang: str = "fr"):
    """Bars of kappa per axis and coder (pooled over documents), with their bootstrap intervals."""
    t = section("coder_evaluation", lang)
    ax = current_axes(ax)
    pooled = evaluation[evaluation["document"] == "all"]
    axes = list(dict.fromkeys(pooled["axis"]))
    x = np.arange(len(axes))
    for i, coder in enumerate(CODERS):
        rows = pooled[pooled["coder"] == coder].set_index("axis").reindex(axes)
        kappa = rows["kappa"].astype(float).to_numpy()
        err = np.vstack([kappa - rows["kappa_low"].astype(float), rows["kappa_high"].astype(float) - kappa])
        s = series_style(i)
        ax.bar(x + (i - 0.5) * 0.38, kappa, width=0.38, color=s["color"], hatch=s["hatch"], edgecolor="black",
               linewidth=0.4, label=t[coder], yerr=err, error_kw=dict(linewidth=0.6, capsize=1.5))
    ax.axhline(0, color="black", linewidth=0.5)
    ax.axhline(0.6, color="grey", linewidth=0.6, linestyle="--")
    ax.set_xticks(x, [axis_title(a, lang) for a in axes], rotation=30, ha="right", fontsize="x-small")
    ax.set_ylim(min(-0.1, float(np.nanmin(pooled["kappa_low"].astype(float))) - 0.05), 1.05)
    ax.set_ylabel(t["kappa"])
    ax.legend(fontsize="x-small", loc="upper left", ncols=2, frameon=False)
    return ax


def plot_reliability(reliability: pd.DataFrame, ax=None, lang: str = "fr"):
    """Share of right suggestions against their mean probability, per bin; the diagonal is perfect calibration."""
    t = section("coder_evaluation", lang)
    ax = current_axes(ax)
    table = reliability[reliability["n"] > 0]
    ax.plot([0, 1], [0, 1], color="grey", linewidth=0.6, linestyle="--")
    s = series_style(0)
    ax.plot(table["mean_probability"], table["share_right"], color=s["color"], marker=s["marker"],
            markeredgecolor="black", markeredgewidth=0.4, linewidth=1)
    for p, r, n in zip(table["mean_probability"], table["share_right"], table["n"]):
        ax.annotate(f"n={int(n)}", (p, r), xytext=(3, -9), textcoords="offset points", fontsize="xx-small")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.set_yticks([0.2, 0.4, 0.6, 0.8, 1.0])    # the corner's 0 is the x axis's: two would collide on a slide
    ax.set_xlabel(t["probability"])
    ax.set_ylabel(t["share_right"])
    return ax


def draw_figure(figure_id: str, evaluation: pd.DataFrame, reliability: pd.DataFrame, lang: str = "fr",
                size: str | None = None):
    """Draw figure ``E1`` in the project's theme; return ``(fig, data)``.

    ``size`` is the medium (``"slide"`` for the seminar), by default the catalogue's.
    """
    check_lang(lang)
    if figure_id != "E1":
        raise ValueError(f"unknown coder-evaluation figure {figure_id!r}; choose 'E1'")
    size = size or FIGURE_SIZES[figure_id]
    with theme(size):
        fig, axes = plt.subplots(1, 2, width_ratios=(1.6, 1))
        plot_coder_kappa(evaluation, ax=axes[0], lang=lang)
        plot_reliability(reliability, ax=axes[1], lang=lang)
        finish_figure(fig, size, lang, figure_id)
    data = {"evaluation": evaluation[evaluation["document"] == "all"], "reliability": reliability}
    return fig, data
