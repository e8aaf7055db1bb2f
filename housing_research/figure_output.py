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

import hashlib
import io
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import matplotlib as mpl
import numpy as np
import pandas as pd

from housing_research import paths
from housing_research.style import REPRODUCIBLE_RC

#: Languages every figure exists in.
LANGS: tuple[str, ...] = ("fr", "en")
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
#: Decimals kept of every float a figure is drawn from and hashed in its
#: checksum. The last bits of a linear-algebra result vary between processors
#: and BLAS builds; rounding to this precision makes the figures and their
#: checksums the same on every machine (a value would have to lie within
#: 1e-15 of a rounding boundary to flip).
DATA_DECIMALS = 9
#: Environment variable that redirects figures (used by the tests).
FIGURES_DIR_ENV = "HOUSING_RESEARCH_FIGURES_DIR"

_SOFTWARE = "housing-research"
_FIGURE_ID = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")
_METADATA = {
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": _SOFTWARE, "Creator": _SOFTWARE},
    "svg": {"Date": None, "Creator": _SOFTWARE},
    "png": {"Software": _SOFTWARE},
}


def _check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; every figure is made in {' and '.join(map(repr, LANGS))}")
    return lang


@dataclass(frozen=True)
class FigureSpec:
    """What a figure is: its stable id, its titles and captions, its notebook.

    Parameters
    ----------
    figure_id : str
        Stable id cited by papers, letters then digits (``"Q1"``, ``"T3"``).
        It starts the file names, so it holds no underscore or space.
    title_fr, title_en : str
        Title in French and in English.
    caption_fr, caption_en : str
        Caption in French and in English.
    notebook : str
        File name of the notebook that draws the figure.

    Examples
    --------
    >>> spec = FigureSpec("Q1", "Répondants", "Respondents", "Par groupe.", "By group.", "05-q.ipynb")
    >>> spec.title("en"), spec.caption("fr")
    ('Respondents', 'Par groupe.')
    """

    figure_id: str
    title_fr: str
    title_en: str
    caption_fr: str
    caption_en: str
    notebook: str

    def __post_init__(self):
        if not isinstance(self.figure_id, str) or not _FIGURE_ID.match(self.figure_id):
            raise ValueError(
                f"figure id {self.figure_id!r} must be letters then letters or digits, "
                "with no underscore or space (e.g. 'Q1')"
            )
        for name in ("title_fr", "title_en", "caption_fr", "caption_en", "notebook"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"figure {self.figure_id}: {name} must be a non-empty string")

    def title(self, lang: str) -> str:
        """Return the title in ``lang`` (``"fr"`` or ``"en"``)."""
        return getattr(self, f"title_{_check_lang(lang)}")

    def caption(self, lang: str) -> str:
        """Return the caption in ``lang`` (``"fr"`` or ``"en"``)."""
        return getattr(self, f"caption_{_check_lang(lang)}")


def stable(values, decimals: int = DATA_DECIMALS):
    """Round the floats of ``values`` to ``decimals`` places, negative zero as zero.

    Figures draw from stable values, so that the last bits of a BLAS result,
    which differ between machines, change neither the picture nor its
    checksum. Non-float columns are returned unchanged.

    Parameters
    ----------
    values : DataFrame, Series, ndarray or float
    decimals : int

    Examples
    --------
    >>> import numpy as np
    >>> stable(np.array([0.1 + 0.2, -1e-17]))
    array([0.3, 0. ])
    """
    if isinstance(values, pd.DataFrame):
        out = values.copy()
        for column in out.columns:
            if pd.api.types.is_float_dtype(out[column]):
                out[column] = stable(out[column].to_numpy(), decimals)
        return out
    if isinstance(values, pd.Series):
        if not pd.api.types.is_float_dtype(values):
            return values
        return pd.Series(stable(values.to_numpy(), decimals), index=values.index, name=values.name)
    array = np.asarray(values)
    if not np.issubdtype(array.dtype, np.floating):
        return values
    rounded = np.round(array, decimals) + 0.0          # + 0.0 turns -0.0 into 0.0
    return rounded if rounded.ndim else float(rounded)


def _canonical_csv(frame: pd.DataFrame) -> str:
    # Column-by-column object copies make the text independent of how pandas
    # stores the blocks (C or Fortran order, consolidated or not, string
    # backend); floats are rounded to DATA_DECIMALS first (see stable()).
    frame = stable(frame.reset_index(drop=True)).set_axis(frame.index)
    frame = pd.DataFrame({i: frame.iloc[:, i].astype(object) for i in range(frame.shape[1])}, index=frame.index)
    return frame.to_csv(lineterminator="\n")


def data_checksum(obj) -> str:
    """Return the SHA-256 of a canonical CSV rendering of the data of a figure.

    The checksum depends on the values (floats rounded to
    :data:`DATA_DECIMALS` places), the row and column labels and their order,
    and not on how pandas happens to hold the data in memory nor on the last
    bits of a floating-point result.

    Parameters
    ----------
    obj : DataFrame, Series or mapping of them
        The data a figure is drawn from. A mapping is rendered key by key in
        sorted key order.

    Returns
    -------
    str
        64 hexadecimal digits.

    Examples
    --------
    >>> import pandas as pd
    >>> a = data_checksum(pd.DataFrame({"n": [14, 6]}, index=["hlm", "amicale"]))
    >>> b = data_checksum(pd.DataFrame({"n": [14, 7]}, index=["hlm", "amicale"]))
    >>> len(a), a == b
    (64, False)
    """
    return hashlib.sha256(_render(obj).encode("utf-8")).hexdigest()


def _render(obj) -> str:
    if isinstance(obj, pd.DataFrame):
        columns = list(obj.columns)
        frame = obj.copy()
        frame.columns = range(len(columns))
        header = "columns:" + "|".join(map(str, columns)) + "\n"
        return header + _canonical_csv(frame)
    if isinstance(obj, pd.Series):
        return f"series:{obj.name}\n" + _canonical_csv(obj.to_frame(name=0))
    if isinstance(obj, Mapping):
        if not obj:
            raise ValueError("data_checksum needs at least one table")
        parts = []
        for key in sorted(obj, key=str):
            parts.append(f"## {key}\n" + _render(obj[key]))
        return "".join(parts)
    raise TypeError(f"data_checksum takes a DataFrame, a Series or a dict of them, not {type(obj).__name__}")


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


def _render_file(fig, fmt: str, dpi: int) -> bytes:
    buffer = io.BytesIO()
    with mpl.rc_context(REPRODUCIBLE_RC):
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=_METADATA[fmt])
    return buffer.getvalue()


def save_figure(fig, spec: FigureSpec, *, lang: str, data, directory=None, formats=FORMATS, dpi: int = 300) -> list[Path]:
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
    >>> fig, ax = plt.subplots()
    >>> out = save_figure(fig, spec, lang="fr", data={"a": pd.Series([1])},
    ...                   directory=tempfile.mkdtemp(), formats=("svg",))
    >>> [p.name for p in out]
    ['X2_fr.svg']
    >>> plt.close(fig)
    """
    _check_lang(lang)
    if not isinstance(spec, FigureSpec):
        raise TypeError(f"spec must be a FigureSpec, not {type(spec).__name__}")
    formats = tuple(formats)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ValueError(f"unknown figure format(s) {unknown}; choose among {list(FORMATS)}")
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


def draw_and_save(draw, specs, figure_id, *args, directory=None, **kwargs):
    """Draw a figure in English then French, save both, return the French figure.

    Parameters
    ----------
    draw : callable
        A module's ``draw_figure(figure_id, *args, lang=..., **kwargs)`` returning ``(fig, data)``.
    specs : dict of FigureSpec
        The module's ``FIGURE_SPECS``.
    figure_id : str
        Which figure.
    directory : path-like, optional
        Where to save (default as :func:`save_figure`).

    Returns
    -------
    matplotlib Figure
        The French figure (closed: it displays once as the cell's result in a notebook).
    """
    import matplotlib.pyplot as plt

    for lang in ("en", "fr"):
        fig, data = draw(figure_id, *args, lang=lang, **kwargs)
        save_figure(fig, specs[figure_id], lang=lang, data=data, directory=directory)
        plt.close(fig)
    return fig
