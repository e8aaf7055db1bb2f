"""The typed pieces of the codebook: categories, dimensions, axes, the pole rule.

Frozen dataclasses built by :meth:`housing_research.coding.codebook.Codebook.from_data`
from the checked YAML; nobody changes them once read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from housing_research.i18n import check_lang


@dataclass(frozen=True)
class Category:
    """One category of an axis.

    Attributes
    ----------
    axis : str
        ``origin``, ``institutionalisation``, ``level``, ``register`` or ``pole``.
    code, label_fr, label_en, definition : str
        Slug, labels and definition.
    indicators : tuple of str
        Words and phrases that signal the category (``*`` = word prefix).
    example : str
        An example from the inventory, in our own words.
    kinds : tuple of str
        Organisation kinds coded with this origin.
    value : float or None
        Institutionalisation value (habitants 0, partage 0.5, institution 1).
    complementary : bool
        A complementary register, kept apart from the six core ones.
    upper : float or None
        Upper bound of the degree for a level.
    short_fr, short_en : str
        Short labels (origin), used to name joint origins ("Bailleur + Tiers").
    """

    axis: str
    code: str
    label_fr: str
    label_en: str
    definition: str
    indicators: tuple[str, ...] = ()
    example: str = ""
    kinds: tuple[str, ...] = ()
    value: float | None = None
    complementary: bool = False
    upper: float | None = None
    short_fr: str = ""
    short_en: str = ""

    def label(self, lang: str) -> str:
        """The label in ``lang``."""
        return getattr(self, f"label_{check_lang(lang)}")

    def short(self, lang: str) -> str:
        """The short label in ``lang`` (the label when there is none)."""
        return getattr(self, f"short_{check_lang(lang)}") or self.label(lang)


@dataclass(frozen=True)
class Dimension:
    """One dimension of institutionalisation and the inventory field it is read from."""

    code: str
    label_fr: str
    label_en: str
    field: str

    def label(self, lang: str) -> str:
        """The label in ``lang``."""
        return getattr(self, f"label_{check_lang(lang)}")


@dataclass(frozen=True)
class Axis:
    """An axis of the typology (or the pole): labels, definition, coding rule, fields read."""

    code: str
    label_fr: str
    label_en: str
    definition: str
    rule: str
    fields: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        """The label in ``lang``."""
        return getattr(self, f"label_{check_lang(lang)}")


@dataclass(frozen=True)
class PoleRule:
    """How the pole score is computed from the dimensions and cut into classes."""

    band: float
    weights: Mapping[str, float]
    defining: tuple[str, ...]
    source: str = ""
    convention: str = ""


@dataclass(frozen=True)
class Rule:
    """A decision rule: what to code when the source is silent or ambiguous."""

    id: str
    axis: str
    basis: str
    text: str
    example: str
    counter_example: str
    indicators: tuple[str, ...] = ()


def make_category(axis: str, item: dict) -> Category:
    """A category from its checked YAML mapping (definitions and examples on one line)."""
    return Category(
        axis=axis, code=item["code"], label_fr=item["label_fr"], label_en=item["label_en"],
        definition=" ".join(str(item["definition"]).split()), indicators=tuple(item.get("indicators", ())),
        example=" ".join(str(item.get("example", "")).split()), kinds=tuple(item.get("kinds", ())),
        value=item.get("value"), complementary=bool(item.get("complementary", False)),
        upper=item.get("upper"), short_fr=item.get("short_fr", ""), short_en=item.get("short_en", ""),
    )


def make_axis(code: str, node: dict) -> Axis:
    """An axis from its checked YAML mapping."""
    return Axis(code, node["label_fr"], node["label_en"], " ".join(str(node["definition"]).split()),
                " ".join(str(node.get("rule", "")).split()), tuple(node.get("fields", ())))


def make_rule(item: dict) -> Rule:
    """A decision rule from its checked YAML mapping."""
    return Rule(item["id"], item["axis"], item["basis"], " ".join(str(item["text"]).split()),
                " ".join(str(item["example"]).split()), " ".join(str(item["counter_example"]).split()),
                tuple(item.get("indicators", ())))
