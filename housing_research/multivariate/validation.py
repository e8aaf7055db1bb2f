"""Input checks shared by the estimators: tables, weights, coordinates.

Every check raises :class:`housing_research.InputError` (a ``ValueError``)
naming the row, the column and the fix, so that scikit-learn's conventions
(``ValueError`` on bad input) and the project's (say where and how to fix
it) both hold.

Examples
--------
>>> check_weights([1.0, 2.0], 2).tolist()
[1.0, 2.0]
>>> check_weights([1.0, 0.0], 2)
Traceback (most recent call last):
...
housing_research.errors.InputError: row 2: sample_weight must be finite and positive (value: 0.0). Fix: drop rows of zero weight before the analysis
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from housing_research.errors import InputError


def as_frame(X, what: str, empty: str | None = None) -> pd.DataFrame:
    """``X`` as a DataFrame: a DataFrame unchanged, a 2-D array with columns ``0 .. p-1``.

    Raises ``InputError`` for an empty table (message ``empty`` if given),
    complex numbers, or an array that is not 2-D.
    """
    if isinstance(X, pd.DataFrame):
        frame = X
    else:
        if hasattr(X, "toarray") or hasattr(X, "tocsr"):
            raise TypeError(f"{what} data must be dense (a DataFrame or an array), not a sparse matrix")
        array = np.asarray(X)
        if array.ndim != 2:
            raise InputError(f"{what} data must be 2-D, got an array of shape {array.shape}",
                             suggestion="Reshape your data, e.g. a single column with X.reshape(-1, 1)")
        frame = pd.DataFrame(array)
    rows, cols = frame.shape
    if rows == 0 or cols == 0:
        sk = f": 0 feature(s) (shape=({rows}, 0)) while a minimum of 1 is required" if cols == 0 else ""
        raise InputError((empty or f"{what} data is empty") + f" ({rows} rows, {cols} columns){sk}",
                         suggestion="give at least one row and one column")
    if any(pd.api.types.is_complex_dtype(t) for t in frame.dtypes):
        raise InputError(f"Complex data not supported in {what} data", suggestion="pass real numbers")
    return frame


def check_weights(sample_weight, n: int, what: str = "sample_weight") -> np.ndarray:
    """Row weights as floats, one per row, finite and positive (default: ones)."""
    if sample_weight is None:
        return np.ones(n)
    w = np.asarray(sample_weight, dtype=float).ravel()
    if w.shape != (n,):
        raise InputError(f"{what} has {w.size} values for {n} rows", suggestion="give one weight per row")
    bad = ~np.isfinite(w) | (w <= 0)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise InputError(f"{what} must be finite and positive", row=i + 1, value=float(w[i]),
                         suggestion="drop rows of zero weight before the analysis")
    return w


def check_coordinates(frame: pd.DataFrame) -> np.ndarray:
    """The coordinates as a float array; numeric, finite, else a located ``InputError``."""
    if not all(pd.api.types.is_numeric_dtype(t) and not pd.api.types.is_bool_dtype(t) for t in frame.dtypes):
        raise InputError("coordinates must be numeric", suggestion="pass principal coordinates")
    values = frame.to_numpy(dtype=float)
    if not np.isfinite(values).all():
        i, j = np.argwhere(~np.isfinite(values))[0]
        raise InputError("missing or infinite coordinate (NaN or inf)", row=str(frame.index[i]),
                         column=str(frame.columns[j]), value=float(values[i, j]),
                         suggestion="drop or impute that individual before clustering")
    return values


def split_supplementary(frame, quali_columns, quanti_columns, quali_frame=None, quanti_frame=None):
    """Active table and supplementary frames, from column names (estimator parameters) or frames (fit arguments)."""
    named = {}
    for what, columns, given in (("quali_sup", quali_columns, quali_frame), ("quanti_sup", quanti_columns, quanti_frame)):
        if columns is None:
            named[what] = given
            continue
        if given is not None:
            raise InputError(f"{what} given both as a parameter and to fit",
                             suggestion=f"name the columns in MCA({what}=...) or pass a frame to fit, not both")
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise InputError(f"{what} column not in the table", column=str(missing[0]),
                             suggestion=f"choose among {list(frame.columns)}")
        named[what] = frame[list(columns)]
    drop = list(quali_columns or []) + list(quanti_columns or [])
    return frame.drop(columns=drop), named["quali_sup"], named["quanti_sup"]


def excluded_mask(categories: pd.MultiIndex, excl) -> np.ndarray:
    """Boolean mask of the ``(variable, category)`` pairs of ``excl`` among ``categories``."""
    mask = np.zeros(len(categories), dtype=bool)
    for item in excl or ():
        if not (isinstance(item, tuple) and len(item) == 2):
            raise InputError("excl items must be (variable, category) pairs", value=item,
                             suggestion="e.g. excl=[('reg_entraide', 'non')]")
        try:
            mask[categories.get_loc(item)] = True
        except KeyError:
            raise InputError("excluded category not found in the active table", column=str(item[0]),
                             value=item[1], suggestion="check the spelling of the variable and category") from None
    return mask
