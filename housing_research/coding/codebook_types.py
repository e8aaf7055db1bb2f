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
    pole : float or None
        Pole value of a register (1 = inhabitants, -1 = institutions).
    complementary : bool
        A complementary register, kept apart from the six core ones.
    upper : float or None
        Upper bound of the degree for a level.
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
    pole: float | None = None
    complementary: bool = False
    upper: float | None = None

    def label(self, lang: str) -> str:
        """The label in ``lang``."""
        return getattr(self, f"label_{check_lang(lang)}")


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
    """How the pole score is computed and cut into classes."""

    band: float
    weights: Mapping[str, float]
    origin_values: Mapping[str, float]


def make_category(axis: str, item: dict) -> Category:
    """A category from its checked YAML mapping (definitions and examples on one line)."""
    return Category(
        axis=axis, code=item["code"], label_fr=item["label_fr"], label_en=item["label_en"],
        definition=" ".join(str(item["definition"]).split()), indicators=tuple(item.get("indicators", ())),
        example=" ".join(str(item.get("example", "")).split()), kinds=tuple(item.get("kinds", ())),
        value=item.get("value"), pole=item.get("pole"), complementary=bool(item.get("complementary", False)),
        upper=item.get("upper"),
    )


def make_axis(code: str, node: dict) -> Axis:
    """An axis from its checked YAML mapping."""
    return Axis(code, node["label_fr"], node["label_en"], " ".join(str(node["definition"]).split()),
                " ".join(str(node.get("rule", "")).split()), tuple(node.get("fields", ())))
