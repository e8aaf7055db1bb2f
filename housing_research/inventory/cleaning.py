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

The cell rules are in :mod:`housing_research.inventory.rules`, the derived
columns in :mod:`housing_research.inventory.derivations`, the duplicate
detection in :mod:`housing_research.inventory.duplicates`.

Examples
--------
>>> import pandas as pd
>>> from housing_research import clean
>>> raw = pd.DataFrame({"raw_id": ["I000-001"], "name": ["Jardin  partagé"], "kind": ["projet"],
...                     "carrier": ["une locataire"], "description": ["Un jardin tenu par une locataire."],
...                     "source_doc": ["000"], "source_section": ["1.2"]})
>>> result = clean(raw)
>>> result.table.loc[0, "name"], result.summary()["kept"]
('Jardin partagé', 1)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from housing_research.errors import InputError
from housing_research.inventory.derivations import derive_years, match_organisations, matchers, resolve_places
from housing_research.inventory.dictionary import schema, validate
from housing_research.inventory.duplicates import merge_duplicates
from housing_research.inventory.rules import clean_hyphenation, clean_whitespace, controlled_value, normalise_multi

#: Rule ids, in the order they are applied.
RULES = ("whitespace", "hyphenation", "multivalue_separator", "controlled_value_case", "reject",
         "organisation_alias", "place_to_departement", "period_to_years", "duplicate_merge")
TEXT_COLUMNS = ("name", "carrier", "partners", "place", "region", "period", "public", "themes", "description",
                "started_by", "animated_by", "managed_by", "decided_by", "funded_by", "covid_status",
                "evolution", "source_section", "kind", "source_doc")


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


# ------------------------------------------------------------------ cleaning
class ChangeLog:
    """The changed cells of a cleaning run, one record per cell and rule."""

    def __init__(self):
        self.changes = []

    def change(self, raw_id, row, column, old, new, rule):
        self.changes.append({"raw_id": raw_id, "row": row, "column": column,
                             "old": "" if old is None else old, "new": "" if new is None else new, "rule": rule})


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
    report = ChangeLog()
    matcher, resolver = matchers(references)

    _apply_cell_rules(table, spec, matcher, resolver, report)
    rows, table = _reject(table)
    validate(table, "inventory", file=file, row_numbers=table["_row"].tolist())

    proposals = []
    match_organisations(table, matcher, report, proposals)
    resolve_places(table, resolver, report)
    derive_years(table, report)
    table, merged, dup_proposals = merge_duplicates(table, report)
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


def _apply_cell_rules(table, spec, matcher, resolver, report) -> None:
    """Whitespace, hyphenation, separators and controlled values, cell by cell, in place."""
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
                changed = normalise_multi(new, column, matcher, resolver)
                if changed != new:
                    report.change(raw_id, row, column, new, changed, "multivalue_separator")
                    new = changed
            if controlled:
                changed = controlled_value(new, column, multi)
                if changed != new:
                    report.change(raw_id, row, column, new, changed, "controlled_value_case")
                    new = changed
            values.append(new or None)
        table[column] = values


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
