"""The typology codebook: reading, validating and presenting it.

The codebook lives in ``housing_research/codebook.yaml`` (a versioned file read
with a safe YAML loader). It defines the three axes of the typology (origin,
institutionalisation, action register), the pole between ``dispositif`` and
``initiative_habitante``, and for every category its code, French and English
labels, definition, indicators and an example.

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
>>> cb.label("register", "entraide", "en")
'Mutual aid'
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from housing_research import paths
from housing_research.errors import InputError

#: The codebook shipped with the package.
CODEBOOK_PATH: Path = Path(__file__).resolve().with_name("codebook.yaml")
#: The documentation page generated from the codebook.
CODEBOOK_DOC_PATH: Path = paths.DOCS / "codebook.md"

#: The four dimensions of institutionalisation, in codebook order.
DIMENSIONS: tuple[str, ...] = ("animation", "gestion", "decision", "financement")
#: Axes that can be coded by hand (column ``axis`` of the manual codes table).
MANUAL_AXES: tuple[str, ...] = ("origin", *DIMENSIONS, "register")
#: Axes that accept several codes for one initiative and period.
MULTI_AXES: tuple[str, ...] = ("origin", "register")
#: Derived axes (computed from the others).
DERIVED_AXES: tuple[str, ...] = ("level", "pole")

_SLUG = re.compile(r"^[a-z][a-z_]*$")
_LANGS = ("fr", "en")


class _LineLoader(yaml.SafeLoader):
    """Safe loader that remembers the line (1-based) of every mapping."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


@dataclass(frozen=True)
class Category:
    """One category of an axis.

    Attributes
    ----------
    axis : str
        Axis (``origin``, ``institutionalisation``, ``level``, ``register``, ``pole``).
    code, label_fr, label_en, definition : str
        Slug, labels and definition.
    indicators : tuple of str
        Words and phrases that signal the category (``*`` = word prefix).
    example : str
        An example from the inventory, in our own words.
    extra : dict
        Axis-specific settings (``kinds``, ``value``, ``pole``, ``complementary``, ``upper``).
    """

    axis: str
    code: str
    label_fr: str
    label_en: str
    definition: str
    indicators: tuple[str, ...] = ()
    example: str = ""
    extra: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Codebook:
    """A validated codebook.

    Use :func:`codebook` to obtain one. ``raw`` keeps the parsed file (without
    line markers) for the settings of the coding rules.

    Examples
    --------
    >>> cb = codebook()
    >>> cb.codes("gestion")
    ('habitants', 'partage', 'institution')
    >>> cb.codes("pole")
    ('dispositif', 'entre_deux', 'initiative_habitante')
    """

    version: str
    raw: dict = field(repr=False, compare=False)
    source: str = ""

    @property
    def unknown(self) -> str:
        """The code given when there is no evidence (``inconnu``)."""
        return self.raw["unknown"]["code"]

    def categories(self, axis: str) -> tuple[Category, ...]:
        """Return the categories of ``axis`` (see the module docstring for names)."""
        key = "institutionalisation" if axis in DIMENSIONS else axis
        if key == "level":
            items = self.raw["axes"]["institutionalisation"]["levels"]["categories"]
        elif key == "pole":
            items = self.raw["pole"]["classes"]
        elif key in self.raw["axes"]:
            items = self.raw["axes"][key]["categories"]
        else:
            raise KeyError(f"unknown axis {axis!r}; expected one of {self.axes()}")
        keep = {"code", "label_fr", "label_en", "definition", "indicators", "example"}
        return tuple(
            Category(
                axis=key, code=c["code"], label_fr=c["label_fr"], label_en=c["label_en"],
                definition=c["definition"], indicators=tuple(c.get("indicators", ())),
                example=c.get("example", ""), extra={k: v for k, v in c.items() if k not in keep},
            )
            for c in items
        )

    def joint_origin(self) -> Category:
        """The single category standing for a joint origin in the analyses (``conjointe``)."""
        j = self.raw["axes"]["origin"]["joint"]
        return Category("origin", j["code"], j["label_fr"], j["label_en"], j["definition"])

    def axes(self) -> tuple[str, ...]:
        """Every axis name accepted by :meth:`codes` and :meth:`label`."""
        return (*MANUAL_AXES, "institutionalisation", *DERIVED_AXES)

    def codes(self, axis: str) -> tuple[str, ...]:
        """Codes of ``axis`` in codebook order (``inconnu`` not included)."""
        return tuple(c.code for c in self.categories(axis))

    def category(self, axis: str, code: str) -> Category:
        """Return one category; ``KeyError`` if ``code`` is not a code of ``axis``."""
        for c in self.categories(axis):
            if c.code == code:
                return c
        if code == self.unknown:
            u = self.raw["unknown"]
            return Category(axis, u["code"], u["label_fr"], u["label_en"], u["definition"])
        raise KeyError(f"{code!r} is not a code of axis {axis!r}")

    def label(self, axis: str, code: str, lang: str = "fr") -> str:
        """Display label of ``code`` on ``axis`` in ``lang`` (``fr`` or ``en``)."""
        if lang not in _LANGS:
            raise ValueError(f"lang must be one of {_LANGS}, not {lang!r}")
        return getattr(self.category(axis, code), f"label_{lang}")

    def table(self) -> pd.DataFrame:
        """All categories as one DataFrame (columns axis, code, labels, definition, ...)."""
        rows = []
        for axis in ("origin", "institutionalisation", "level", "register", "pole"):
            for c in self.categories(axis):
                rows.append({
                    "axis": axis, "code": c.code, "label_fr": c.label_fr,
                    "label_en": c.label_en, "definition": c.definition,
                    "indicators": "; ".join(c.indicators), "example": c.example,
                    "complementary": bool(c.extra.get("complementary", False)),
                })
        return pd.DataFrame(rows)


def _strip_lines(obj):
    if isinstance(obj, dict):
        return {k: _strip_lines(v) for k, v in obj.items() if k != "__line__"}
    if isinstance(obj, list):
        return [_strip_lines(v) for v in obj]
    return obj


class _Checker:
    """Validation helpers that raise :class:`InputError` located in the file."""

    def __init__(self, file: str):
        self.file = file

    def fail(self, message, node, column=None, value=None, suggestion=None):
        line = node.get("__line__") if isinstance(node, dict) else None
        raise InputError(message, file=self.file, row=line, column=column, value=value,
                         suggestion=suggestion)

    def mapping(self, node, key, parent):
        value = parent.get(key) if isinstance(parent, dict) else None
        if not isinstance(value, dict):
            self.fail(f"missing or malformed section {key!r}", parent, column=key, value=value,
                      suggestion=f"add a mapping {key!r} as in the shipped codebook")
        return value

    def text(self, node, key, code):
        value = node.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(f"category has no {key}", node, column=key, value=code,
                      suggestion=f"give category {code!r} a non-empty {key}")
        return value

    def categories(self, node, axis, required=("label_fr", "label_en", "definition")):
        items = node.get("categories")
        if not isinstance(items, list) or not items:
            self.fail(f"axis {axis!r} has no categories", node, column="categories",
                      value=axis, suggestion="list its categories under 'categories:'")
        seen = {}
        for item in items:
            if not isinstance(item, dict):
                self.fail(f"malformed category in axis {axis!r}", node, value=item,
                          suggestion="write each category as a mapping with code and labels")
            code = item.get("code")
            if not isinstance(code, str) or not _SLUG.match(code):
                self.fail(f"bad category code in axis {axis!r}", item, column="code", value=code,
                          suggestion="use a short lower-case French slug such as 'entraide'")
            if code in seen:
                self.fail(f"duplicate code in axis {axis!r} (first defined on line {seen[code]})",
                          item, column="code", value=code,
                          suggestion="give every category of an axis its own code")
            if code == "inconnu":
                self.fail("'inconnu' is reserved for missing evidence", item, column="code",
                          value=code, suggestion="remove it; it is defined once under 'unknown'")
            seen[code] = item["__line__"]
            for key in required:
                self.text(item, key, code)
        return items


def _validate(data, file: str) -> None:
    check = _Checker(file)
    if not isinstance(data, dict):
        raise InputError("the codebook is not a YAML mapping", file=file, row=1,
                         suggestion="start from the shipped codebook.yaml")
    version = data.get("version")
    if not isinstance(version, str) or not version.strip():
        check.fail("missing version", data, column="version", value=version,
                   suggestion='add a line such as version: "1.0.0"')
    unknown = check.mapping(data, "unknown", data)
    for key in ("code", "label_fr", "label_en", "definition"):
        check.text(unknown, key, unknown.get("code"))
    axes = check.mapping(data, "axes", data)
    full = ("label_fr", "label_en", "definition", "indicators", "example")
    for axis in ("origin", "institutionalisation", "register"):
        node = check.mapping(data, axis, axes)
        for key in ("label_fr", "label_en", "definition"):
            check.text(node, key, axis)
        items = check.categories(node, axis, required=full[:3])
        for item in items:
            check.text(item, "example", item["code"])
            if not isinstance(item.get("indicators"), list) or not item["indicators"]:
                check.fail("category has no indicators", item, column="indicators",
                           value=item["code"], suggestion="list the words that signal it")
    inst = axes["institutionalisation"]
    dims = inst.get("dimensions")
    if not isinstance(dims, list) or [d.get("code") for d in dims] != list(DIMENSIONS):
        check.fail("institutionalisation must list the four dimensions in order", inst,
                   column="dimensions", value=[d.get("code") for d in dims or []],
                   suggestion=f"list {', '.join(DIMENSIONS)}")
    for dim in dims:
        for key in ("label_fr", "label_en", "field"):
            check.text(dim, key, dim["code"])
    for item in inst["categories"]:
        if not isinstance(item.get("value"), (int, float)) or not 0 <= item["value"] <= 1:
            check.fail("institutionalisation category needs a value in [0, 1]", item,
                       column="value", value=item.get("value"), suggestion="use 0, 0.5 or 1")
    check.categories(check.mapping(inst, "levels", inst), "level")
    for item in axes["register"]["categories"]:
        if not isinstance(item.get("pole"), (int, float)) or not -1 <= item["pole"] <= 1:
            check.fail("register needs a pole value in [-1, 1]", item, column="pole",
                       value=item.get("pole"), suggestion="1 = inhabitants, -1 = institutions")
    pole = check.mapping(data, "pole", data)
    check.categories({**pole, "categories": pole.get("classes")}, "pole")
    band = pole.get("band")
    if not isinstance(band, (int, float)) or not 0 <= band < 1:
        check.fail("pole band must be a number in [0, 1)", pole, column="band", value=band,
                   suggestion="for instance band: 0.25")
    weights = check.mapping(pole, "weights", pole)
    for key in ("origin", "institutionalisation", "register"):
        if not isinstance(weights.get(key), (int, float)) or weights[key] < 0:
            check.fail("pole weight missing or negative", weights, column=key,
                       value=weights.get(key), suggestion="give each axis a weight >= 0")
    values = check.mapping(pole, "origin_values", pole)
    for code in (c["code"] for c in axes["origin"]["categories"]):
        if not isinstance(values.get(code), (int, float)):
            check.fail("origin code has no pole value", values, column="origin_values",
                       value=code, suggestion="give every origin code a value in [-1, 1]")


@functools.lru_cache(maxsize=8)
def _load(path: str) -> Codebook:
    file = paths.relative(Path(path))
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("codebook file not found", file=file,
                         suggestion="restore housing_research/codebook.yaml") from None
    try:
        data = yaml.load(text, Loader=_LineLoader)  # a SafeLoader subclass
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise InputError(f"invalid YAML: {getattr(err, 'problem', err)}", file=file,
                         row=mark.line + 1 if mark else None,
                         suggestion="check the indentation and quotes on that line") from None
    _validate(data, file)
    return Codebook(version=data["version"], raw=_strip_lines(data), source=file)


def codebook(path=None) -> Codebook:
    """Read and validate the codebook.

    Parameters
    ----------
    path : path-like, optional
        A codebook file; by default the one shipped with the package.

    Returns
    -------
    Codebook

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
    '1.4.0'
    >>> cb.codes("level")
    ('faible', 'moyen', 'fort')
    """
    return _load(str(Path(path or CODEBOOK_PATH).resolve()))


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
    return codebook().label(axis, code, lang)


def _md_text(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def codebook_markdown(cb: Codebook | None = None) -> str:
    """Render the codebook as a Markdown page (``docs/codebook.md``).

    Examples
    --------
    >>> codebook_markdown().splitlines()[0]
    '# Codebook of the typology (version 1.4.0)'
    """
    cb = cb or codebook()
    raw = cb.raw
    out = [
        f"# Codebook of the typology (version {cb.version})",
        "",
        f"Generated from `housing_research/codebook.yaml` by "
        f"`housing_research.codebook.codebook_markdown()`; do not edit by hand.",
        "",
        f"**{raw['unknown']['code']}** ({raw['unknown']['label_en']}): "
        f"{_md_text(raw['unknown']['definition'])}",
        "",
    ]

    def table(axis, extra_cols=()):
        head = ["Code", "Français", "English", "Definition", *[c[0] for c in extra_cols]]
        rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for c in cb.categories(axis):
            cells = [f"`{c.code}`", c.label_fr, c.label_en, _md_text(c.definition)]
            cells += [_md_text(fn(c)) for _, fn in extra_cols]
            rows.append("| " + " | ".join(cells) + " |")
        return rows

    indicators = ("Indicators", lambda c: ", ".join(f"`{i}`" for i in c.indicators))
    example = ("Example", lambda c: c.example)
    for axis in ("origin", "institutionalisation", "register"):
        node = raw["axes"][axis]
        out += [f"## {node['label_en']} / {node['label_fr']} (`{axis}`)", "",
                _md_text(node["definition"]), ""]
        if "fields" in node:
            out += [f"Fields read: {', '.join(f'`{f}`' for f in node['fields'])}.", ""]
        if axis == "institutionalisation":
            out += ["| Dimension | Français | English | Field |", "|---|---|---|---|"]
            out += [f"| `{d['code']}` | {d['label_fr']} | {d['label_en']} | `{d['field']}` |"
                    for d in node["dimensions"]]
            out.append("")
        out += [f"**Rule.** {_md_text(node['rule'])}", ""]
        if axis == "origin":
            out += ["Trigger phrases in the description: "
                    + ", ".join(f"«{t}»" for t in node["description_triggers"]) + ".", ""]
        extra = [indicators, example]
        if axis == "origin":
            extra.insert(1, ("Organisation kinds", lambda c: ", ".join(c.extra["kinds"])))
        if axis == "register":
            extra.insert(0, ("Set", lambda c: "complementary" if c.extra["complementary"]
                             else "core"))
            extra.insert(1, ("Pole value", lambda c: f"{c.extra['pole']:+.1f}"))
        out += table(axis, extra) + [""]
        if axis == "origin" and "joint" in node:
            joint = node["joint"]
            out += [f"**Joint origin in the analyses** (`{joint['code']}`, {joint['label_fr']} / "
                    f"{joint['label_en']}): {_md_text(joint['definition'])}", ""]
        if axis == "institutionalisation":
            levels = node["levels"]
            out += ["### Overall level (`level`) and degree", "",
                    f"**Rule.** {_md_text(levels['rule'])}", ""]
            out += table("level") + [""]
    pole = raw["pole"]
    out += [f"## {pole['label_en']} / {pole['label_fr']} (`pole`)", "",
            _md_text(pole["definition"]), "", f"**Rule.** {_md_text(pole['rule'])}", "",
            "Weights: " + ", ".join(f"{k} {v}" for k, v in pole["weights"].items())
            + f". Band: {pole['band']}. Origin values: "
            + ", ".join(f"{k} {v:+.1f}" for k, v in pole["origin_values"].items()) + ".", ""]
    out += table("pole") + [""]
    return "\n".join(out)
