"""Weighted Ward clustering: the tree by the nearest-neighbour chain, and its cut.

:func:`ward_tree` builds the hierarchy without an n x n matrix, by
reciprocal nearest neighbours in vectorised blocks; its heights are inertia
gains ``w_a w_b / (w_a + w_b) * d^2(a, b) / W``, so that they add up to the
total inertia. :func:`expand_linkage` turns a tree of distinct values into a
tree of individuals (duplicates merged first at height 0).
:func:`cut_tree` cuts a SciPy linkage into k classes, numbered by first
appearance as R's ``cutree``.

Examples
--------
>>> import numpy as np
>>> Z = ward_tree(np.array([[0.0], [0.1], [5.0]]), np.ones(3))
>>> cut_tree(Z, 2).tolist()
[0, 0, 1]
"""

from __future__ import annotations

import numpy as np


def _nearest(centre, mass, active, rows, total_weight, block=1 << 22):
    """Nearest active cluster (smallest Ward gain) of each cluster in ``rows``; ties to the lowest id."""
    cols = np.flatnonzero(active)
    nn = np.empty(len(rows), dtype=np.int64)
    gain = np.empty(len(rows))
    step = max(1, block // max(len(cols), 1))
    for start in range(0, len(rows), step):
        r = rows[start:start + step]
        d2 = np.zeros((len(r), len(cols)))
        for j in range(centre.shape[1]):
            diff = np.subtract.outer(centre[r, j], centre[cols, j])
            diff *= diff
            d2 += diff
        g = d2 * (np.multiply.outer(mass[r], mass[cols]) / np.add.outer(mass[r], mass[cols]) / total_weight)
        g[r[:, None] == cols[None, :]] = np.inf
        best = np.argmin(g, axis=1)
        nn[start:start + step] = cols[best]
        gain[start:start + step] = g[np.arange(len(r)), best]
    return nn, gain


def ward_tree(points: np.ndarray, weights: np.ndarray, total_weight: float | None = None) -> np.ndarray:
    """Weighted Ward tree by reciprocal nearest neighbours, as a SciPy linkage matrix.

    Every round merges all pairs of clusters that are each other's nearest
    neighbour (Ward's criterion is reducible, so this gives the same tree as
    merging one pair at a time), then looks again for the nearest neighbour
    of the clusters that lost theirs. The gains are computed from the
    weighted centroids in blocks: time about quadratic in vectorised code,
    memory linear in the number of points.

    Parameters
    ----------
    points : ndarray (n, d)
        Coordinates.
    weights : ndarray (n,)
        Positive weights.
    total_weight : float, optional
        W in the inertia gains (default: the sum of ``weights``).

    Returns
    -------
    ndarray (n - 1, 4)
        SciPy linkage: merged ids, height (inertia gain), number of original
        points; rows sorted by height.
    """
    centre = np.array(points, dtype=float)
    n = len(centre)
    mass = np.asarray(weights, dtype=float).copy()
    total_weight = float(mass.sum() if total_weight is None else total_weight)
    count = np.ones(n)
    active = np.ones(n, dtype=bool)
    nn, gain = _nearest(centre, mass, active, np.arange(n), total_weight) if n > 1 else (np.zeros(0, int), [])
    nn, gain = np.asarray(nn), np.asarray(gain, dtype=float)
    merges = []
    while active.sum() > 1:
        ids = np.flatnonzero(active)
        partner = nn[ids]
        pairs = ids[(nn[partner] == ids) & (ids < partner)]
        if len(pairs) == 0:                                # only exact ties could do this: merge the best pair
            pairs = ids[[int(np.argmin(gain[ids]))]]
        a, b = pairs, nn[pairs]
        ma, mb = mass[a], mass[b]
        d2 = ((centre[a] - centre[b]) ** 2).sum(axis=1)
        heights = ma * mb / (ma + mb) * d2 / total_weight
        centre[a] = (ma[:, None] * centre[a] + mb[:, None] * centre[b]) / (ma + mb)[:, None]
        mass[a] = ma + mb
        count[a] += count[b]
        active[b] = False
        merges.extend(zip(a.tolist(), b.tolist(), heights.tolist(), count[a].tolist()))
        if active.sum() <= 1:
            break
        merged = np.zeros(n, dtype=bool)
        merged[a] = merged[b] = True
        stale = np.flatnonzero(active & (merged | merged[nn]))
        nn[stale], gain[stale] = _nearest(centre, mass, active, stale, total_weight)
    return _to_linkage(merges, n)


def expand_linkage(Z: np.ndarray, inverse: np.ndarray) -> np.ndarray:
    """Linkage on individuals from a linkage ``Z`` on their distinct values.

    ``inverse[i]`` is the distinct value of individual ``i``. Individuals
    sharing a value are merged first, at height 0, then the tree ``Z`` of the
    distinct values follows, relabelled.

    Examples
    --------
    >>> Z = np.array([[0.0, 1.0, 0.5, 2.0]])
    >>> expand_linkage(Z, np.array([0, 1, 0])).tolist()
    [[0.0, 2.0, 0.0, 2.0], [1.0, 3.0, 0.5, 3.0]]
    """
    m, n = len(Z) + 1, len(inverse)
    rows, node, size = [], {}, {}
    for i, v in enumerate(np.asarray(inverse).tolist()):
        if v in node:
            size[v] += 1
            rows.append((node[v], i, 0.0, size[v]))
            node[v] = n + len(rows) - 1
        else:
            node[v], size[v] = i, 1
    label = [node[v] for v in range(m)]
    sizes = [size[v] for v in range(m)]
    offset = n + len(rows)
    for step, (a, b, height, _) in enumerate(Z):
        a, b = int(a), int(b)
        total = sizes[a] + sizes[b]
        rows.append((*sorted((label[a], label[b])), height, total))
        label.append(offset + step)
        sizes.append(total)
    return np.array(rows, dtype=float).reshape(-1, 4)


def _to_linkage(merges, n):
    """Sort merges by height and relabel clusters as SciPy expects."""
    order = sorted(range(len(merges)), key=lambda i: (merges[i][2], i))
    parent = list(range(n))
    label = list(range(n))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    Z = np.zeros((len(merges), 4))
    for step, i in enumerate(order):
        a, b, h, size = merges[i]
        ra, rb = find(a), find(b)
        la, lb = sorted((label[ra], label[rb]))
        Z[step] = (la, lb, h, size)
        parent[rb] = ra
        label[ra] = n + step
    return Z


def cut_tree(Z: np.ndarray, n_clusters: int) -> np.ndarray:
    """Class of each leaf when the tree is cut into ``n_clusters`` classes (0-based, by first appearance)."""
    n = len(Z) + 1
    parent = list(range(2 * n - 1))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for step in range(n - n_clusters):
        a, b = int(Z[step, 0]), int(Z[step, 1])
        parent[find(a)] = n + step
        parent[find(b)] = n + step
    roots = [find(i) for i in range(n)]
    return first_appearance(np.asarray(roots))


def first_appearance(labels) -> np.ndarray:
    """Relabel ``0 .. k-1`` in order of first appearance (R's ``cutree`` numbering).

    Examples
    --------
    >>> first_appearance(np.array([7, 3, 7, 5])).tolist()
    [0, 1, 0, 2]
    """
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    return rank[inverse.ravel()]
