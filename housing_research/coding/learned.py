"""The supervised coder: codes suggested from the descriptions, learned from the manual codes.

:class:`SupervisedCoder` learns, for each dimension of institutionalisation,
a regularised logistic regression (one-vs-rest, liblinear) over the features of
:mod:`housing_research.coding.learned_features` (word 1-2-gram and character
3-5-gram TF-IDF of the text, the who-fields, the rule-based coder's codes),
and for each origin party and each register a binary one (multi-label).
Probabilities are calibrated (Platt scaling, three-fold, when every class has
three examples; the regression's own otherwise), with every optimisation
solved to convergence so that they are the same on every processor
(:mod:`housing_research.coding.platt`). Every suggestion comes with
its probability and the features that weighed most for it. Fitting is
deterministic: no sampling, a fixed solver, no weights fetched from anywhere.

The suggestions fill only what no human has coded; the analyses use the
final manual codes.

Examples
--------
>>> import pandas as pd
>>> X = pd.DataFrame({"text": ["voisins entraide", "le bailleur appelle", "voisins repas", "le bailleur aide"],
...                   "who": ["", "", "", ""], "rules": ["", "", "", ""]},
...                  index=pd.Index(["I1", "I2", "I3", "I4"], name="initiative_id"))
>>> y = pd.DataFrame({"animation": ["habitants", "institution", "habitants", "institution"]}, index=X.index)
>>> coder = SupervisedCoder(axes=("animation",)).fit(X, y)
>>> coder.predict(X.iloc[:1])[["axis", "code"]].values.tolist()
[['animation', 'habitants']]
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin, clone
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.model_selection import StratifiedKFold

from housing_research.coding.learned_features import SET_AXES, SINGLE_AXES
from housing_research.coding.platt import PlattCalibratedClassifier

#: Probability from which a party of the origin or a register is suggested.
SET_THRESHOLD = 0.5
#: Stopping tolerance of liblinear's Newton solver. Far below its default
#: (1e-4), so that the coefficients are the optimum and not the point where a
#: processor's rounding happened to stop the solver (see :mod:`.platt`).
LIBLINEAR_TOLERANCE = 1e-10


class FrequentTermsTfidf(TransformerMixin, BaseEstimator):
    """Sublinear TF-IDF over the ``max_features`` most frequent terms, ties broken by the term itself.

    ``TfidfVectorizer(max_features=...)`` keeps the most frequent terms with
    ``argsort``, whose order among equally frequent terms depends on the
    processor's SIMD sort: the same data gave different character n-grams,
    hence different suggestions, on different machines. Here the terms are
    ranked by total count, then alphabetically, and the TF-IDF is fitted on
    that fixed vocabulary.

    Examples
    --------
    >>> v = FrequentTermsTfidf(analyzer="word", ngram_range=(1, 1), max_features=2).fit(["bb aa", "cc aa", "dd"])
    >>> v.get_feature_names_out().tolist()
    ['aa', 'bb']
    """

    def __init__(self, analyzer="char_wb", ngram_range=(3, 5), min_df=1, max_features=None):
        self.analyzer = analyzer
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_features = max_features

    def fit(self, X, y=None):
        counter = CountVectorizer(analyzer=self.analyzer, ngram_range=self.ngram_range, min_df=self.min_df).fit(X)
        terms = counter.get_feature_names_out()
        totals = np.asarray(counter.transform(X).sum(axis=0)).ravel()
        keep = np.lexsort((terms, -totals))[: self.max_features]
        self.vectorizer_ = TfidfVectorizer(analyzer=self.analyzer, ngram_range=self.ngram_range, sublinear_tf=True,
                                           vocabulary=sorted(terms[keep])).fit(X)
        return self

    def transform(self, X):
        return self.vectorizer_.transform(X)

    def get_feature_names_out(self, input_features=None):
        return self.vectorizer_.get_feature_names_out()


def _features(X: pd.DataFrame, weights: dict) -> ColumnTransformer:
    """The feature blocks, leaving out a column that is empty for every initiative."""
    blocks = [
        ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, strip_accents="unicode"), "text"),
        ("chars", FrequentTermsTfidf(analyzer="char_wb", ngram_range=(3, 5), min_df=2 if len(X) > 10 else 1,
                                     max_features=3000), "text"),
        ("who", TfidfVectorizer(token_pattern=r"\S+", sublinear_tf=True), "who"),
        ("rules", CountVectorizer(token_pattern=r"\S+", binary=True, lowercase=False), "rules"),
    ]
    kept = [b for b in blocks if weights.get(b[0], 1.0) > 0 and X[b[2]].astype(str).str.strip().any()]
    return ColumnTransformer(kept, transformer_weights={name: weights.get(name, 1.0) for name, _, _ in kept})


class SupervisedCoder(BaseEstimator):
    """One calibrated logistic regression per dimension, origin party and register.

    Parameters
    ----------
    C : float, default 1.0
        Inverse regularisation strength of the logistic regressions.
    axes : tuple of str
        Axes learned (the four dimensions, ``origin`` and ``register`` by default).
    calibrate : bool, default True
        Platt-scale the probabilities where the classes allow it.
    n_evidence : int, default 3
        Features listed as the evidence of each suggestion.
    block_weights : dict, optional
        Weight of each feature block (``words``, ``chars``, ``who``, ``rules``;
        1 when absent, 0 leaves the block out). Default: the rule-based
        coder's codes weigh twice as much as the text.
    """

    def __init__(self, C=1.0, axes=(*SINGLE_AXES, *SET_AXES), calibrate=True, n_evidence=3, block_weights=None):
        self.C = C
        self.axes = axes
        self.calibrate = calibrate
        self.n_evidence = n_evidence
        self.block_weights = block_weights

    def _model(self, Z, y: pd.Series):
        counts = y.value_counts()
        if len(counts) == 1:
            return None, counts.index[0]
        model = OneVsRestClassifier(LogisticRegression(C=self.C, class_weight="balanced", solver="liblinear",
                                                       tol=LIBLINEAR_TOLERANCE, random_state=0))
        if self.calibrate and counts.min() >= 3:
            calibrated = PlattCalibratedClassifier(model, cv=StratifiedKFold(3))
            return calibrated.fit(Z, y), clone(model).fit(Z, y)
        fitted = model.fit(Z, y)
        return fitted, fitted

    def fit(self, X: pd.DataFrame, y: pd.DataFrame):
        """Learn from features ``X`` and targets ``y`` (:func:`~housing_research.coding.learned_features.targets`)."""
        weights = {"rules": 2.0} if self.block_weights is None else dict(self.block_weights)
        self.features_ = _features(X, weights).fit(X)
        self.feature_names_ = [n.split("__", 1)[1] for n in self.features_.get_feature_names_out()]
        Z = self.features_.transform(X)
        self.models_ = {}
        for target in y.columns:
            if target.split("=")[0] not in self.axes:
                continue
            known = np.flatnonzero(y[target].notna().to_numpy())
            self.models_[target] = self._model(Z[known], y[target].iloc[known].astype(str))
        self.targets_ = list(self.models_)
        return self

    def _proba(self, target: str, Z, index) -> pd.DataFrame:
        model, constant = self.models_[target]
        if model is None:
            return pd.DataFrame({constant: np.ones(len(index))}, index=index)
        return pd.DataFrame(model.predict_proba(Z), index=index, columns=[str(c) for c in model.classes_])

    def predict_proba(self, X: pd.DataFrame) -> dict[str, pd.DataFrame]:
        """Probabilities per target: a frame of classes (dimensions), or of ``0``/``1`` (parties, registers)."""
        Z = self.features_.transform(X)
        return {target: self._proba(target, Z, X.index) for target in self.targets_}

    def _evidence(self, target: str, Z, codes) -> list[str]:
        """The features that weighed most for each row's code (``codes``: one per row)."""
        model, explainer = self.models_[target]
        if model is None:
            return [""] * len(codes)
        coef = np.vstack([e.coef_ for e in explainer.estimators_])
        classes = [str(c) for c in explainer.classes_]
        values = Z.toarray() if hasattr(Z, "toarray") else np.asarray(Z)
        out = []
        for i, code in enumerate(codes):
            row = classes.index(code) if len(classes) > 2 else 0
            sign = 1.0 if len(classes) > 2 or code == classes[-1] else -1.0
            contrib = values[i] * coef[row] * sign
            out.append(" | ".join(self.feature_names_[j] for j in np.argsort(-contrib, kind="stable")[: self.n_evidence]
                                  if contrib[j] > 0))
        return out

    def predict(self, X: pd.DataFrame, period: str = "principal") -> pd.DataFrame:
        """Suggested codes, long table: ``initiative_id, period, axis, code, probability, evidence``."""
        rows = []
        Z = self.features_.transform(X)
        proba = {target: self._proba(target, Z, X.index) for target in self.targets_}
        for axis in self.axes:
            if axis in SINGLE_AXES and axis in proba:
                p = proba[axis]
                best = p.idxmax(axis=1)
                for iid, code, ev in zip(X.index, best, self._evidence(axis, Z, list(best))):
                    rows.append((iid, period, axis, code, float(p.loc[iid, code]), ev))
            elif axis in SET_AXES:
                rows += self._set_rows(axis, X.index, Z, proba, period)
        return pd.DataFrame(rows, columns=["initiative_id", "period", "axis", "code", "probability", "evidence"])

    def _set_rows(self, axis: str, index, Z, proba: dict, period: str) -> list[tuple]:
        targets = [t for t in self.targets_ if t.startswith(f"{axis}=")]
        if not targets:
            return []
        yes = pd.DataFrame({t: proba[t]["1"] if "1" in proba[t] else 0.0 for t in targets}, index=index)
        evidence = {t: self._evidence(t, Z, ["1"] * len(index)) for t in targets}
        rows = []
        for i, (iid, p) in enumerate(yes.iterrows()):
            chosen = [t for t in targets if p[t] >= SET_THRESHOLD] or [p.idxmax()]
            if not chosen:
                rows.append((iid, period, axis, "inconnu", float(1 - p.max()), ""))
            for t in chosen:
                rows.append((iid, period, axis, t.split("=", 1)[1], float(p[t]), evidence[t][i]))
        return rows
