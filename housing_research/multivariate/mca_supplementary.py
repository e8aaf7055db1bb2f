"""Supplementary elements and corrected inertia of an MCA (FactoMineR's formulas).

- :func:`quali_sup` — coordinates, cos2, v-tests and correlation ratios of
  supplementary qualitative variables (barycentres of the standard row
  coordinates);
- :func:`quanti_sup` — weighted correlations of supplementary quantitative
  variables with the dimensions;
- :func:`corrected_inertia` — Benzécri's and Greenacre's corrections of the
  eigenvalues above 1/Q.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from housing_research.multivariate.encoding import CategoricalEncoding, dim_names


def _weighted_corr(a: np.ndarray, b: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Weighted Pearson correlations between the columns of ``a`` and of ``b``."""
    w = w / w.sum()
    ac = a - w @ a
    bc = b - w @ b
    cov = (ac * w[:, None]).T @ bc
    sa = np.sqrt((w[:, None] * ac**2).sum(axis=0))
    sb = np.sqrt((w[:, None] * bc**2).sum(axis=0))
    return cov / np.outer(sa, sb)


#: Excess over 1/Q (and adjusted total inertia) below which an eigenvalue is 1/Q (the total 0) up to rounding.
ROUNDING = 1e-12


def corrected_inertia(eig: np.ndarray, Q: int, K: int, specific: bool = False) -> pd.DataFrame:
    """Benzécri and Greenacre corrections of the eigenvalues above 1/Q.

    Greenacre's adjusted total inertia assumes a standard MCA; for a
    specific MCA (``excl``) its percentages are left missing. When no
    eigenvalue exceeds 1/Q by more than :data:`ROUNDING` (as when all
    eigenvalues equal 1/Q), every corrected eigenvalue is 0 and so is the
    adjusted total: there is nothing to share out, and the percentages are
    missing too.
    """
    if Q < 2:
        return pd.DataFrame(columns=["eigenvalue", "benzecri", "benzecri_percentage", "greenacre_percentage"])
    above = eig[eig >= 1.0 / Q]                           # FactoMineR keeps eigenvalues >= 1/Q
    excess = above - 1.0 / Q
    excess[excess < ROUNDING] = 0.0                       # 1/Q itself, up to the eigensolver's rounding
    benz = (Q / (Q - 1) * excess) ** 2
    greenacre_total = np.nan if specific else Q / (Q - 1) * ((eig**2).sum() - (K - Q) / Q**2)
    benzecri_total = benz.sum()
    out = pd.DataFrame({
        "eigenvalue": above,
        "benzecri": benz,
        "benzecri_percentage": benz / benzecri_total * 100 if benzecri_total > 0 else np.nan,
        "greenacre_percentage": benz / greenacre_total * 100 if greenacre_total > ROUNDING else np.nan,
    }, index=dim_names(len(above)))
    out["benzecri_cumulative"] = out["benzecri_percentage"].cumsum()
    out["greenacre_cumulative"] = out["greenacre_percentage"].cumsum()
    return out


def quali_sup(Xs: pd.DataFrame, U_std, row_coord, w, N, dims) -> dict[str, pd.DataFrame]:
    """Coordinates, cos2, v-tests and eta2 of supplementary qualitative variables."""
    enc = CategoricalEncoding(Xs, "supplementary qualitative")
    Zs = enc.indicator()
    Nj = np.asarray(Zs.T @ w).ravel()
    coord = np.asarray(Zs.T @ (U_std * w[:, None])) / Nj[:, None]
    dist2 = w.sum() / Nj - 1.0
    with np.errstate(divide="ignore", invalid="ignore"):
        # a category held by every individual sits at the centre: cos2 and v-test are undefined (NaN)
        dist2 = np.where(dist2 > 0, dist2, np.nan)
        coef = np.sqrt(Nj * ((N - 1) / (N - Nj))) if N > 1 else np.sqrt(Nj)
        coef = np.where(np.isfinite(coef), coef, np.nan)
    coordinates = pd.DataFrame(coord, index=enc.index, columns=dims)
    cos2 = pd.DataFrame(coord**2 / dist2[:, None], index=enc.index, columns=dims)
    vtest = pd.DataFrame(coord * coef[:, None], index=enc.index, columns=dims)
    # correlation ratio of each variable with the row coordinates
    between = np.asarray(Zs.T @ (row_coord * w[:, None])) ** 2 / Nj[:, None]
    total = (row_coord**2 * w[:, None]).sum(axis=0)
    eta2 = np.zeros((len(enc.variables), row_coord.shape[1]))
    np.add.at(eta2, enc.variable_of_category(), between)
    eta2_frame = pd.DataFrame(eta2 / total, index=pd.Index(enc.variables, name="variable"), columns=dims)
    return {"coordinates": coordinates, "cos2": cos2, "vtest": vtest, "eta2": eta2_frame}


def quanti_sup(Xq: pd.DataFrame, U_std, w, dims) -> pd.DataFrame:
    """Weighted correlations of supplementary quantitative variables with the dimensions (NaN → mean)."""
    values = Xq.apply(pd.to_numeric, errors="raise").astype(float)
    values = values.fillna(values.mean())
    corr = _weighted_corr(values.to_numpy(), U_std, w)
    return pd.DataFrame(corr, index=pd.Index(Xq.columns, name="variable"), columns=dims)
