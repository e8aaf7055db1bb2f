"""Benchmark of cleaning and coding on synthetic inventories of distinct initiatives.

Run on demand (never in the tests):  python bench/bench_cleaning.py [--sizes 10000 100000]

Each size runs in a fresh interpreter, which times ``clean`` (all the rules,
duplicate detection included) and ``code`` (the rule-based coder and the
assembled coded table) on :func:`bench.synthetic.synthetic_inventory` rows,
and reports its peak resident memory (``getrusage``; nothing traces memory
during the timing). Goals on the 2-core machine: clean + code of 10k rows
<= 5 s, of 100k rows <= 60 s, memory linear in rows. The duplicate detection
is also compared, in the same run, with the all-pairs comparison it replaces:
the report gives the pairs each examines.

Writes ``bench/results/cleaning.csv`` (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOALS = {10_000: 5.0, 100_000: 60.0}

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[2])
from synthetic import synthetic_inventory
import housing_research as hr
from housing_research.coding.assemble import code
from housing_research.inventory.duplicates import candidate_pairs
from housing_research.inventory.rules import content_words
n = int(sys.argv[1])
raw = synthetic_inventory(n)
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter(); result = hr.clean(raw); t1 = time.perf_counter()
coded = code(result.table); t2 = time.perf_counter()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
table = result.table.rename(columns={"initiative_id": "raw_id"})
records = [dict(r, source_doc=r["source_docs"].split(";")[0]) for r in table.to_dict("records")]
blocked = len(candidate_pairs(records, [content_words(r["name"] or "") for r in records]))
print(json.dumps({"rows": n, "clean_s": t1 - t0, "code_s": t2 - t1, "peak_mib": peak / 1024,
                  "data_mib": (peak - base) / 1024, "kept": int(result.summary()["kept"]),
                  "merged": int(result.summary()["merged"]), "proposals": len(result.proposals),
                  "pairs_blocked": blocked, "pairs_all": n * (n - 1) // 2}))
"""


def run(sizes) -> list[dict]:
    out = []
    for n in sizes:
        done = subprocess.run([sys.executable, "-c", CHILD, str(n), str(HERE)], capture_output=True, text=True,
                              check=True)
        out.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return out


def report(results: list[dict]) -> str:
    lines = [f"{'rows':>8} {'clean s':>8} {'code s':>8} {'total s':>8} {'goal s':>7} {'MiB peak':>9} "
             f"{'MiB/1k rows':>11} {'pairs compared':>15} {'all pairs':>14}"]
    for r in results:
        total = r["clean_s"] + r["code_s"]
        goal = GOALS.get(r["rows"])
        lines.append(f"{r['rows']:>8} {r['clean_s']:>8.2f} {r['code_s']:>8.2f} {total:>8.2f} "
                     f"{goal if goal else '':>7} {r['peak_mib']:>9.0f} {1000 * r['data_mib'] / r['rows']:>11.2f} "
                     f"{r['pairs_blocked']:>15,} {r['pairs_all']:>14,}")
    if len(results) > 1:
        a, b = results[0], results[-1]
        per_row = ((b["clean_s"] + b["code_s"]) / b["rows"]) / ((a["clean_s"] + a["code_s"]) / a["rows"])
        lines.append(f"time per row at {b['rows']:,} / at {a['rows']:,} rows: {per_row:.2f} (1 = linear)")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args(argv)
    results = run(args.sizes)
    print(report(results))
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    import pandas as pd

    pd.DataFrame(results).to_csv(out / "cleaning.csv", index=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
