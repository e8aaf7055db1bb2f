"""Scores derived from the codes: institutionalisation degree and level, pole score and class.

The rules are the codebook's (``docs/codebook.md``): degree = mean over the
known dimensions of habitants 0, partage 0.5, institution 1, cut into levels
by the codebook's bounds; pole score = weighted mean of an origin, an
institutionalisation and a register component, cut into classes by the
codebook's band (:meth:`~housing_research.coding.codebook.Codebook.pole_class`).
"""

from __future__ import annotations

import numpy as np

from housing_research.coding.codebook import Codebook, codebook


def institutionalisation(dimension_codes, cb: Codebook | None = None) -> tuple[float, str]:
    """Degree and level of institutionalisation from the four dimension codes.

    Parameters
    ----------
    dimension_codes : iterable of str
        Codes of the dimensions (``inconnu`` ones are left out).

    Returns
    -------
    degree : float
        Mean value of the known dimensions (habitants 0, partage 0.5,
        institution 1); NaN if none is known.
    level : str
        ``faible`` (degree < 1/3), ``moyen``, ``fort`` (degree > 2/3) or ``inconnu``.

    Examples
    --------
    >>> institutionalisation(["habitants", "institution", "inconnu", "partage"])
    (0.5, 'moyen')
    >>> institutionalisation(["inconnu"] * 4)
    (nan, 'inconnu')
    """
    cb = cb or codebook()
    values = {c.code: c.value for c in cb.categories("gestion")}
    known = [values[c] for c in dimension_codes if c in values]
    if not known:
        return float("nan"), cb.unknown
    degree = round(float(np.mean(known)), 12)
    return degree, cb.level(degree)


def pole(origin_codes, degree: float, register_codes, cb: Codebook | None = None):
    """Pole score in [-1, 1] and class, from the three axes.

    Parameters
    ----------
    origin_codes : iterable of str
        Origin code(s); ``inconnu`` is ignored.
    degree : float
        Institutionalisation degree (NaN when unknown).
    register_codes : iterable of str
        Register code(s); ``inconnu`` is ignored.

    Returns
    -------
    score : float
        Weighted mean of the known components (positive = inhabitants); NaN if
        no component is known.
    klass : str
        ``initiative_habitante`` if score > band, ``dispositif`` if
        score < -band, ``entre_deux`` otherwise, ``inconnu`` if score is NaN.

    Examples
    --------
    >>> pole(["locataires"], 0.0, ["entraide"])
    (1.0, 'initiative_habitante')
    >>> pole(["bailleur"], float("nan"), ["inconnu"])
    (-1.0, 'dispositif')
    >>> pole(["locataires", "bailleur"], 0.5, ["collaboration"])
    (0.0, 'entre_deux')
    """
    cb = cb or codebook()
    settings = cb.pole_rule
    reg_values = {c.code: c.pole for c in cb.categories("register")}
    origins = [settings.origin_values[c] for c in origin_codes if c in settings.origin_values]
    regs = [reg_values[c] for c in register_codes if c in reg_values]
    parts = {
        "origin": np.mean(origins) if origins else np.nan,
        "institutionalisation": 1 - 2 * degree if not np.isnan(degree) else np.nan,
        "register": np.mean(regs) if regs else np.nan,
    }
    weights = {k: settings.weights[k] for k, v in parts.items() if not np.isnan(v)}
    if not weights or sum(weights.values()) == 0:
        return float("nan"), cb.unknown
    score = float(sum(parts[k] * w for k, w in weights.items()) / sum(weights.values()))
    score = round(score, 12)
    return score, cb.pole_class(score)
