"""The inventory of initiatives: reading, reference tables, validation, cleaning.

- :mod:`~housing_research.inventory.reading` — :func:`load_inventory` reads the
  raw inventory in the forms the team keeps it (CSV or XLSX);
- :mod:`~housing_research.inventory.reference` — organisations, places,
  départements, regions, sources, and name matching against them;
- :mod:`~housing_research.inventory.dictionary` — the data dictionary and
  :func:`validate`;
- :mod:`~housing_research.inventory.rules`, :mod:`~.derivations`,
  :mod:`~.duplicates`, :mod:`~.cleaning` — :func:`clean` and its report;
- :mod:`~.links` (parent-child links), :mod:`~.companions` (quantities, Covid
  sub-periods, document 000's reports), :mod:`~.locators` (each row tied to its
  passage, :func:`locate`), :mod:`~.garbled` (document 004's font repaired);
- :mod:`~housing_research.inventory.build` — the ``clean`` step that writes it all.

This package imports nothing from the coding, analysis or figure layers.
"""

from housing_research.inventory.build import build_inventory
from housing_research.inventory.cleaning import CleaningResult, clean
from housing_research.inventory.dictionary import read_dictionary, validate
from housing_research.inventory.locators import check_locators, locate
from housing_research.inventory.reading import load_inventory
from housing_research.inventory.reference import normalise_name

__all__ = ["CleaningResult", "build_inventory", "check_locators", "clean", "load_inventory", "locate", "normalise_name",
           "read_dictionary", "validate"]
