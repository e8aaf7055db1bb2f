"""Encoding qualitative variables for the MCA: categories, sparse indicator, Burt table.

Categories are sorted by their string label; missing values form the
category :data:`MISSING`. Strings, booleans, categoricals and integer codes
are categorical; floats are refused (a float column is a measure, or codes
that lost their type). Encoding uses hashing (``pandas.factorize``) and the
codes of categorical columns, so it is linear in the number of rows.

Examples
--------
>>> import pandas as pd
>>> enc = CategoricalEncoding(pd.DataFrame({"a": ["x", "y", None]}), "active")
>>> enc.levels["a"], enc.indicator().toarray().tolist()
(['NA', 'x', 'y'], [[0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [1.0, 0.0, 0.0]])
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

from housing_research.errors import InputError

#: Name of the category given to missing values.
MISSING = "NA"


def dim_names(k: int) -> list[str]:
    """``['Dim 1', ..., 'Dim k']``."""
    return [f"Dim {i + 1}" for i in range(k)]


class CategoricalEncoding:
    """Categories of a set of qualitative variables and the sparse indicator matrix.

    Categories are sorted by their string label; missing values form the
    category ``MISSING``. Encoding uses hashing (``pandas.factorize``) and the
    codes of categorical columns, so it is linear in the number of rows.
    """

    def __init__(self, X: pd.DataFrame, what: str):
        self.variables = list(X.columns)
        self.levels: dict[str, list[str]] = {}
        self._codes: dict[str, np.ndarray] = {}
        for var in self.variables:
            col = X[var]
            refuse_floats(col, var, what)
            if col.isna().all():
                raise InputError(f"{what} variable has only missing values", column=str(var),
                                 suggestion="drop the column")
            labels, codes = factorize(col)
            self.levels[var] = labels
            self._codes[var] = codes
        self.index = pd.MultiIndex.from_tuples(
            [(var, lev) for var in self.variables for lev in self.levels[var]],
            names=["variable", "category"])
        self.offsets = np.cumsum([0] + [len(self.levels[v]) for v in self.variables])

    @property
    def n_categories(self) -> int:
        return int(self.offsets[-1])

    def indicator(self, X: pd.DataFrame | None = None, *, unseen: str = "error", what: str = "") -> sparse.csr_matrix:
        """Sparse complete disjunctive table of ``X`` (default: the table encoded at construction)."""
        n = len(next(iter(self._codes.values()))) if X is None else len(X)
        all_codes = []
        for j, var in enumerate(self.variables):
            if X is None:
                codes = self._codes[var]
            else:
                if var not in X.columns:
                    raise InputError(f"column missing in {what}", column=str(var),
                                     suggestion="give the same columns as in fit")
                refuse_floats(X[var], var, what)
                labels, raw = factorize(X[var])
                remap = pd.Index(self.levels[var]).get_indexer(labels)
                codes = remap[raw]
                bad = codes < 0
                if bad.any() and unseen == "error":
                    first = int(np.flatnonzero(bad)[0])
                    raise InputError(
                        f"category not seen in fit ({what})", row=str(X.index[first]), column=str(var),
                        value=labels[raw[first]],
                        suggestion=f"use one of {self.levels[var]}, or transform(..., unseen='ignore') "
                                   "to let that variable contribute nothing for such rows")
            all_codes.append(np.where(codes >= 0, codes + self.offsets[j], -1))
        cols = np.column_stack(all_codes) if all_codes else np.empty((n, 0), dtype=np.int64)
        shape = (n, self.n_categories)
        if (cols >= 0).all():                                  # one category per variable and row
            indptr = np.arange(0, cols.size + 1, cols.shape[1], dtype=np.int64)
            return sparse.csr_matrix((np.ones(cols.size), cols.ravel(), indptr), shape=shape)
        keep = cols >= 0
        indptr = np.concatenate([[0], np.cumsum(keep.sum(axis=1))])
        return sparse.csr_matrix((np.ones(int(keep.sum())), cols[keep], indptr), shape=shape)

    def burt(self, weights: np.ndarray) -> np.ndarray:
        """Weighted Burt table Z' diag(weights) Z (K x K), from the codes, without a sparse product.

        Each pair of variables is one ``bincount`` over its own block; equal
        weights are counted without weights and scaled once.
        """
        K = self.n_categories
        sizes = np.diff(self.offsets)
        # the pair index of a row, code_j * size_l + code_l, in the smallest integer type that holds it
        small = np.uint8 if int(sizes.max()) ** 2 <= 256 else np.uint16 if int(sizes.max()) ** 2 <= 65536 else np.int64
        codes = [self._codes[v].astype(small) for v in self.variables]
        equal = bool(np.all(weights == weights[0]))
        B = np.zeros((K, K))
        for j, cj in enumerate(codes):
            rows = slice(self.offsets[j], self.offsets[j + 1])
            for l in range(j, len(codes)):
                cols = slice(self.offsets[l], self.offsets[l + 1])
                pair = cj * small(sizes[l])
                pair += codes[l]
                block = np.bincount(pair, weights=None if equal else weights,
                                    minlength=sizes[j] * sizes[l]).reshape(sizes[j], sizes[l])
                B[rows, cols] = block
                B[cols, rows] = block.T
        return B * weights[0] if equal else B

    def column_sums(self, weights: np.ndarray) -> np.ndarray:
        """``Z' weights``: the weighted count of each category (K), by one ``bincount`` per variable.

        The weights are summed row by row, as the sparse product ``Z.T @ weights`` sums them, so that
        both give the same bits.
        """
        return np.concatenate([np.bincount(self._codes[v], weights=weights, minlength=len(self.levels[v]))
                               for v in self.variables])

    def row_sums(self, values: np.ndarray) -> np.ndarray:
        """``Z @ values`` for a vector (K) or matrix (K x d) over categories, by gathering each variable's rows."""
        values = np.asarray(values, dtype=float)
        out = None
        for j, v in enumerate(self.variables):
            part = np.take(values[self.offsets[j]:self.offsets[j + 1]], self._codes[v], axis=0)
            out = part if out is None else out.__iadd__(part)
        return out

    def variable_of_category(self) -> np.ndarray:
        return np.repeat(np.arange(len(self.variables)), np.diff(self.offsets))


def refuse_floats(col: pd.Series, var, what: str) -> None:
    """Raise ``InputError`` for a float (or complex) column: a measure, or codes that lost their type."""
    if not (pd.api.types.is_float_dtype(col) or pd.api.types.is_complex_dtype(col)):
        return
    holds = "" if np.isfinite(col.to_numpy(dtype=complex)).all() else " (it holds NaN or inf)"
    raise InputError(
        f"{what} variable is numeric (float), not categorical{holds}", column=str(var), value=str(col.dtype),
        suggestion="if its values are integer codes, convert it with .astype('Int64') (missing values "
                   "allowed) or .astype('category'); if it is a measure, pass it as a supplementary "
                   "quantitative variable")


def factorize(col: pd.Series) -> tuple[list[str], np.ndarray]:
    """Sorted string labels of a column and the code of each row in them (missing = ``MISSING``)."""
    if isinstance(col.dtype, pd.CategoricalDtype):
        raw = col.cat.codes.to_numpy().astype(np.int64)
        uniques = [str(c) for c in col.cat.categories]
    else:
        raw, uniq = pd.factorize(col, use_na_sentinel=True)
        raw = raw.astype(np.int64)
        uniques = [str(u) for u in uniq]
    if (raw < 0).any():
        uniques = uniques + [MISSING]
        raw = np.where(raw < 0, len(uniques) - 1, raw)
    used = np.bincount(raw, minlength=len(uniques)) > 0
    # labels may repeat once turned into strings (e.g. 1 and "1"): merge them
    labels = sorted({u for u, keep in zip(uniques, used) if keep})
    position = {lab: i for i, lab in enumerate(labels)}
    remap = np.array([position.get(u, -1) for u in uniques], dtype=np.int64)
    if np.array_equal(remap, np.arange(len(uniques))):   # already sorted, all used: codes as they are
        return labels, raw
    return labels, remap[raw]
