"""Duplicate detection: the same initiative described by two documents.

Two rows of different documents are the same initiative when their carriers
share an organisation, their names are alike
(:func:`~housing_research.inventory.rules.name_similarity` at least
:data:`MERGE_THRESHOLD`) **and** their places and periods agree (:func:`agree`):
two gardens of one landlord in Bezons and in Nanterre stay two initiatives.
The later row is merged into the first one, multi-valued cells united and
differing texts kept side by side. A pair of a shared carrier whose names are
alike but whose places or periods differ, or whose similarity lies between
:data:`PROPOSE_THRESHOLD` and the threshold, is proposed for review, never
merged.

Candidate pairs are blocked by carrier and, in large blocks, by a shared
content word of the name, so the work grows with the number of rows rather
than its square.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

import pandas as pd

from housing_research.inventory.dictionary import schema
from housing_research.inventory.rules import content_words, similarity
from housing_research.text import MULTI_SEP, is_missing, normalise_text, split_multi

#: Name similarity from which two rows of the same carrier (places and periods agreeing) are merged.
MERGE_THRESHOLD = 0.6
#: Name similarity from which a possible duplicate is proposed for review.
PROPOSE_THRESHOLD = 0.35
#: Rows of one carrier beyond which pairs must also share a content word of their names.
BLOCK_LIMIT = 50


def _places(row) -> set[str]:
    return {normalise_text(p) for p in split_multi(row.get("place"))}


def agree(a: dict, b: dict, coarse: set[str] | None = None) -> tuple[bool, str]:
    """Whether two rows' places and periods agree, and why not.

    Places agree when either row has none, when they share a place, or when
    one row names only areas (a département, a region, "France", given in
    ``coarse``) that contain the other's places. Periods agree when either
    row has no year or their year ranges overlap.

    Examples
    --------
    >>> agree({"place": "Bezons", "regions": "ile_de_france"}, {"place": "Nanterre", "regions": "ile_de_france"})
    (False, 'places differ (Bezons / Nanterre)')
    >>> agree({"place": None, "year_start": 2020}, {"place": "Paris", "year_start": 2020, "year_end": 2021})
    (True, '')
    """
    pa, pb = _places(a), _places(b)
    if pa and pb and not pa & pb:
        coarse = coarse or set()
        inside = False
        for broad, narrow in ((a, b), (b, a)):
            if _places(broad) <= coarse:
                wide = set(split_multi(broad.get("regions"))) | set(split_multi(broad.get("departements")))
                inside |= "national" in wide or bool(
                    wide & (set(split_multi(narrow.get("regions"))) | set(split_multi(narrow.get("departements")))))
        if not inside:
            return False, f"places differ ({a.get('place')} / {b.get('place')})"
    ya, yb = a.get("year_start"), b.get("year_start")
    if not is_missing(ya) and not is_missing(yb):
        ea = a.get("year_end") if not is_missing(a.get("year_end")) else 9999
        eb = b.get("year_end") if not is_missing(b.get("year_end")) else 9999
        if int(ya) > int(eb) or int(yb) > int(ea):
            return False, f"periods differ ({a.get('period')} / {b.get('period')})"
    return True, ""


def candidate_pairs(records: list[dict], words: list[set[str]]) -> list[tuple[int, int]]:
    """Index pairs (i < j) of rows of different documents sharing a carrier, blocked as the module says.

    In a carrier's block of more than :data:`BLOCK_LIMIT` rows, each row is
    indexed by its two rarest content words in the block, leaving out words
    held by more than :data:`BLOCK_LIMIT` of its rows, and only rows sharing
    one of them are paired: two names of one initiative share their
    distinctive words, while common ones ("jardin", "atelier") would pair
    everything with everything. (Two names made only of such common words
    are then not compared.)
    """
    by_carrier = defaultdict(list)
    for i, r in enumerate(records):
        for org in split_multi(r.get("carrier_ids")):
            by_carrier[org].append(i)
    pairs = set()
    for members in by_carrier.values():
        if len(members) <= BLOCK_LIMIT:
            groups = [members]
        else:
            freq = Counter(w for i in members for w in words[i])
            by_word = defaultdict(list)
            for i in members:
                rare = [w for w in sorted(words[i], key=lambda w: (freq[w], w)) if freq[w] <= BLOCK_LIMIT]
                for word in rare[:2]:
                    by_word[word].append(i)
            groups = by_word.values()
        for group in groups:
            for i, j in combinations(sorted(set(group)), 2):
                if records[i]["source_doc"] != records[j]["source_doc"]:
                    pairs.add((i, j))
    return sorted(pairs)


def merge_duplicates(table: pd.DataFrame, log, coarse: set[str] | None = None):
    """Merge duplicate rows; return the merged table and one record per merged row."""
    records = table.to_dict("records")
    names = [normalise_text(r.get("name") or "") for r in records]
    words = [content_words(r.get("name") or "") for r in records]
    into, merged_rows = {}, []
    for i, j in candidate_pairs(records, words):
        a, b = records[i], records[j]
        if a["raw_id"] in into or b["raw_id"] in into:
            continue
        score = similarity(names[i], names[j], words[i], words[j])
        if score < PROPOSE_THRESHOLD:
            continue
        ok, why = agree(a, b, coarse)
        if score >= MERGE_THRESHOLD and ok:
            into[b["raw_id"]] = a["raw_id"]
            shared = set(split_multi(a["carrier_ids"])) & set(split_multi(b["carrier_ids"]))
            merged_rows.append({"raw_id": b["raw_id"], "row": b["_row"], "status": "merged", "into_id": a["raw_id"],
                                "reason": f"same carrier ({', '.join(sorted(shared))}) and similar name "
                                          f"(similarity {score:.2f}) in documents {a['source_doc']} and "
                                          f"{b['source_doc']}, places and periods agreeing"})
        else:
            candidate = f"{a['raw_id']} ({a['name']})" + (f"; not merged: {why}" if why else "")
            log.propose("duplicate", b["raw_id"], b["_row"], b["name"], candidate, round(score, 3))
    return _merged_table(table, records, into, log), merged_rows


def _merged_table(table, records, into, log) -> pd.DataFrame:
    groups = {}
    for r in records:
        groups.setdefault(into.get(r["raw_id"], r["raw_id"]), []).append(r)
    out = []
    for members in groups.values():
        row = _combine(members, log) if len(members) > 1 else dict(members[0])
        row["raw_ids"] = MULTI_SEP.join(m["raw_id"] for m in members)
        row["source_docs"] = MULTI_SEP.join(dict.fromkeys(m["source_doc"] for m in members))
        row["source_sections"] = MULTI_SEP.join(f"{m['source_doc']}: {m['source_section']}" for m in members)
        out.append(row)
    return pd.DataFrame(out, columns=list(table.columns) + ["raw_ids", "source_docs", "source_sections"])


def _combine(members, log):
    """One row from merged rows: multi-valued cells united, differing texts kept side by side."""
    spec = schema("inventory")
    first = dict(members[0])
    for column in list(first):
        if column.startswith("_") or column in ("raw_id", "source_doc", "source_section"):
            continue
        values = [m[column] for m in members if not is_missing(m[column])]
        if column == "year_start":
            new = min(values) if values else None
        elif column == "year_end":
            new = max(values) if values else None
        elif (column in spec.index and spec.loc[column, "multi"] == "yes") or column.endswith(("_ids", "_kinds")) \
                or column in ("departements", "regions"):
            parts = []
            for v in values:
                parts.extend(p for p in split_multi(v) if p not in parts)
            new = MULTI_SEP.join(parts) or None
        else:
            distinct = list(dict.fromkeys(str(v) for v in values))
            new = " | ".join(distinct) if distinct else None
            if column in ("kind", "covid_status", "scope", "service_role", "service_delivery", "tenant_billed",
                          "parent_id", "relation", "source_page", "span_start", "span_end") and distinct:
                new = distinct[0]                                   # controlled: the first document's value
        log.change(first["raw_id"], first["_row"], column, first[column], new, "duplicate_merge")
        first[column] = new
    return first
