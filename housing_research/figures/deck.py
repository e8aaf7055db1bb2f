"""The seminar deck: one PDF per language, one page per figure, from the slide versions.

Every figure's slide version (``figures/slides/<id>_<lang>.pdf``, written by
:func:`~.output.draw_and_save`) already is a whole 16:9 slide at projection
size, 13.33 x 7.5 in, with the figure's title and caption from the catalogue
and no text under 18 pt. :func:`build_deck` puts them one per page, at that
same size (so the text keeps its size), in :data:`DECK_ORDER`, into
``figures/decks/seminar_<lang>.pdf``: the slides' vector pages (pypdf), not
raster images of them, with the fonts they share stored once. The PDF
carries no date, no random id and a fixed producer, so two builds give the
same bytes.

Examples
--------
>>> deck_order(["Q1", "C1", "Z9", "M2"])
['C1', 'M2', 'Q1', 'Z9']
"""

from __future__ import annotations

import io
from pathlib import Path

from housing_research import paths
from housing_research.figures.catalogue import FIGURES
from housing_research.figures.output import read_manifest, slides_directory
from housing_research.i18n import check_lang

#: The order of the seminar's story: the corpus, the coding grid, the typology,
#: the Covid period and the questionnaire; the method figures (cleaning,
#: agreement, inertia, tree, stability) close the deck as an appendix.
#: Figures not listed follow, in catalogue order.
DECK_ORDER: tuple[str, ...] = (
    "C1", "C2", "C3", "T1", "T2", "T3", "M2", "M4", "V1", "V2", "Q1", "Q2", "Q3", "Q4", "Q5",
    "C4", "T4", "M1", "M3", "M5",
)

_METADATA = {"/Producer": "housing-research", "/Creator": "housing-research"}


def deck_order(figure_ids) -> list[str]:
    """``figure_ids`` in the deck's order: :data:`DECK_ORDER` first, the others after, in catalogue order."""
    known = list(DECK_ORDER) + [f for f in FIGURES if f not in DECK_ORDER]
    ids = list(dict.fromkeys(figure_ids))
    return sorted(ids, key=lambda f: (known.index(f) if f in known else len(known), f))


def deck_path(lang: str, out_dir=None) -> Path:
    """The deck's file: ``seminar_<lang>.pdf`` in ``out_dir`` (default ``figures/decks``)."""
    return Path(out_dir if out_dir is not None else paths.DECKS) / f"seminar_{check_lang(lang)}.pdf"


def build_deck(lang: str, slides_dir=None, out_dir=None) -> Path:
    """Write the seminar deck of ``lang``: one page per slide version, in :func:`deck_order`.

    Parameters
    ----------
    lang : {"fr", "en"}
        Language of the deck.
    slides_dir : path, optional
        Folder of the slide versions and their manifest (default
        ``figures/slides``, or the folder ``$HOUSING_RESEARCH_FIGURES_DIR`` names).
    out_dir : path, optional
        Where the deck goes (default ``figures/decks``).

    Returns
    -------
    Path
        The deck written (not rewritten when its bytes are unchanged).

    Raises
    ------
    FileNotFoundError
        When the slides folder has no slide of that language (run the notebooks first).

    Examples
    --------
    >>> build_deck("fr").name  # doctest: +SKIP
    'seminar_fr.pdf'
    """
    from pypdf import PdfWriter

    check_lang(lang)
    folder = Path(slides_dir) if slides_dir is not None else slides_directory()
    manifest = read_manifest(folder)
    ids = deck_order(manifest.loc[manifest["lang"] == lang, "figure_id"])
    if not ids:
        raise FileNotFoundError(f"no slide in {lang!r} in {folder}; run `housing-research notebooks` first")
    writer = PdfWriter()
    for figure_id in ids:                      # the slides' own vector pages, not pictures of them
        writer.append(folder / f"{figure_id}_{lang}.pdf")
    writer.compress_identical_objects()        # the fonts every slide embeds, once
    writer.add_metadata(_METADATA)
    buffer = io.BytesIO()
    writer.write(buffer)
    target = deck_path(lang, out_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_bytes() != buffer.getvalue():
        target.write_bytes(buffer.getvalue())
    return target
