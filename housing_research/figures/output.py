"""Saving figures: one function for every figure of the project.

:func:`save_figure` writes a figure as PDF and SVG (vector) and as a 300-dpi
PNG, with every timestamp and random id removed so that two builds give the
same bytes, and records it in ``manifest.csv``: a stable figure id, the file
names, the French and English title and caption, the notebook that draws it
and a checksum of the data it was drawn from. A paper can then cite
"Figure Q1" and a reviewer can check that the figure matches the data.

Examples
--------
>>> import tempfile
>>> import matplotlib.pyplot as plt
>>> import pandas as pd
>>> from housing_research.figures.catalogue import FIGURES, FigureSpec
>>> spec = FigureSpec("X1", "Titre", "Title", "Légende.", "Caption.", "00-example.ipynb")
>>> data = pd.DataFrame({"x": [1, 2], "y": [3, 4]})
>>> fig, ax = plt.subplots()
>>> _ = ax.plot(data["x"], data["y"])
>>> folder = tempfile.mkdtemp()
>>> [p.name for p in save_figure(fig, spec, lang="en", data=data, directory=folder)]
['X1_en.pdf', 'X1_en.svg', 'X1_en.png']
>>> read_manifest(folder)[["figure_id", "lang", "files"]].iloc[0].tolist()
['X1', 'en', 'X1_en.pdf;X1_en.svg;X1_en.png']
>>> plt.close(fig)
"""
from __future__ import annotations

import io
import os
import re
from pathlib import Path

import matplotlib as mpl
import pandas as pd

from housing_research import paths
from housing_research.figures.catalogue import FIGURES, FigureSpec
from housing_research.figures.checksum import data_checksum
from housing_research.figures.layout_check import check_layout, layout_problems
from housing_research.figures.style import REPRODUCIBLE_RC
from housing_research.figures.text_fit import SLIDE_MIN_POINTS
from housing_research.i18n import LANGS, check_lang

#: Output formats save_figure knows how to write reproducibly.
FORMATS: tuple[str, ...] = ("pdf", "svg", "png")
#: Columns of the manifest, in order.
MANIFEST_COLUMNS: list[str] = [
    "figure_id",
    "lang",
    "files",
    "title_fr",
    "title_en",
    "caption_fr",
    "caption_en",
    "notebook",
    "data_sha256",
    "width_in",
    "height_in",
]
#: Environment variable that redirects figures (used by the tests).
FIGURES_DIR_ENV = "HOUSING_RESEARCH_FIGURES_DIR"
#: Formats and PNG resolution of the slide versions (a 13.33-in slide at 150 dpi is 2000 px wide).
SLIDE_FORMATS: tuple[str, ...] = ("pdf", "png")
SLIDE_DPI = 150

_SOFTWARE = "housing-research"
_METADATA = {
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": _SOFTWARE, "Creator": _SOFTWARE},
    "svg": {"Date": None, "Creator": _SOFTWARE},
    "png": {"Software": _SOFTWARE},
}


def figures_directory(directory=None) -> Path:
    """Return where figures go: ``directory``, else ``$HOUSING_RESEARCH_FIGURES_DIR``, else ``figures/``.

    Examples
    --------
    >>> figures_directory("/tmp/somewhere").name
    'somewhere'
    """
    if directory is not None:
        return Path(directory)
    env = os.environ.get(FIGURES_DIR_ENV)
    return Path(env) if env else paths.FIGURES


def slides_directory(directory=None) -> Path:
    """Where slide versions go: the ``slides`` folder inside :func:`figures_directory`.

    Examples
    --------
    >>> slides_directory("/tmp/somewhere").as_posix()
    '/tmp/somewhere/slides'
    """
    return figures_directory(directory) / paths.SLIDES.name


def _render_file(fig, fmt: str, dpi: int) -> bytes:
    buffer = io.BytesIO()
    with mpl.rc_context(REPRODUCIBLE_RC):
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=_METADATA[fmt])
    return buffer.getvalue()


def save_figure(fig, spec: FigureSpec, *, lang: str, data, directory=None, formats=FORMATS, dpi: int = 300,
                check: bool = True, min_points: float | None = None) -> list[Path]:
    """Write a figure in every format and record it in the manifest.

    Files are named ``{figure_id}_{lang}.{ext}``. Dates, random ids and
    software versions are kept out of the files, so saving the same figure
    again gives the same bytes (files whose content is unchanged are not
    rewritten). The manifest row for (figure id, language) is added or
    replaced in ``{directory}/manifest.csv``.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure, drawn in language ``lang``.
    spec : FigureSpec
        Id, titles, captions and notebook of the figure.
    lang : {"fr", "en"}
        Language the figure is drawn in.
    data : DataFrame, Series or dict of them
        The data drawn; its checksum goes into the manifest.
    directory : path, optional
        Output folder; default ``$HOUSING_RESEARCH_FIGURES_DIR`` if set, else
        the repository's ``figures/``.
    formats : sequence of {"pdf", "svg", "png"}
        Formats to write.
    dpi : int
        Resolution of the PNG.
    check : bool
        Refuse (:class:`~.layout_check.LayoutError`, nothing written) a
        figure whose text is clipped, overlapping or, in French, written with
        a decimal point (:func:`~.layout_check.check_layout`).
    min_points : float, optional
        Smallest text size allowed (points), checked even when ``check`` is False.

    Returns
    -------
    list of Path
        The files written, in the order of ``formats``.

    Notes
    -----
    Only the settings that make files reproducible are applied while saving;
    the look comes from the :func:`~housing_research.theme` in force when the
    figure was drawn. Matplotlib creates some tick labels lazily, at the first
    draw, from the settings in force at that moment: save inside the same
    ``with theme(...)`` block, or call ``fig.canvas.draw()`` inside it before
    leaving, so that the saved figure is fully themed.

    Examples
    --------
    >>> import tempfile
    >>> import matplotlib.pyplot as plt
    >>> spec = FigureSpec("X2", "Essai", "Test", "Essai.", "Test.", "00-example.ipynb")
    >>> fig, ax = plt.subplots(layout="constrained")
    >>> _ = ax.set_xticks([0, 1]), ax.set_yticks([0, 1])
    >>> out = save_figure(fig, spec, lang="fr", data={"a": pd.Series([1])},
    ...                   directory=tempfile.mkdtemp(), formats=("svg",))
    >>> [p.name for p in out]
    ['X2_fr.svg']
    >>> plt.close(fig)
    """
    check_lang(lang)
    if not isinstance(spec, FigureSpec):
        raise TypeError(f"spec must be a FigureSpec, not {type(spec).__name__}")
    formats = tuple(formats)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ValueError(f"unknown figure format(s) {unknown}; choose among {list(FORMATS)}")
    name = f"{spec.figure_id}_{lang}"
    if check:
        check_layout(fig, min_points, lang, name=name)
    elif min_points is not None:
        small = [p for p in layout_problems(fig, min_points) if p.kind == "small"]
        if small:
            raise ValueError(f"{name}: text under {min_points:g} pt: " + "; ".join(map(str, small)))
    checksum = data_checksum(data)
    folder = figures_directory(directory)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        target = folder / f"{spec.figure_id}_{lang}.{fmt}"
        content = _render_file(fig, fmt, dpi)
        if not target.exists() or target.read_bytes() != content:
            target.write_bytes(content)
        written.append(target)
    width, height = fig.get_size_inches()
    row = {
        "figure_id": spec.figure_id,
        "lang": lang,
        "files": ";".join(p.name for p in written),
        "title_fr": spec.title_fr,
        "title_en": spec.title_en,
        "caption_fr": spec.caption_fr,
        "caption_en": spec.caption_en,
        "notebook": spec.notebook,
        "data_sha256": checksum,
        "width_in": round(float(width), 3),
        "height_in": round(float(height), 3),
    }
    _upsert_manifest(folder, row)
    return written


def _natural_key(text: str):
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", str(text))]


def read_manifest(directory=None) -> pd.DataFrame:
    """Read ``manifest.csv`` of a figures folder (an empty table if there is none).

    Parameters
    ----------
    directory : path, optional
        Figures folder; same default as :func:`save_figure`.

    Returns
    -------
    DataFrame
        One row per (figure id, language), columns :data:`MANIFEST_COLUMNS`;
        ``width_in`` and ``height_in`` are floats, the rest strings.

    Examples
    --------
    >>> import tempfile
    >>> read_manifest(tempfile.mkdtemp()).columns.tolist()[:3]
    ['figure_id', 'lang', 'files']
    """
    path = figures_directory(directory) / "manifest.csv"
    if not path.exists():
        return pd.DataFrame({c: pd.Series(dtype="float64" if c.endswith("_in") else "str") for c in MANIFEST_COLUMNS})
    dtypes = {c: ("float64" if c.endswith("_in") else "str") for c in MANIFEST_COLUMNS}
    table = pd.read_csv(path, dtype=dtypes, keep_default_na=False, encoding="utf-8")
    missing = [c for c in MANIFEST_COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(f"{path.name}: missing column(s) {missing}; delete it and rebuild the figures")
    return table[MANIFEST_COLUMNS]


def _upsert_manifest(folder: Path, row: dict) -> None:
    table = read_manifest(folder)
    keep = ~((table["figure_id"] == row["figure_id"]) & (table["lang"] == row["lang"]))
    new = pd.DataFrame([row], columns=MANIFEST_COLUMNS)
    table = pd.concat([table[keep], new], ignore_index=True) if keep.any() else new
    order = sorted(range(len(table)), key=lambda i: (_natural_key(table["figure_id"].iloc[i]), table["lang"].iloc[i]))
    table = table.iloc[order].reset_index(drop=True)
    text = table.to_csv(index=False, lineterminator="\n")
    path = folder / "manifest.csv"
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    tmp = folder / f".manifest.{os.getpid()}.tmp"
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def draw_and_save(draw, figure_id, *args, directory=None, slides: bool = True, **kwargs):
    """Draw a figure in English then French, save both with their slide versions, return the French figure.

    Parameters
    ----------
    draw : callable
        A figure module's ``draw_figure(figure_id, *args, lang=..., size=..., **kwargs)``
        returning ``(fig, data)``.
    figure_id : str
        Which figure; its titles and captions come from the catalogue
        (:data:`housing_research.figures.catalogue.FIGURES`).
    directory : path-like, optional
        Where to save (default as :func:`save_figure`); slides go to its
        ``slides`` folder (:func:`slides_directory`).
    slides : bool
        Also draw and save the slide version (``size="slide"``: 16:9 at
        projection size, title and caption on it, no text under 18 pt), as
        PDF and PNG, in the slides folder's own manifest.

    Returns
    -------
    matplotlib Figure
        The French figure (closed: it displays once as the cell's result in a notebook).

    Notes
    -----
    Journal figures and slides alike must pass the whole layout check
    (nothing clipped, nothing overlapping, the French decimal comma); a
    slide must also keep every text at 18 pt or more.
    """
    import matplotlib.pyplot as plt

    spec = FIGURES[figure_id]
    for lang in reversed(LANGS):
        fig, data = draw(figure_id, *args, lang=lang, **kwargs)
        save_figure(fig, spec, lang=lang, data=data, directory=directory)
        plt.close(fig)
        if slides:
            slide, data = draw(figure_id, *args, lang=lang, size="slide", **kwargs)
            save_figure(slide, spec, lang=lang, data=data, directory=slides_directory(directory),
                        formats=SLIDE_FORMATS, dpi=SLIDE_DPI, min_points=SLIDE_MIN_POINTS)
            plt.close(slide)
    return fig
