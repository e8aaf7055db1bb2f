"""Hartigan and Wong's k-means (algorithm AS 136), R's ``kmeans`` default.

FactoMineR consolidates the classes of ``HCPC`` with ``kmeans(X, centers)``,
whose default algorithm is Hartigan and Wong's, not Lloyd's: a point moves
to another class as soon as the move lowers the within-class sum of squares,
counting the shift of both centres (factors ``n/(n-1)`` and ``n/(n+1)``).
On tables with many identical individuals the two algorithms stop at
different partitions, so :func:`hartigan_wong` follows AS 136 step by step:
the same visiting order (rows in order), the same "live set" bookkeeping,
the same tie rules (strict comparisons, lowest class number first), with at
most ``50 n`` quick-transfer steps as in R.

The transfer stages visit points one at a time (each move changes two
centres). The distances they read are computed with numpy a centre at a
time, for all the points still to visit, and kept until that centre moves;
the sums are those of AS 136 in the same order, so the partition is the
same as a point-by-point loop's, several times faster.

Examples
--------
>>> import numpy as np
>>> X = np.array([[0.0], [0.2], [0.9], [1.0], [5.0], [5.2]])
>>> labels, centres, _ = hartigan_wong(X, np.array([[0.0], [1.0], [5.0]]))
>>> labels.tolist(), centres.ravel().round(2).tolist()
([0, 0, 1, 1, 2, 2], [0.1, 0.95, 5.1])
"""

from __future__ import annotations

import warnings

import numpy as np

from housing_research.errors import InputError

_BIG = 1.0e30


def _first_assignment(X, C):
    """Closest and second-closest centre of every point (AS 136, step 1; ties to the lower centre)."""
    n, k = len(X), len(C)
    d = np.zeros((n, k))
    for j in range(X.shape[1]):
        diff = X[:, j, None] - C[None, :, j]
        d += diff * diff
    ic1 = np.where(d[:, 0] > d[:, 1], 1, 0)
    ic2 = 1 - ic1
    dt1 = np.minimum(d[:, 0], d[:, 1])
    dt2 = np.maximum(d[:, 0], d[:, 1])
    for l in range(2, k):
        db = d[:, l]
        closer = db < dt1
        second = ~closer & (db < dt2)
        dt2 = np.where(closer, dt1, np.where(second, db, dt2))
        ic2 = np.where(closer, ic1, np.where(second, l, ic2))
        dt1 = np.where(closer, db, dt1)
        ic1 = np.where(closer, l, ic1)
    return ic1, ic2


class _State:
    """Centres, sizes and the AS 136 bookkeeping arrays."""

    def __init__(self, X, ic1, ic2, k):
        self.X, self.ic1, self.ic2, self.k = X, ic1, ic2, k
        self.nc = np.bincount(ic1, minlength=k).astype(np.int64)
        if (self.nc == 0).any():
            raise InputError("empty cluster when starting k-means from the class centres",
                             suggestion="choose fewer classes, or consolidation=False")
        self.c = np.column_stack([np.bincount(ic1, weights=X[:, j], minlength=k) for j in range(X.shape[1])])
        self.c /= self.nc[:, None].astype(float)
        aa = self.nc.astype(float)
        self.an2 = aa / (aa + 1.0)
        self.an1 = np.where(aa > 1.0, aa / np.where(aa > 1.0, aa - 1.0, 1.0), _BIG)
        self.itran = np.ones(k, dtype=bool)
        self.ncp = np.full(k, -1, dtype=np.int64)
        self.live = np.zeros(k, dtype=np.int64)
        self.d = np.zeros(len(X))
        # squared distances of the points to the centres, column l valid from row valid_from[l]
        self.dist = np.empty((len(X), k))
        self.valid_from = np.full(k, len(X) + 1, dtype=np.int64)

    def sq_dist(self, i, l):
        """Squared distance of point ``i`` to centre ``l`` (AS 136's sum over columns, in order).

        The column of centre ``l`` is computed for points ``i`` onwards at
        once and kept until the centre moves: the same sums, in the same
        order, as a point-by-point loop, for a fraction of its cost.
        """
        if i < self.valid_from[l]:
            col = np.zeros(len(self.X) - i)
            centre = self.c[l]
            for j in range(self.X.shape[1]):
                diff = self.X[i:, j] - centre[j]
                diff *= diff
                col += diff
            self.dist[i:, l] = col
            self.valid_from[l] = i
        return self.dist[i, l]

    def move(self, i, l1, l2):
        """Transfer point ``i`` from class ``l1`` to ``l2``, updating both centres."""
        al1, al2 = float(self.nc[l1]), float(self.nc[l2])
        alw, alt = al1 - 1.0, al2 + 1.0
        self.c[l1] = (self.c[l1] * al1 - self.X[i]) / alw
        self.c[l2] = (self.c[l2] * al2 + self.X[i]) / alt
        self.nc[l1] -= 1
        self.nc[l2] += 1
        self.an2[l1] = alw / al1
        self.an1[l1] = alw / (alw - 1.0) if alw > 1.0 else _BIG
        self.an1[l2] = alt / al2
        self.an2[l2] = alt / (alt + 1.0)
        self.ic1[i], self.ic2[i] = l2, l1
        self.valid_from[l1] = self.valid_from[l2] = len(self.X) + 1


def _optimal_transfer(s: _State, indx: int) -> int:
    m = len(s.X)
    s.live[s.itran] = m
    for i in range(m):
        indx += 1
        l1 = s.ic1[i]
        if s.nc[l1] != 1:
            if s.ncp[l1] != 0:
                s.d[i] = s.sq_dist(i, l1) * s.an1[l1]
            ll = l2 = s.ic2[i]
            r2 = s.sq_dist(i, l2) * s.an2[l2]
            for l in range(s.k):
                if (i >= s.live[l1] and i >= s.live[l]) or l == l1 or l == ll:
                    continue
                rr = r2 / s.an2[l]
                dc = s.sq_dist(i, l)
                if dc < rr:
                    r2, l2 = dc * s.an2[l], l
            if r2 >= s.d[i]:
                s.ic2[i] = l2
            else:
                indx = 0
                s.live[l1] = s.live[l2] = m + i
                s.ncp[l1] = s.ncp[l2] = i + 1
                s.move(i, l1, l2)
        if indx == m:
            return indx
    s.itran[:] = False
    s.live -= m
    return indx


def _quick_transfer(s: _State, indx: int, max_steps: int) -> tuple[int, bool]:
    m = len(s.X)
    icoun = istep = 0
    while True:
        for i in range(m):
            icoun += 1
            istep += 1
            if istep >= max_steps:
                return indx, False
            l1, l2 = s.ic1[i], s.ic2[i]
            if s.nc[l1] != 1:
                if istep <= s.ncp[l1]:
                    s.d[i] = s.sq_dist(i, l1) * s.an1[l1]
                if istep < s.ncp[l1] or istep < s.ncp[l2]:
                    if s.sq_dist(i, l2) < s.d[i] / s.an2[l2]:
                        icoun = indx = 0
                        s.itran[l1] = s.itran[l2] = True
                        s.ncp[l1] = s.ncp[l2] = istep + m
                        s.move(i, l1, l2)
            if icoun == m:
                return indx, True


def hartigan_wong(X, centres, max_iter: int = 10):
    """k-means by Hartigan and Wong (AS 136) from given centres, as R's ``kmeans(X, centers)``.

    Parameters
    ----------
    X : ndarray (n, d)
        Points.
    centres : ndarray (k, d)
        Starting centres, k >= 2.
    max_iter : int, default 10
        Passes of the optimal-transfer stage (R's ``iter.max``).

    Returns
    -------
    labels : ndarray (n,)
        Class of each point, 0-based, numbered as the starting centres.
    centres : ndarray (k, d)
        Final centres (class means).
    n_iter : int
        Passes of the optimal-transfer stage made; a warning tells when
        ``max_iter`` or the quick-transfer step limit was reached, as R does.
    """
    X = np.ascontiguousarray(X, dtype=float)
    k = len(centres)
    ic1, ic2 = _first_assignment(X, np.asarray(centres, dtype=float))
    s = _State(X, ic1, ic2, k)
    indx = n_iter = 0
    for n_iter in range(1, max_iter + 1):
        indx = _optimal_transfer(s, indx)
        if indx == len(X):
            break
        indx, within_limit = _quick_transfer(s, indx, 50 * len(X))
        if not within_limit:
            warnings.warn("k-means: quick-transfer steps exceeded 50 n, as R's kmeans warns", stacklevel=2)
            break
        if k == 2:
            break
        s.ncp[:] = 0
    else:
        warnings.warn(f"k-means did not converge in {max_iter} iterations (R's kmeans warns too)", stacklevel=2)
    final = np.column_stack([np.bincount(s.ic1, weights=X[:, j], minlength=k) for j in range(X.shape[1])])
    return s.ic1.copy(), final / s.nc[:, None].astype(float), n_iter
