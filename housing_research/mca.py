"""Multiple correspondence analysis, exact against FactoMineR, linear in rows.

:class:`MCA` follows FactoMineR's ``MCA()`` (version 2.7, default
``method = "Indicator"``, ``na.method = "NA"``, ``level.ventil = 0``): the
correspondence analysis of the complete disjunctive table, with row weights,
supplementary qualitative and quantitative variables, supplementary
individuals, and specific MCA (``excl``: excluded categories keep their rows
but carry no mass).

The computation never builds an n x n matrix nor a dense n x K indicator
matrix: the indicator is a sparse matrix, and for large tables the singular
value decomposition is obtained from the K x K cross-product (K = number of
categories), so memory and time grow linearly with the number of rows. Small
tables (``n_rows * n_categories <= dense_limit``) use a dense SVD of the
scaled table, as FactoMineR does; both routes are exact (no randomised SVD).

Conventions
-----------
- Categories are labelled by a ``(variable, category)`` MultiIndex; missing
  values become the category ``"NA"`` of their variable (FactoMineR: their own
  category ``<variable>.NA``).
- Axes are named ``Dim 1``, ``Dim 2``, ...; each axis is oriented as in
  FactoMineR (the column sums of its right singular vector are positive), so
  maps read the same in both tools.
- Contributions are in percent, as in FactoMineR.

Examples
--------
>>> import pandas as pd
>>> X = pd.DataFrame({"a": list("xxyyzz"), "b": list("ppqqpq"), "c": list("uvuvuv")})
>>> mca = MCA(n_components=2).fit(X)
>>> mca.eigenvalues_.round(4)
       eigenvalue  percentage  cumulative_percentage
Dim 1      0.6273     47.0479                47.0479
Dim 2      0.3333     25.0000                72.0479
Dim 3      0.3333     25.0000                97.0479
Dim 4      0.0394      2.9521               100.0000
>>> mca.row_coordinates_.shape
(6, 2)
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

from housing_research.errors import InputError

#: Name of the category given to missing values.
MISSING = "NA"


def _dim_names(k: int) -> list[str]:
    return [f"Dim {i + 1}" for i in range(k)]


class _Encoding:
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
            if pd.api.types.is_numeric_dtype(col) and not isinstance(col.dtype, pd.CategoricalDtype) \
                    and not pd.api.types.is_bool_dtype(col):
                raise InputError(
                    f"{what} variable is numeric, not categorical", column=str(var), value=str(col.dtype),
                    suggestion="convert it with .astype(str) if its values are codes, "
                               "or pass it as a supplementary quantitative variable")
            if col.isna().all():
                raise InputError(f"{what} variable has only missing values", column=str(var),
                                 suggestion="drop the column")
            labels, codes = _factorize(col)
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
                labels, raw = _factorize(X[var])
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
        """Weighted Burt table Z' diag(weights) Z (K x K), from the codes, without a sparse product."""
        K = self.n_categories
        codes = [self._codes[v] + self.offsets[j] for j, v in enumerate(self.variables)]
        B = np.zeros((K, K))
        for j, cj in enumerate(codes):
            for l in range(j, len(codes)):
                block = np.bincount(cj * K + codes[l], weights=weights, minlength=K * K).reshape(K, K)
                B += block if l == j else block + block.T
        return B

    def variable_of_category(self) -> np.ndarray:
        return np.repeat(np.arange(len(self.variables)), np.diff(self.offsets))


def _factorize(col: pd.Series) -> tuple[list[str], np.ndarray]:
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
    return labels, remap[raw]


def _weighted_corr(a: np.ndarray, b: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Weighted Pearson correlations between the columns of ``a`` and of ``b``."""
    w = w / w.sum()
    ac = a - w @ a
    bc = b - w @ b
    cov = (ac * w[:, None]).T @ bc
    sa = np.sqrt((w[:, None] * ac**2).sum(axis=0))
    sb = np.sqrt((w[:, None] * bc**2).sum(axis=0))
    return cov / np.outer(sa, sb)


class MCA:
    """Multiple correspondence analysis (FactoMineR's ``MCA``), scikit-learn style.

    Parameters
    ----------
    n_components : int, default 5
        Number of dimensions kept (FactoMineR's ``ncp``); capped at
        ``n_categories - n_variables`` and ``n_rows - 1``.
    excl : list of (variable, category), optional
        Categories made passive (specific MCA, FactoMineR's ``excl``): they
        keep their rows but carry no mass; their coordinates are reported in
        ``excluded_coordinates_`` rather than with the active categories.
    dense_limit : int, default 5_000_000
        Tables with ``n_rows * n_categories`` up to this size use a dense SVD;
        larger ones the K x K cross-product. Both are exact.

    Attributes
    ----------
    eigenvalues_ : DataFrame
        ``eigenvalue``, ``percentage``, ``cumulative_percentage`` for every
        dimension FactoMineR reports (``min(n_rows - 1, K - Q)``).
    corrected_inertia_ : DataFrame
        Benzécri's and Greenacre's corrected inertia for the eigenvalues above
        ``1/Q``: ``benzecri`` (corrected eigenvalue), ``benzecri_percentage``
        (of their sum, as FactoMineR's "modified rates"), ``greenacre_percentage``
        (of Greenacre's adjusted total inertia; missing for a specific MCA, where
        that total is not defined).
    row_coordinates_, row_contributions_, row_cos2_ : DataFrame
        Active individuals x dimensions.
    column_coordinates_, column_contributions_, column_cos2_, column_vtest_ : DataFrame
        Active (non-excluded) categories x dimensions, indexed by ``(variable, category)``.
    eta2_ : DataFrame
        Correlation ratio of each active variable with each dimension.
    excluded_coordinates_ : DataFrame
        Coordinates of the excluded categories (empty without ``excl``).
    quali_sup_coordinates_, quali_sup_cos2_, quali_sup_vtest_, quali_sup_eta2_ : DataFrame
        Supplementary qualitative variables (if given to ``fit``).
    quanti_sup_correlations_ : DataFrame
        Correlations of supplementary quantitative variables with the dimensions.
    row_weights_ : Series
        Row weights normalised to sum 1 (used by :class:`housing_research.HCPC`).
    """

    def __init__(self, n_components=5, excl=None, dense_limit=5_000_000):
        self.n_components = n_components
        self.excl = excl
        self.dense_limit = dense_limit

    # ------------------------------------------------------------------ fit
    def fit(self, X, y=None, *, sample_weight=None, quali_sup=None, quanti_sup=None):
        """Fit the MCA on the categorical columns of ``X``.

        Parameters
        ----------
        X : DataFrame
            Active qualitative variables (strings, categories or booleans).
            Missing values form their own category ``"NA"``.
        y : ignored
        sample_weight : array-like, optional
            Row weights (FactoMineR's ``row.w``); default 1 for every row.
        quali_sup : DataFrame, optional
            Supplementary qualitative variables, same rows as ``X``.
        quanti_sup : DataFrame, optional
            Supplementary quantitative variables, same rows as ``X``; missing
            values are replaced by the column mean, as FactoMineR does.

        Returns
        -------
        self
        """
        X = self._check_frame(X, "active")
        n, Q = X.shape
        if Q == 0:
            raise InputError("no active variable", suggestion="give at least one categorical column")
        if n < 2:
            raise InputError("fewer than 2 rows", suggestion="an MCA needs at least 2 individuals")
        enc = _Encoding(X, "active")
        for var in enc.variables:
            if len(enc.levels[var]) < 2:
                raise InputError("active variable has a single category", column=str(var),
                                 value=enc.levels[var][0],
                                 suggestion="drop it (it carries no information) or pass it as supplementary")
        K = enc.n_categories
        w = self._check_weights(sample_weight, n)
        Z = enc.indicator()
        excluded = self._excluded_mask(enc)

        r = w / w.sum()                                   # row masses (marge.row)
        c = np.asarray(Z.T @ r).ravel() / Q               # column masses (marge.col)
        col_w = np.where(excluded, 1e-15, c)              # weights used in the SVD (FactoMineR)

        n_dims_svd = min(K, n - 1)
        if n * K <= self.dense_limit:
            S = (np.sqrt(r)[:, None] * (Z.toarray() / (Q * c) - 1.0)) * np.sqrt(col_w)
            _, vs, vt = np.linalg.svd(S, full_matrices=False)
            V = vt.T
        else:
            B = enc.burt(r)                               # weighted Burt table, K x K
            gram = (B / (Q * Q * np.outer(c, c)) - 1.0) * np.sqrt(np.outer(col_w, col_w))
            evals, evecs = np.linalg.eigh(gram)
            order = np.argsort(evals)[::-1]
            vs = np.sqrt(np.clip(evals[order], 0.0, None))
            V = evecs[:, order]
        vs = vs[:n_dims_svd]
        eig_all = vs**2

        ncp = int(min(self.n_components, K - Q, n - 1, K - 1))
        if ncp < 1:
            raise InputError("no dimension to keep", suggestion="check n_components and the number of categories")
        n_eig = int(min(n - 1, K - Q))
        V = V[:, :ncp]
        vs_k = vs[:ncp]
        # FactoMineR's orientation: column sums of the singular vectors positive
        # (in its n > K branch only when more than one dimension is kept).
        if ncp > 1 or K >= n:
            mult = np.sign(V.sum(axis=0))
            mult[mult == 0] = 1.0
            V = V * mult
        # Row standard coordinates via the transition formula, on the sparse indicator.
        A = (np.sqrt(col_w) / (Q * c))[:, None] * V
        b = np.sqrt(col_w) @ V
        row_coord = np.asarray(Z @ A) - b                 # = U_std * vs
        U_std = row_coord / vs_k
        V_std = V / np.sqrt(col_w)[:, None]
        col_coord = V_std * vs_k

        marge_col = np.where(excluded, 0.0, c)
        dims = _dim_names(ncp)
        eig = pd.DataFrame({"eigenvalue": eig_all}, index=_dim_names(len(eig_all)))
        eig["percentage"] = eig["eigenvalue"] / eig["eigenvalue"].sum() * 100
        eig["cumulative_percentage"] = eig["percentage"].cumsum()
        self.eigenvalues_ = eig.iloc[:n_eig]
        self.corrected_inertia_ = self._corrected(eig_all[:n_eig], Q, K, specific=bool(excluded.any()))

        # Rows
        row_index = X.index
        self.row_coordinates_ = pd.DataFrame(row_coord, index=row_index, columns=dims)
        self.row_contributions_ = pd.DataFrame(row_coord**2 * r[:, None] / eig_all[:ncp] * 100,
                                               index=row_index, columns=dims)
        zc = np.asarray(Z @ (np.where(excluded, 0.0, 1.0 / (Q * Q * np.where(c > 0, c, 1.0))))).ravel()
        n_active_cats = np.asarray(Z @ (~excluded).astype(float)).ravel()
        dist2_row = zc - 2.0 * n_active_cats / Q + marge_col.sum()
        self.row_cos2_ = pd.DataFrame(row_coord**2 / dist2_row[:, None], index=row_index, columns=dims)

        # Columns
        dist2_col = 1.0 / (Q * c) - 1.0
        contrib = col_coord**2 * marge_col[:, None] / eig_all[:ncp] * 100
        Nj = np.asarray(Z.T @ w).ravel()
        N = Nj.sum() / Q
        coef = np.sqrt(Nj * ((N - 1) / (N - Nj))) if N > 1 else np.sqrt(Nj)
        keep = ~excluded
        idx = enc.index
        self.column_coordinates_ = pd.DataFrame(col_coord[keep], index=idx[keep], columns=dims)
        self.column_contributions_ = pd.DataFrame(contrib[keep], index=idx[keep], columns=dims)
        self.column_cos2_ = pd.DataFrame((col_coord**2 / dist2_col[:, None])[keep], index=idx[keep], columns=dims)
        self.column_vtest_ = pd.DataFrame((col_coord * coef[:, None])[keep], index=idx[keep], columns=dims)
        self.excluded_coordinates_ = pd.DataFrame(col_coord[excluded], index=idx[excluded], columns=dims)
        var_of_cat = enc.variable_of_category()
        eta2 = np.zeros((Q, ncp))
        np.add.at(eta2, var_of_cat, contrib / 100)
        self.eta2_ = pd.DataFrame(eta2 * eig_all[:ncp] * Q, index=pd.Index(enc.variables, name="variable"),
                                  columns=dims)

        # Supplementary variables
        if quali_sup is not None:
            self._fit_quali_sup(self._check_frame(quali_sup, "supplementary qualitative", n, row_index),
                                U_std, row_coord, w, N)
        if quanti_sup is not None:
            self._fit_quanti_sup(self._check_frame(quanti_sup, "supplementary quantitative", n, row_index),
                                 U_std, w)

        self.row_weights_ = pd.Series(r, index=row_index, name="weight")
        self.n_components_ = ncp
        self.n_variables_ = Q
        self.feature_names_in_ = np.asarray(enc.variables, dtype=object)
        self._encoding = enc
        self._V_std = V_std
        self._Q = Q
        return self

    # ------------------------------------------------------------ transform
    def transform(self, X, *, unseen="error"):
        """Coordinates of (supplementary) individuals.

        Parameters
        ----------
        X : DataFrame
            The active variables, for new or the same individuals.
        unseen : {"error", "ignore"}
            A category not seen in ``fit`` raises ``InputError`` (default), or,
            with ``"ignore"``, that variable contributes nothing for that row
            (its row profile then sums to less than one).

        Returns
        -------
        DataFrame
            Individuals x dimensions (FactoMineR's ``ind.sup$coord``).
        """
        self._check_fitted()
        if unseen not in ("error", "ignore"):
            raise ValueError("unseen must be 'error' or 'ignore'")
        X = self._check_frame(X, "supplementary individuals")
        Z = self._encoding.indicator(X, unseen=unseen, what="transform")
        coord = np.asarray(Z @ self._V_std) / self._Q
        return pd.DataFrame(coord, index=X.index, columns=_dim_names(self.n_components_))

    def fit_transform(self, X, y=None, **fit_params):
        """Fit, then return the row coordinates of the active individuals."""
        return self.fit(X, y, **fit_params).row_coordinates_

    def get_feature_names_out(self, input_features=None):
        """Output feature names: ``Dim 1`` ... ``Dim k``."""
        self._check_fitted()
        return np.asarray(_dim_names(self.n_components_), dtype=object)

    # -------------------------------------------------------------- helpers
    def _check_fitted(self):
        if not hasattr(self, "eigenvalues_"):
            raise AttributeError("this MCA is not fitted yet; call fit(X) first")

    @staticmethod
    def _check_frame(X, what, n=None, index=None):
        if not isinstance(X, pd.DataFrame):
            raise TypeError(f"{what} data must be a pandas DataFrame, not {type(X).__name__}")
        if n is not None and len(X) != n:
            raise InputError(f"{what} variables have {len(X)} rows, the active table {n}",
                             suggestion="give one row per active individual, in the same order")
        if index is not None and not X.index.equals(index):
            raise InputError(f"{what} variables are not indexed like the active table",
                             suggestion="align them with .reindex(active.index)")
        return X

    @staticmethod
    def _check_weights(sample_weight, n):
        if sample_weight is None:
            return np.ones(n)
        w = np.asarray(sample_weight, dtype=float).ravel()
        if w.shape != (n,):
            raise InputError(f"sample_weight has {w.size} values for {n} rows",
                             suggestion="give one weight per row")
        if not np.all(np.isfinite(w)) or (w < 0).any() or w.sum() <= 0:
            raise InputError("sample_weight must be finite, non-negative and not all zero")
        return w

    def _excluded_mask(self, enc: _Encoding) -> np.ndarray:
        mask = np.zeros(enc.n_categories, dtype=bool)
        for item in self.excl or ():
            if not (isinstance(item, tuple) and len(item) == 2):
                raise InputError("excl items must be (variable, category) pairs", value=item,
                                 suggestion="e.g. excl=[('reg_entraide', 'non')]")
            try:
                mask[enc.index.get_loc(item)] = True
            except KeyError:
                raise InputError("excluded category not found in the active table", column=str(item[0]),
                                 value=item[1], suggestion="check the spelling of the variable and category") from None
        return mask

    @staticmethod
    def _corrected(eig: np.ndarray, Q: int, K: int, specific: bool = False) -> pd.DataFrame:
        """Benzécri and Greenacre corrections of the eigenvalues above 1/Q.

        Greenacre's adjusted total inertia assumes a standard MCA; for a
        specific MCA (``excl``) its percentages are left missing.
        """
        if Q < 2:
            return pd.DataFrame(columns=["eigenvalue", "benzecri", "benzecri_percentage", "greenacre_percentage"])
        above = eig[eig > 1.0 / Q]
        benz = (Q / (Q - 1) * (above - 1.0 / Q)) ** 2
        greenacre_total = np.nan if specific else Q / (Q - 1) * ((eig**2).sum() - (K - Q) / Q**2)
        out = pd.DataFrame({
            "eigenvalue": above,
            "benzecri": benz,
            "benzecri_percentage": benz / benz.sum() * 100 if len(benz) else benz,
            "greenacre_percentage": benz / greenacre_total * 100,
        }, index=_dim_names(len(above)))
        out["benzecri_cumulative"] = out["benzecri_percentage"].cumsum()
        out["greenacre_cumulative"] = out["greenacre_percentage"].cumsum()
        return out

    def _fit_quali_sup(self, Xs, U_std, row_coord, w, N):
        enc = _Encoding(Xs, "supplementary qualitative")
        Zs = enc.indicator()
        Nj = np.asarray(Zs.T @ w).ravel()
        coord = np.asarray(Zs.T @ (U_std * w[:, None])) / Nj[:, None]
        dist2 = w.sum() / Nj - 1.0
        with np.errstate(divide="ignore", invalid="ignore"):
            # a category held by every individual sits at the centre: cos2 and v-test are undefined (NaN)
            dist2 = np.where(dist2 > 0, dist2, np.nan)
            coef = np.sqrt(Nj * ((N - 1) / (N - Nj))) if N > 1 else np.sqrt(Nj)
            coef = np.where(np.isfinite(coef), coef, np.nan)
        dims = list(self.row_coordinates_.columns)
        self.quali_sup_coordinates_ = pd.DataFrame(coord, index=enc.index, columns=dims)
        self.quali_sup_cos2_ = pd.DataFrame(coord**2 / dist2[:, None], index=enc.index, columns=dims)
        self.quali_sup_vtest_ = pd.DataFrame(coord * coef[:, None], index=enc.index, columns=dims)
        # correlation ratio of each variable with the row coordinates
        between = np.asarray(Zs.T @ (row_coord * w[:, None])) ** 2 / Nj[:, None]
        total = (row_coord**2 * w[:, None]).sum(axis=0)
        eta2 = np.zeros((len(enc.variables), row_coord.shape[1]))
        np.add.at(eta2, enc.variable_of_category(), between)
        self.quali_sup_eta2_ = pd.DataFrame(eta2 / total, index=pd.Index(enc.variables, name="variable"),
                                            columns=dims)

    def _fit_quanti_sup(self, Xq, U_std, w):
        values = Xq.apply(pd.to_numeric, errors="raise").astype(float)
        values = values.fillna(values.mean())
        corr = _weighted_corr(values.to_numpy(), U_std, w)
        self.quanti_sup_correlations_ = pd.DataFrame(corr, index=pd.Index(Xq.columns, name="variable"),
                                                     columns=list(self.row_coordinates_.columns))
