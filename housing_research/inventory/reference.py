"""Reference tables and matching of names against them.

- organisations (``data/reference/organisations.csv``): canonical name, known
  spellings (``aliases``, ``|``-separated), kind, département, region;
- places (``places.csv``), départements (``departements.csv``), regions
  (``regions.csv``) and source documents (``sources.csv``).

:class:`OrganisationMatcher` maps a spelling to an organisation: exact alias or
name first, then the same after :func:`normalise_name`; near-misses (difflib
ratio >= 0.85 on normalised names) are proposed, never applied.

Examples
--------
>>> normalise_name("OPH de Nanterre")
'nanterre'
>>> normalise_name("Toit et Joie – Poste Habitat")
'toit et joie poste habitat'
>>> normalise_name("EMMAÜS-HABITAT")
'emmaus habitat'
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import pandas as pd

from housing_research import paths
from housing_research.spreadsheet import read_spreadsheet
from housing_research.text import normalise_text

#: Generic prefixes dropped by normalise_name (after accents and punctuation are removed).
GENERIC_PREFIXES = (
    "office public de l habitat", "office public d habitat", "office public", "office",
    "oph", "opac", "groupe", "sa d hlm", "sa hlm", "esh", "societe", "l", "le", "la", "les",
    "de", "du", "d", "des",
)


def normalise_name(text) -> str:
    """Normalised organisation name: :func:`normalise_text` without generic prefixes.

    Drops, repeatedly, leading words such as "OPH", "Office public de l'habitat",
    "Groupe", "SA d'HLM" and articles, so that "OPH de Nanterre" and "Nanterre"
    compare equal.
    """
    name = normalise_text(text)
    changed = True
    while changed:
        changed = False
        for prefix in GENERIC_PREFIXES:
            if name.startswith(prefix + " ") and len(name) > len(prefix) + 1:
                name = name[len(prefix) + 1:]
                changed = True
    return name


def _read(path, default, what: str, required: tuple[str, ...]) -> pd.DataFrame:
    """A reference table through the project's robust reader; empty cells as ''."""
    table = read_spreadsheet(default if path is None else path, what=what, required=required)
    table = table.astype(object).where(table.notna(), "")
    table.attrs = {}
    return table


def load_organisations(path=None) -> pd.DataFrame:
    """The organisations reference table (``org_id, name, aliases, kind, departement, region``)."""
    return _read(path, paths.ORGANISATIONS, "organisations table", ("org_id", "name", "aliases", "kind"))


def load_places(path=None) -> pd.DataFrame:
    """Places as written in the inventory, with their département and region."""
    return _read(path, paths.PLACES, "places table", ("place", "departement", "region"))


def load_departements(path=None) -> pd.DataFrame:
    """French départements: code, name, region slug."""
    return _read(path, paths.DEPARTEMENTS, "départements table", ("code", "name", "region"))


def load_regions(path=None) -> pd.DataFrame:
    """Regions: slug, French and English names, other names."""
    return _read(path, paths.REGIONS, "regions table", ("slug", "name_fr", "name_en"))


def load_sources(path=None) -> pd.DataFrame:
    """The five source documents: id, title, publisher, date, kind."""
    return _read(path, paths.SOURCES, "sources table", ("doc_id", "title"))


@dataclass(frozen=True)
class Proposal:
    """A near-miss match, proposed for review and never applied."""

    text: str
    org_id: str
    name: str
    score: float


class OrganisationMatcher:
    """Map spellings of organisations to their ``org_id``.

    Parameters
    ----------
    organisations : DataFrame
        The reference table (``org_id, name, aliases, kind, ...``).
    """

    def __init__(self, organisations: pd.DataFrame):
        self.organisations = organisations.set_index("org_id", drop=False)
        self._names = dict(zip(organisations["org_id"], organisations["name"]))
        self._kinds = dict(zip(organisations["org_id"], organisations["kind"]))
        self._exact: dict[str, str] = {}
        self._normalised: dict[str, str] = {}
        for row in organisations.itertuples(index=False):
            spellings = [row.name] + [a for a in str(row.aliases or "").split("|") if a.strip()]
            for s in spellings:
                self._exact.setdefault(s.strip(), row.org_id)
                self._normalised.setdefault(normalise_name(s), row.org_id)

    def match(self, text: str) -> tuple[str | None, str]:
        """Return ``(org_id, how)``: how is ``exact``, ``normalised`` or ``none``."""
        text = str(text).strip()
        if text in self._exact:
            return self._exact[text], "exact"
        key = normalise_name(text)
        if key in self._normalised:
            return self._normalised[key], "normalised"
        return None, "none"

    def propose(self, text: str, cutoff: float = 0.85) -> list[Proposal]:
        """Near-miss organisations for an unmatched spelling (best first)."""
        key = normalise_name(text)
        out = []
        for candidate in difflib.get_close_matches(key, list(self._normalised), n=3, cutoff=cutoff):
            org_id = self._normalised[candidate]
            score = difflib.SequenceMatcher(None, key, candidate).ratio()
            out.append(Proposal(text, org_id, self.organisations.loc[org_id, "name"], round(score, 3)))
        return out

    def name(self, org_id: str) -> str:
        """Canonical name of an organisation."""
        return self._names[org_id]

    def kind(self, org_id: str) -> str:
        """Kind of an organisation (``oph``, ``esh``, ``association``...)."""
        return self._kinds[org_id]


class PlaceResolver:
    """Resolve a place string to (département code, region slug).

    Tried in order: the places table (exact, then normalised); a département
    code in the text ("Mérignac (33)", "93"); a département name; a region
    name or slug; "France"/"national".
    """

    def __init__(self, places: pd.DataFrame, departements: pd.DataFrame, regions: pd.DataFrame):
        self._places = {}
        for row in places.itertuples(index=False):
            self._places.setdefault(row.place.strip(), (row.departement, row.region))
            self._places.setdefault(normalise_text(row.place), (row.departement, row.region))
        self._dep_region = dict(zip(departements["code"], departements["region"]))
        self._dep_by_name = {normalise_text(n): c for c, n in zip(departements["code"], departements["name"])}
        self._regions = {}
        self._region_names = {}
        for row in regions.to_dict("records"):
            aliases = [a for a in str(row.get("aliases") or "").split("|") if a.strip()]
            for key in (row["slug"], row["name_fr"], row["name_en"], *aliases):
                self._regions[normalise_text(key)] = row["slug"]
            self._region_names[row["slug"]] = row["name_fr"]
        self._place_names = sorted({str(p).strip() for p in places["place"]})

    def resolve(self, text: str) -> tuple[str, str]:
        """Return ``(departement, region)``; empty strings when unknown."""
        text = str(text).strip()
        for key in (text, normalise_text(text)):
            if key in self._places:
                dep, reg = self._places[key]
                return dep or "", reg or (self._dep_region.get(dep, "") if dep else "")
        code = re.search(r"\b(2[AB]|97[1-6]|\d{2})\b", text)
        if code and code.group(1) in self._dep_region:
            return code.group(1), self._dep_region[code.group(1)]
        key = normalise_text(text)
        if key in self._dep_by_name:
            dep = self._dep_by_name[key]
            return dep, self._dep_region[dep]
        if key in self._regions:
            return "", self._regions[key]
        return "", ""

    def areas(self) -> set[str]:
        """Normalised names of areas wider than a place: départements, regions (and their aliases), France."""
        return set(self._dep_by_name) | set(self._regions)

    def region(self, text: str) -> str:
        """Region slug of a region name or alias ("PACA", "Île-de-France", "Région parisienne"), or ''."""
        return self._regions.get(normalise_text(text), "")

    def propose_region(self, text: str, cutoff: float = 0.75) -> list[tuple[str, str, float]]:
        """Regions whose name or alias is close to a misspelt one: (slug, name, score), best first."""
        key = normalise_text(text)
        out = {}
        for candidate in difflib.get_close_matches(key, list(self._regions), n=3, cutoff=cutoff):
            slug = self._regions[candidate]
            score = round(difflib.SequenceMatcher(None, key, candidate).ratio(), 3)
            out.setdefault(slug, (slug, self._region_names.get(slug, slug), score))
        return list(out.values())

    def propose_place(self, text: str, cutoff: float = 0.8) -> list[tuple[str, float]]:
        """Known places close to an unknown one: (place, score), best first."""
        key = normalise_text(text)
        names = {normalise_text(p): p for p in self._place_names}
        return [(names[c], round(difflib.SequenceMatcher(None, key, c).ratio(), 3))
                for c in difflib.get_close_matches(key, list(names), n=3, cutoff=cutoff)]
