"""The typology codebook as a typed, read-only object.

The codebook lives in ``housing_research/coding/codebook.yaml`` (versioned; read
and checked by :mod:`housing_research.coding.codebook_checks`). It defines the
three axes of the typology (origin, institutionalisation, action register), the
pole between ``dispositif`` and ``initiative_habitante``, and for every
category its code, French and English labels, definition, indicators and an
example. Every reader of the codebook goes through :class:`Codebook`'s
methods; its data are frozen, so a caller can never change what another sees.

Axis names used throughout the package:

- ``origin`` -- who started the initiative (several codes = joint start);
- ``animation``, ``gestion``, ``decision``, ``financement`` -- the four
  dimensions of institutionalisation, sharing the categories ``habitants`` /
  ``partage`` / ``institution`` (plus ``inconnu``);
- ``level`` -- the overall institutionalisation level (``faible`` / ``moyen`` /
  ``fort``);
- ``register`` -- action registers (several allowed), six core ones and two
  complementary ones (``accompagnement``, ``information``);
- ``pole`` -- ``dispositif`` / ``entre_deux`` / ``initiative_habitante``.

Examples
--------
>>> from housing_research import codebook
>>> cb = codebook()
>>> cb.codes("origin")
('locataires', 'bailleur', 'collectivite', 'tiers')
>>> cb.category_label("register", "entraide", "en")
'Mutual aid'
>>> cb.axis_label("gestion", "fr"), cb.pole_class(0.6)
('Gestion', 'initiative_habitante')
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

import pandas as pd

from housing_research import paths
from housing_research.coding.codebook_checks import DIMENSIONS, load_codebook_file
from housing_research.coding.codebook_types import (
    Axis,
    Category,
    Dimension,
    PoleRule,
    Rule,
    make_axis,
    make_category,
    make_rule,
)

#: Axes that can be coded by hand (column ``axis`` of the manual codes table).
MANUAL_AXES: tuple[str, ...] = ("origin", *DIMENSIONS, "register")
#: Axes that accept several codes for one initiative and period.
MULTI_AXES: tuple[str, ...] = ("origin", "register")
#: Coded moments of an initiative, in order: at its start, as described, during the Covid crisis.
PERIODS: tuple[str, ...] = ("debut", "principal", "covid")
#: Derived axes (computed from the others).
DERIVED_AXES: tuple[str, ...] = ("level", "pole")


@dataclass(frozen=True)
class Codebook:
    """A validated codebook; obtain one with :func:`codebook`.

    Examples
    --------
    >>> cb = codebook()
    >>> cb.codes("gestion")
    ('habitants', 'partage', 'institution')
    >>> cb.codes("pole")
    ('dispositif', 'entre_deux', 'initiative_habitante')
    """

    version: str
    source: str
    unknown_category: Category
    joint: Category
    dimensions: tuple[Dimension, ...]
    origin_triggers: tuple[str, ...]
    pole_rule: PoleRule
    rules: tuple[Rule, ...]
    min_known: int
    _axes: Mapping[str, Axis] = field(repr=False)
    _categories: Mapping[str, tuple[Category, ...]] = field(repr=False)

    @classmethod
    def from_data(cls, data: dict, source: str = "") -> "Codebook":
        """Build the typed codebook from checked data (:func:`load_codebook_file`)."""
        axes = data["axes"]
        inst, pole = axes["institutionalisation"], data["pole"]
        categories = {name: tuple(make_category(name, c) for c in axes[name]["categories"])
                      for name in ("origin", "institutionalisation", "register")}
        categories["level"] = tuple(make_category("level", c) for c in inst["levels"]["categories"])
        categories["pole"] = tuple(make_category("pole", c) for c in pole["classes"])
        axis_info = {name: make_axis(name, axes[name]) for name in ("origin", "institutionalisation", "register")}
        axis_info["level"] = Axis("level", inst["label_fr"], inst["label_en"], " ".join(inst["definition"].split()),
                                  " ".join(inst["levels"]["rule"].split()))
        axis_info["pole"] = make_axis("pole", pole)
        joint = data["axes"]["origin"]["joint"]
        return cls(
            version=data["version"], source=source,
            unknown_category=make_category("unknown", data["unknown"]),
            joint=make_category("origin", joint),
            dimensions=tuple(Dimension(d["code"], d["label_fr"], d["label_en"], d["field"])
                             for d in inst["dimensions"]),
            origin_triggers=tuple(axes["origin"].get("description_triggers", ())),
            pole_rule=PoleRule(float(pole["band"]), MappingProxyType(dict(pole["dimension_weights"])),
                               tuple(pole["defining"]), " ".join(pole["source"].split()),
                               " ".join(pole["convention"].split())),
            rules=tuple(make_rule(r) for r in data["rules"]), min_known=int(inst["levels"]["min_known"]),
            _axes=MappingProxyType(axis_info), _categories=MappingProxyType(categories),
        )

    # ----------------------------------------------------------- categories
    @property
    def unknown(self) -> str:
        """The code given when there is no evidence (``inconnu``)."""
        return self.unknown_category.code

    def axes(self) -> tuple[str, ...]:
        """Every axis name accepted by :meth:`codes` and :meth:`category_label`."""
        return (*MANUAL_AXES, "institutionalisation", *DERIVED_AXES)

    def categories(self, axis: str) -> tuple[Category, ...]:
        """The categories of ``axis`` (see the module docstring for names)."""
        key = "institutionalisation" if axis in DIMENSIONS else axis
        if key not in self._categories:
            raise KeyError(f"unknown axis {axis!r}; expected one of {self.axes()}")
        return self._categories[key]

    def codes(self, axis: str) -> tuple[str, ...]:
        """Codes of ``axis`` in codebook order (``inconnu`` not included)."""
        return tuple(c.code for c in self.categories(axis))

    def category(self, axis: str, code: str) -> Category:
        """One category (``inconnu`` and, on origin, the joint category included); ``KeyError`` otherwise."""
        for c in self.categories(axis):
            if c.code == code:
                return c
        if code == self.unknown:
            return self.unknown_category
        if axis == "origin" and code == self.joint.code:
            return self.joint
        raise KeyError(f"{code!r} is not a code of axis {axis!r}")

    def core_registers(self) -> tuple[str, ...]:
        """The six core action registers, in codebook order."""
        return tuple(c.code for c in self.categories("register") if not c.complementary)

    def kind_to_origin(self) -> dict[str, str]:
        """Origin code of each organisation kind (``oph`` → ``bailleur``...)."""
        return {kind: c.code for c in self.categories("origin") for kind in c.kinds}

    # --------------------------------------------------------------- labels
    def axis(self, axis: str) -> Axis:
        """Labels, definition and rule of ``origin``, ``institutionalisation``, ``level``, ``register`` or ``pole``."""
        if axis not in self._axes:
            raise KeyError(f"unknown axis {axis!r}; expected one of {tuple(self._axes)}")
        return self._axes[axis]

    def dimension(self, code: str) -> Dimension:
        """One dimension of institutionalisation."""
        for d in self.dimensions:
            if d.code == code:
                return d
        raise KeyError(f"unknown dimension {code!r}; expected one of {DIMENSIONS}")

    def axis_label(self, axis: str, lang: str = "fr") -> str:
        """Display name of an axis or dimension in ``lang``."""
        return self.dimension(axis).label(lang) if axis in DIMENSIONS else self.axis(axis).label(lang)

    def category_label(self, axis: str, code: str, lang: str = "fr") -> str:
        """Display label of ``code`` on ``axis`` in ``lang`` (``fr`` or ``en``)."""
        return self.category(axis, code).label(lang)

    label = category_label

    # ---------------------------------------------------------------- rules
    def level(self, degree: float) -> str:
        """Institutionalisation level of a degree in [0, 1] (``inconnu`` for NaN); bounds from the codebook."""
        if degree != degree:                                   # NaN
            return self.unknown
        low, mid, high = self.categories("level")
        if degree < low.upper - 1e-9:
            return low.code
        if degree > mid.upper + 1e-9:
            return high.code
        return mid.code

    def pole_class(self, score: float) -> str:
        """Pole class of a score in [-1, 1]: beyond the band on either side, or in between."""
        if score != score:                                     # NaN
            return self.unknown
        dispositif, between, habitante = self.codes("pole")
        if score > self.pole_rule.band:
            return habitante
        if score < -self.pole_rule.band:
            return dispositif
        return between

    def rule(self, rule_id: str) -> Rule:
        """One decision rule by its id; ``KeyError`` naming the known ids otherwise."""
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(f"unknown rule {rule_id!r}; the codebook's rules are {', '.join(r.id for r in self.rules)}")

    def origin_label(self, codes, lang: str = "fr") -> str:
        """Label of an origin: one code's label, or the short labels of a joint origin's parties.

        Examples
        --------
        >>> codebook().origin_label(["bailleur", "tiers"], "en")
        'Landlord + Third party'
        """
        codes = [c for c in self.codes("origin") if c in set(codes)]
        if not codes:
            return self.unknown_category.label(lang)
        if len(codes) == 1:
            return self.category_label("origin", codes[0], lang)
        return " + ".join(self.category("origin", c).short(lang) for c in codes)

    def table(self) -> pd.DataFrame:
        """All categories as one DataFrame (columns axis, code, labels, definition, ...)."""
        rows = []
        for axis in ("origin", "institutionalisation", "level", "register", "pole"):
            for c in self.categories(axis):
                rows.append({"axis": axis, "code": c.code, "label_fr": c.label_fr, "label_en": c.label_en,
                             "definition": c.definition, "indicators": "; ".join(c.indicators),
                             "example": c.example, "complementary": c.complementary})
        return pd.DataFrame(rows)


@functools.lru_cache(maxsize=8)
def _load(path: str) -> Codebook:
    return Codebook.from_data(load_codebook_file(path), source=paths.relative(Path(path)))


def codebook(path=None) -> Codebook:
    """Read and validate the codebook.

    Parameters
    ----------
    path : path-like, optional
        A codebook file; by default the one shipped with the package.

    Returns
    -------
    Codebook
        Read-only: the same object is shared by every caller.

    Raises
    ------
    InputError
        When a category lacks a label, a definition, indicators or an example,
        when a code is duplicated within an axis, or when a rule setting is
        missing; the error names the file, the line and the value.

    Examples
    --------
    >>> cb = codebook()
    >>> cb.version
    '2.0.0'
    >>> cb.codes("level")
    ('faible', 'moyen', 'fort')
    """
    return _load(str(Path(path or paths.CODEBOOK).resolve()))


def label(axis: str, code: str, lang: str = "fr") -> str:
    """Display label of a code, for figures and tables.

    Parameters
    ----------
    axis : str
        ``origin``, ``animation`` ... ``financement``, ``level``, ``register`` or ``pole``.
    code : str
        A code of that axis, or ``inconnu``.
    lang : {"fr", "en"}

    Examples
    --------
    >>> label("pole", "initiative_habitante")
    'Initiative habitante'
    >>> label("origin", "collectivite", "en")
    'Local authority or public body'
    """
    return codebook().category_label(axis, code, lang)
