"""Finding the codebook's indicators and the organisations' names in a text.

Indicators are matched on folded text (:func:`housing_research.text.fold`) as
whole words or phrases; an indicator ending with ``*`` matches any word that
begins with it. Where two indicators overlap, the longest one wins
("association de locataires" is read as tenants, not as a third-party
association).

Examples
--------
>>> m = IndicatorMatcher([("locataire*", "locataires", "locataire*"), ("association*", "tiers", "association*"),
...                       ("association de locataires", "locataires", "association de locataires")])
>>> m.find("Une association de locataires et des associations")
[('locataires', 'association de locataires'), ('tiers', 'association*')]
"""

from __future__ import annotations

import re

import pandas as pd

from housing_research.coding.codebook import Codebook
from housing_research.text import fold

_CLAUSE_END = re.compile(r"[.;:!?,()\n]")
_MAX_CLAUSE_WORDS = 8


def _pattern(indicator: str) -> str:
    core = fold(indicator)
    prefix = core.endswith("*")
    core = core.rstrip("*").strip()
    return r"(?<!\w)" + re.escape(core) + (r"\w*" if prefix else r"(?!\w)")


class IndicatorMatcher:
    """Finds indicators in a text, the longest one winning where they overlap."""

    def __init__(self, entries):
        # entries: (indicator, code, evidence label); longest indicators first
        entries = sorted(entries, key=lambda e: (-len(fold(e[0]).rstrip("*")), e[2]))
        self.entries = entries
        self.regex = (re.compile("|".join(f"(?P<g{i}>{_pattern(e[0])})"
                                          for i, e in enumerate(entries)))
                      if entries else None)

    def find(self, text: str) -> list[tuple[str, str]]:
        """Return the (code, label) pairs found in ``text``, in order, without repeats."""
        found = []
        if self.regex is None:
            return found
        for m in self.regex.finditer(fold(text)):
            _, code, label = self.entries[int(m.lastgroup[1:])]
            if (code, label) not in found:
                found.append((code, label))
        return found


def actor_matcher(cb: Codebook, organisations: pd.DataFrame | None) -> IndicatorMatcher:
    """Origin indicators of the codebook plus every organisation name and alias, coded by kind."""
    entries = [(ind, c.code, ind) for c in cb.categories("origin") for ind in c.indicators]
    if organisations is not None and len(organisations):
        kinds = cb.kind_to_origin()
        for org in organisations.itertuples(index=False):
            origin = kinds.get(str(getattr(org, "kind", "")))
            if origin is None:
                continue
            names = [org.name] + re.split(r"[;|]", str(getattr(org, "aliases", "") or ""))
            for name in names:
                name = str(name).strip()
                if name and name.lower() != "nan" and len(fold(name)) > 1:
                    entries.append((name, origin, f"{org.name} ({org.kind})"))
    return IndicatorMatcher(entries)


def register_matcher(cb: Codebook) -> IndicatorMatcher:
    """The register indicators of the codebook."""
    return IndicatorMatcher([(ind, c.code, ind) for c in cb.categories("register") for ind in c.indicators])


def clauses_after_triggers(description: str, triggers) -> list[tuple[str, str]]:
    """The first words of each clause that follows a trigger phrase ("à l'initiative de ...")."""
    text = fold(description)
    out = []
    for trigger in triggers:
        for m in re.finditer(r"(?<!\w)" + re.escape(fold(trigger)) + r"\w*'?", text):
            rest = _CLAUSE_END.split(text[m.end():], maxsplit=1)[0]
            out.append((trigger, " ".join(rest.split()[:_MAX_CLAUSE_WORDS])))
    return out
