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
- ``proposals``: near-misses (organisation spellings, places, regions,
  possible duplicates) listed for review and never applied;
- ``warnings``: cells the cleaning could not read and left as they were.

The rules
---------
``control_characters``
    NUL bytes and other control characters are taken out of cells when the
    file is read (:func:`housing_research.spreadsheet.read_spreadsheet`); each
    cell is recorded with the characters removed.
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
    "2020-21", "mars 2021", "depuis 2018" (no end), "printemps 2020", a year
    typed as a number, a spreadsheet date); a period without a readable or
    plausible year is left without years and reported in ``warnings``.
``reject``
    Rows without a name or without a description (they can be neither
    described nor coded), and exact repeats of another row of the same
    document, are rejected with the reason.
``duplicate_merge``
    Rows from different documents whose carriers share an organisation, whose
    names are alike and whose places and periods agree are merged into the
    first one; other close pairs are proposed
    (:mod:`housing_research.inventory.duplicates`).

Unknown places and regions, unreadable periods and columns that are not in
the data dictionary are reported in ``warnings`` (with a proposal where a
close known value exists); nothing is guessed and no row is lost.

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
from housing_research.inventory.links import check_links, initiative_links
from housing_research.inventory.report import WARNING_COLUMNS, CleaningLog
from housing_research.inventory.rules import clean_hyphenation, clean_whitespace, controlled_value, normalise_multi

#: Rule ids, in the order they are applied.
RULES = ("control_characters", "whitespace", "hyphenation", "multivalue_separator", "controlled_value_case", "reject",
         "organisation_alias", "place_to_departement", "period_to_years", "duplicate_merge")
TEXT_COLUMNS = ("name", "carrier", "partners", "place", "region", "period", "public", "themes", "description",
                "started_by", "animated_by", "managed_by", "decided_by", "funded_by", "covid_status",
                "evolution", "source_section", "kind", "source_doc", "source_page", "span_start", "span_end",
                "parent_id", "relation", "scope", "scope_reason", "service_role", "service_delivery",
                "service_funding", "tenant_billed")


@dataclass
class CleaningResult:
    """What :func:`clean` returns: the cleaned table and the full report."""

    table: pd.DataFrame
    rows: pd.DataFrame
    changes: pd.DataFrame
    proposals: pd.DataFrame
    source: dict = field(default_factory=dict)
    warnings: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=WARNING_COLUMNS))
    links: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["initiative_id", "parent_id",
                                                                               "relation"]))

    def summary(self) -> dict:
        """Counts of raw rows per status, of changed cells per rule, and of warnings."""
        status = self.rows["status"].value_counts()
        out = {"raw": len(self.rows)}
        out.update({s: int(status.get(s, 0)) for s in ("kept", "merged", "rejected")})
        per_rule = self.changes["rule"].value_counts()
        out.update({f"changes_{r}": int(per_rule.get(r, 0)) for r in RULES if r not in ("reject", "duplicate_merge")})
        out["warnings"] = len(self.warnings)
        return out

    def summary_table(self) -> pd.DataFrame:
        """:meth:`summary` as a two-column table (``item``, ``count``)."""
        return pd.DataFrame(list(self.summary().items()), columns=["item", "count"])


# ------------------------------------------------------------------ cleaning
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
        Raw rows = kept + merged + rejected, always; an inventory with a
        header only gives an empty table and a full report.

    Raises
    ------
    InputError
        Missing required column, unknown value in a controlled column (with
        the closest allowed value), empty or duplicate ids.
    """
    source = dict(raw.attrs.get("source", {}))
    file = source.get("file", "inventory")
    spec = schema("inventory")
    validate(raw.head(0), "inventory", file=file)                 # required columns first
    log = CleaningLog()
    table = _prepare(raw, spec, source, log)
    _check_ids(table, file)
    check_links(table, rows=table["_row"].tolist(), file=file)
    matcher, resolver = matchers(references)
    _apply_cell_rules(table, spec, matcher, resolver, log)
    raw_links = table[["raw_id", "parent_id", "relation"]].copy()
    rows, table = _reject(table)
    validate(table, "inventory", file=file, row_numbers=table["_row"].tolist())
    match_organisations(table, matcher, log)
    resolve_places(table, resolver, log)
    derive_years(table, log)
    table, merged = merge_duplicates(table, log, coarse=resolver.areas())
    rows.extend(merged)
    into = {r["raw_id"]: r["into_id"] for r in rows if r["status"] != "rejected"}
    into.update({r: r for r in table["raw_id"]})
    links = initiative_links(raw_links, into)
    rows.extend({"raw_id": r, "row": n, "status": "kept", "into_id": r, "reason": ""}
                for r, n in zip(table["raw_id"], table["_row"]))
    row_report = pd.DataFrame(rows, columns=["raw_id", "row", "status", "into_id", "reason"]).sort_values("row")
    changes, proposals, warnings = log.tables()
    return CleaningResult(_finish(table), row_report.reset_index(drop=True), changes, proposals, source, warnings,
                          links)


def _prepare(raw: pd.DataFrame, spec, source: dict, log: CleaningLog) -> pd.DataFrame:
    """The raw table with every dictionary column, spreadsheet row numbers, and what reading removed."""
    table = raw.copy().astype("object").reset_index(drop=True)
    table.attrs = {}                       # pandas copies attrs at every step: keep the source apart
    table = table.where(table.map(_present), None)
    extra = [c for c in table.columns if c not in spec.index]
    for column in spec.index:
        if column not in table.columns:
            table[column] = None
    rows = source.get("rows")
    table["_row"] = list(rows) if rows is not None and len(rows) == len(table) else range(2, len(table) + 2)
    by_row = dict(zip(table["_row"], table["raw_id"]))
    for item in source.get("removed", ()):
        log.change(by_row.get(item["row"], ""), item["row"], item["column"],
                   f"{item['count']} control character(s)", "removed", "control_characters")
    if "scope" in raw.columns:
        for raw_id, row, scope in zip(table["raw_id"], table["_row"], table["scope"]):
            if not _present(scope):
                log.warn("scope", raw_id, row, "scope", None,
                         "no scope: analysed as a practice; write pratique or contexte with its reason")
    for column in extra:
        filled = int(table[column].notna().sum())
        log.warn("extra_column", "", 1, column, f"{filled} filled cells",
                 "not in the data dictionary: kept in the raw file, not carried into the cleaned table; "
                 "add it to data/reference/dictionary.csv to keep it")
    return table


def _apply_cell_rules(table, spec, matcher, resolver, log) -> None:
    """Whitespace, hyphenation, separators and controlled values, cell by cell, in place.

    A value met again in the same column reuses the first result (the rules
    depend on the value only), so repeated codes and names cost one pass.
    """
    for column in [c for c in TEXT_COLUMNS if c in table.columns]:
        multi = spec.loc[column, "multi"] == "yes" if column in spec.index else False
        controlled = bool(spec.loc[column, "allowed"]) and not spec.loc[column, "allowed"].startswith("pattern:")
        steps = [("whitespace", clean_whitespace), ("hyphenation", clean_hyphenation)]
        if multi:
            steps.append(("multivalue_separator", lambda v, c=column: normalise_multi(v, c, matcher, resolver)))
        if controlled:
            steps.append(("controlled_value_case", lambda v, c=column, m=multi: controlled_value(v, c, m)))
        done: dict[str, tuple[str | None, list]] = {}
        values = []
        for raw_id, row, value in zip(table["raw_id"], table["_row"], table[column]):
            if not _present(value):
                values.append(None)
                continue
            if value not in done:
                new, changed = value, []
                for rule, fn in steps:
                    result = fn(new)
                    if result != new:
                        changed.append((rule, new, result))
                        new = result
                done[value] = (new or None, changed)
            new, changed = done[value]
            for rule, old, result in changed:
                log.change(raw_id, row, column, old, result, rule)
            values.append(new)
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
    for i, r in enumerate(table.to_dict("records")):
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
    return rows, table.iloc[keep].reset_index(drop=True)


def _present(value) -> bool:
    return isinstance(value, str) and value.strip() != ""


CLEAN_COLUMNS = ["initiative_id", "raw_ids", "source_docs", "source_sections", "name", "kind", "carrier",
                 "carrier_ids", "carrier_kinds", "partners", "partner_ids", "place", "departements", "region",
                 "regions", "period", "year_start", "year_end", "public", "themes", "description", "started_by",
                 "animated_by", "managed_by", "decided_by", "funded_by", "covid_status", "evolution", "scope",
                 "scope_reason", "service_role", "service_delivery", "service_funding", "tenant_billed"]


def _finish(table: pd.DataFrame) -> pd.DataFrame:
    if table.empty:
        return pd.DataFrame(columns=CLEAN_COLUMNS)
    table = table.rename(columns={"raw_id": "initiative_id"})
    out = table[CLEAN_COLUMNS].copy()
    out["year_start"] = pd.array(out["year_start"], dtype="Int64")
    out["year_end"] = pd.array(out["year_end"], dtype="Int64")
    return out.sort_values("initiative_id").reset_index(drop=True)
