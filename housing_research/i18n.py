"""Languages and display text: the one catalogue of French and English text.

Every label, axis title and legend that a figure or table shows is read from
``housing_research/display_text.yaml`` through :func:`text`; the labels of
codes come from the codebook (:mod:`housing_research.labels`). Numbers are
written with the decimal comma in French and the point in English
(:func:`number`).

Examples
--------
>>> text("typology.status.nouveau", "en")
'New'
>>> text("corpus.no_year", "fr", n=3)
'sans année de début dite : 3'
>>> number(0.75, "fr", 2), number(0.75, "en", 2)
('0,75', '0.75')
"""

from __future__ import annotations

import functools
import re
from types import MappingProxyType

import yaml

from housing_research import paths

#: Languages every figure and table label exists in.
LANGS: tuple[str, ...] = ("fr", "en")


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is one of :data:`LANGS`, else raise ``ValueError``.

    Examples
    --------
    >>> check_lang("fr")
    'fr'
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(map(repr, LANGS))}")
    return lang


def _freeze(node):
    if isinstance(node, dict):
        return MappingProxyType({k: _freeze(v) for k, v in node.items()})
    if isinstance(node, list):
        return tuple(_freeze(v) for v in node)
    return node


@functools.lru_cache(maxsize=1)
def catalogue() -> MappingProxyType:
    """The parsed display-text file, read-only (``text`` and ``figures`` sections)."""
    with open(paths.DISPLAY_TEXT, encoding="utf-8") as handle:
        return _freeze(yaml.safe_load(handle))


def _leaf(key: str):
    node = catalogue()["text"]
    for part in key.split("."):
        if not hasattr(node, "keys") or part not in node:
            raise KeyError(f"no display text {key!r} in {paths.relative(paths.DISPLAY_TEXT)}")
        node = node[part]
    if not (hasattr(node, "keys") and set(node.keys()) == set(LANGS)):
        raise KeyError(f"display text {key!r} is a section, not a text; name one of its keys")
    return node


def text(key: str, lang: str, **values) -> str:
    """The display text ``key`` (dotted path) in ``lang``, formatted with ``values``.

    Examples
    --------
    >>> text("questionnaire.stated", "en", stated=27, total=28)
    'Group stated: 27 of 28 respondents'
    """
    value = _leaf(key)[check_lang(lang)]
    return value.format(**values) if values else value


def section(name: str, lang: str) -> dict:
    """Every text of a catalogue section in ``lang``, as a nested dict (sub-sections as dicts).

    Examples
    --------
    >>> section("typology.status", "en")["arrete"]
    'Stopped'
    >>> section("corpus", "fr")["status"]["kept"]
    'gardées'
    """
    check_lang(lang)
    node = catalogue()["text"]
    for part in name.split("."):
        if part not in node:
            raise KeyError(f"no display-text section {name!r} in {paths.relative(paths.DISPLAY_TEXT)}")
        node = node[part]

    def resolve(n):
        if set(n.keys()) == set(LANGS):
            return n[lang]
        return {k: resolve(v) for k, v in n.items()}

    return resolve(node)


def number(value: float, lang: str, decimals: int = 1) -> str:
    """A number with ``decimals`` places and the decimal separator of ``lang``.

    Examples
    --------
    >>> number(12.345, "fr"), number(-0.5, "en", 2)
    ('12,3', '-0.50')
    """
    return f"{float(value):.{decimals}f}".replace(".", decimal_mark(lang))


def decimal_mark(lang: str) -> str:
    """The decimal separator of ``lang``: the comma in French, the point in English.

    Examples
    --------
    >>> decimal_mark("fr"), decimal_mark("en")
    (',', '.')
    """
    return "," if check_lang(lang) == "fr" else "."


def unbreakable_spaces(value: str, lang: str) -> str:
    """``value`` with the spaces French typography ties to a sign made no-break, so that wrapping never splits them.

    In French, the spaces before ``; : ! ? »`` and after ``«``; English has none.

    Examples
    --------
    >>> unbreakable_spaces("dans [0 ; 1] « oui »", "fr") == "dans [0\u00a0; 1] «\u00a0oui\u00a0»"
    True
    >>> unbreakable_spaces("a ; b", "en")
    'a ; b'
    """
    if check_lang(lang) != "fr":
        return value
    return re.sub(r" ([;:!?»])", "\u00a0\\1", value).replace("« ", "«\u00a0")
