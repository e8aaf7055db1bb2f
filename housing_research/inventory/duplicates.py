"""Duplicate detection: the same initiative described by two documents.

Rows from different documents whose carriers share an organisation and whose
names are alike (:func:`~housing_research.inventory.rules.name_similarity` at
least :data:`MERGE_THRESHOLD`) are merged into the first one, multi-valued
cells united and differing texts kept side by side; pairs of a shared carrier
with a similarity between :data:`PROPOSE_THRESHOLD` and the threshold are
proposed for review, never merged.
"""

from __future__ import annotations

import pandas as pd

from housing_research.inventory.dictionary import schema
from housing_research.inventory.rules import name_similarity
from housing_research.text import MULTI_SEP, split_multi

#: Name similarity from which two rows of the same carrier are merged.
MERGE_THRESHOLD = 0.6
#: Name similarity from which a possible duplicate is proposed for review.
PROPOSE_THRESHOLD = 0.35


def merge_duplicates(table, report):
    """Merge rows of different documents describing the same action of the same carrier."""
    proposals, merged_rows = [], []
    into = {}
    records = table.to_dict("records")
    for i, a in enumerate(records):
        if a["raw_id"] in into:
            continue
        for b in records[i + 1:]:
            if b["raw_id"] in into or b["source_doc"] == a["source_doc"]:
                continue
            shared = set(split_multi(a["carrier_ids"])) & set(split_multi(b["carrier_ids"]))
            if not shared:
                continue
            score = name_similarity(a["name"] or "", b["name"] or "")
            if score >= MERGE_THRESHOLD:
                into[b["raw_id"]] = a["raw_id"]
                merged_rows.append({"raw_id": b["raw_id"], "row": b["_row"], "status": "merged",
                                    "into_id": a["raw_id"],
                                    "reason": f"same carrier ({', '.join(sorted(shared))}) and similar name "
                                              f"(similarity {score:.2f}) in documents {a['source_doc']} and "
                                              f"{b['source_doc']}"})
            elif score >= PROPOSE_THRESHOLD:
                proposals.append({"kind": "duplicate", "raw_id": b["raw_id"], "row": b["_row"],
                                  "value": b["name"], "candidate": f"{a['raw_id']} ({a['name']})",
                                  "score": round(score, 3)})
    groups = {}
    for r in records:
        groups.setdefault(into.get(r["raw_id"], r["raw_id"]), []).append(r)
    out = []
    for first_id, members in groups.items():
        row = _combine(members, report) if len(members) > 1 else dict(members[0])
        row["raw_ids"] = MULTI_SEP.join(m["raw_id"] for m in members)
        row["source_docs"] = MULTI_SEP.join(dict.fromkeys(m["source_doc"] for m in members))
        row["source_sections"] = MULTI_SEP.join(f"{m['source_doc']}: {m['source_section']}" for m in members)
        out.append(row)
    return pd.DataFrame(out), merged_rows, proposals


def _combine(members, report):
    """One row from merged rows: multi-valued cells united, differing texts kept side by side."""
    spec = schema("inventory")
    first = dict(members[0])
    for column in list(first):
        if column.startswith("_") or column in ("raw_id", "source_doc", "source_section"):
            continue
        values = [m[column] for m in members if m[column] is not None and not pd.isna(m[column])]
        if column in ("year_start",):
            new = min(values) if values else None
        elif column in ("year_end",):
            new = max(values) if values else None
        elif column in spec.index and spec.loc[column, "multi"] == "yes" or column.endswith(("_ids", "_kinds")) \
                or column in ("departements", "regions"):
            parts = []
            for v in values:
                parts.extend(p for p in split_multi(v) if p not in parts)
            new = MULTI_SEP.join(parts) or None
        else:
            distinct = list(dict.fromkeys(str(v) for v in values))
            new = " | ".join(distinct) if distinct else None
            if column in ("kind", "covid_status") and distinct:
                new = distinct[0]                                   # controlled: the first document's value
        if new != first[column]:
            report.change(first["raw_id"], first["_row"], column, first[column], new, "duplicate_merge")
        first[column] = new
    return first
