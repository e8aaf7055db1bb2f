"""Repository-relative locations of everything the project reads and writes.

All paths are anchored on this file, so nothing depends on the current working
directory. This is the only module that builds paths inside the repository
(``tests/test_architecture.py`` checks it): other modules take folders and
files as arguments, with these as defaults.

Examples
--------
>>> from housing_research import paths
>>> paths.RAW.name
'raw'
>>> paths.processed("coded_inventory").name
'coded_inventory.csv'
"""

from __future__ import annotations

from pathlib import Path

#: The package folder.
PACKAGE: Path = Path(__file__).resolve().parent
#: Root of the repository (the folder holding ``pyproject.toml``).
ROOT: Path = PACKAGE.parent

DATA: Path = ROOT / "data"
#: Human-made input tables; never edited by code.
RAW: Path = DATA / "raw"
#: Reference tables (organisations, places, sources, data dictionary).
REFERENCE: Path = DATA / "reference"
#: Tables written by the pipeline.
PROCESSED: Path = DATA / "processed"
NOTEBOOKS: Path = ROOT / "notebooks"
FIGURES: Path = ROOT / "figures"
DOCS: Path = ROOT / "docs"
#: Pages the build writes for readers (the interactive typology map).
REPORTS: Path = ROOT / "reports"

#: The inventory of initiatives as the team keeps it.
INVENTORY: Path = RAW / "inventory.csv"
#: The team's manual codes: one file per coder (blind coding), the adjudication and the change history.
CODES: Path = RAW / "codes"
#: Adjudicated codes: who decided each disputed code, and why.
ADJUDICATION: Path = CODES / "adjudication.csv"
#: Change history of re-read codes (old code, new code, rule).
CODE_HISTORY: Path = CODES / "history.csv"
#: Quantities the documents give about initiatives (reach, budgets, durations).
QUANTITIES: Path = RAW / "quantities.csv"
#: Statuses of initiatives by sub-period of the Covid crisis.
COVID_PERIODS: Path = RAW / "covid_periods.csv"
#: Document 000's reports on what became of kinds of actors' practices.
COVID_ACTOR_REPORTS: Path = RAW / "covid_actor_reports.csv"
#: Every figure document 000 gives about the March 2021 questionnaire.
QUESTIONNAIRE: Path = RAW / "questionnaire_2021.csv"
#: The data dictionary of every table.
DICTIONARY: Path = REFERENCE / "dictionary.csv"
ORGANISATIONS: Path = REFERENCE / "organisations.csv"
PLACES: Path = REFERENCE / "places.csv"
DEPARTEMENTS: Path = REFERENCE / "departements.csv"
REGIONS: Path = REFERENCE / "regions.csv"
SOURCES: Path = REFERENCE / "sources.csv"
#: Acronyms and source documents, defined in French and English.
GLOSSARY: Path = REFERENCE / "glossary.csv"
#: Outlines of the 13 metropolitan regions (simplified GeoJSON, with its licence in NOTICE.md beside it).
GEOMETRY: Path = REFERENCE / "geometry"
REGIONS_GEOJSON: Path = GEOMETRY / "regions_metropole.geojson"
#: The typology codebook, shipped with the package.
CODEBOOK: Path = PACKAGE / "coding" / "codebook.yaml"
#: The REFI-QDA XML schemas (codebook and project), shipped with the package with their licence.
REFI_QDA_SCHEMAS: Path = PACKAGE / "coding" / "refi_qda_schemas"
REFI_QDA_CODEBOOK_XSD: Path = REFI_QDA_SCHEMAS / "Codebook.xsd"
REFI_QDA_PROJECT_XSD: Path = REFI_QDA_SCHEMAS / "Project.xsd"
#: The catalogue of display text (French and English), shipped with the package.
DISPLAY_TEXT: Path = PACKAGE / "display_text.yaml"
#: The documentation page generated from the codebook.
CODEBOOK_DOC: Path = DOCS / "codebook.md"
#: The glossary page generated from the glossary table.
GLOSSARY_DOC: Path = DOCS / "glossary.md"
#: The typology tables for papers, generated from the processed typology tables.
TYPOLOGY_DOC: Path = DOCS / "typology.md"
TYPOLOGY_TEX: Path = DOCS / "typology.tex"
#: The interactive typology map, one self-contained page per language.
TYPOLOGY_MAP_NAME = "typology_map_{lang}.html"
#: The figure manifest.
MANIFEST: Path = FIGURES / "manifest.csv"
#: Slide versions of the figures (16:9, 13.33 x 7.5 in), with their own manifest.
SLIDES: Path = FIGURES / "slides"
#: The seminar decks, one PDF per language.
DECKS: Path = FIGURES / "decks"


def processed(name: str, folder: Path | None = None) -> Path:
    """The CSV file of processed table ``name`` (in ``folder``, default ``data/processed``).

    Examples
    --------
    >>> processed("inventory").relative_to(ROOT).as_posix()
    'data/processed/inventory.csv'
    """
    return Path(folder if folder is not None else PROCESSED) / f"{name}.csv"


def coder_file(coder: str, folder: Path | None = None) -> Path:
    """The CSV file of one coder's codes (in ``folder``, default ``data/raw/codes``).

    Examples
    --------
    >>> coder_file("AB").relative_to(ROOT).as_posix()
    'data/raw/codes/AB.csv'
    """
    return Path(folder if folder is not None else CODES) / f"{coder}.csv"


def relative(path: Path) -> str:
    """Return ``path`` relative to the repository root, with forward slashes.

    Used whenever a path is written into a file (reports, manifests), so that
    no absolute path of the machine leaks into a committed output.

    Examples
    --------
    >>> relative(ROOT / "data" / "raw" / "inventory.csv")
    'data/raw/inventory.csv'
    """
    path = Path(path).resolve()
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return path.name
