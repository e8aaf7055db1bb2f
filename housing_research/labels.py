"""Display labels, in French or English, of everything a figure or table names.

One place for the labels of codes (from the codebook), of the MCA's
``variable=category`` pairs, of classes, regions and axis titles; the
surrounding words come from the display-text catalogue
(:mod:`housing_research.i18n`).

Examples
--------
>>> category_label("reg_entraide", "oui", "en")
'Mutual aid'
>>> category_label("reg_entraide", "non", "fr")
'non entraide'
>>> category_label("gestion", "habitants", "fr")
'Gestion : Habitants'
>>> code_label("origin", "conjointe", "en"), cluster_label(2, "fr")
('Joint origin', 'Classe 2')
>>> category_label("origin", "bailleur+tiers", "fr")
'Bailleur + Tiers'
"""

from __future__ import annotations

import functools

from housing_research.coding.codebook import DIMENSIONS, codebook
from housing_research.i18n import check_lang, text

#: Prefix of the register indicator variables of the MCA tables.
REGISTER_PREFIX = "reg_"
#: Values of a register indicator variable.
YES, NO = "oui", "non"
#: Placeholder of a missing region, theme or document in the tables.
NOT_STATED = "non_renseigne"


def code_label(axis: str, code: str, lang: str = "fr") -> str:
    """Label of a code of ``axis`` (``origin``, a dimension, ``level``, ``register``, ``pole``).

    The joint origin ``conjointe`` and ``inconnu`` are labelled too.
    """
    return codebook().category_label(axis, code, lang)


def short_code_label(axis: str, code: str, lang: str = "fr") -> str:
    """Short label of a code where the codebook gives one (slides, narrow panels); its label otherwise.

    >>> short_code_label("origin", "tiers", "en"), short_code_label("register", "entraide", "en")
    ('Third party', 'Mutual aid')
    """
    return codebook().category(axis, code).short(lang)


def axis_title(axis: str, lang: str = "fr") -> str:
    """Title of an axis or dimension (``level`` is titled as institutionalisation)."""
    cb = codebook()
    return cb.axis_label("institutionalisation" if axis == "level" else axis, lang)


def category_label(variable: str, category: str, lang: str = "fr") -> str:
    """Label of an MCA category ``variable=category``, e.g. ``reg_entraide=oui`` → "Entraide"."""
    check_lang(lang)
    if variable.startswith(REGISTER_PREFIX):
        name = code_label("register", variable[len(REGISTER_PREFIX):], lang)
        return name if category == YES else f"{text('labels.negation', lang)} {name.lower()}"
    if variable == "origin":
        return codebook().origin_label(category.split("+"), lang) if "+" in category else \
            code_label(variable, category, lang)
    if variable == "pole":
        return code_label(variable, category, lang)
    if variable in DIMENSIONS or variable == "level":
        return f"{axis_title(variable, lang)}{text('labels.colon', lang)} {code_label(variable, category, lang)}"
    return f"{variable}={category}"


def cluster_label(k: int, lang: str = "fr") -> str:
    """'Classe 2' / 'Class 2'."""
    return f"{text('typology.cluster', lang)} {k}"


@functools.lru_cache(maxsize=1)
def _regions() -> dict:
    from housing_research.inventory.reference import load_regions

    table = load_regions()
    return {row.slug: {"fr": row.name_fr, "en": row.name_en} for row in table.itertuples(index=False)}


def document_label(doc_id: str, lang: str = "fr") -> str:
    """Short name of a source document: its number, kind and year ("003 Lettre AORIF 2020").

    Examples
    --------
    >>> document_label("001", "en"), document_label("non_renseigne", "fr")
    ('001 Case studies 2015', 'Non renseignée')
    """
    if doc_id == NOT_STATED:
        return text("corpus.unknown", lang)
    return text(f"documents.{doc_id}", lang)


def region_label(slug: str, lang: str = "fr") -> str:
    """Display name of a region slug (``non_renseigne`` → "Non renseignée")."""
    if slug == NOT_STATED:
        return text("corpus.unknown", lang)
    names = _regions().get(slug)
    return names[check_lang(lang)] if names else slug
