"""The typology coding: codebook, rule-based coder, manual codes, agreement.

- :mod:`~housing_research.coding.codebook` — the typed, read-only codebook
  (:func:`codebook`), checked by :mod:`~.codebook_checks`, rendered by
  :mod:`~.codebook_doc`;
- :mod:`~.indicators`, :mod:`~.coder` — the rule-based coder (:func:`derive`);
- :mod:`~.scores` — institutionalisation degree and level, pole score and class;
- :mod:`~.manual_codes` — the team's manual codes, one file per coder, read and checked;
- :mod:`~.final_codes` — every coder's codes to the final codes (agreed, adjudicated, unresolved);
- :mod:`~.inference` — the decision rules applied by the rule-based coder;
- :mod:`~.assemble` — :func:`code`: manual codes first, derived codes elsewhere;
- :mod:`~.reliability`, :mod:`~.agreement` — Cohen's and Fleiss' kappa, Krippendorff's alpha, MASI;
  two codings compared;
- :mod:`~.multi_coder` — two or more coders over every period, and the adjudication sheet;
- :mod:`~.sheet_layout`, :mod:`~.sheets`, :mod:`~.sheet_reading` — coder sheets (XLSX) written and read
  back; :mod:`~.sheet_example` fills them for examples;
- :mod:`~.refi_qda_codes`, :mod:`~.refi_qda_project` — the codebook (``.qdc``) and the coded
  inventory (``.qdpx``) for QDA software, in the REFI-QDA standard, validated by
  :mod:`~.refi_qda_schema`; :mod:`~.refi_qda_matching`, :mod:`~.refi_qda_import` — reading them back;
- :mod:`~.history` — the change history of re-read codes, and the codes as they stood before;
- :mod:`~.learned_features`, :mod:`~.learned` — the supervised coder (:class:`SupervisedCoder`);
  :mod:`~.learned_eval` — its leave-one-document-out evaluation, calibration and code-next order;
- :mod:`~.build` — the ``code`` step; :mod:`~.suggest_build` — the ``suggest`` step.

It may import the inventory layer (organisation reference table) and the
shared modules; never the analysis or figure layers.
"""

from housing_research.coding.agreement import AgreementResult, agreement
from housing_research.coding.assemble import code
from housing_research.coding.build import build_coded_inventory
from housing_research.coding.codebook import codebook, label
from housing_research.coding.history import codes_before, read_history
from housing_research.coding.learned import SupervisedCoder
from housing_research.coding.learned_eval import code_next, leave_one_document_out
from housing_research.coding.manual_codes import read_manual_codes

__all__ = ["AgreementResult", "SupervisedCoder", "agreement", "build_coded_inventory", "code", "code_next",
           "codebook", "codes_before", "label", "leave_one_document_out", "read_history", "read_manual_codes"]
