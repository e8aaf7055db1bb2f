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
categories), so memory and time grow linearly with the number of rows. The
route is chosen by its cost: a dense SVD of the scaled n x K table (as
FactoMineR does) only where it costs less than the K x K route, that is for
tables with about as many categories as rows, or when ``dense_limit`` asks
for it; both routes are exact (no randomised SVD).

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
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted, validate_data

from housing_research.errors import InputError
from housing_research.multivariate import mca_supplementary as supplementary
from housing_research.multivariate.encoding import MISSING, CategoricalEncoding, dim_names
from housing_research.multivariate.mca_routes import EXCLUDED_WEIGHT, dense_is_cheaper, orient, singular_vectors
from housing_research.multivariate.validation import as_frame, check_weights, excluded_mask, split_supplementary

__all__ = ["MCA", "MISSING"]


class MCA(TransformerMixin, BaseEstimator):
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
    quali_sup, quanti_sup : list of column labels, optional
        Columns of ``X`` that are supplementary qualitative or quantitative
        variables (FactoMineR's ``quali.sup`` and ``quanti.sup``): they are
        described but do not build the axes. ``transform`` ignores them, so a
        :class:`~sklearn.pipeline.Pipeline` can pass the whole table.
        Supplementary variables may instead be given to ``fit`` as separate
        frames (one way or the other, not both).
    dense_limit : int, optional
        Tables with ``n_rows * n_categories`` up to this size use a dense SVD,
        larger ones the K x K cross-product (both are exact). By default
        (None) the cheaper route is taken: the dense SVD costs about
        ``n K min(n, K)`` operations, the cross-product ``n Q^2 + K^3``
        (Q variables), so the dense SVD is chosen only for tables with about
        as many categories as rows.

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
    n_features_in_ : int
        Number of columns of ``X`` seen in ``fit`` (active and supplementary).
    feature_names_in_ : ndarray of str
        Their names, when ``X`` is a DataFrame with string column names.
    active_variables_ : list
        The active variables.

    Notes
    -----
    scikit-learn conventions: parameters are stored unchanged and checked in
    ``fit``; ``sklearn.base.clone``, ``get_params``/``set_params`` and
    ``set_output(transform="pandas")`` work; an unfitted ``transform`` raises
    ``NotFittedError``. A DataFrame in gives a labelled DataFrame out (as
    prince does); an array in gives an array out. Integer columns are read as
    category codes; float columns are refused.

    Examples
    --------
    >>> from sklearn.base import clone
    >>> X = pd.DataFrame({"a": list("xxyyzz"), "b": list("ppqqpq"), "c": list("uvuvuv"), "s": list("112233")})
    >>> mca = MCA(n_components=2, quali_sup=["s"]).fit(X)
    >>> mca.active_variables_, mca.get_feature_names_out().tolist()
    (['a', 'b', 'c'], ['Dim 1', 'Dim 2'])
    >>> clone(mca).get_params()["quali_sup"]
    ['s']
    """

    def __init__(self, n_components=5, *, excl=None, quali_sup=None, quanti_sup=None, dense_limit=None):
        self.n_components = n_components
        self.excl = excl
        self.quali_sup = quali_sup
        self.quanti_sup = quanti_sup
        self.dense_limit = dense_limit

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.categorical = True      # the estimator checks then feed integer codes
        tags.input_tags.string = True
        tags.transformer_tags.preserves_dtype = []
        return tags

    # ------------------------------------------------------------------ fit
    def fit(self, X, y=None, sample_weight=None, *, quali_sup=None, quanti_sup=None):
        """Fit the MCA on the categorical columns of ``X``.

        Parameters
        ----------
        X : DataFrame or 2-D array
            Qualitative variables (strings, categories, booleans or integer
            codes): the active ones, and the supplementary ones named by the
            parameters ``quali_sup`` and ``quanti_sup``. Missing values form
            their own category ``"NA"``.
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
        validate_data(self, X, reset=True, skip_check_array=True)
        X, quali_sup, quanti_sup = split_supplementary(as_frame(X, "active"), self.quali_sup, self.quanti_sup,
                                                       quali_sup, quanti_sup)
        n, Q = X.shape
        if Q == 0:
            raise InputError("no active variable", suggestion="give at least one categorical column")
        if n < 2:
            raise InputError(f"fewer than 2 rows ({n} sample)", suggestion="an MCA needs at least 2 individuals")
        enc = CategoricalEncoding(X, "active")
        for var in enc.variables:
            if len(enc.levels[var]) < 2:
                raise InputError("active variable has a single category", column=str(var),
                                 value=enc.levels[var][0],
                                 suggestion="drop it (it carries no information) or pass it as supplementary")
        K = enc.n_categories
        w = check_weights(sample_weight, n)
        excluded = excluded_mask(enc.index, self.excl)
        r = w / w.sum()                                   # row masses (marge.row)
        vs, V, c = singular_vectors(enc, r, excluded, dense=self._dense_route(n, K, Q))
        col_w = np.where(excluded, EXCLUDED_WEIGHT, c)    # weights used in the SVD (FactoMineR)
        vs = vs[:min(K, n - 1)]
        eig_all = vs**2
        ncp = int(min(self.n_components, K - Q, n - 1, K - 1))
        if ncp < 1:
            raise InputError("no dimension to keep", suggestion="check n_components and the number of categories")
        V = orient(V[:, :ncp], ncp, K, n)
        # Row coordinates via the transition formula, gathered from each row's categories.
        row_coord = enc.row_sums((np.sqrt(col_w) / (Q * c))[:, None] * V) - np.sqrt(col_w) @ V
        V_std = V / np.sqrt(col_w)[:, None]
        self._set_eigenvalues(eig_all, int(min(n - 1, K - Q)), Q, K, bool(excluded.any()))
        self._set_rows(X.index, row_coord, enc, r, c, excluded, eig_all[:ncp], Q)
        N = self._set_columns(enc, w, c, excluded, V_std * vs[:ncp], eig_all[:ncp])
        U_std = row_coord / vs[:ncp]
        dims = dim_names(ncp)
        if quali_sup is not None:
            frame = self._check_frame(quali_sup, "supplementary qualitative", n, X.index)
            res = supplementary.quali_sup(frame, U_std, row_coord, w, N, dims)
            self.quali_sup_coordinates_, self.quali_sup_cos2_ = res["coordinates"], res["cos2"]
            self.quali_sup_vtest_, self.quali_sup_eta2_ = res["vtest"], res["eta2"]
        if quanti_sup is not None:
            frame = self._check_frame(quanti_sup, "supplementary quantitative", n, X.index)
            self.quanti_sup_correlations_ = supplementary.quanti_sup(frame, U_std, w, dims)
        self.row_weights_ = pd.Series(r, index=X.index, name="weight")
        self.n_components_ = ncp
        self.n_variables_ = Q
        self.active_variables_ = list(enc.variables)
        self._encoding, self._V_std, self._Q = enc, V_std, Q
        return self

    def _dense_route(self, n, K, Q) -> bool:
        """Whether the dense SVD is used: by ``dense_limit`` if given, else by the cost of each route."""
        if self.dense_limit is not None:
            return n * K <= self.dense_limit
        return dense_is_cheaper(n, K, Q)

    def _set_eigenvalues(self, eig_all, n_eig, Q, K, specific):
        eig = pd.DataFrame({"eigenvalue": eig_all}, index=dim_names(len(eig_all)))
        eig["percentage"] = eig["eigenvalue"] / eig["eigenvalue"].sum() * 100
        eig["cumulative_percentage"] = eig["percentage"].cumsum()
        self.eigenvalues_ = eig.iloc[:n_eig]
        self.corrected_inertia_ = supplementary.corrected_inertia(eig_all[:n_eig], Q, K, specific=specific)

    def _set_rows(self, index, row_coord, enc, r, c, excluded, eig, Q):
        self.row_coordinates_ = pd.DataFrame(row_coord, index=index, columns=dim_names(len(eig)))
        self._row_parts = (r, c, excluded, eig, Q)
        self._row_cache = {}

    # Per-row diagnostics are computed on first access: the fit itself needs
    # only the coordinates, and these two n x k tables would double its time
    # and memory on large tables (issue 14).
    @property
    def row_contributions_(self) -> pd.DataFrame:
        """Contribution of each active individual to each dimension, in % (FactoMineR's ``ind$contrib``)."""
        check_is_fitted(self)
        if "contrib" not in self._row_cache:
            r, _, _, eig, _ = self._row_parts
            coord = self.row_coordinates_
            self._row_cache["contrib"] = coord**2 * (r[:, None] / eig * 100)
        return self._row_cache["contrib"]

    @property
    def row_cos2_(self) -> pd.DataFrame:
        """Squared cosine of each active individual with each dimension (FactoMineR's ``ind$cos2``)."""
        check_is_fitted(self)
        if "cos2" not in self._row_cache:
            _, c, excluded, _, Q = self._row_parts
            enc = self._encoding
            zc = enc.row_sums(np.where(excluded, 0.0, 1.0 / (Q * Q * np.where(c > 0, c, 1.0))))
            n_active_cats = enc.row_sums((~excluded).astype(float))
            dist2_row = zc - 2.0 * n_active_cats / Q + np.where(excluded, 0.0, c).sum()
            self._row_cache["cos2"] = self.row_coordinates_**2 / dist2_row[:, None]
        return self._row_cache["cos2"]

    def _set_columns(self, enc, w, c, excluded, col_coord, eig) -> float:
        """Category results; return N, the total weight (for the v-tests of supplementary categories)."""
        Q = len(enc.variables)
        dims = dim_names(len(eig))
        marge_col = np.where(excluded, 0.0, c)
        dist2_col = 1.0 / (Q * c) - 1.0
        contrib = col_coord**2 * marge_col[:, None] / eig * 100
        Nj = c * (Q * w.sum())                            # weighted count of each category
        N = Nj.sum() / Q
        coef = np.sqrt(Nj * ((N - 1) / (N - Nj))) if N > 1 else np.sqrt(Nj)
        keep, idx = ~excluded, enc.index
        self.column_coordinates_ = pd.DataFrame(col_coord[keep], index=idx[keep], columns=dims)
        self.column_contributions_ = pd.DataFrame(contrib[keep], index=idx[keep], columns=dims)
        self.column_cos2_ = pd.DataFrame((col_coord**2 / dist2_col[:, None])[keep], index=idx[keep], columns=dims)
        self.column_vtest_ = pd.DataFrame((col_coord * coef[:, None])[keep], index=idx[keep], columns=dims)
        self.excluded_coordinates_ = pd.DataFrame(col_coord[excluded], index=idx[excluded], columns=dims)
        eta2 = np.zeros((Q, len(eig)))
        np.add.at(eta2, enc.variable_of_category(), contrib / 100)
        self.eta2_ = pd.DataFrame(eta2 * eig * Q, index=pd.Index(enc.variables, name="variable"), columns=dims)
        return N

    # ------------------------------------------------------------ transform
    def transform(self, X, *, unseen="error"):
        """Coordinates of (supplementary) individuals.

        Parameters
        ----------
        X : DataFrame or 2-D array
            The columns seen in ``fit`` (supplementary columns are ignored),
            for new or the same individuals.
        unseen : {"error", "ignore"}
            A category not seen in ``fit`` raises ``InputError`` (default), or,
            with ``"ignore"``, that variable contributes nothing for that row
            (its row profile then sums to less than one).

        Returns
        -------
        DataFrame or ndarray
            Individuals x dimensions (FactoMineR's ``ind.sup$coord``); a
            DataFrame when ``X`` is one.
        """
        check_is_fitted(self)
        if unseen not in ("error", "ignore"):
            raise ValueError("unseen must be 'error' or 'ignore'")
        frame = as_frame(X, "supplementary individuals")
        validate_data(self, X if isinstance(X, pd.DataFrame) else frame, reset=False, skip_check_array=True)
        Z = self._encoding.indicator(frame, unseen=unseen, what="transform")
        coord = np.asarray(Z @ self._V_std) / self._Q
        if not isinstance(X, pd.DataFrame):
            return coord
        return pd.DataFrame(coord, index=frame.index, columns=dim_names(self.n_components_))

    def fit_transform(self, X, y=None, sample_weight=None, **fit_params):
        """Fit, then return the row coordinates of the active individuals (a DataFrame if ``X`` is one)."""
        coords = self.fit(X, y, sample_weight=sample_weight, **fit_params).row_coordinates_
        return coords if isinstance(X, pd.DataFrame) else coords.to_numpy()

    def get_feature_names_out(self, input_features=None):
        """Output feature names: ``Dim 1`` ... ``Dim k``."""
        check_is_fitted(self)
        return np.asarray(dim_names(self.n_components_), dtype=object)

    # -------------------------------------------------------------- helpers
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
