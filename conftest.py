"""Session-wide test set-up.

Notebooks executed by nbval save their figures through
``housing_research.save_figure``; during the tests they write into a temporary
folder (never into the committed ``figures/``), which
``tests/test_freshness.py`` then compares with the committed figures.
"""

import os
import tempfile

import matplotlib

matplotlib.use("Agg")

if "HOUSING_RESEARCH_FIGURES_DIR" not in os.environ:
    os.environ["HOUSING_RESEARCH_FIGURES_DIR"] = tempfile.mkdtemp(prefix="hr-figures-")
