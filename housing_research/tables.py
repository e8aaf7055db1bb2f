"""Writing and reading the project's CSV tables: one writer, one reader.

Every table the pipeline writes goes through :func:`write_table`, so that all
of them share one format: UTF-8, ``\\n`` line ends, no index, floats rounded
to :data:`DECIMALS` places (the last bits of a floating-point result must not
change a committed file), and text cells safe to open in a spreadsheet: a
cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
is written with a leading apostrophe (:func:`neutralise`, the OWASP rule
against CSV injection), so that ``=HYPERLINK(...)`` typed in a name never
reaches a spreadsheet as a live formula. Nothing is ever written under
``data/raw``. Processed tables are read back with :func:`read_processed`.

Examples
--------
>>> import tempfile, pandas as pd
>>> from pathlib import Path
>>> path = Path(tempfile.mkdtemp()) / "t.csv"
>>> _ = write_table(pd.DataFrame({"x": [1 / 3], "name": ["a"]}), path)
>>> path.read_text()
'x,name\\n0.333333,a\\n'
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from housing_research import paths

#: Decimals kept of every float written to a table.
DECIMALS = 6
#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text cell made safe for a spreadsheet: formula-like text gets a leading apostrophe.

    Examples
    --------
    >>> print(neutralise('=HYPERLINK("http://x")'))
    '=HYPERLINK("http://x")
    >>> neutralise("-> voir"), neutralise("Jardin"), neutralise(-1.5)
    ("'-> voir", 'Jardin', -1.5)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells are :func:`neutralise`-d (numbers are left alone)."""
    out = frame.copy()
    for column in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[column]) or pd.api.types.is_bool_dtype(out[column])):
            out[column] = out[column].map(neutralise)
    return out


def write_table(frame: pd.DataFrame, path, decimals: int = DECIMALS) -> Path:
    """Write ``frame`` to ``path`` in the project's CSV format; return the path.

    Parameters
    ----------
    frame : DataFrame
        The table; its index is not written (reset it first to keep it).
    path : path-like
        Target file; its folder is created if needed.
    decimals : int
        Places kept of every float column.
    """
    path = Path(path)
    if path.resolve().is_relative_to(paths.RAW.resolve()):
        raise ValueError(f"{paths.relative(path)}: the pipeline never writes under data/raw (human-made tables)")
    path.parent.mkdir(parents=True, exist_ok=True)
    out = safe_frame(frame)
    for column in out.columns:
        if pd.api.types.is_float_dtype(out[column]):
            out[column] = out[column].round(decimals) + 0.0
    out.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
    return path


def read_processed(name: str, folder=None, **read_csv) -> pd.DataFrame:
    """Read processed table ``name`` (``data/processed/<name>.csv`` by default).

    Parameters
    ----------
    name : str
        Table name, e.g. ``"coded_inventory"``.
    folder : path-like, optional
        Another folder of processed tables.
    **read_csv
        Passed to :func:`pandas.read_csv` (for instance ``dtype=str``).

    Examples
    --------
    >>> bool(read_processed("inventory", dtype=str)["initiative_id"].str.match(r"I\\d{3}-\\d{3}").all())
    True
    """
    return pd.read_csv(paths.processed(name, folder), **read_csv)
