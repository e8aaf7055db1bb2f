"""Pipeline step ``clean``: the cleaned inventory and its report, written to disk.

Writes ``inventory.csv``, ``cleaning_rows.csv``, ``cleaning_changes.csv``,
``cleaning_proposals.csv``, ``cleaning_warnings.csv``, ``cleaning_summary.csv``, ``initiative_links.csv``,
    and the companion tables ``quantities.csv``, ``covid_periods.csv``, ``covid_actor_reports.csv`` (carried
    to the cleaned initiatives), byte for byte the
same on every run.
"""

from __future__ import annotations

from housing_research import paths
from housing_research.inventory.cleaning import CleaningResult, clean
from housing_research.inventory.companions import by_initiative, load_actor_reports, load_covid_periods, load_quantities
from housing_research.inventory.dictionary import validate
from housing_research.inventory.reading import load_inventory
from housing_research.tables import write_table


def build_inventory(raw_path=None, out_dir=None, sheet=None, companions: bool | None = None) -> CleaningResult:
    """Load, clean, validate and write the inventory and its report.

    Writes ``inventory.csv``, ``cleaning_rows.csv``, ``cleaning_changes.csv``,
    ``cleaning_proposals.csv``, ``cleaning_warnings.csv``,
    ``cleaning_summary.csv`` and ``initiative_links.csv`` to ``out_dir``
    (default ``data/processed/``), byte for byte the same on every run, and
    the companion tables carried to the cleaned initiatives
    (``quantities.csv``, ``covid_periods.csv``, ``covid_actor_reports.csv``).

    Parameters
    ----------
    raw_path : path-like, optional
        The raw inventory (default ``data/raw/inventory.csv``).
    out_dir : path-like, optional
        Output folder.
    sheet : str, optional
        Sheet of an XLSX inventory.
    companions : bool, optional
        Write the companion tables, which describe the committed inventory's
        rows; default: only when the committed inventory is cleaned.

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
    write_table(result.links, paths.processed("initiative_links", out))
    if raw_path is None if companions is None else companions:
        _write_companions(raw, result, out)
    summary = result.summary_table()
    summary.loc[len(summary)] = ["encoding: " + str(result.source.get("encoding")), 1]
    summary.loc[len(summary)] = ["separator: " + repr(result.source.get("separator")), 1]
    write_table(summary, paths.processed("cleaning_summary", out))
    return result


def _write_companions(raw, result: CleaningResult, out) -> None:
    raw_ids = raw["raw_id"].tolist()
    write_table(by_initiative(load_quantities(raw_ids=raw_ids), result.rows), paths.processed("quantities", out))
    write_table(by_initiative(load_covid_periods(raw_ids=raw_ids), result.rows), paths.processed("covid_periods", out))
    write_table(load_actor_reports(), paths.processed("covid_actor_reports", out))
