"""Weighted Ward clustering: the tree by the nearest-neighbour chain, and its cut.

:func:`ward_tree` builds the hierarchy without an n x n matrix; its heights
are inertia gains ``w_a w_b / (w_a + w_b) * d^2(a, b) / W``, so that they add
up to the total inertia. :func:`cut_tree` cuts a SciPy linkage into k classes.

Examples
--------
>>> import numpy as np
>>> Z = ward_tree(np.array([[0.0], [0.1], [5.0]]), np.ones(3))
>>> cut_tree(Z, 2).tolist()
[1, 1, 0]
"""

from __future__ import annotations

import numpy as np


def ward_tree(points: np.ndarray, weights: np.ndarray, total_weight: float | None = None) -> np.ndarray:
    """Weighted Ward tree by the nearest-neighbour chain, as a SciPy linkage matrix.

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
    points = np.asarray(points, dtype=float)
    n = len(points)
    total_weight = float(weights.sum() if total_weight is None else total_weight)
    centre = points.copy()
    mass = np.asarray(weights, dtype=float).copy()
    count = np.ones(n)
    active = np.ones(n, dtype=bool)
    merges = []
    chain: list[int] = []

    def gains(a: int) -> np.ndarray:
        d2 = ((centre - centre[a]) ** 2).sum(axis=1)
        g = mass * mass[a] / (mass + mass[a]) * d2 / total_weight
        g[~active] = np.inf
        g[a] = np.inf
        return g

    remaining = n
    while remaining > 1:
        if not chain:
            chain.append(int(np.flatnonzero(active)[0]))
        a = chain[-1]
        g = gains(a)
        b = int(np.argmin(g))
        if len(chain) > 1 and g[chain[-2]] <= g[b]:
            b = chain[-2]
        if len(chain) > 1 and b == chain[-2]:
            chain.pop()
            chain.pop()
            height = g[b]
            new_mass = mass[a] + mass[b]
            centre[a] = (mass[a] * centre[a] + mass[b] * centre[b]) / new_mass
            mass[a] = new_mass
            count[a] += count[b]
            active[b] = False
            merges.append((a, b, height, count[a]))
            remaining -= 1
        else:
            chain.append(b)
    return _to_linkage(merges, n)


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
    """Class of each leaf when the tree is cut into ``n_clusters`` classes (0-based, arbitrary order)."""
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
    _, labels = np.unique(roots, return_inverse=True)
    return labels
