"""housing_research: inventory, typology coding and multivariate analysis of
collaborative practices between social-housing landlords and tenants.

The public API is listed in ``__all__``; everything else is internal.
"""

from housing_research import paths
from housing_research.errors import InputError

__version__ = "0.1.0"

__all__ = [
    "InputError",
    "paths",
]
