"""Derived columns of the cleaning, read from the reference tables.

- ``organisation_alias``: carriers and partners rewritten with the canonical
  names of the organisations table; ``carrier_ids``, ``carrier_kinds`` and
  ``partner_ids`` derived; unknown spellings kept and near-misses proposed;
- ``place_to_departement``: ``departements`` and ``regions`` from the places
  and the region;
- ``period_to_years``: ``year_start`` and ``year_end`` from the period.

Each function takes the table being cleaned and the
:class:`~housing_research.inventory.report.CleaningLog`, adds its columns in
place, and records what it could not resolve: an unknown organisation, place
or region gets a proposal when a close one exists and a warning in any case;
a period without a readable year gets a warning. Nothing is guessed.
"""

from __future__ import annotations

import pandas as pd

from housing_research.inventory.reference import (
    OrganisationMatcher,
    PlaceResolver,
    load_departements,
    load_organisations,
    load_places,
    load_regions,
)
from housing_research.inventory.periods import parse_period
from housing_research.text import MULTI_SEP, is_missing, split_multi


def matchers(references: dict | None = None):
    """The organisation matcher and place resolver, from the given or the committed tables."""
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


def match_organisations(table, matcher, log) -> None:
    """Canonical carrier and partner names, their ids and kinds (rule ``organisation_alias``)."""
    for column, ids_column in (("carrier", "carrier_ids"), ("partners", "partner_ids")):
        new_values, ids_values, kinds_values = [], [], []
        for raw_id, row, value in zip(table["raw_id"], table["_row"], table[column]):
            names, ids, kinds = [], [], []
            for part in split_multi(value):
                org_id, _ = matcher.match(part)
                if org_id is None:
                    names.append(part)
                    for p in matcher.propose(part):
                        log.propose("organisation", raw_id, row, part, f"{p.org_id} ({p.name})", p.score)
                    continue
                names.append(matcher.name(org_id))
                if org_id not in ids:
                    ids.append(org_id)
                    kinds.append(matcher.kind(org_id))
            new = MULTI_SEP.join(names) or None
            log.change(raw_id, row, column, value, new, "organisation_alias")
            new_values.append(new)
            ids_values.append(MULTI_SEP.join(ids) or None)
            kinds_values.append(MULTI_SEP.join(kinds) or None)
        table[column] = new_values
        table[ids_column] = ids_values
        if column == "carrier":
            table["carrier_kinds"] = kinds_values


def _unknown_place(part, raw_id, row, resolver, log) -> None:
    near = resolver.propose_place(part)
    for place, score in near:
        log.propose("place", raw_id, row, part, place, score)
    hint = f"did you mean {near[0][0]!r}? " if near else ""
    log.warn("unknown_place", raw_id, row, "place", part,
             f"{hint}add the place to data/reference/places.csv with its département")


def _region(region, raw_id, row, resolver, log) -> str:
    reg = resolver.region(region) or resolver.resolve(region)[1]
    if reg:
        return reg
    near = resolver.propose_region(region)
    for slug, name, score in near:
        log.propose("region", raw_id, row, region, f"{slug} ({name})", score)
    hint = f"did you mean {near[0][1]!r}? " if near else ""
    log.warn("unknown_region", raw_id, row, "region", region,
             f"{hint}write a region of data/reference/regions.csv (name or alias)")
    return ""


def resolve_places(table, resolver, log) -> None:
    """Départements and regions from places and region (rule ``place_to_departement``)."""
    deps_values, region_values = [], []
    for raw_id, row, place, region in zip(table["raw_id"], table["_row"], table["place"], table["region"]):
        deps, regions = [], []
        for part in split_multi(place):
            dep, reg = resolver.resolve(part)
            if not dep and not reg:
                _unknown_place(part, raw_id, row, resolver, log)
            if dep and dep not in deps:
                deps.append(dep)
            if reg and reg not in regions:
                regions.append(reg)
        if not is_missing(region):
            reg = _region(region, raw_id, row, resolver, log)
            if reg and reg not in regions:
                regions.append(reg)
        dep_text, reg_text = MULTI_SEP.join(deps) or None, MULTI_SEP.join(regions) or None
        log.change(raw_id, row, "departements", None, dep_text, "place_to_departement")
        log.change(raw_id, row, "regions", None, reg_text, "place_to_departement")
        deps_values.append(dep_text)
        region_values.append(reg_text)
    table["departements"] = deps_values
    table["regions"] = region_values


def derive_years(table, log) -> None:
    """Start and end years from the period (rule ``period_to_years``); unreadable periods warned."""
    starts, ends = [], []
    for raw_id, row, period in zip(table["raw_id"], table["_row"], table["period"]):
        start, end, problem = parse_period(period)
        if problem:
            log.warn("period", raw_id, row, "period", period,
                     f"{problem}: years left empty; write the year(s) the source gives, e.g. 2020 or 2019-2021")
        log.change(raw_id, row, "year_start", None, None if start is None else str(start), "period_to_years")
        log.change(raw_id, row, "year_end", None, None if end is None else str(end), "period_to_years")
        starts.append(start)
        ends.append(end)
    table["year_start"] = pd.array(starts, dtype="Int64")
    table["year_end"] = pd.array(ends, dtype="Int64")
