"""Platt scaling solved to convergence, so that calibrated probabilities are the same on every machine.

scikit-learn's ``CalibratedClassifierCV(method="sigmoid")`` fits each sigmoid
with L-BFGS stopped at a gradient of 1e-6. The path L-BFGS takes depends on
the last bits of ``exp`` and ``log``, which numpy computes with different
SIMD code on different processors (AVX-512 or not), so the probabilities it
gives differ from machine to machine in their fourth to sixth decimal, and a
processed table written to six decimals is not the same everywhere.

:func:`fit_sigmoid` solves the same problem (Platt 1999, with the regularised
targets of section 2.2) by Newton's method with a backtracking line search
(Lin, Lin and Weng 2007) until the step no longer changes the parameters:
the answer is the optimum to about 1e-12, whatever the path.
:class:`PlattCalibratedClassifier` does what ``CalibratedClassifierCV``
does with ``ensemble=True``: one classifier per fold, each calibrated on
the fold it did not see, probabilities averaged over the folds.

Examples
--------
>>> import numpy as np
>>> f = np.array([-2.0, -1.0, -0.5, 0.5, 1.0, 2.0])
>>> y = np.array([0, 0, 1, 0, 1, 1])
>>> A, B = fit_sigmoid(f, y)
>>> bool(A < 0), round(float(sigmoid(0.0, A, B)), 3)
(True, 0.5)
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone

#: Newton stops when a step moves neither parameter by more than this (relative to 1 + |value|).
STEP_TOLERANCE: float = 1e-13
MAX_ITERATIONS: int = 200


def sigmoid(f, A: float, B: float) -> np.ndarray:
    """``1 / (1 + exp(A f + B))``, computed without overflow."""
    z = A * np.asarray(f, dtype=float) + B
    out = np.empty_like(z)
    pos = z >= 0
    e = np.exp(-z[pos])
    out[pos] = e / (1.0 + e)
    out[~pos] = 1.0 / (1.0 + np.exp(z[~pos]))
    return out


def _objective(f, t, A, B) -> float:
    """Cross-entropy of the targets ``t`` under the sigmoid, written to stay finite."""
    z = A * f + B
    # -[t log p + (1 - t) log(1 - p)] with p = 1 / (1 + e^z)
    return float(np.sum(np.where(z >= 0, t * z + np.log1p(np.exp(-z)), (t - 1) * z + np.log1p(np.exp(z)))))


def fit_sigmoid(f, y) -> tuple[float, float]:
    """Platt's sigmoid ``P(y = 1 | f) = 1 / (1 + exp(A f + B))`` fitted by Newton's method.

    Parameters
    ----------
    f : array of float
        Decision values of a classifier, on data it was not fitted on.
    y : array of bool or {0, 1}
        Whether each example is of the positive class.

    Returns
    -------
    (A, B) : tuple of float

    Examples
    --------
    >>> A, B = fit_sigmoid([-1.0, 0.0, 1.0, 2.0], [0, 0, 1, 1])
    >>> bool(A < 0 and sigmoid([2.0], A, B)[0] > 0.5)
    True
    """
    f = np.asarray(f, dtype=float)
    y = np.asarray(y).astype(bool)
    n_pos, n_neg = float(y.sum()), float((~y).sum())
    t = np.where(y, (n_pos + 1.0) / (n_pos + 2.0), 1.0 / (n_neg + 2.0))
    A, B = 0.0, float(np.log((n_neg + 1.0) / (n_pos + 1.0)))
    value = _objective(f, t, A, B)
    for _ in range(MAX_ITERATIONS):
        p = sigmoid(f, A, B)
        d1, d2 = t - p, p * (1.0 - p)
        g = np.array([np.sum(f * d1), np.sum(d1)])
        h11, h22, h21 = np.sum(f * f * d2) + 1e-12, np.sum(d2) + 1e-12, np.sum(f * d2)
        det = h11 * h22 - h21 * h21
        dA, dB = -(h22 * g[0] - h21 * g[1]) / det, -(-h21 * g[0] + h11 * g[1]) / det
        slope = g[0] * dA + g[1] * dB
        step = 1.0
        while step >= 1e-10:
            candidate = _objective(f, t, A + step * dA, B + step * dB)
            if candidate <= value + 1e-4 * step * slope:
                break
            step /= 2.0
        else:
            break                                        # no descent left: at the optimum to rounding
        A, B, value = A + step * dA, B + step * dB, candidate
        if abs(step * dA) <= STEP_TOLERANCE * (1 + abs(A)) and abs(step * dB) <= STEP_TOLERANCE * (1 + abs(B)):
            break
    return float(A), float(B)


class PlattCalibratedClassifier(ClassifierMixin, BaseEstimator):
    """A classifier per fold, each Platt-scaled on its held-out fold; probabilities averaged.

    Parameters
    ----------
    estimator : classifier with ``decision_function``
        Cloned for each fold.
    cv : cross-validation splitter
        A splitter with ``split(X, y)`` (for example ``StratifiedKFold(3)``);
        every class must appear in every training part.

    Attributes
    ----------
    classes_ : ndarray
    calibrated_ : list of (estimator, list of (A, B))
        Each fold's fitted classifier and the sigmoid of each of its columns
        (one for two classes, one per class otherwise).

    Examples
    --------
    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn.model_selection import StratifiedKFold
    >>> X = np.array([[0.0], [0.2], [0.4], [0.6], [1.0], [1.2], [1.4], [1.6], [0.5]])
    >>> y = np.array([0, 0, 0, 0, 1, 1, 1, 1, 1])
    >>> model = PlattCalibratedClassifier(LogisticRegression(), StratifiedKFold(3)).fit(X, y)
    >>> proba = model.predict_proba(X)
    >>> proba.shape, bool(np.allclose(proba.sum(axis=1), 1))
    ((9, 2), True)
    """

    def __init__(self, estimator, cv):
        self.estimator = estimator
        self.cv = cv

    def fit(self, X, y):
        y = np.asarray(y)
        self.classes_ = np.unique(y)
        self.calibrated_ = []
        for train, test in self.cv.split(X, y):
            model = clone(self.estimator).fit(X[train], y[train])
            if not np.array_equal(model.classes_, self.classes_):
                raise ValueError("a class is missing from a training fold: use fewer folds")
            scores = self._scores(model, X[test])
            if len(self.classes_) == 2:
                sigmoids = [fit_sigmoid(scores[:, 0], y[test] == self.classes_[1])]
            else:
                sigmoids = [fit_sigmoid(scores[:, k], y[test] == c) for k, c in enumerate(self.classes_)]
            self.calibrated_.append((model, sigmoids))
        return self

    @staticmethod
    def _scores(model, X) -> np.ndarray:
        scores = np.asarray(model.decision_function(X), dtype=float)
        return scores.reshape(len(scores), -1)

    def predict_proba(self, X) -> np.ndarray:
        total = np.zeros((X.shape[0], len(self.classes_)))
        for model, sigmoids in self.calibrated_:
            scores = self._scores(model, X)
            if len(self.classes_) == 2:
                positive = sigmoid(scores[:, 0], *sigmoids[0])
                total += np.column_stack([1.0 - positive, positive])
                continue
            proba = np.column_stack([sigmoid(scores[:, k], *ab) for k, ab in enumerate(sigmoids)])
            sums = proba.sum(axis=1, keepdims=True)
            total += np.where(sums > 0, proba / np.where(sums > 0, sums, 1.0), 1.0 / len(self.classes_))
        return total / len(self.calibrated_)

    def predict(self, X) -> np.ndarray:
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]
