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


_WORD = re.compile(r"\w+")


def _core(indicator: str) -> tuple[str, bool]:
    """The folded text of an indicator and whether it matches a word prefix (ends with ``*``)."""
    core = fold(indicator)
    return core.rstrip("*").strip(), core.endswith("*")


class IndicatorMatcher:
    r"""Finds indicators in a text, the longest one winning where they overlap.

    The scan reproduces the regular expression ``(?<!\w)core(?!\w)`` (or
    ``(?<!\w)core\w*`` for a prefix) tried longest first at each position,
    left to right: only word starts can begin a match, so each word is looked
    up in an index of the indicators by their first word instead of trying
    every indicator at every character. Results are cached per text.
    """

    def __init__(self, entries):
        # entries: (indicator, code, evidence label); longest indicators first
        entries = sorted(entries, key=lambda e: (-len(fold(e[0]).rstrip("*")), e[2]))
        self.entries = entries
        self._exact: dict[str, list[int]] = {}
        self._prefix: dict[str, list[int]] = {}
        self._cores = []
        for i, (indicator, _, _) in enumerate(entries):
            core, prefix = _core(indicator)
            self._cores.append((core, prefix))
            first = _WORD.match(core)
            if not first:
                raise ValueError(f"indicator {indicator!r} does not start with a letter or digit")
            single = first.end() == len(core)
            index = self._prefix if (prefix and single) else self._exact
            index.setdefault(first.group(0), []).append(i)
        self._longest_prefix = max((len(k) for k in self._prefix), default=0)
        self._cache: dict[str, list[tuple[str, str]]] = {}

    def _match_at(self, text: str, start: int, word: str) -> int | None:
        """End of the first indicator (in priority order) matching at ``start``, or None; sets ``_hit``."""
        candidates = list(self._exact.get(word, ()))
        for n in range(1, min(len(word), self._longest_prefix) + 1):
            candidates.extend(self._prefix.get(word[:n], ()))
        for i in sorted(candidates):
            core, prefix = self._cores[i]
            if not text.startswith(core, start):
                continue
            end = start + len(core)
            after = _WORD.match(text, end)
            if prefix:
                end = after.end() if after else end
            elif after:
                continue
            self._hit = i
            return end
        return None

    def find(self, text: str) -> list[tuple[str, str]]:
        """Return the (code, label) pairs found in ``text``, in order, without repeats."""
        folded = fold(text)
        if folded in self._cache:
            return list(self._cache[folded])
        found, position = [], 0
        for word in _WORD.finditer(folded):
            if word.start() < position:
                continue
            end = self._match_at(folded, word.start(), word.group(0))
            if end is None:
                continue
            _, code, label = self.entries[self._hit]
            if (code, label) not in found:
                found.append((code, label))
            position = end
        if len(self._cache) < 100_000:
            self._cache[folded] = found
        return list(found)


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
