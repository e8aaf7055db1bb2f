"""The cell rules of the cleaning: whitespace, hyphenation, separators, codes, periods.

Each rule is a small function of one cell's text, applied by
:func:`housing_research.clean` in the order of
:data:`housing_research.inventory.cleaning.RULES`; the cleaning records every
cell a rule changes. :func:`name_similarity` scores two initiative names for
the duplicate detection.

Examples
--------
>>> clean_whitespace("  des   pratiques\u00a0collaboratives ")
'des pratiques collaboratives'
>>> clean_hyphenation("les pra- tiques collaboratives")
'les pratiques collaboratives'
>>> controlled_code("Lien social")
'lien_social'
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from housing_research.text import MULTI_SEP, normalise_text, split_multi, strip_accents

_SPACES = re.compile(r"\s+")

_HYPHEN = re.compile(r"(?<=[a-zà-ÿœ])- +(?=[a-zà-ÿœ])")

_SPLIT_ANY = re.compile(r"\s*(?:;|,|/|\bet\b)\s*")


_STOP = {"de", "des", "du", "la", "le", "les", "l", "d", "et", "a", "au", "aux", "en", "pour", "un", "une", "sur"}

#: Columns whose parts are checked against the organisations table when split.
ORG_COLUMNS = ("carrier", "partners")


# ---------------------------------------------------------------- cell rules
def clean_whitespace(text: str) -> str:
    """Strip and collapse whitespace (rule ``whitespace``)."""
    return _SPACES.sub(" ", text.replace("\u00a0", " ")).strip()


def clean_hyphenation(text: str) -> str:
    """Join words split by an end-of-line hyphen (rule ``hyphenation``)."""
    return _HYPHEN.sub("", text)


def controlled_code(text: str) -> str:
    """Turn a typed controlled value into a code ("Lien social" → "lien_social")."""
    code = strip_accents(text).casefold().strip()
    return re.sub(r"[\s\-’']+", "_", code)


def content_words(name: str) -> set[str]:
    """The words of a name that carry meaning (articles and prepositions left out), normalised.

    Examples
    --------
    >>> sorted(content_words("Jardin partagé de la Cité"))
    ['cite', 'jardin', 'partage']
    """
    return {w for w in normalise_text(name).split() if w not in _STOP}


def name_similarity(a: str, b: str) -> float:
    """Similarity of two names in [0, 1]: the larger of the content-word Jaccard index and the
    squared normalised InDel similarity of the texts (rapidfuzz's ``ratio``; squared, because
    character ratios of unrelated French names are often near 0.5).

    Examples
    --------
    >>> round(name_similarity("Phoning des personnes âgées", "Phoning des personnes âgées isolées"), 2)
    0.76
    """
    return similarity(normalise_text(a), normalise_text(b), content_words(a), content_words(b))


def similarity(a: str, b: str, words_a: set[str], words_b: set[str]) -> float:
    """:func:`name_similarity` of two names already normalised, with their content words."""
    union = words_a | words_b
    jac = len(words_a & words_b) / len(union) if union else 0.0
    return max(jac, (fuzz.ratio(a, b) / 100) ** 2)


def controlled_value(value: str, column: str, multi: bool) -> str:
    """Every value of a controlled cell as its code (rule ``controlled_value_case``)."""
    parts = value.split(MULTI_SEP) if multi else [value]
    out = []
    for part in parts:
        code = controlled_code(part)
        if column == "source_doc" and code.isdigit():
            code = code.zfill(3)
        out.append(code)
    return MULTI_SEP.join(out)


def normalise_multi(value: str, column: str, matcher, resolver) -> str:
    """One separator in a multi-valued cell (rule ``multivalue_separator``).

    Organisation and place cells are split on "," "/" " et " only where every
    part is a known organisation or place (``matcher``, ``resolver``), so
    "Toit et Joie" stays whole.
    """
    if column in ORG_COLUMNS or column == "place":
        parts = split_multi(value)
        out = []
        for part in parts:
            pieces = [p for p in _SPLIT_ANY.split(part) if p]
            known = (lambda p: matcher.match(p)[0] is not None) if column in ORG_COLUMNS else \
                (lambda p: any(resolver.resolve(p)))
            whole_known = known(part)
            if len(pieces) > 1 and not whole_known and all(known(p) for p in pieces):
                out.extend(pieces)
            else:
                out.append(part)
        return MULTI_SEP.join(out)
    if column == "themes":
        return MULTI_SEP.join(p for p in _SPLIT_ANY.split(value) if p)
    return MULTI_SEP.join(p for p in re.split(r"\s*;\s*|\s+/\s+", value) if p)
