"""The analyses the seminar presents, on the cleaned and coded inventory.

- :mod:`~.corpus` — what the corpus holds (notebook 01);
- :mod:`~.coding_summary` — distributions and crossings of the axes (notebook 02);
- :mod:`~.typology_tables`, :mod:`~.typology` — the tables of the MCA and the
  typology analysis: specific MCA, clustering, class description, stability,
  ideal types (notebook 03); :mod:`~.typology_report` and :mod:`~.typology_doc`
  — the typology as tables (pipeline step ``typology``) and their Markdown and
  LaTeX pages; :mod:`~.regions` — practices and Covid statuses by region;
- :mod:`~.trajectories`, :mod:`~.covid` — moves between poles; Covid statuses
  and their tests (notebook 04);
- :mod:`~.questionnaire_data`, :mod:`~.questionnaire` — the March 2021
  questionnaire (notebook 05).

It may import the inventory, coding and multivariate layers and the shared
modules; never the figures.
"""

from housing_research.analysis.questionnaire import (
    build_questionnaire,
    count_from_share,
    load_questionnaire,
    observed_shares,
    ranked_items,
    respondent_totals,
    respondents_by_group,
    wilson_interval,
)
from housing_research.analysis.typology import TypologyResult, analyse_typology

__all__ = ["TypologyResult", "analyse_typology", "build_questionnaire", "count_from_share", "load_questionnaire",
           "observed_shares", "ranked_items", "respondent_totals", "respondents_by_group", "wilson_interval"]
