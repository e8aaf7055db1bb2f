"""Pipeline step ``clean``: the cleaned inventory and its report, written to disk.

Writes ``inventory.csv``, ``cleaning_rows.csv``, ``cleaning_changes.csv``,
``cleaning_proposals.csv``, ``cleaning_warnings.csv`` and ``cleaning_summary.csv``, byte for byte the
same on every run.
"""

from __future__ import annotations

from housing_research import paths
from housing_research.inventory.cleaning import CleaningResult, clean
from housing_research.inventory.dictionary import validate
from housing_research.inventory.reading import load_inventory
from housing_research.tables import write_table


def build_inventory(raw_path=None, out_dir=None, sheet=None) -> CleaningResult:
    """Load, clean, validate and write the inventory and its report.

    Writes ``inventory.csv``, ``cleaning_rows.csv``, ``cleaning_changes.csv``,
    ``cleaning_proposals.csv``, ``cleaning_warnings.csv`` and ``cleaning_summary.csv`` to ``out_dir``
    (default ``data/processed/``), byte for byte the same on every run.

    Returns
    -------
    CleaningResult
    """
    raw = load_inventory(raw_path, sheet=sheet)
    result = clean(raw)
    out = out_dir
    validate(result.table, "inventory_clean", file=paths.relative(paths.processed("inventory", out)))
    if len(result.rows) != len(raw) or result.rows["raw_id"].duplicated().any():
        raise AssertionError("row accounting broken: every raw row must be kept, merged or rejected once")
    write_table(result.table, paths.processed("inventory", out))
    write_table(result.rows, paths.processed("cleaning_rows", out))
    write_table(result.changes.sort_values(["row", "column", "rule"], kind="stable"), paths.processed("cleaning_changes", out))
    write_table(result.proposals, paths.processed("cleaning_proposals", out))
    write_table(result.warnings, paths.processed("cleaning_warnings", out))
    summary = result.summary_table()
    summary.loc[len(summary)] = ["encoding: " + str(result.source.get("encoding")), 1]
    summary.loc[len(summary)] = ["separator: " + repr(result.source.get("separator")), 1]
    write_table(summary, paths.processed("cleaning_summary", out))
    return result
