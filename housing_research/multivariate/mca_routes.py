"""The two exact routes to the singular vectors of an MCA, and FactoMineR's orientation of its axes.

The MCA is the SVD of the scaled indicator table ``S`` (n x K). Two exact
routes lead to it:

- **dense**: ``np.linalg.svd`` of ``S`` itself, as FactoMineR does; its cost
  grows as ``n K min(n, K)``;
- **Burt**: ``eigh`` of ``S' S`` (K x K), built from the weighted Burt table
  (one ``bincount`` per pair of variables, :meth:`CategoricalEncoding.burt`);
  its cost grows as ``n Q^2 + K^3`` and its memory does not grow with n.

:func:`dense_is_cheaper` compares the two costs; :class:`~.mca.MCA` takes
the cheaper unless its ``dense_limit`` says otherwise.

Examples
--------
>>> dense_is_cheaper(n=50, K=40, Q=8), dense_is_cheaper(n=100_000, K=40, Q=8)
(False, False)
>>> dense_is_cheaper(n=30, K=60, Q=10)
True
"""

from __future__ import annotations

import numpy as np

#: Weight FactoMineR gives excluded categories in the SVD (``excl``): not quite zero.
EXCLUDED_WEIGHT = 1e-15


def dense_is_cheaper(n: int, K: int, Q: int) -> bool:
    """Whether the dense SVD of the n x K table costs less than the K x K route (see the module)."""
    return n * K * min(n, K) <= n * Q * Q + K**3


def singular_vectors(enc, r: np.ndarray, excluded: np.ndarray, dense: bool):
    """Singular values, right singular vectors (columns) and column masses of the scaled indicator.

    Parameters
    ----------
    enc : CategoricalEncoding
        The active variables' codes.
    r : ndarray
        Row masses (summing to 1).
    excluded : ndarray of bool
        Excluded categories (specific MCA).
    dense : bool
        Dense SVD if True, else the K x K eigenproblem of the Burt table.

    Returns
    -------
    (values, vectors, c)
        ``values`` in decreasing order; ``c`` the column masses (FactoMineR's ``marge.col``).
    """
    Q = len(enc.variables)
    if dense:
        c = enc.column_sums(r) / Q
        col_w = np.where(excluded, EXCLUDED_WEIGHT, c)
        S = (np.sqrt(r)[:, None] * (enc.indicator().toarray() / (Q * c) - 1.0)) * np.sqrt(col_w)
        _, values, vt = np.linalg.svd(S, full_matrices=False)
        return values, vt.T, c
    B = enc.burt(r)                                   # weighted Burt table, K x K
    c = np.diag(B) / Q                                # its diagonal holds the weighted counts
    col_w = np.where(excluded, EXCLUDED_WEIGHT, c)
    gram = (B / (Q * Q * np.outer(c, c)) - 1.0) * np.sqrt(np.outer(col_w, col_w))
    evals, evecs = np.linalg.eigh(gram)
    order = np.argsort(evals, kind="stable")[::-1]
    return np.sqrt(np.clip(evals[order], 0.0, None)), evecs[:, order], c


def orient(V: np.ndarray, ncp: int, K: int, n: int) -> np.ndarray:
    """FactoMineR's orientation: column sums of the singular vectors positive.

    FactoMineR applies it in its n > K branch only when more than one dimension is kept.

    Examples
    --------
    >>> orient(np.array([[-1.0, 1.0], [-2.0, 0.5]]), ncp=2, K=2, n=5).tolist()
    [[1.0, 1.0], [2.0, 0.5]]
    """
    if ncp > 1 or K >= n:
        mult = np.sign(V.sum(axis=0))
        mult[mult == 0] = 1.0
        return V * mult
    return V
