"""Multivariate methods, exact against FactoMineR: MCA, HCPC, catdes, cluster stability.

- :mod:`~.encoding` — categories, sparse indicator, Burt table;
- :mod:`~.mca` (with :mod:`~.mca_supplementary`) — :class:`MCA`;
- :mod:`~.ward` — weighted Ward tree and its cut;
- :mod:`~.hcpc` — :class:`HCPC`;
- :mod:`~.catdes` — :func:`describe_clusters`;
- :mod:`~.stability` — :func:`cluster_stability`.

These modules know nothing of the project's domain: they import only each
other and :mod:`housing_research.errors` (``tests/test_architecture.py``
checks it), so they can serve any survey.
"""

from housing_research.multivariate.catdes import ClusterDescription, describe_clusters
from housing_research.multivariate.hcpc import HCPC
from housing_research.multivariate.mca import MCA
from housing_research.multivariate.stability import cluster_stability

__all__ = ["HCPC", "MCA", "ClusterDescription", "cluster_stability", "describe_clusters"]
