"""housing_research: inventory, typology coding and multivariate analysis of
collaborative practices between social-housing landlords and tenants.

The public API is listed in ``__all__``; the layout of the subpackages is
described in ``docs/architecture.md``.
"""

from housing_research import paths
from housing_research.analysis import (
    TypologyResult,
    analyse_typology,
    count_from_share,
    load_questionnaire,
    observed_shares,
    ranked_items,
    respondent_totals,
    respondents_by_group,
    wilson_interval,
)
from housing_research.coding import (
    AgreementResult,
    SupervisedCoder,
    agreement,
    build_coded_inventory,
    code,
    code_next,
    codebook,
    codes_before,
    label,
    leave_one_document_out,
    read_history,
    read_manual_codes,
)
from housing_research.errors import InputError
from housing_research.figures import FigureSpec, data_checksum, draw_and_save, read_manifest, save_figure, theme
from housing_research.inventory import (
    CleaningResult,
    build_inventory,
    check_locators,
    clean,
    load_inventory,
    locate,
    normalise_name,
    read_dictionary,
    validate,
)
from housing_research.multivariate import HCPC, MCA, cluster_stability, describe_clusters
from housing_research.tables import read_processed

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
    "locate",
    "check_locators",
    "normalise_name",
    "read_dictionary",
    "validate",
    "cluster_stability",
    "analyse_typology",
    "TypologyResult",
    "agreement",
    "build_coded_inventory",
    "code",
    "codebook",
    "label",
    "read_manual_codes",
    "read_history",
    "codes_before",
    "SupervisedCoder",
    "leave_one_document_out",
    "code_next",
    "read_processed",
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
