"""Reading and validating the codebook file (``housing_research/coding/codebook.yaml``).

:func:`load_codebook_file` parses the YAML with a safe loader that remembers
the line of every mapping, and checks it; every problem is an
:class:`~housing_research.InputError` naming the file, the line, the key and
the value. :mod:`housing_research.coding.codebook` turns the checked data into
the typed, read-only :class:`~housing_research.coding.codebook.Codebook`.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from housing_research import paths
from housing_research.errors import InputError

#: The four dimensions of institutionalisation, in codebook order.
DIMENSIONS: tuple[str, ...] = ("animation", "gestion", "decision", "financement")
_SLUG = re.compile(r"^[a-z][a-z_]*$")


class _LineLoader(yaml.SafeLoader):
    """Safe loader that remembers the line (1-based) of every mapping."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


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
    """Check every section of the parsed codebook; raise at the first problem."""
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
    _check_axes(check, data, axes)
    _check_pole(check, data, axes)


def _check_axes(check, data, axes) -> None:
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
    levels = inst["levels"]
    if not isinstance(levels.get("min_known"), int) or not 1 <= levels["min_known"] <= len(DIMENSIONS):
        check.fail("levels need min_known, the number of known dimensions a level needs", levels,
                   column="min_known", value=levels.get("min_known"), suggestion="for instance min_known: 2")
    for item in axes["origin"]["categories"]:
        for key in ("short_fr", "short_en"):
            check.text(item, key, item["code"])


def _check_pole(check, data, axes) -> None:
    pole = check.mapping(data, "pole", data)
    check.categories({**pole, "categories": pole.get("classes")}, "pole")
    band = pole.get("band")
    if not isinstance(band, (int, float)) or not 0 <= band < 1:
        check.fail("pole band must be a number in [0, 1)", pole, column="band", value=band,
                   suggestion="for instance band: 0.3333333333333333")
    weights = check.mapping(pole, "dimension_weights", pole)
    for key in DIMENSIONS:
        if not isinstance(weights.get(key), (int, float)) or weights[key] < 0:
            check.fail("pole weight of a dimension missing or negative", weights, column=key,
                       value=weights.get(key), suggestion="give each dimension a weight >= 0")
    defining = pole.get("defining")
    if not isinstance(defining, list) or not defining or not set(defining) <= set(DIMENSIONS):
        check.fail("pole needs the dimensions that define it", pole, column="defining", value=defining,
                   suggestion="for instance defining: [decision, animation]")
    for key in ("source", "convention"):
        check.text(pole, key, "pole")
    _check_rules(check, data)


_RULE_AXES = ("origin", *DIMENSIONS, "level", "register", "pole")


def _check_rules(check, data) -> None:
    rules = data.get("rules")
    if not isinstance(rules, list) or not rules:
        check.fail("missing decision rules", data, column="rules", suggestion="list them under 'rules:'")
    seen = set()
    for rule in rules:
        if not isinstance(rule, dict) or not re.fullmatch(r"[A-Z]+(-[A-Z]+)+", str(rule.get("id", ""))):
            check.fail("rule needs an id such as O-CARRIER", rule if isinstance(rule, dict) else data, column="id",
                       value=rule.get("id") if isinstance(rule, dict) else rule, suggestion="upper-case words and dashes")
        if rule["id"] in seen:
            check.fail("duplicate rule id", rule, column="id", value=rule["id"], suggestion="give every rule its own id")
        seen.add(rule["id"])
        if rule.get("axis") not in _RULE_AXES:
            check.fail("rule on an unknown axis", rule, column="axis", value=rule.get("axis"),
                       suggestion=f"use one of {', '.join(_RULE_AXES)}")
        if rule.get("basis") not in ("stated", "inferred"):
            check.fail("rule basis must be stated or inferred", rule, column="basis", value=rule.get("basis"),
                       suggestion="stated: the source says it; inferred: the rule infers it")
        for key in ("text", "example", "counter_example"):
            check.text(rule, key, rule["id"])


def load_codebook_file(path) -> dict:
    """Parse and check a codebook file; return its data without line markers."""
    file = paths.relative(Path(path))
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("codebook file not found", file=file,
                         suggestion="restore housing_research/coding/codebook.yaml") from None
    try:
        data = yaml.load(text, Loader=_LineLoader)  # a SafeLoader subclass
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise InputError(f"invalid YAML: {getattr(err, 'problem', err)}", file=file,
                         row=mark.line + 1 if mark else None,
                         suggestion="check the indentation and quotes on that line") from None
    _validate(data, file)
    return _strip_lines(data)
