"""Stable data for figures: rounding, and the checksum of the data a figure is drawn from.

The last bits of a linear-algebra result vary between processors and BLAS
builds. Figures draw from :func:`stable` values and the manifest records
:func:`data_checksum` of a canonical rendering rounded to
:data:`DATA_DECIMALS` places, so the pictures and their checksums are the
same on every machine.

Examples
--------
>>> import pandas as pd
>>> a = data_checksum(pd.DataFrame({"x": [0.1 + 0.2]}))
>>> b = data_checksum(pd.DataFrame({"x": [0.3]}))
>>> a == b
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

import numpy as np
import pandas as pd

#: Decimals kept of every float a figure is drawn from and hashed in its
#: checksum. The last bits of a linear-algebra result vary between processors
#: and BLAS builds; rounding to this precision makes the figures and their
#: checksums the same on every machine (a value would have to lie within
#: 1e-15 of a rounding boundary to flip).
DATA_DECIMALS = 9


def stable(values, decimals: int = DATA_DECIMALS):
    """Round the floats of ``values`` to ``decimals`` places, negative zero as zero.

    Figures draw from stable values, so that the last bits of a BLAS result,
    which differ between machines, change neither the picture nor its
    checksum. Non-float columns are returned unchanged.

    Parameters
    ----------
    values : DataFrame, Series, ndarray or float
    decimals : int

    Examples
    --------
    >>> import numpy as np
    >>> stable(np.array([0.1 + 0.2, -1e-17]))
    array([0.3, 0. ])
    """
    if isinstance(values, pd.DataFrame):
        out = values.copy()
        for column in out.columns:
            if pd.api.types.is_float_dtype(out[column]):
                out[column] = stable(out[column].to_numpy(), decimals)
        return out
    if isinstance(values, pd.Series):
        if not pd.api.types.is_float_dtype(values):
            return values
        return pd.Series(stable(values.to_numpy(), decimals), index=values.index, name=values.name)
    array = np.asarray(values)
    if not np.issubdtype(array.dtype, np.floating):
        return values
    rounded = np.round(array, decimals) + 0.0          # + 0.0 turns -0.0 into 0.0
    return rounded if rounded.ndim else float(rounded)


def _canonical_csv(frame: pd.DataFrame) -> str:
    # Column-by-column object copies make the text independent of how pandas
    # stores the blocks (C or Fortran order, consolidated or not, string
    # backend); floats are rounded to DATA_DECIMALS first (see stable()).
    frame = stable(frame.reset_index(drop=True)).set_axis(frame.index)
    frame = pd.DataFrame({i: frame.iloc[:, i].astype(object) for i in range(frame.shape[1])}, index=frame.index)
    return frame.to_csv(lineterminator="\n")


def data_checksum(obj) -> str:
    """Return the SHA-256 of a canonical CSV rendering of the data of a figure.

    The checksum depends on the values (floats rounded to
    :data:`DATA_DECIMALS` places), the row and column labels and their order,
    and not on how pandas happens to hold the data in memory nor on the last
    bits of a floating-point result.

    Parameters
    ----------
    obj : DataFrame, Series or mapping of them
        The data a figure is drawn from. A mapping is rendered key by key in
        sorted key order.

    Returns
    -------
    str
        64 hexadecimal digits.

    Examples
    --------
    >>> import pandas as pd
    >>> a = data_checksum(pd.DataFrame({"n": [14, 6]}, index=["hlm", "amicale"]))
    >>> b = data_checksum(pd.DataFrame({"n": [14, 7]}, index=["hlm", "amicale"]))
    >>> len(a), a == b
    (64, False)
    """
    return hashlib.sha256(_render(obj).encode("utf-8")).hexdigest()


def _render(obj) -> str:
    if isinstance(obj, pd.DataFrame):
        columns = list(obj.columns)
        frame = obj.copy()
        frame.columns = range(len(columns))
        header = "columns:" + "|".join(map(str, columns)) + "\n"
        return header + _canonical_csv(frame)
    if isinstance(obj, pd.Series):
        return f"series:{obj.name}\n" + _canonical_csv(obj.to_frame(name=0))
    if isinstance(obj, Mapping):
        if not obj:
            raise ValueError("data_checksum needs at least one table")
        parts = []
        for key in sorted(obj, key=str):
            parts.append(f"## {key}\n" + _render(obj[key]))
        return "".join(parts)
    raise TypeError(f"data_checksum takes a DataFrame, a Series or a dict of them, not {type(obj).__name__}")
