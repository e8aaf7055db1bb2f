"""Figures of the typology coding (notebook 02), in French or English, labels from the codebook.

Table helpers: :func:`axis_distribution` (counts of the codes of one axis,
set-valued axes counted code by code) and :func:`crosstab` (two axes crossed,
initiatives with several codes counted under each). Figures: ``T1`` the
distribution of each axis, ``T2`` origin crossed with the institutionalisation
level and with the registers, ``T3`` the pole score by origin, ``T4`` the
agreement between derived and manual codes.

Examples
--------
>>> import pandas as pd
>>> coded = pd.DataFrame({"period": ["principal"] * 3,
...                       "origin": ["bailleur", "bailleur; locataires", "locataires"]})
>>> axis_distribution(coded, "origin").to_dict()
{'locataires': 2, 'bailleur': 2, 'collectivite': 0, 'tiers': 0}
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from housing_research.codebook import DIMENSIONS, codebook
from housing_research.figure_output import LANGS, FigureSpec
from housing_research.style import PALETTE, series_style, theme

NOTEBOOK = "02-codage-typologique.ipynb"
#: Coded-table column of each axis.
COLUMNS = {"origin": "origin", **{d: d for d in DIMENSIONS}, "level": "institutionalisation_level",
           "register": "register", "pole": "pole_class"}
_TEXT = {
    "fr": {"count": "Nombre d'initiatives", "score": "Score de pôle", "band": "entre-deux",
           "agreement": "Accord", "raw": "Accord brut", "kappa": "Kappa de Cohen", "alpha": "Alpha de Krippendorff",
           "unknown": "Inconnu", "dispositif": "dispositif", "habitante": "initiative habitante"},
    "en": {"count": "Number of initiatives", "score": "Pole score", "band": "in-between",
           "agreement": "Agreement", "raw": "Raw agreement", "kappa": "Cohen's kappa", "alpha": "Krippendorff's alpha",
           "unknown": "Unknown", "dispositif": "institutional scheme", "habitante": "inhabitants' initiative"},
}


def _text(lang):
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; every figure is made in {' and '.join(LANGS)}")
    return _TEXT[lang]


def _principal(coded: pd.DataFrame) -> pd.DataFrame:
    return coded[coded["period"] == "principal"] if "period" in coded.columns else coded


def _codes(cell) -> list[str]:
    if cell is None or (isinstance(cell, float) and np.isnan(cell)):
        return [codebook().unknown]
    parts = [p.strip() for p in str(cell).split(";") if p.strip()]
    return parts or [codebook().unknown]


def axis_distribution(coded: pd.DataFrame, axis: str, include_unknown: bool = False) -> pd.Series:
    """Number of initiatives (principal period) holding each code of ``axis``, in codebook order."""
    values = _principal(coded)[COLUMNS[axis]].map(_codes).explode()
    order = list(codebook().codes(axis)) + ([codebook().unknown] if include_unknown else [])
    return values.value_counts().reindex(order, fill_value=0).astype(int)


def crosstab(coded: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Axes ``a`` (rows) and ``b`` (columns) crossed; set-valued cells counted under each of their codes."""
    table = _principal(coded)[[COLUMNS[a], COLUMNS[b]]].copy()
    table.columns = ["a", "b"]
    table = table.assign(a=table["a"].map(_codes), b=table["b"].map(_codes)).explode("a").explode("b")
    out = pd.crosstab(table["a"], table["b"])
    rows = [c for c in list(codebook().codes(a)) + [codebook().unknown] if c in out.index]
    cols = [c for c in list(codebook().codes(b)) + [codebook().unknown] if c in out.columns]
    out = out.loc[rows, cols]
    out.index.name, out.columns.name = a, b
    return out


def pole_scores(coded: pd.DataFrame) -> pd.DataFrame:
    """Pole score of each initiative (principal period) with its origin (``conjointe`` for several)."""
    from housing_research.typology_tables import single_origin

    main = _principal(coded)
    return pd.DataFrame({"origin": main["origin"].map(single_origin).to_numpy(),
                         "pole_score": pd.to_numeric(main["pole_score"], errors="coerce").to_numpy()},
                        index=main["initiative_id"].to_numpy())


def _label(axis, code, lang):
    cb = codebook()
    if axis == "origin" and code == cb.joint_origin().code:
        return getattr(cb.joint_origin(), f"label_{lang}")
    return cb.label("level" if axis == "level" else axis, code, lang)


def _axis_title(axis, lang):
    cb = codebook()
    if axis in DIMENSIONS:
        return next(d[f"label_{lang}"] for d in cb.raw["axes"]["institutionalisation"]["dimensions"] if d["code"] == axis)
    if axis == "level":
        return cb.raw["axes"]["institutionalisation"][f"label_{lang}"]
    return cb.raw["axes"][axis][f"label_{lang}"]


def plot_distribution(counts: pd.Series, axis: str, ax=None, lang: str = "fr"):
    """Horizontal bars of one axis's codes (complementary registers hatched)."""
    ax = ax if ax is not None else plt.subplots()[1]
    cb = codebook()
    for i, (code, n) in enumerate(counts.items()):
        complementary = axis == "register" and cb.category("register", code).extra.get("complementary", False)
        ax.barh(i, n, color=PALETTE[5] if complementary else PALETTE[0], hatch="///" if complementary else "",
                edgecolor="black", linewidth=0.4)
        ax.text(n, i, f" {n}", va="center", fontsize="xx-small")
    ax.set_yticks(range(len(counts)), [_label(axis, c, lang) for c in counts.index], fontsize="xx-small")
    ax.invert_yaxis()
    ax.set_title(_axis_title(axis, lang), loc="left", fontsize="small")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=3))
    ax.tick_params(axis="x", labelsize="x-small")
    ax.margins(x=0.2)
    return ax


def plot_crosstab(table: pd.DataFrame, a: str, b: str, ax=None, lang: str = "fr"):
    """Heatmap of a cross-tabulation, counts written in the cells (grey scale, readable in print)."""
    ax = ax if ax is not None else plt.subplots()[1]
    values = table.to_numpy()
    ax.imshow(values, cmap="Greys", vmin=0, vmax=max(1, values.max()) * 1.3, aspect="auto")
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            ax.text(j, i, str(values[i, j]), ha="center", va="center", fontsize="x-small",
                    color="white" if values[i, j] > values.max() * 0.6 else "black")
    ax.set_xticks(range(values.shape[1]), [_label(b, c, lang) for c in table.columns], rotation=35, ha="right",
                  fontsize="xx-small")
    ax.set_yticks(range(values.shape[0]), [_label(a, c, lang) for c in table.index], fontsize="xx-small")
    ax.set_title(f"{_axis_title(a, lang)} × {_axis_title(b, lang)}", loc="left", fontsize="small")
    return ax


def plot_pole_by_origin(scores: pd.DataFrame, ax=None, lang: str = "fr"):
    """Pole score by origin: box plots with the initiatives as points, the in-between band shaded."""
    t = _text(lang)
    ax = ax if ax is not None else plt.subplots()[1]
    band = float(codebook().raw["pole"]["band"])
    order = [c for c in list(codebook().codes("origin")) + [codebook().joint_origin().code, codebook().unknown]
             if c in set(scores["origin"])]
    ax.axvspan(-band, band, color="lightgrey", alpha=0.5, lw=0)
    ax.text(0, len(order) - 0.45, t["band"], ha="center", fontsize="xx-small")
    data = [scores.loc[scores["origin"] == o, "pole_score"].dropna().to_numpy() for o in order]
    ax.boxplot(data, positions=range(len(order)), orientation="horizontal", widths=0.5, showfliers=False,
               medianprops=dict(color="black"))
    rng = np.random.default_rng(0)  # fixed jitter: the figure is identical on every build
    for i, values in enumerate(data):
        s = series_style(i)
        ax.scatter(values, i + rng.uniform(-0.15, 0.15, len(values)), s=10, color=s["color"], marker=s["marker"],
                   edgecolor="black", linewidth=0.3, zorder=3)
    ax.set_yticks(range(len(order)), [_label("origin", o, lang) if o != codebook().unknown else t["unknown"]
                                      for o in order], fontsize="x-small")
    ax.set_xlim(-1.05, 1.05)
    ax.set_xticks([-1, 0, 1], [f"−1\n{t['dispositif']}", "0", f"+1\n{t['habitante']}"], fontsize="xx-small")
    ax.set_xlabel(t["score"])
    return ax


def plot_agreement(summary: pd.DataFrame, ax=None, lang: str = "fr"):
    """Grouped bars per axis: raw agreement, Cohen's kappa, Krippendorff's alpha."""
    t = _text(lang)
    ax = ax if ax is not None else plt.subplots()[1]
    table = summary[summary["category"].isna() | (summary["category"].astype(str) == "")]
    table = table.drop_duplicates("axis").set_index("axis")
    x = np.arange(len(table))
    for i, (col, name) in enumerate((("agreement", t["raw"]), ("kappa", t["kappa"]), ("alpha", t["alpha"]))):
        s = series_style(i)
        ax.bar(x + (i - 1) * 0.27, table[col].astype(float), width=0.27, color=s["color"], hatch=s["hatch"],
               edgecolor="black", linewidth=0.4, label=name)
    ax.set_xticks(x, [_axis_title(a, lang) if a in COLUMNS else a for a in table.index], rotation=30, ha="right",
                  fontsize="x-small")
    ax.axhline(0, color="black", linewidth=0.5)
    ax.set_ylim(min(-0.1, float(table[["kappa", "alpha"]].astype(float).min().min()) - 0.05), 1.05)
    ax.set_ylabel(t["agreement"])
    ax.legend(fontsize="x-small", loc="lower left")
    return ax


FIGURE_SPECS: dict[str, FigureSpec] = {
    "T1": FigureSpec("T1", "Distribution des trois axes de la typologie", "Distribution of the three axes of the typology",
                     "Nombre d'initiatives par code de chaque axe (période principale) ; une initiative à origine "
                     "conjointe ou à plusieurs registres compte sous chacun ; registres complémentaires hachurés.",
                     "Number of initiatives per code of each axis (principal period); an initiative with a joint "
                     "origin or several registers counts under each; complementary registers hatched.", NOTEBOOK),
    "T2": FigureSpec("T2", "Croisements des axes", "Cross-tabulations of the axes",
                     "Origine croisée avec le niveau d'institutionnalisation (à gauche) et avec les registres "
                     "d'action (à droite), en nombre d'initiatives.",
                     "Origin crossed with the institutionalisation level (left) and with the action registers "
                     "(right), in numbers of initiatives.", NOTEBOOK),
    "T3": FigureSpec("T3", "Score de pôle selon l'origine", "Pole score by origin",
                     "Score de pôle de chaque initiative (de −1, dispositif, à +1, initiative habitante) selon qui "
                     "l'a lancée ; la bande grise est l'entre-deux défini dans le livre de codes.",
                     "Pole score of each initiative (from −1, institutional scheme, to +1, inhabitants' initiative) "
                     "by who started it; the grey band is the in-between defined in the codebook.", NOTEBOOK),
    "T4": FigureSpec("T4", "Accord entre codage dérivé et codage manuel", "Agreement between derived and manual codes",
                     "Accord brut, kappa de Cohen et alpha de Krippendorff (nominal ; ordinal pour le niveau ; "
                     "distance MASI pour les registres) entre les codes dérivés des champs descriptifs et le codage "
                     "manuel.", "Raw agreement, Cohen's kappa and Krippendorff's alpha (nominal; ordinal for the "
                     "level; MASI distance for the registers) between the codes derived from the descriptive fields "
                     "and the manual codes.", NOTEBOOK),
}
FIGURE_SIZES = {"T1": "page", "T2": "page", "T3": "column", "T4": "column"}
T1_AXES = ("origin", "animation", "gestion", "decision", "financement", "level", "register")


def draw_figure(figure_id: str, coded: pd.DataFrame, agreement_summary: pd.DataFrame | None = None, lang: str = "fr"):
    """Draw coding figure ``figure_id`` (T1-T4) in the project's theme; return ``(fig, data)``."""
    _text(lang)
    with theme(FIGURE_SIZES[figure_id]):
        if figure_id == "T1":
            fig, axes = plt.subplots(2, 4)
            data = {a: axis_distribution(coded, a) for a in T1_AXES}
            for ax, axis in zip(axes.ravel(), T1_AXES):
                plot_distribution(data[axis], axis, ax=ax, lang=lang)
            axes.ravel()[-1].set_visible(False)
        elif figure_id == "T2":
            fig, axes = plt.subplots(1, 2)
            data = {"level": crosstab(coded, "origin", "level"), "register": crosstab(coded, "origin", "register")}
            plot_crosstab(data["level"], "origin", "level", ax=axes[0], lang=lang)
            plot_crosstab(data["register"], "origin", "register", ax=axes[1], lang=lang)
        elif figure_id == "T3":
            fig, ax = plt.subplots()
            data = pole_scores(coded)
            plot_pole_by_origin(data, ax=ax, lang=lang)
        elif figure_id == "T4":
            fig, ax = plt.subplots()
            data = agreement_summary
            plot_agreement(data, ax=ax, lang=lang)
        else:
            raise ValueError(f"unknown coding figure {figure_id!r}; choose one of {list(FIGURE_SPECS)}")
        fig.canvas.draw()
    return fig, data
