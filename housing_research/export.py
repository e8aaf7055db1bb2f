"""The cleaned and coded inventory as one XLSX workbook that opens anywhere.

:func:`export_xlsx` writes one sheet per processed table
(``data/processed/*.csv``, in name order) after a ``dictionary`` sheet (the
data dictionary, :func:`~housing_research.inventory.dictionary.read_dictionary`).
Every sheet has its header row bold and frozen and its column widths set;
columns the dictionary types ``integer`` or ``float`` are written as numbers,
every other cell as the text of the CSV, and a text cell that begins with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
apostrophe, as in every CSV the project writes (formula injection). The
bytes are deterministic: the same tables give the same file.

Examples
--------
>>> import tempfile, openpyxl
>>> from pathlib import Path
>>> path = export_xlsx(Path(tempfile.mkdtemp()) / "inventory.xlsx")
>>> wb = openpyxl.load_workbook(path)
>>> wb.sheetnames[:3], wb["inventory"].freeze_panes
(['dictionary', 'agreement_disagreements', 'agreement_summary'], 'A2')
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from housing_research import paths
from housing_research.inventory.dictionary import read_dictionary
from housing_research.workbook import save_workbook, write_frame

#: Dictionary types written as numbers.
NUMERIC_TYPES = ("integer", "float")
#: Dictionary table of a processed table whose name differs (the raw and the cleaned inventory differ).
DICTIONARY_TABLE = {"inventory": "inventory_clean"}
#: Name of the dictionary sheet.
DICTIONARY_SHEET = "dictionary"


def processed_tables(folder=None) -> list[Path]:
    """The processed tables of ``folder`` (default ``data/processed``), in name order."""
    return sorted(Path(folder if folder is not None else paths.PROCESSED).glob("*.csv"))


def typed_table(path, dictionary: pd.DataFrame) -> pd.DataFrame:
    """A processed table as text, with the columns the dictionary types as numbers converted.

    A column whose cells do not all read as numbers stays text.
    """
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    name = DICTIONARY_TABLE.get(Path(path).stem, Path(path).stem)
    types = dictionary[dictionary["table"] == name].set_index("column")["type"]
    for column in frame.columns:
        if types.get(column) in NUMERIC_TYPES:
            values = pd.to_numeric(frame[column].replace("", None), errors="coerce")
            if values.notna().sum() == (frame[column] != "").sum():
                if types[column] == "integer" and (values.dropna() % 1 == 0).all():
                    values = values.astype("Int64")
                frame[column] = values.astype(object).where(values.notna(), None)
    return frame.astype(object).where(frame != "", None)


def export_xlsx(path, folder=None, dictionary_path=None) -> Path:
    """Write the processed tables and the data dictionary to one workbook; return its path.

    Parameters
    ----------
    path : path-like
        The ``.xlsx`` file to write.
    folder : path-like, optional
        Folder of the processed tables (default ``data/processed``).
    dictionary_path : path-like, optional
        The data dictionary (default ``data/reference/dictionary.csv``).
    """
    import openpyxl

    dictionary = read_dictionary(dictionary_path)
    wb = openpyxl.Workbook()
    wb.active.title = DICTIONARY_SHEET
    write_frame(wb.active, dictionary, {"allowed": 40, "meaning_fr": 60, "meaning_en": 60})
    for table in processed_tables(folder):
        write_frame(wb.create_sheet(table.stem[:31]), typed_table(table, dictionary))
    wb.properties.title = "housing-research: cleaned and coded inventory"
    return save_workbook(wb, path)
