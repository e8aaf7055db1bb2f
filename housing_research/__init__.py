"""housing_research: inventory, typology coding and multivariate analysis of
collaborative practices between social-housing landlords and tenants.

The public API is listed in ``__all__``; everything else is internal.
"""

from housing_research import paths
from housing_research.agreement import AgreementResult, agreement
from housing_research.codebook import codebook, label
from housing_research.coding import code
from housing_research.coding_build import build_coded_inventory
from housing_research.errors import InputError
from housing_research.figure_output import FigureSpec, data_checksum, draw_and_save, read_manifest, save_figure
from housing_research.manual_codes import read_manual_codes
from housing_research.mca import MCA
from housing_research.hcpc import HCPC
from housing_research.catdes import describe_clusters
from housing_research.cleaning import CleaningResult, build_inventory, clean
from housing_research.inventory_io import load_inventory
from housing_research.reference import normalise_name
from housing_research.validation import read_dictionary, validate
from housing_research.stability import cluster_stability
from housing_research.typology_analysis import analyse_typology
from housing_research.questionnaire import (
    count_from_share,
    load_questionnaire,
    observed_shares,
    ranked_items,
    respondent_totals,
    respondents_by_group,
    wilson_interval,
)
from housing_research.style import theme

__version__ = "0.1.0"

__all__ = [
    "AgreementResult",
    "MCA",
    "HCPC",
    "describe_clusters",
    "CleaningResult",
    "build_inventory",
    "clean",
    "load_inventory",
    "normalise_name",
    "read_dictionary",
    "validate",
    "cluster_stability",
    "analyse_typology",
    "agreement",
    "build_coded_inventory",
    "code",
    "codebook",
    "label",
    "read_manual_codes",
    "FigureSpec",
    "InputError",
    "data_checksum",
    "draw_and_save",
    "read_manifest",
    "save_figure",
    "theme",
    "count_from_share",
    "load_questionnaire",
    "observed_shares",
    "ranked_items",
    "respondent_totals",
    "respondents_by_group",
    "wilson_interval",
    "paths",
]
