"""Scores derived from the codes: institutionalisation degree and level, pole score and class.

The rules are the codebook's (``docs/codebook.md``): degree = mean over the
known dimensions of habitants 0, partage 0.5, institution 1, when at least
``min_known`` (2) dimensions are known, cut into levels by the codebook's
bounds; pole score = weighted mean of the known dimensions valued habitants
+1, partage 0, institution -1 (decision and animation weigh twice as much),
when decision or animation is known, cut into classes by the codebook's band
(:meth:`~housing_research.coding.codebook.Codebook.pole_class`).
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
        institution 1); NaN when fewer than the codebook's ``min_known`` are known.
    level : str
        ``faible`` (degree < 1/3), ``moyen``, ``fort`` (degree > 2/3) or ``inconnu``.

    Examples
    --------
    >>> institutionalisation(["habitants", "institution", "inconnu", "partage"])
    (0.5, 'moyen')
    >>> institutionalisation(["institution", "inconnu", "inconnu", "inconnu"])
    (nan, 'inconnu')
    """
    cb = cb or codebook()
    values = {c.code: c.value for c in cb.categories("gestion")}
    known = [values[c] for c in dimension_codes if c in values]
    if len(known) < cb.min_known:
        return float("nan"), cb.unknown
    degree = round(float(np.mean(known)), 12)
    return degree, cb.level(degree)


def pole(dimension_codes: dict, cb: Codebook | None = None) -> tuple[float, str]:
    """Pole score in [-1, 1] and class, from the four dimensions of functioning.

    Parameters
    ----------
    dimension_codes : dict
        Code of each dimension (``animation``, ``gestion``, ``decision``,
        ``financement``); ``inconnu`` or missing ones are left out.

    Returns
    -------
    score : float
        Weighted mean of the known dimensions, habitants +1, partage 0,
        institution -1; NaN when none of the defining dimensions (decision,
        animation) is known.
    klass : str
        ``initiative_habitante`` above the band, ``dispositif`` below minus
        the band, ``entre_deux`` within it, ``inconnu`` when the score is NaN.

    Examples
    --------
    >>> pole({"animation": "habitants", "decision": "habitants", "financement": "institution"})
    (0.6, 'initiative_habitante')
    >>> pole({"animation": "partage", "decision": "partage", "gestion": "institution"})
    (-0.2, 'entre_deux')
    >>> pole({"gestion": "institution", "financement": "institution"})
    (nan, 'inconnu')
    """
    cb = cb or codebook()
    rule = cb.pole_rule
    values = {c.code: 1 - 2 * c.value for c in cb.categories("gestion")}
    known = {d: values[c] for d, c in dimension_codes.items() if c in values and d in rule.weights}
    if not any(d in known for d in rule.defining):
        return float("nan"), cb.unknown
    total = sum(rule.weights[d] for d in known)
    score = round(float(sum(v * rule.weights[d] for d, v in known.items()) / total), 12)
    return score, cb.pole_class(score)
