"""Every raw row tied to its passage: locating and checking it in the team's copies of the documents.

A row of the raw inventory carries a locator: its document (``source_doc``),
section heading (``source_section``), page where the source has pages
(``source_page``), and the character span of the passage (``span_start``,
``span_end``: Python string offsets, end excluded) in the plain-text version
of the document, read as UTF-8 with no newline translation. That text is
identified by its SHA-256, listed in ``data/reference/sources.csv``; the
repository never holds the documents' text.

:func:`locate` returns the passage of a row from a folder holding the team's
copies (files named ``<doc_id>_*.txt``), and refuses a file whose hash
differs; :func:`check_locators` checks every row's locator against such a
folder (``housing-research locators --documents DIR``). Document 004's
garbled font is repaired in :attr:`Passage.readable`
(:mod:`housing_research.inventory.garbled`).

Examples
--------
>>> import tempfile, hashlib
>>> from pathlib import Path
>>> import pandas as pd
>>> folder = Path(tempfile.mkdtemp())
>>> text = "Intro. Une amicale organise un repas partagé. Fin."
>>> _ = (folder / "009_demo.txt").write_text(text, encoding="utf-8")
>>> sources = pd.DataFrame({"doc_id": ["009"], "file_prefix": ["009_"],
...                         "sha256": [hashlib.sha256(text.encode()).hexdigest()]})
>>> rows = pd.DataFrame({"raw_id": ["I009-001"], "name": ["Repas de l'amicale"], "source_doc": ["009"],
...                      "source_section": ["Intro"], "source_page": [None], "span_start": ["7"], "span_end": ["45"]})
>>> locate("I009-001", folder, inventory=rows, sources=sources)[0].text
'Une amicale organise un repas partagé.'
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from housing_research import paths
from housing_research.errors import InputError
from housing_research.text import fold, is_missing, split_multi

#: Documents whose plain text is partly garbled by a font error, repaired for reading.
GARBLED_DOCUMENTS = ("004",)


@dataclass(frozen=True)
class Passage:
    """The passage of one raw row in its document."""

    raw_id: str
    doc_id: str
    section: str
    page: str | None
    start: int
    end: int
    text: str

    @property
    def readable(self) -> str:
        """The passage as a person reads it (document 004's garbled font repaired)."""
        if self.doc_id in GARBLED_DOCUMENTS:
            from housing_research.inventory.garbled import repair

            return repair(self.text)
        return self.text


def _sources(sources: pd.DataFrame | None) -> pd.DataFrame:
    if sources is None:
        from housing_research.inventory.reference import load_sources

        sources = load_sources()
    return sources.set_index("doc_id")


def document_text(doc_id: str, documents_dir, sources: pd.DataFrame | None = None) -> str:
    """The text of document ``doc_id`` from ``documents_dir``, refused when its SHA-256 differs."""
    table = _sources(sources)
    if doc_id not in table.index:
        raise InputError(f"unknown source document {doc_id!r}", file=paths.relative(paths.SOURCES),
                         suggestion=f"use one of {', '.join(table.index)}")
    folder = Path(documents_dir)
    if not folder.is_dir():
        raise InputError("documents folder not found", file=str(folder),
                         suggestion="give the folder holding the team's plain-text copies of the documents")
    prefix = table.loc[doc_id, "file_prefix"]
    matches = sorted(folder.glob(f"{prefix}*.txt"))
    if len(matches) != 1:
        raise InputError(f"{len(matches)} files named {prefix}*.txt for document {doc_id}", file=str(folder),
                         suggestion="keep exactly one plain-text copy of each document in the folder")
    data = matches[0].read_bytes()
    expected = table.loc[doc_id, "sha256"]
    found = hashlib.sha256(data).hexdigest()
    if found != expected:
        raise InputError(f"this copy of document {doc_id} is not the text the locators refer to "
                         f"(SHA-256 {found[:12]}…, expected {expected[:12]}…)", file=matches[0].name,
                         suggestion="use the plain-text version listed in data/reference/sources.csv")
    return data.decode("utf-8")


def _passage(row: dict, text: str) -> Passage:
    start, end = int(row["span_start"]), int(row["span_end"])
    page = None if is_missing(row.get("source_page")) else str(row["source_page"])
    return Passage(row["raw_id"], row["source_doc"], row.get("source_section") or "", page, start, end,
                   text[start:end])


def locate(initiative_id: str, documents_dir, inventory: pd.DataFrame | None = None,
           sources: pd.DataFrame | None = None) -> list[Passage]:
    """The passages of a raw row, or of every raw row of a (merged) initiative.

    Parameters
    ----------
    initiative_id : str
        A raw id (``I003-012``) or the id of a cleaned initiative (its first raw row).
    documents_dir : path-like
        Folder holding the team's plain-text copies (``<doc_id>_*.txt``).
    inventory : DataFrame, optional
        The raw inventory (default ``data/raw/inventory.csv``).
    sources : DataFrame, optional
        The sources table (default ``data/reference/sources.csv``).

    Returns
    -------
    list of Passage
    """
    if inventory is None:
        from housing_research.inventory.reading import load_inventory

        inventory = load_inventory()
    rows = inventory[inventory["raw_id"] == initiative_id]
    if rows.empty:
        merged = _merged_rows(initiative_id)
        rows = inventory[inventory["raw_id"].isin(merged)]
    if rows.empty:
        raise InputError(f"no raw row or initiative {initiative_id!r}", suggestion="check the id (e.g. I003-012)")
    passages = []
    for row in rows.to_dict("records"):
        if is_missing(row.get("span_start")) or is_missing(row.get("span_end")):
            raise InputError("row without a locator", row=row["raw_id"], column="span_start",
                             suggestion="give the character span of its passage")
        passages.append(_passage(row, document_text(row["source_doc"], documents_dir, sources)))
    return passages


def _merged_rows(initiative_id: str) -> list[str]:
    try:
        from housing_research.tables import read_processed

        clean = read_processed("inventory", dtype=str, keep_default_na=False)
    except OSError:
        return []
    found = clean.loc[clean["initiative_id"] == initiative_id, "raw_ids"]
    return split_multi(found.iloc[0]) if len(found) else []


def _key_words(row: dict) -> set[str]:
    words = set()
    for column in ("name", "carrier"):
        words |= {w for w in fold(row.get(column) or "").replace("'", " ").split() if len(w) >= 5}
    return words


def check_locators(documents_dir, inventory: pd.DataFrame | None = None,
                   sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """Check every raw row's locator against the documents; one line per problem (empty when all hold).

    A locator holds when its document copy has the listed SHA-256, its span
    lies within the text, is not empty, and its passage (repaired for
    document 004) contains the first six letters of at least one word of five
    letters or more of the row's name or carrier.
    """
    if inventory is None:
        from housing_research.inventory.reading import load_inventory

        inventory = load_inventory()
    texts, problems = {}, []
    for row in inventory.to_dict("records"):
        doc = row["source_doc"]
        if doc not in texts:
            texts[doc] = document_text(doc, documents_dir, sources)
        problem = _locator_problem(row, texts[doc])
        if problem:
            problems.append({"raw_id": row["raw_id"], "source_doc": doc, "problem": problem})
    return pd.DataFrame(problems, columns=["raw_id", "source_doc", "problem"])


def _locator_problem(row: dict, text: str) -> str | None:
    if is_missing(row.get("span_start")) or is_missing(row.get("span_end")):
        return "no span"
    start, end = int(row["span_start"]), int(row["span_end"])
    if not 0 <= start < end <= len(text):
        return f"span {start}-{end} outside the text ({len(text)} characters)"
    passage = fold(_passage(row, text).readable).replace("'", " ")
    stems = {w[:6] for w in _key_words(row)}
    if stems and not any(stem in passage for stem in stems):
        return "the passage holds no word of the row's name or carrier"
    return None


def check_glyph_derivation(documents_dir, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """Check that every garbled/clear pair justifying document 004's glyph table occurs and decodes."""
    from housing_research.inventory.garbled import build_lexicon, repair
    from housing_research.inventory.garbled_glyphs import DERIVATION

    text = document_text(GARBLED_DOCUMENTS[0], documents_dir, sources)
    lexicon = build_lexicon(text)
    problems = []
    for glyph, pairs in DERIVATION.items():
        for garbled, clear, _ in pairs:
            if garbled not in text:
                problems.append({"raw_id": f"glyph {glyph}", "source_doc": GARBLED_DOCUMENTS[0],
                                 "problem": f"{garbled!r} does not occur in the document"})
            elif repair(garbled, lexicon=lexicon) != clear:
                problems.append({"raw_id": f"glyph {glyph}", "source_doc": GARBLED_DOCUMENTS[0],
                                 "problem": f"{garbled!r} decodes as {repair(garbled, lexicon=lexicon)!r}, "
                                            f"not {clear!r}"})
    return pd.DataFrame(problems, columns=["raw_id", "source_doc", "problem"])
