"""Agreement of two or more coders against statsmodels, krippendorff and nltk; adjudication to final codes.

Reference values: ``tests/data/agreement_reference.json``, made by
``tests/data/make_agreement_reference.py`` (statsmodels 0.15.0
``fleiss_kappa(aggregate_raters(...), method="fleiss")`` and ``cohens_kappa``,
krippendorff 0.9.0, nltk 3.10.4 ``AnnotationTask(distance=masi_distance).alpha()``).
"""

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from housing_research import InputError
from housing_research.cli import main
from housing_research.coding.codebook import PERIODS
from housing_research.coding.final_codes import read_adjudication, resolve
from housing_research.coding.multi_coder import adjudication_sheet, coders_agreement
from housing_research.coding.reliability import cohen_kappa, fleiss_kappa

REFERENCE = json.loads((Path(__file__).parent / "data" / "agreement_reference.json").read_text(encoding="utf-8"))


def _complete(coders):
    return [[str(c[u]) for c in coders] for u in range(len(coders[0])) if all(c[u] is not None for c in coders)]


@pytest.mark.parametrize("name", [n for n in sorted(REFERENCE) if "fleiss_statsmodels" in REFERENCE[n]])
def test_fleiss_kappa_matches_statsmodels(name):
    case = REFERENCE[name]
    assert fleiss_kappa(_complete(case["coders"])) == pytest.approx(case["fleiss_statsmodels"], abs=1e-9)


@pytest.mark.parametrize("name", [n for n in sorted(REFERENCE) if "kappa_statsmodels" in REFERENCE[n]])
def test_cohen_kappa_matches_statsmodels(name):
    a, b = REFERENCE[name]["coders"]
    assert cohen_kappa(a, b) == pytest.approx(REFERENCE[name]["kappa_statsmodels"], abs=1e-9)


def _long(case) -> pd.DataFrame:
    """A reference case as coders' files: unit u is one initiative and period, spread over every period."""
    rows = []
    for c, values in enumerate(case["coders"]):
        for u, value in enumerate(values):
            if value is None:
                continue
            unit = {"initiative_id": f"I000-{u // 3 + 1:03d}", "period": PERIODS[u % 3], "axis": case["axis"]}
            for code in (value if isinstance(value, list) else [value]):
                rows.append({**unit, "code": code, "coder": f"C{c}", "date": "2026-12-01", "justification": "x"})
    return pd.DataFrame(rows)


@pytest.mark.parametrize("name", [n for n in sorted(REFERENCE) if n.startswith("codes_")])
def test_coders_agreement_matches_the_references_over_every_period(name):
    case = REFERENCE[name]
    result = coders_agreement(_long(case))
    row = result.summary.set_index("axis").loc[case["axis"]]
    assert int(row["n_coders"]) == len(case["coders"]) and int(row["n_units"]) == len(case["coders"][0])
    for key in ("alpha_nltk", "alpha_krippendorff_pkg"):
        if key in case:
            assert row["alpha"] == pytest.approx(case[key], abs=1e-9), key
    if "fleiss_statsmodels" in case:
        assert row["fleiss_kappa"] == pytest.approx(case["fleiss_statsmodels"], abs=1e-9)
    assert len(result.pairs[result.pairs["axis"] == case["axis"]]) == len(case["coders"]) * (len(case["coders"]) - 1) / 2


def test_bootstrap_intervals_are_seeded_and_hold_the_estimate():
    codes = _long(REFERENCE["codes_gestion_three_coders"])
    a = coders_agreement(codes, n_bootstrap=200, random_state=1).summary.set_index("axis").loc["gestion"]
    b = coders_agreement(codes, n_bootstrap=200, random_state=1).summary.set_index("axis").loc["gestion"]
    pd.testing.assert_series_equal(a, b)
    assert a["fleiss_low"] <= a["fleiss_kappa"] <= a["fleiss_high"]
    assert a["alpha_low"] <= a["alpha"] <= a["alpha_high"] and a["alpha_low"] < a["alpha_high"]
    assert np.isnan(coders_agreement(codes).summary.set_index("axis").loc["gestion", "alpha_low"])


def test_confusion_table_counts_every_pair_of_codes():
    case = REFERENCE["codes_gestion_three_coders"]
    confusion = coders_agreement(_long(case)).confusion
    pair = confusion[(confusion["axis"] == "gestion") & (confusion["coder_a"] == "C0") & (confusion["coder_b"] == "C1")]
    assert pair["n_units"].sum() == len(case["coders"][0])
    same = pair[pair["code_a"] == pair["code_b"]]["n_units"].sum()
    assert same == sum(x == y for x, y in zip(case["coders"][0], case["coders"][1]))


def test_one_coder_is_refused():
    codes = _long(REFERENCE["codes_gestion_three_coders"])
    with pytest.raises(InputError, match="two coders or more"):
        coders_agreement(codes[codes["coder"] == "C0"])


def test_adjudication_sheet_lists_each_disagreement_and_becomes_final_codes():
    codes = _long(REFERENCE["codes_register_three_coders"])
    sheet = adjudication_sheet(codes)
    units = codes.groupby(["initiative_id", "period", "coder"])["code"].apply(frozenset).unstack("coder")
    disagreeing = units.apply(lambda r: len(set(r.dropna())) > 1, axis=1)
    assert len(sheet) == disagreeing.sum() and {"code_C0", "code_C1", "code_C2", "justification_C0"} <= set(sheet)
    assert (sheet[["code", "decided_by", "date", "note"]] == "").all().all()
    decided = sheet.copy()
    decided.loc[0, ["code", "decided_by", "date", "note"]] = ["entraide; solidarite", "EF", "2026-12-05", "vu ensemble"]
    text = decided.to_csv(index=False)
    adjudication = read_adjudication(io.StringIO(text))          # rows still to decide are skipped
    assert adjudication["code"].tolist() == ["entraide", "solidarite"]
    final, unresolved = resolve(codes, adjudication)
    key = tuple(sheet.loc[0, ["initiative_id", "period", "axis"]])
    mine = final.set_index(["initiative_id", "period", "axis"]).loc[[key]]
    assert set(mine["status"]) == {"adjudicated"} and set(mine["decided_by"]) == {"EF"}
    assert set(mine["justification"]) == {"vu ensemble"} and set(mine["code"]) == {"entraide", "solidarite"}
    assert set(mine["coders"]) == {"C0; C1; C2"}                  # every coder's codes kept, none overwritten
    assert len(adjudication_sheet(codes, adjudication)) == len(sheet) - 1
    assert len(unresolved.groupby(["initiative_id", "period"])) == len(sheet) - 1


def test_cli_agreement_writes_the_tables_and_the_adjudication_sheet(tmp_path, capsys):
    codes = pd.read_csv(Path(__file__).parents[1] / "data" / "raw" / "codes" / "CS2.csv", dtype=str,
                        keep_default_na=False)
    other = codes.assign(coder="XY")
    other.loc[other.index[:40:4], "code"] = "inconnu"
    (tmp_path / "CS2.csv").write_text(codes.to_csv(index=False), encoding="utf-8")
    (tmp_path / "XY.csv").write_text(other.to_csv(index=False), encoding="utf-8")
    assert main(["agreement", "--coders", str(tmp_path / "CS2.csv"), str(tmp_path / "XY.csv"), "--out",
                 str(tmp_path / "out"), "--bootstrap", "10"]) == 0
    assert "disagreements to adjudicate" in capsys.readouterr().out
    out = tmp_path / "out"
    sheet = read_adjudication(out / "adjudication_sheet.xlsx")
    assert sheet.empty and (out / "coders_agreement_summary.csv").exists() and (out / "coders_agreement.xlsx").exists()
    table = pd.read_csv(out / "adjudication_sheet.csv", dtype=str, keep_default_na=False)
    assert 0 < len(table) <= 10 and set(table["code_XY"]) == {"inconnu"}
