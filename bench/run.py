"""Benchmarks of MCA and HCPC against prince and FactoMineR, measured in the same run.

Run on demand (never in the tests):  make bench   or   python bench/run.py [--sizes 10000 100000 1000000]

For each size, a categorical table of n rows x 12 variables (3 to 6 categories
each, drawn with a fixed seed from skewed laws, with structure between the
variables) is timed with:

- housing_research.MCA (5 components) and HCPC with pre-clustering (kk = 500);
- prince.MCA (5 components), when prince is installed;
- FactoMineR's MCA and HCPC(kk = 500, consol = FALSE) through Rscript, when R is
  installed; the time is measured inside R and excludes reading the CSV.

Prints a table with the ratios to our time and writes bench/results/bench.csv
(git-ignored). Peak memory of our MCA is measured with tracemalloc.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

from housing_research import HCPC, MCA

HERE = Path(__file__).resolve().parent
N_VARIABLES = 12
R_SCRIPT = """
suppressPackageStartupMessages(library(FactoMineR))
args <- commandArgs(trailingOnly = TRUE)
X <- read.csv(args[1], colClasses = "factor")
t0 <- proc.time()[["elapsed"]]
res <- MCA(X, ncp = 5, graph = FALSE)
t1 <- proc.time()[["elapsed"]]
cat(sprintf("mca %.3f\\n", t1 - t0))
if (as.integer(args[2]) == 1) {
  t0 <- proc.time()[["elapsed"]]
  h <- HCPC(res, nb.clust = -1, kk = 500, consol = FALSE, graph = FALSE, description = FALSE)
  cat(sprintf("hcpc %.3f\\n", proc.time()[["elapsed"]] - t0))
}
"""


def make_table(n: int, seed: int = 0) -> pd.DataFrame:
    """A categorical table with a latent structure (three latent groups)."""
    rng = np.random.default_rng(seed)
    latent = rng.choice(3, size=n, p=[0.5, 0.3, 0.2])
    columns = {}
    for j in range(N_VARIABLES):
        k = 3 + j % 4
        probs = rng.dirichlet(np.ones(k), size=3)
        u = rng.random(n)
        cum = probs.cumsum(axis=1)[latent]
        codes = (u[:, None] > cum).sum(axis=1)
        columns[f"V{j + 1}"] = pd.Categorical.from_codes(np.minimum(codes, k - 1), [f"c{i}" for i in range(k)])
    return pd.DataFrame(columns)


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def bench_ours(X):
    tracemalloc.start()
    t_mca, mca = timed(lambda: MCA(n_components=5).fit(X))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    t_hcpc, _ = timed(lambda: HCPC(pre_clusters=500, random_state=0).fit(mca))
    return t_mca, t_hcpc, peak / 2**20


def bench_prince(X):
    try:
        import prince
    except ImportError:
        return float("nan")
    X = X.astype(str)  # prince's input, converted outside the timing
    t, _ = timed(lambda: prince.MCA(n_components=5, random_state=0).fit(X))
    return t


def bench_r(X, with_hcpc: bool):
    if shutil.which("Rscript") is None:
        return float("nan"), float("nan")
    with tempfile.TemporaryDirectory() as tmp:
        csv, script = Path(tmp) / "X.csv", Path(tmp) / "bench.R"
        X.to_csv(csv, index=False)
        script.write_text(R_SCRIPT)
        try:
            out = subprocess.run(["Rscript", str(script), str(csv), "1" if with_hcpc else "0"],
                                 capture_output=True, text=True, timeout=1800)
        except subprocess.TimeoutExpired:
            return float("nan"), float("nan")
    times = dict(line.split() for line in out.stdout.splitlines() if line.split()[0] in ("mca", "hcpc"))
    return float(times.get("mca", "nan")), float(times.get("hcpc", "nan"))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--no-prince-above", type=int, default=1_000_000,
                        help="skip prince above this size (it is slow and memory-hungry)")
    parser.add_argument("--r-hcpc-up-to", type=int, default=10_000,
                        help="run FactoMineR's HCPC only up to this size (it does not scale)")
    args = parser.parse_args(argv)
    rows = []
    for n in args.sizes:
        X = make_table(n)
        t_mca, t_hcpc, peak = bench_ours(X)
        t_prince = bench_prince(X) if n <= args.no_prince_above else float("nan")
        r_mca, r_hcpc = bench_r(X, n <= args.r_hcpc_up_to)
        rows.append({"rows": n, "mca_s": t_mca, "mca_peak_mib": peak, "prince_s": t_prince,
                     "factominer_mca_s": r_mca, "hcpc_kk500_s": t_hcpc, "factominer_hcpc_kk500_s": r_hcpc,
                     "prince_ratio": t_prince / t_mca, "factominer_mca_ratio": r_mca / t_mca,
                     "factominer_hcpc_ratio": r_hcpc / t_hcpc})
        print(pd.DataFrame(rows).iloc[-1:].to_string(index=False, float_format=lambda v: f"{v:.3g}"), flush=True)
    table = pd.DataFrame(rows)
    (HERE / "results").mkdir(exist_ok=True)
    table.to_csv(HERE / "results" / "bench.csv", index=False)
    print()
    print(table.to_string(index=False, float_format=lambda v: f"{v:.3g}"))


if __name__ == "__main__":
    main()
