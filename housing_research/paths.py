"""Repository-relative locations of everything the project reads and writes.

All paths are anchored on this file, so nothing depends on the current working
directory. This is the only module that knows the layout of the repository.

Examples
--------
>>> from housing_research import paths
>>> paths.RAW.name
'raw'
"""

from __future__ import annotations

from pathlib import Path

#: Root of the repository (the folder holding ``pyproject.toml``).
ROOT: Path = Path(__file__).resolve().parents[1]

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

#: The inventory of initiatives as the team keeps it.
INVENTORY: Path = RAW / "inventory.csv"
#: The team's manual codes (one row per initiative, period, axis and code).
MANUAL_CODES: Path = RAW / "manual_codes.csv"
#: The data dictionary of the inventory.
DICTIONARY: Path = REFERENCE / "dictionary.csv"
ORGANISATIONS: Path = REFERENCE / "organisations.csv"
PLACES: Path = REFERENCE / "places.csv"
DEPARTEMENTS: Path = REFERENCE / "departements.csv"
SOURCES: Path = REFERENCE / "sources.csv"
#: The figure manifest.
MANIFEST: Path = FIGURES / "manifest.csv"


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
