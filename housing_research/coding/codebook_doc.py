"""The codebook rendered as a Markdown page (``docs/codebook.md``).

Examples
--------
>>> codebook_markdown().splitlines()[0]
'# Codebook of the typology (version 2.0.0)'
"""

from __future__ import annotations

from housing_research.coding.codebook import Codebook, codebook


def _md_text(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _category_table(cb: Codebook, axis: str, extra_cols=()) -> list[str]:
    head = ["Code", "Français", "English", "Definition", *[c[0] for c in extra_cols]]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for c in cb.categories(axis):
        cells = [f"`{c.code}`", c.label_fr, c.label_en, _md_text(c.definition)]
        cells += [_md_text(fn(c)) for _, fn in extra_cols]
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def _extra_columns(axis: str) -> list:
    extra = [("Indicators", lambda c: ", ".join(f"`{i}`" for i in c.indicators)),
             ("Example", lambda c: c.example)]
    if axis == "origin":
        extra.insert(0, ("Short", lambda c: f"{c.short_fr} / {c.short_en}"))
        extra.insert(2, ("Organisation kinds", lambda c: ", ".join(c.kinds)))
    if axis == "register":
        extra.insert(0, ("Set", lambda c: "complementary" if c.complementary else "core"))
    return extra


def _axis_section(cb: Codebook, axis: str) -> list[str]:
    info = cb.axis(axis)
    out = [f"## {info.label_en} / {info.label_fr} (`{axis}`)", "", _md_text(info.definition), ""]
    if info.fields:
        out += [f"Fields read: {', '.join(f'`{f}`' for f in info.fields)}.", ""]
    if axis == "institutionalisation":
        out += ["| Dimension | Français | English | Field |", "|---|---|---|---|"]
        out += [f"| `{d.code}` | {d.label_fr} | {d.label_en} | `{d.field}` |" for d in cb.dimensions]
        out.append("")
    out += [f"**Rule.** {_md_text(info.rule)}", ""]
    if axis == "origin":
        out += ["Trigger phrases in the description: " + ", ".join(f"«{t}»" for t in cb.origin_triggers) + ".", ""]
    out += _category_table(cb, axis, _extra_columns(axis)) + [""]
    if axis == "origin":
        j = cb.joint
        out += [f"**Joint origin in the analyses** (`{j.code}`, {j.label_fr} / {j.label_en}): "
                f"{_md_text(j.definition)}", ""]
    if axis == "institutionalisation":
        out += ["### Overall level (`level`) and degree", "", f"**Rule.** {_md_text(cb.axis('level').rule)}", ""]
        out += _category_table(cb, "level") + [""]
    return out


def _pole_section(cb: Codebook) -> list[str]:
    info, rule = cb.axis("pole"), cb.pole_rule
    out = [f"## {info.label_en} / {info.label_fr} (`pole`)", "", _md_text(info.definition),
           f"Source: {rule.source}.", "", f"**Rule.** {_md_text(info.rule)}", "",
           "Weights: " + ", ".join(f"{k} {v}" for k, v in rule.weights.items())
           + f". Defining dimensions: {', '.join(rule.defining)}. Band: {rule.band:.4f}.", "",
           f"**Convention.** {_md_text(rule.convention)}", ""]
    return out + _category_table(cb, "pole") + [""]


def _rules_section(cb: Codebook) -> list[str]:
    out = ["## Decision rules", "",
           "What to code when the source is silent or ambiguous. Every manual code records its basis: "
           "`stated` (the source says it) or `inferred`, with the rule applied.", "",
           "| Rule | Axis | Basis | Rule text | Example | Counter-example |", "|---|---|---|---|---|---|"]
    for r in cb.rules:
        out.append(f"| `{r.id}` | {r.axis} | {r.basis} | {_md_text(r.text)} | {_md_text(r.example)} | "
                   f"{_md_text(r.counter_example)} |")
    return out + [""]


def codebook_markdown(cb: Codebook | None = None) -> str:
    """Render the codebook as a Markdown page (``docs/codebook.md``)."""
    cb = cb or codebook()
    unknown = cb.unknown_category
    out = [
        f"# Codebook of the typology (version {cb.version})",
        "",
        "Generated from `housing_research/coding/codebook.yaml` by "
        "`housing_research.coding.codebook_doc.codebook_markdown()`; do not edit by hand.",
        "",
        f"**{unknown.code}** ({unknown.label_en}): {_md_text(unknown.definition)}",
        "",
    ]
    for axis in ("origin", "institutionalisation", "register"):
        out += _axis_section(cb, axis)
    out += _pole_section(cb)
    out += _rules_section(cb)
    return "\n".join(out)
