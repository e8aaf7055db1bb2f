"""The glossary: acronyms met in the documents and the inventory, and the five source documents.

The team keeps it in ``data/reference/glossary.csv`` (one row per term: its
kind, its name and a definition in French and English, where it is found);
:func:`glossary_markdown` renders it as ``docs/glossary.md`` (the ``docs``
step of the build).

Examples
--------
>>> table = load_glossary()
>>> table.set_index("term").loc["OPH", "name_fr"]
"Office public de l'habitat"
>>> glossary_markdown(table).splitlines()[0]
'# Glossary / Glossaire'
"""

from __future__ import annotations

import pandas as pd

from housing_research import paths
from housing_research.spreadsheet import read_spreadsheet

#: Kinds of glossary entries, in the order the page shows them.
KINDS = ("sigle", "document")
#: Columns of the glossary table.
COLUMNS = ("term", "kind", "name_fr", "name_en", "definition_fr", "definition_en", "found_in")


def load_glossary(path=None) -> pd.DataFrame:
    """The glossary table (default ``data/reference/glossary.csv``), empty cells as ''.

    Raises ``ValueError`` when a term is listed twice or a kind is unknown.
    """
    table = read_spreadsheet(paths.GLOSSARY if path is None else path, what="glossary", required=COLUMNS)
    table = table.astype(object).where(table.notna(), "")
    table.attrs = {}
    duplicated = table.loc[table["term"].duplicated(), "term"].tolist()
    if duplicated:
        raise ValueError(f"glossary: term(s) {duplicated} listed twice; keep one row per term")
    unknown = sorted(set(table["kind"]) - set(KINDS))
    if unknown:
        raise ValueError(f"glossary: unknown kind(s) {unknown}; use one of {list(KINDS)}")
    return table


def _cell(text) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def glossary_markdown(table: pd.DataFrame | None = None) -> str:
    """The glossary page: acronyms in alphabetical order, then the source documents."""
    table = load_glossary() if table is None else table
    acronyms = table[table["kind"] == "sigle"]
    acronyms = acronyms.iloc[sorted(range(len(acronyms)), key=lambda i: acronyms["term"].iloc[i].casefold())]
    lines = ["# Glossary / Glossaire", "",
             "Generated from `data/reference/glossary.csv` by `housing-research docs`; do not edit by hand. "
             "Definitions are the project's own words; *found in* names the source documents "
             "(`000`-`004`), the cleaned inventory or the organisations table where the acronym appears.", "",
             f"## Acronyms / Sigles ({len(acronyms)})", "",
             "| Sigle | Français | English | Définition | Definition | Found in |", "|---|---|---|---|---|---|"]
    for r in acronyms.itertuples(index=False):
        lines.append(f"| **{_cell(r.term)}** | {_cell(r.name_fr)} | {_cell(r.name_en)} | {_cell(r.definition_fr)} "
                     f"| {_cell(r.definition_en)} | {_cell(r.found_in)} |")
    documents = table[table["kind"] == "document"].sort_values("term", kind="stable")
    lines += ["", f"## Source documents / Documents sources ({len(documents)})", "",
              "| Document | Français | English | Résumé | Summary |", "|---|---|---|---|---|"]
    for r in documents.itertuples(index=False):
        lines.append(f"| `{_cell(r.term)}` | {_cell(r.name_fr)} | {_cell(r.name_en)} | {_cell(r.definition_fr)} "
                     f"| {_cell(r.definition_en)} |")
    return "\n".join(lines) + "\n"
