"""Text helpers shared by every layer: folding, multi-valued cells, closest matches.

- :func:`fold` is the one text normaliser: lower case, no accents, ligatures
  spelt out, straight apostrophes, single spaces. Indicators of the codebook
  are matched on folded text; :func:`normalise_text` also turns punctuation
  into spaces, for comparing names.
- A cell holding several values separates them with :data:`MULTI_SEP`
  (``"; "``); :func:`split_multi` and :func:`join_multi` read and write such
  cells everywhere.
- :func:`closest` proposes the allowed value nearest to a typo, for every
  error message that suggests a fix.

Examples
--------
>>> fold("À l’initiative des Élus  du cœur")
"a l'initiative des elus du coeur"
>>> normalise_text("Toit et Joie – Poste-Habitat")
'toit et joie poste habitat'
>>> split_multi("bailleur; tiers ;"), join_multi(["bailleur", "tiers"])
(['bailleur', 'tiers'], 'bailleur; tiers')
>>> closest("dispositf", ["dispositif", "action"])
'dispositif'
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata

#: Separator of several values in one cell.
MULTI_SEP = "; "
#: Similarity (difflib ratio) from which a typo is matched to an allowed value.
CLOSEST_CUTOFF = 0.6

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "’": "'", "‘": "'", "`": "'",
                            "\u00a0": " ", "\u202f": " "})
_PUNCT = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")


def is_missing(value) -> bool:
    """True for None, NaN, pandas' NA and blank strings.

    Examples
    --------
    >>> is_missing(None), is_missing(float("nan")), is_missing("  "), is_missing("0")
    (True, True, True, False)
    """
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")


class _AccentTable(dict):
    """``str.translate`` table mapping each character to its NFKD decomposition without combining marks.

    Filled lazily, one character at a time: stripping a string character by
    character gives the same result as normalising it whole, because the
    combining marks that normalisation reorders are all dropped.
    """

    def __missing__(self, codepoint: int) -> str:
        char = chr(codepoint)
        stripped = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        self[codepoint] = stripped
        return stripped


_ACCENTS = _AccentTable()


def strip_accents(text: str) -> str:
    """Remove accents (é → e, Ü → U).

    Examples
    --------
    >>> strip_accents("Évry-Courcouronnes")
    'Evry-Courcouronnes'
    """
    return text if text.isascii() else text.translate(_ACCENTS)


def fold(text) -> str:
    """Lower case, no accents, ligatures spelt out, straight apostrophes, single spaces.

    Missing values fold to the empty string.

    Examples
    --------
    >>> fold("  L’ŒUVRE   Sociale ")
    "l'oeuvre sociale"
    >>> fold(None)
    ''
    """
    if is_missing(text):
        return ""
    text = strip_accents(str(text).translate(_LIGATURES)).casefold()
    return _SPACES.sub(" ", text).strip()


def normalise_text(text) -> str:
    """:func:`fold`, with punctuation and dashes turned into spaces.

    Examples
    --------
    >>> normalise_text("Mons-en-Barœul (59)")
    'mons en baroeul 59'
    """
    return _SPACES.sub(" ", _PUNCT.sub(" ", fold(text))).strip()


def split_multi(cell) -> list[str]:
    """The values of a multi-valued cell (separated by ``;``), stripped, empty ones dropped.

    Examples
    --------
    >>> split_multi(" locataires ;bailleur"), split_multi(None)
    (['locataires', 'bailleur'], [])
    """
    if is_missing(cell):
        return []
    return [part.strip() for part in str(cell).split(";") if part.strip()]


def join_multi(values) -> str | None:
    """Write values as one cell (``"a; b"``), repeats dropped, order kept; None when empty.

    Examples
    --------
    >>> join_multi(["a", "b", "a"]), join_multi([])
    ('a; b', None)
    """
    out = list(dict.fromkeys(str(v) for v in values if not is_missing(v)))
    return MULTI_SEP.join(out) if out else None


def closest(value, choices, cutoff: float = CLOSEST_CUTOFF) -> str | None:
    """The choice nearest to ``value`` (difflib ratio at least ``cutoff``), or None.

    Examples
    --------
    >>> closest("adpte", ["adapte", "arrete"]), closest("zzz", ["adapte"])
    ('adapte', None)
    """
    match = difflib.get_close_matches(str(value), [str(c) for c in choices], n=1, cutoff=cutoff)
    return match[0] if match else None


def did_you_mean(value, choices, limit: int = 12) -> str:
    """A fix to suggest: "did you mean 'x'?" or the list of allowed values.

    Examples
    --------
    >>> did_you_mean("tier", ["tiers", "bailleur"])
    "did you mean 'tiers'?"
    >>> did_you_mean("zzz", ["tiers", "bailleur"])
    'use one of tiers, bailleur'
    """
    choices = [str(c) for c in choices]
    near = closest(value, choices)
    if near is not None:
        return f"did you mean {near!r}?"
    shown = ", ".join(choices[:limit]) + (", ..." if len(choices) > limit else "")
    return f"use one of {shown}"
