"""Cleaning the raw inventory: named rules, a full report, nothing lost silently.

:func:`clean` applies, in order, the rules of :data:`RULES` to the raw
inventory (one row per initiative and source document) and returns a
:class:`CleaningResult`:

- ``table``: one row per initiative, the rows describing the same action of
  the same organisation in two documents merged (both source references
  kept), with derived columns (organisation ids and kinds, départements,
  regions, years);
- ``rows``: one line per raw row — ``kept``, ``merged`` (into which id) or
  ``rejected`` (why); raw rows = kept + merged + rejected, always;
- ``changes``: one line per changed or derived cell (row, column, old value,
  new value, rule);
- ``proposals``: near-misses (organisation spellings, possible duplicates)
  listed for review and never applied.

The rules
---------
``whitespace``
    Strip cells and collapse runs of spaces, tabs, line breaks and
    non-breaking spaces.
``hyphenation``
    Join words split by an end-of-line hyphen ("pra- tiques" → "pratiques"):
    a hyphen followed by a space between two lower-case letters.
``multivalue_separator``
    Multi-valued cells (dictionary ``multi = yes``) use ``"; "`` whatever the
    separator typed (";", ",", "/", " et "). Organisation and place cells are
    split on "," "/" " et " only where every part is a known organisation or
    place, so "Toit et Joie" stays whole.
``controlled_value_case``
    Controlled values written with capitals, accents or spaces become the
    codes ("Adapté" → ``adapte``, "lien social" → ``lien_social``,
    "3" → ``003``).
``organisation_alias``
    Carriers and partners are rewritten with the canonical names of the
    reference table; ``carrier_ids``, ``carrier_kinds`` and ``partner_ids``
    are derived. Unknown spellings are kept and near-misses proposed.
``place_to_departement``
    ``departements`` and ``regions`` are derived from the places and the
    region (reference places, département codes or names, region names).
``period_to_years``
    ``year_start`` and ``year_end`` are derived from the period ("2020-2021",
    "mars 2021", "depuis 2018" (no end), "printemps 2020").
``reject``
    Rows without a name or without a description (they can be neither
    described nor coded), and exact repeats of another row of the same
    document, are rejected with the reason.
``duplicate_merge``
    Rows from different documents whose carriers share an organisation and
    whose names are alike (similarity >= :data:`MERGE_THRESHOLD`) are merged
    into the first one; pairs with a shared carrier and a similarity between
    :data:`PROPOSE_THRESHOLD` and the threshold are proposed.

Examples
--------
>>> import pandas as pd
>>> from housing_research.cleaning import clean_hyphenation, clean_whitespace
>>> clean_whitespace("  des   pratiques\\u00a0collaboratives ")
'des pratiques collaboratives'
>>> clean_hyphenation("les pra- tiques collaboratives")
'les pratiques collaboratives'
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from housing_research import paths
from housing_research.errors import InputError
from housing_research.inventory_io import load_inventory
from housing_research.reference import (
    OrganisationMatcher,
    PlaceResolver,
    load_departements,
    load_organisations,
    load_places,
    load_regions,
    normalise_text,
    strip_accents,
)
from housing_research.validation import MULTI_SEP, closest, schema, validate

#: Rule ids, in the order they are applied.
RULES = ("whitespace", "hyphenation", "multivalue_separator", "controlled_value_case", "reject",
         "organisation_alias", "place_to_departement", "period_to_years", "duplicate_merge")
#: Name similarity from which two rows of the same carrier are merged.
MERGE_THRESHOLD = 0.6
#: Name similarity from which a possible duplicate is proposed for review.
PROPOSE_THRESHOLD = 0.35
ORG_COLUMNS = ("carrier", "partners")
TEXT_COLUMNS = ("name", "carrier", "partners", "place", "region", "period", "public", "themes", "description",
                "started_by", "animated_by", "managed_by", "decided_by", "funded_by", "covid_status",
                "evolution", "source_section", "kind", "source_doc")
_SPACES = re.compile(r"\s+")
_HYPHEN = re.compile(r"(?<=[a-zà-ÿœ])- +(?=[a-zà-ÿœ])")
_SPLIT_ANY = re.compile(r"\s*(?:;|,|/|\bet\b)\s*")
_SPLIT_SEMI = re.compile(r"\s*;\s*")
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_STOP = {"de", "des", "du", "la", "le", "les", "l", "d", "et", "a", "au", "aux", "en", "pour", "un", "une", "sur"}


@dataclass
class CleaningResult:
    """What :func:`clean` returns: the cleaned table and the full report."""

    table: pd.DataFrame
    rows: pd.DataFrame
    changes: pd.DataFrame
    proposals: pd.DataFrame
    source: dict = field(default_factory=dict)

    def summary(self) -> dict:
        """Counts of raw rows per status and of changed cells per rule."""
        status = self.rows["status"].value_counts()
        out = {"raw": len(self.rows)}
        out.update({s: int(status.get(s, 0)) for s in ("kept", "merged", "rejected")})
        per_rule = self.changes["rule"].value_counts()
        out.update({f"changes_{r}": int(per_rule.get(r, 0)) for r in RULES if r not in ("reject", "duplicate_merge")})
        return out

    def summary_table(self) -> pd.DataFrame:
        """:meth:`summary` as a two-column table (``item``, ``count``)."""
        return pd.DataFrame(list(self.summary().items()), columns=["item", "count"])


# ---------------------------------------------------------------- cell rules
def clean_whitespace(text: str) -> str:
    """Strip and collapse whitespace (rule ``whitespace``)."""
    return _SPACES.sub(" ", text.replace("\u00a0", " ")).strip()


def clean_hyphenation(text: str) -> str:
    """Join words split by an end-of-line hyphen (rule ``hyphenation``)."""
    return _HYPHEN.sub("", text)


def controlled_code(text: str) -> str:
    """Turn a typed controlled value into a code ("Lien social" → "lien_social")."""
    code = strip_accents(text).casefold().strip()
    return re.sub(r"[\s\-’']+", "_", code)


def parse_years(period) -> tuple[int | None, int | None]:
    """Start and end years of a period text (rule ``period_to_years``).

    Examples
    --------
    >>> parse_years("2020-2021"), parse_years("mars 2021"), parse_years("depuis 2018")
    ((2020, 2021), (2021, 2021), (2018, None))
    >>> parse_years("années 2010"), parse_years("")
    ((2010, 2019), (None, None))
    """
    if period is None or not str(period).strip():
        return None, None
    text = normalise_text(period)
    years = [int(y) for y in _YEAR.findall(text)]
    if not years:
        return None, None
    if re.search(r"\bannees (19|20)\d0\b", text) and len(years) == 1:
        return years[0], years[0] + 9
    if re.search(r"\b(depuis|a partir de|des)\b", text) and len(years) == 1:
        return years[0], None
    return min(years), max(years)


def name_similarity(a: str, b: str) -> float:
    """Similarity of two names: the larger of the content-word Jaccard index and the
    squared difflib ratio (squared, because character ratios of unrelated French names
    are often near 0.5)."""
    wa = {w for w in normalise_text(a).split() if w not in _STOP}
    wb = {w for w in normalise_text(b).split() if w not in _STOP}
    jac = len(wa & wb) / len(wa | wb) if wa | wb else 0.0
    ratio = difflib.SequenceMatcher(None, normalise_text(a), normalise_text(b)).ratio()
    return max(jac, ratio**2)


# ------------------------------------------------------------------ cleaning
class _Report:
    def __init__(self):
        self.changes = []

    def change(self, raw_id, row, column, old, new, rule):
        self.changes.append({"raw_id": raw_id, "row": row, "column": column,
                             "old": "" if old is None else old, "new": "" if new is None else new, "rule": rule})


def _references(references):
    refs = dict(references or {})
    orgs = refs.get("organisations")
    orgs = load_organisations() if orgs is None else orgs
    places = refs.get("places")
    places = load_places() if places is None else places
    deps = refs.get("departements")
    deps = load_departements() if deps is None else deps
    regions = refs.get("regions")
    regions = load_regions() if regions is None else regions
    return OrganisationMatcher(orgs), PlaceResolver(places, deps, regions)


def clean(raw: pd.DataFrame, references: dict | None = None) -> CleaningResult:
    """Clean the raw inventory; see the module docstring for the rules.

    Parameters
    ----------
    raw : DataFrame
        The raw inventory, as :func:`housing_research.load_inventory` returns it.
    references : dict, optional
        Reference tables to use instead of the committed ones (keys
        ``organisations``, ``places``, ``departements``, ``regions``).

    Returns
    -------
    CleaningResult

    Raises
    ------
    InputError
        Missing required column, unknown value in a controlled column (with
        the closest allowed value), duplicate ids.
    """
    source = dict(raw.attrs.get("source", {}))
    file = source.get("file", "inventory")
    spec = schema("inventory")
    validate(raw.head(0), "inventory", file=file)                 # required columns first
    table = raw.copy().astype("object").reset_index(drop=True)
    table = table.where(table.map(_present), None)
    for column in spec.index:
        if column not in table.columns:
            table[column] = None
    table["_row"] = range(2, len(table) + 2)
    _check_ids(table, file)
    report = _Report()
    matcher, resolver = _references(references)

    # whitespace, hyphenation, separators, controlled values (cell by cell)
    for column in [c for c in TEXT_COLUMNS if c in table.columns]:
        multi = spec.loc[column, "multi"] == "yes" if column in spec.index else False
        controlled = bool(spec.loc[column, "allowed"]) and not spec.loc[column, "allowed"].startswith("pattern:")
        values = []
        for raw_id, row, value in zip(table["raw_id"], table["_row"], table[column]):
            if value is None or (isinstance(value, float) and pd.isna(value)):
                values.append(None)
                continue
            new = str(value)
            for rule, fn in (("whitespace", clean_whitespace), ("hyphenation", clean_hyphenation)):
                changed = fn(new)
                if changed != new:
                    report.change(raw_id, row, column, new, changed, rule)
                    new = changed
            if multi:
                changed = _normalise_multi(new, column, matcher, resolver)
                if changed != new:
                    report.change(raw_id, row, column, new, changed, "multivalue_separator")
                    new = changed
            if controlled:
                changed = _controlled(new, column, multi)
                if changed != new:
                    report.change(raw_id, row, column, new, changed, "controlled_value_case")
                    new = changed
            values.append(new or None)
        table[column] = values
    rows, table = _reject(table)
    validate(table, "inventory", file=file, row_numbers=table["_row"].tolist())

    proposals = []
    _match_organisations(table, matcher, report, proposals)
    _resolve_places(table, resolver, report)
    _derive_years(table, report)
    table, merged, dup_proposals = _merge_duplicates(table, report)
    proposals.extend(dup_proposals)
    rows.extend(merged)
    kept_ids = set(table["raw_id"])
    rows.extend({"raw_id": r, "row": n, "status": "kept", "into_id": r, "reason": ""}
                for r, n in zip(table["raw_id"], table["_row"]) if r in kept_ids)
    row_report = pd.DataFrame(rows, columns=["raw_id", "row", "status", "into_id", "reason"]).sort_values("row")
    clean_table = _finish(table)
    changes = pd.DataFrame(report.changes, columns=["raw_id", "row", "column", "old", "new", "rule"])
    proposal_table = pd.DataFrame(proposals, columns=["kind", "raw_id", "row", "value", "candidate", "score"])
    return CleaningResult(clean_table, row_report.reset_index(drop=True), changes, proposal_table, source)


def _check_ids(table, file):
    seen = {}
    for raw_id, row in zip(table["raw_id"], table["_row"]):
        if raw_id is None or not str(raw_id).strip():
            raise InputError("empty id", file=file, row=row, column="raw_id",
                             suggestion="give every row a stable id such as I003-014")
        key = str(raw_id).strip()
        if key in seen:
            raise InputError(f"duplicate id (also on row {seen[key]})", file=file, row=row, column="raw_id",
                             value=key, suggestion="give each row its own id; ids are never reused")
        seen[key] = row


def _controlled(value: str, column: str, multi: bool) -> str:
    parts = value.split(MULTI_SEP) if multi else [value]
    out = []
    for part in parts:
        code = controlled_code(part)
        if column == "source_doc" and code.isdigit():
            code = code.zfill(3)
        out.append(code)
    return MULTI_SEP.join(out)


def _normalise_multi(value: str, column: str, matcher, resolver) -> str:
    if column in ORG_COLUMNS or column == "place":
        parts = [p for p in _SPLIT_SEMI.split(value) if p]
        out = []
        for part in parts:
            pieces = [p for p in _SPLIT_ANY.split(part) if p]
            known = (lambda p: matcher.match(p)[0] is not None) if column in ORG_COLUMNS else \
                (lambda p: any(resolver.resolve(p)))
            whole_known = known(part)
            if len(pieces) > 1 and not whole_known and all(known(p) for p in pieces):
                out.extend(pieces)
            else:
                out.append(part)
        return MULTI_SEP.join(out)
    if column == "themes":
        return MULTI_SEP.join(p for p in _SPLIT_ANY.split(value) if p)
    return MULTI_SEP.join(p for p in re.split(r"\s*[;/]\s*", value) if p)


def _reject(table):
    rows, keep = [], []
    seen = {}
    content = [c for c in TEXT_COLUMNS if c in table.columns]
    for i, r in table.iterrows():
        lacking = [c for c in ("name", "description") if not _present(r[c])]
        if lacking:
            rows.append({"raw_id": r["raw_id"], "row": r["_row"], "status": "rejected", "into_id": "",
                         "reason": f"no {' and no '.join(lacking)}: the initiative cannot be described or coded"})
            continue
        key = (r["source_doc"],) + tuple(r[c] for c in content)
        if key in seen:
            rows.append({"raw_id": r["raw_id"], "row": r["_row"], "status": "rejected", "into_id": seen[key],
                         "reason": f"exact repeat of {seen[key]} in the same document"})
            continue
        seen[key] = r["raw_id"]
        keep.append(i)
    return rows, table.loc[keep].reset_index(drop=True)


def _present(value) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _split(value) -> list[str]:
    return [p for p in _SPLIT_SEMI.split(value) if p] if _present(value) else []


def _match_organisations(table, matcher, report, proposals):
    for column, ids_column in (("carrier", "carrier_ids"), ("partners", "partner_ids")):
        new_values, ids_values, kinds_values = [], [], []
        for raw_id, row, value in zip(table["raw_id"], table["_row"], table[column]):
            names, ids, kinds = [], [], []
            for part in _split(value):
                org_id, how = matcher.match(part)
                if org_id is None:
                    names.append(part)
                    for p in matcher.propose(part):
                        proposals.append({"kind": "organisation", "raw_id": raw_id, "row": row, "value": part,
                                          "candidate": f"{p.org_id} ({p.name})", "score": p.score})
                    continue
                canonical = matcher.name(org_id)
                names.append(canonical)
                if org_id not in ids:
                    ids.append(org_id)
                    kinds.append(matcher.kind(org_id))
            new = MULTI_SEP.join(names) or None
            if new != value:
                report.change(raw_id, row, column, value, new, "organisation_alias")
            new_values.append(new)
            ids_values.append(MULTI_SEP.join(ids) or None)
            kinds_values.append(MULTI_SEP.join(kinds) or None)
        table[column] = new_values
        table[ids_column] = ids_values
        if column == "carrier":
            table["carrier_kinds"] = kinds_values


def _resolve_places(table, resolver, report):
    deps_values, region_values = [], []
    for raw_id, row, place, region in zip(table["raw_id"], table["_row"], table["place"], table["region"]):
        deps, regions = [], []
        for part in _split(place):
            dep, reg = resolver.resolve(part)
            if dep and dep not in deps:
                deps.append(dep)
            if reg and reg not in regions:
                regions.append(reg)
        if _present(region):
            reg = resolver.region(region) or resolver.resolve(region)[1]
            if reg and reg not in regions:
                regions.append(reg)
        dep_text, reg_text = MULTI_SEP.join(deps) or None, MULTI_SEP.join(regions) or None
        if dep_text:
            report.change(raw_id, row, "departements", None, dep_text, "place_to_departement")
        if reg_text:
            report.change(raw_id, row, "regions", None, reg_text, "place_to_departement")
        deps_values.append(dep_text)
        region_values.append(reg_text)
    table["departements"] = deps_values
    table["regions"] = region_values


def _derive_years(table, report):
    starts, ends = [], []
    for raw_id, row, period in zip(table["raw_id"], table["_row"], table["period"]):
        start, end = parse_years(period)
        if start is not None:
            report.change(raw_id, row, "year_start", None, str(start), "period_to_years")
        if end is not None:
            report.change(raw_id, row, "year_end", None, str(end), "period_to_years")
        starts.append(start)
        ends.append(end)
    table["year_start"] = pd.array(starts, dtype="Int64")
    table["year_end"] = pd.array(ends, dtype="Int64")


def _merge_duplicates(table, report):
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
            shared = set(_split(a["carrier_ids"])) & set(_split(b["carrier_ids"]))
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
                parts.extend(p for p in _split(v) if p not in parts)
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


CLEAN_COLUMNS = ["initiative_id", "raw_ids", "source_docs", "source_sections", "name", "kind", "carrier",
                 "carrier_ids", "carrier_kinds", "partners", "partner_ids", "place", "departements", "region",
                 "regions", "period", "year_start", "year_end", "public", "themes", "description", "started_by",
                 "animated_by", "managed_by", "decided_by", "funded_by", "covid_status", "evolution"]


def _finish(table: pd.DataFrame) -> pd.DataFrame:
    if table.empty:
        return pd.DataFrame(columns=CLEAN_COLUMNS)
    table = table.rename(columns={"raw_id": "initiative_id"})
    out = table[CLEAN_COLUMNS].copy()
    out["year_start"] = pd.array(out["year_start"], dtype="Int64")
    out["year_end"] = pd.array(out["year_end"], dtype="Int64")
    return out.sort_values("initiative_id").reset_index(drop=True)


# ------------------------------------------------------------------- build
def _write(frame: pd.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, lineterminator="\n", float_format="%.10g")


def build_inventory(raw_path=None, out_dir=None) -> CleaningResult:
    """Load, clean, validate and write the inventory and its report.

    Writes ``inventory.csv``, ``cleaning_rows.csv``, ``cleaning_changes.csv``,
    ``cleaning_proposals.csv`` and ``cleaning_summary.csv`` to ``out_dir``
    (default ``data/processed/``), byte for byte the same on every run.

    Returns
    -------
    CleaningResult
    """
    raw = load_inventory(raw_path)
    result = clean(raw)
    out = Path(out_dir) if out_dir is not None else paths.PROCESSED
    validate(result.table, "inventory_clean", file=paths.relative(out / "inventory.csv"))
    if len(result.rows) != len(raw) or result.rows["raw_id"].duplicated().any():
        raise AssertionError("row accounting broken: every raw row must be kept, merged or rejected once")
    _write(result.table, out / "inventory.csv")
    _write(result.rows, out / "cleaning_rows.csv")
    _write(result.changes.sort_values(["row", "column", "rule"], kind="stable"), out / "cleaning_changes.csv")
    _write(result.proposals, out / "cleaning_proposals.csv")
    summary = result.summary_table()
    summary.loc[len(summary)] = ["encoding: " + str(result.source.get("encoding")), 1]
    summary.loc[len(summary)] = ["separator: " + repr(result.source.get("separator")), 1]
    _write(summary, out / "cleaning_summary.csv")
    return result
