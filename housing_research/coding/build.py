"""Pipeline step ``code``: write the coded inventory and the reliability report.

Reads ``data/processed/inventory.csv`` (written by the ``clean`` step), the
organisation reference table and the manual codes (``data/raw/manual_codes.csv``,
optional: without it every code is derived) and writes, with deterministic
bytes:

- ``coded_inventory.csv`` -- one row per initiative and period (see
  :func:`housing_research.code`);
- ``coding_evidence.csv`` -- every derived and manual code with its evidence,
  and whether it is the one used;
- ``agreement_summary.csv`` -- agreement per comparison, axis and category:
  manual codes against derived codes (now, and as they stood before each
  re-reading of ``data/raw/codes/history.csv``: ``manual_<version>_vs_derived``),
  and each pair of coders who coded the same initiatives;
- ``agreement_disagreements.csv`` -- every disagreement with both codes and
  their evidence.

Examples
--------
>>> from housing_research.coding.build import OUTPUTS
>>> OUTPUTS["coded"]
'coded_inventory'
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from housing_research import paths
from housing_research.coding.agreement import agreement
from housing_research.coding.assemble import assemble
from housing_research.coding.final_codes import latest_per_coder, read_adjudication, resolve
from housing_research.coding.codebook import PERIODS, codebook
from housing_research.coding.coder import derive
from housing_research.coding.history import codes_before, read_history
from housing_research.coding.manual_codes import read_manual_codes
from housing_research.errors import InputError
from housing_research.inventory.reference import load_organisations
from housing_research.tables import write_table

#: Tables written in the output folder (``<name>.csv``).
OUTPUTS: dict[str, str] = {
    "coded": "coded_inventory",
    "evidence": "coding_evidence",
    "final": "final_codes",
    "summary": "agreement_summary",
    "disagreements": "agreement_disagreements",
}


@dataclass(frozen=True)
class CodingBuildResult:
    """What :func:`build_coded_inventory` wrote."""

    n_initiatives: int
    n_rows: int
    n_manual_codes: int
    n_comparisons: int
    files: tuple[str, ...]

    def __str__(self) -> str:
        return (f"{self.n_initiatives} initiatives, {self.n_rows} initiative-periods, "
                f"{self.n_manual_codes} manual codes, {self.n_comparisons} agreement "
                f"comparisons -> {', '.join(self.files)}")


def _evidence_table(derived, manual, final, coded) -> pd.DataFrame:
    derived = derived.assign(source="derived", coder="", date="")
    if manual is None:
        manual = pd.DataFrame(columns=["initiative_id", "period", "axis", "code", "coder", "date",
                                       "justification"], dtype=str)
    manual_rows = pd.DataFrame({
        "initiative_id": manual["initiative_id"], "period": manual["period"],
        "axis": manual["axis"], "code": manual["code"], "field": "manual",
        "indicator": manual["justification"], "source": "manual", "coder": manual["coder"],
        "date": manual["date"],
    })
    latest = latest_per_coder(manual)[["initiative_id", "period", "axis", "code", "coder", "date"]]
    kept = final[final["status"] != "unresolved"][["initiative_id", "period", "axis", "code"]].drop_duplicates()
    used = latest.merge(kept, on=["initiative_id", "period", "axis", "code"]).drop_duplicates().assign(final=1)
    manual_rows = manual_rows.merge(used, how="left", on=["initiative_id", "period", "axis", "code", "coder", "date"])
    sources = coded.melt(id_vars=["initiative_id", "period"],
                         value_vars=[c for c in coded.columns if c.endswith("_source")],
                         var_name="axis", value_name="used_source")
    sources["axis"] = sources["axis"].str.removesuffix("_source")
    derived = derived.merge(sources[sources["period"] == "principal"],
                            on=["initiative_id", "period", "axis"], how="left")
    derived["final"] = (derived["used_source"] == "derived").astype(int)
    table = pd.concat([derived.drop(columns="used_source"), manual_rows], ignore_index=True)
    table["final"] = table["final"].fillna(0).astype(int)
    order = {p: i for i, p in enumerate(PERIODS)}
    table = table.assign(_p=table["period"].map(order), _s=table["source"] != "manual")
    table = table.sort_values(["initiative_id", "_p", "axis", "_s", "coder", "date"],
                              kind="stable").drop(columns=["_p", "_s"])
    return table[["initiative_id", "period", "axis", "code", "source", "field", "indicator",
                  "coder", "date", "final"]].reset_index(drop=True)


def _comparisons(derived, manual, final, history=None):
    """Yield (name, codes_a, codes_b): final manual codes vs derived (now, and before each re-reading of the
    history), and each pair of coders over every period."""
    if manual is None or manual.empty:
        return
    resolved = final[(final["status"] != "unresolved") & (final["period"] == "principal")]
    yield "manual_vs_derived", resolved, derived
    for version in ([] if history is None else sorted(set(history["codebook_from"]))):
        before = codes_before(latest_per_coder(manual), history, codebook_from=version)
        yield f"manual_{version}_vs_derived", before[before["period"] == "principal"], derived
    latest = latest_per_coder(manual)
    for coder_a, coder_b in itertools.combinations(sorted(set(latest["coder"])), 2):
        a, b = latest[latest["coder"] == coder_a], latest[latest["coder"] == coder_b]
        if set(a["initiative_id"]) & set(b["initiative_id"]):
            yield f"{coder_a}_vs_{coder_b}", a, b


def _reliability(derived, manual, final, cb, history=None):
    summaries, disagreements = [], []
    for name, codes_a, codes_b in _comparisons(derived, manual, final, history):
        result = agreement(codes_a, codes_b, cb)
        axis_rows = result.summary.assign(category="", n_a=pd.NA, n_b=pd.NA)
        cat_rows = result.per_category.merge(result.summary[["axis", "metric", "n_units"]],
                                             on="axis")
        for table in (axis_rows, cat_rows):
            summaries.append(table.assign(comparison=name))
        disagreements.append(result.disagreements.assign(comparison=name))
    summary_cols = ["comparison", "axis", "category", "metric", "n_units", "n_a", "n_b",
                    "agreement", "kappa", "alpha"]
    dis_cols = ["comparison", "initiative_id", "period", "axis", "code_a", "code_b",
                "evidence_a", "evidence_b"]
    summary = (pd.concat(summaries, ignore_index=True)[summary_cols] if summaries
               else pd.DataFrame(columns=summary_cols))
    dis = (pd.concat(disagreements, ignore_index=True)[dis_cols] if disagreements
           else pd.DataFrame(columns=dis_cols))
    return summary, dis, len(summaries) // 2


def build_coded_inventory(inventory_path=None, manual_path=None, out_dir=None) -> CodingBuildResult:
    """Code the cleaned inventory and write the coded tables and reliability report.

    Parameters
    ----------
    inventory_path : path-like, optional
        Cleaned inventory; default ``data/processed/inventory.csv``.
    manual_path : path-like, optional
        Manual codes; default ``data/raw/manual_codes.csv``, skipped when that
        default file does not exist yet (an explicit path must exist).
    out_dir : path-like, optional
        Output folder; default ``data/processed``.

    Returns
    -------
    CodingBuildResult

    Raises
    ------
    InputError
        Missing inventory, or any problem of the manual codes table.

    Examples
    --------
    >>> result = build_coded_inventory()  # doctest: +SKIP
    >>> print(result)  # doctest: +SKIP
    """
    cb = codebook()
    inventory_path = Path(inventory_path) if inventory_path is not None else paths.processed("inventory")
    if not inventory_path.exists():
        raise InputError("cleaned inventory not found", file=paths.relative(inventory_path),
                         suggestion="run `housing-research clean` first")
    clean = pd.read_csv(inventory_path, dtype=str, keep_default_na=False)
    manual, adjudication, history = None, None, None
    if manual_path is not None or paths.CODES.exists():
        manual = read_manual_codes(manual_path or paths.CODES, inventory_ids=set(clean["initiative_id"]), cb=cb)
        if manual_path is None:
            adjudication = read_adjudication(cb=cb)
            history = read_history(inventory_ids=set(clean["initiative_id"]), cb=cb)
    derived = derive(clean, load_organisations(), cb)
    coded = assemble(derived, manual, cb, adjudication)
    final, _ = resolve(manual, adjudication)
    summary, disagreements, n_comparisons = _reliability(derived, manual, final, cb, history)
    tables = {"coded": coded, "evidence": _evidence_table(derived, manual, final, coded), "final": final,
              "summary": summary, "disagreements": disagreements}
    files = [write_table(table, paths.processed(OUTPUTS[key], out_dir)) for key, table in tables.items()]
    return CodingBuildResult(
        n_initiatives=clean["initiative_id"].nunique(), n_rows=len(coded),
        n_manual_codes=0 if manual is None else len(manual), n_comparisons=n_comparisons,
        files=tuple(paths.relative(f) for f in files),
    )
