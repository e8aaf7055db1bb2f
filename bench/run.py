"""Benchmarks of MCA, HCPC and describe_clusters against prince and FactoMineR, in one run.

Run on demand (never in the tests):  make bench   or   python bench/run.py [--quick]

Every measurement runs in a fresh process (``python bench/run.py worker ...``
or ``Rscript bench/factominer.R ...``) that reads its input from a CSV written
beforehand, so that neither reading nor the other tools' memory is counted.
Inside the worker, the time is the wall-clock time of the one call measured
(the median over 5 fresh processes when a run takes under 20 s, else one run),
and the peak memory is the process's high-water mark (``VmHWM``), reset just
before that call through ``/proc/self/clear_refs``; ``peak_mib`` is that peak
and ``extra_mib`` the part above what the process held before the call (the
data, the interpreter). No tracer runs during the timing.

Cases (seeded tables from :func:`make_table` and :func:`tied_table`):

- ``mca``: 12 variables of 3 to 6 categories at 10k, 100k and 1M rows.
  Tools: ours on categorical columns, ours on string columns, the least work
  an exact MCA needs (codes -> Burt table by bincount -> ``eigh`` -> row
  coordinates by gather: :func:`least_work_mca`), prince (strings) and
  FactoMineR. Agreement: the largest relative difference of the first five
  eigenvalues with FactoMineR's.
- ``hcpc_tied``: 8,000 rows x 8 binary items with 3 % missing values (a few
  hundred distinct profiles), default ``HCPC()`` against FactoMineR's
  ``HCPC(res, nb.clust = -1)`` (consolidated). Agreement: adjusted Rand index,
  and whether the partitions and their numbering are identical.
- ``hcpc``: the ``mca`` table at 100k and 1M rows, default ``HCPC()`` (which
  pre-clusters above ``tree_limit``) against FactoMineR with ``kk = 1000``
  (stopped after ``--r-timeout`` seconds). Agreement: adjusted Rand index.
- ``catdes``: ``describe_clusters`` against FactoMineR's ``catdes`` at 1M
  rows, on a 5-class partition. Agreement: largest difference of the
  v-tests of the categories both report.

Prints the table with each tool's ratio to ours and writes
``bench/results/bench.csv`` (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
N_VARIABLES = 12
N_COMPONENTS = 5
#: Beyond this |v-test| the hypergeometric p-value is below the smallest double (about 1e-308).
EXTREME_VTEST = 37.5
GOALS = {  # issue 14: what each case must show, as text for the report
    ("hcpc_tied", 8_000): "FactoMineR / ours >= 15, same partition",
    ("hcpc", 1_000_000): "ours <= 15 s",
    ("catdes", 1_000_000): "ours <= 2 s",
    ("mca", 1_000_000): "ours (categorical) / least work <= 1.25",
}


# ---------------------------------------------------------------- data
def make_table(n: int, seed: int = 0) -> pd.DataFrame:
    """A categorical table with a latent structure: 12 variables, 3 to 6 categories."""
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


def tied_table(n: int, seed: int = 14) -> pd.DataFrame:
    """Binary items ``yes``/``no`` with 3 % missing values: many identical rows."""
    rng = np.random.default_rng(seed)
    latent = rng.choice(3, size=n, p=[0.5, 0.3, 0.2])
    columns = {}
    for j in range(8):
        p = rng.uniform(0.15, 0.85, size=3)
        v = np.where(rng.random(n) < p[latent], "yes", "no").astype(object)
        v[rng.random(n) < 0.03] = None
        columns[f"item{j + 1}"] = pd.Categorical(v)
    return pd.DataFrame(columns)


def catdes_table(n: int) -> pd.DataFrame:
    """The ``mca`` table with a 5-class partition that depends on two of its variables."""
    X = make_table(n)
    X["class"] = (X["V1"].cat.codes.to_numpy() + 2 * X["V2"].cat.codes.to_numpy()) % 5 + 1
    return X


# ---------------------------------------------------------------- baseline
def least_work_mca(X: pd.DataFrame, n_components: int = N_COMPONENTS):
    """The least an exact MCA needs: Burt table by bincount, ``eigh``, row coordinates by gather.

    Returns the eigenvalues (all of them) and the row principal coordinates.
    """
    n, Q = X.shape
    codes = [X[c].cat.codes.to_numpy().astype(np.int64) for c in X.columns]
    sizes = [len(X[c].cat.categories) for c in X.columns]
    offsets = np.concatenate([[0], np.cumsum(sizes)])
    K = int(offsets[-1])
    burt = np.zeros((K, K))
    for a in range(Q):
        for b in range(a, Q):
            block = np.bincount(codes[a] * sizes[b] + codes[b], minlength=sizes[a] * sizes[b])
            block = block.reshape(sizes[a], sizes[b])
            burt[offsets[a]:offsets[a + 1], offsets[b]:offsets[b + 1]] = block
            burt[offsets[b]:offsets[b + 1], offsets[a]:offsets[a + 1]] = block.T
    mass = np.diag(burt) / (n * Q)
    s = np.sqrt(mass)
    S = burt / (n * Q**2) / np.outer(s, s) - np.outer(s, s)
    eig, vec = np.linalg.eigh(S)
    order = np.argsort(eig)[::-1]
    eig, vec = eig[order], vec[:, order[:n_components]]
    standard = vec / s[:, None]                       # column standard coordinates
    rows = np.zeros((n, n_components))
    for a in range(Q):
        rows += np.take(standard[offsets[a]:offsets[a + 1]], codes[a], axis=0)
    return eig[: K - Q], rows / Q


# ---------------------------------------------------------------- workers
def _status_kib(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return float(line.split()[1])
    return float("nan")


def _measure(call):
    """Run ``call()`` once; its wall time, the memory held before it, and the peak during it (MiB)."""
    import gc
    gc.collect()
    before = _status_kib("VmRSS")
    try:
        Path("/proc/self/clear_refs").write_text("5")      # reset the high-water mark
    except OSError:
        pass
    t0 = time.perf_counter()
    out = call()
    seconds = time.perf_counter() - t0
    return out, {"seconds": seconds, "rss_before_mib": before / 1024, "peak_mib": _status_kib("VmHWM") / 1024}


def _read(path: str, dtype: str) -> pd.DataFrame:
    if dtype == "category":
        return pd.read_csv(path, dtype="category")
    return pd.read_csv(path, dtype=str)


def worker(tool: str, input_path: str, prefix: str) -> None:
    """Measure one tool on one input, in this (fresh) process; write ``<prefix>_stats.json`` and results."""
    from housing_research import HCPC, MCA, describe_clusters

    warnings.simplefilter("ignore")
    result = {}
    if tool in ("ours_mca_categorical", "ours_mca_string", "least_work_mca", "prince_mca"):
        X = _read(input_path, "string" if tool in ("ours_mca_string", "prince_mca") else "category")
        if tool == "prince_mca":
            import prince
            fitted, stats = _measure(lambda: prince.MCA(n_components=N_COMPONENTS, random_state=0).fit(X))
            eig = np.asarray(fitted.eigenvalues_)
        elif tool == "least_work_mca":
            (eig, _), stats = _measure(lambda: least_work_mca(X))
        else:
            fitted, stats = _measure(lambda: MCA(n_components=N_COMPONENTS).fit(X))
            eig = fitted.eigenvalues_["eigenvalue"].to_numpy()
        result["eig"] = [float(v) for v in eig[:N_COMPONENTS]]
    elif tool == "ours_hcpc":
        X = _read(input_path, "category")
        mca = MCA(n_components=N_COMPONENTS).fit(X)
        hcpc, stats = _measure(lambda: HCPC(random_state=0).fit(mca))
        np.savetxt(prefix + "_labels.csv", hcpc.labels_, fmt="%d")
        result["pre_clusters"] = hcpc.pre_clusters_
    elif tool == "ours_catdes":
        X = _read(input_path, "category")
        labels = X.pop("class").astype(int).to_numpy()
        desc, stats = _measure(lambda: describe_clusters(X, labels))
        table = desc.categories_table()[["cluster", "category", "v.test"]]
        table.to_csv(prefix + "_vtest.csv", index=False)
    else:
        raise SystemExit(f"unknown tool {tool!r}")
    Path(prefix + "_stats.json").write_text(json.dumps({**stats, **result}))


# ---------------------------------------------------------------- driver
REPEATS = 5          # fresh processes per measurement when one run takes less than QUICK seconds
QUICK = 20.0


def _repeated(run_once):
    """Run a measurement in fresh processes: once if slow, else ``REPEATS`` times; the median time."""
    runs = [run_once()]
    while runs[0]["status"] == "ok" and runs[0]["seconds"] < QUICK and len(runs) < REPEATS:
        runs.append(run_once())
    ok = [r for r in runs if r["status"] == "ok"]
    if not ok:
        return runs[0]
    best = dict(ok[0])
    best["seconds"] = float(np.median([r["seconds"] for r in ok]))
    best["min_seconds"] = float(min(r["seconds"] for r in ok))
    best["peak_mib"] = max(r["peak_mib"] for r in ok)
    best["runs"] = len(ok)
    return best


def _run_python(tool, csv, prefix, timeout):
    return _repeated(lambda: _run_python_once(tool, csv, prefix, timeout))


def _run_python_once(tool, csv, prefix, timeout):
    cmd = [sys.executable, str(Path(__file__).resolve()), "worker", tool, str(csv), str(prefix)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"status": f"timeout {timeout} s"}
    if done.returncode:
        return {"status": "failed: " + (done.stderr.strip().splitlines() or ["?"])[-1][:80]}
    return {"status": "ok", **json.loads(Path(str(prefix) + "_stats.json").read_text())}


def _run_r(task, csv, prefix, timeout, kk=None):
    return _repeated(lambda: _run_r_once(task, csv, prefix, timeout, kk))


def _run_r_once(task, csv, prefix, timeout, kk=None):
    if shutil.which("Rscript") is None:
        return {"status": "R not installed"}
    cmd = ["Rscript", str(HERE / "factominer.R"), task, str(csv), str(prefix)] + ([str(kk)] if kk else [])
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"status": f"timeout {timeout} s"}
    if done.returncode:
        return {"status": "failed: " + (done.stderr.strip().splitlines() or ["?"])[-1][:80]}
    stats = dict(line.split() for line in Path(str(prefix) + "_stats.txt").read_text().splitlines())
    out = {"status": "ok", "seconds": float(stats["seconds"]),
           "rss_before_mib": float(stats["rss_before_kib"]) / 1024, "peak_mib": float(stats["peak_kib"]) / 1024}
    if task == "mca":
        out["eig"] = pd.read_csv(str(prefix) + "_eig.csv")["eigenvalue"].to_numpy()[:N_COMPONENTS].tolist()
    return out


def _write_csv(X: pd.DataFrame, path: Path) -> None:
    X.to_csv(path, index=False, na_rep="NA")


def _eig_agreement(eig, reference):
    if eig is None or reference is None:
        return float("nan")
    eig, reference = np.asarray(eig), np.asarray(reference)
    return float(np.max(np.abs(eig - reference) / reference))


def bench_mca(n, tmp, timeout, skip_prince_above):
    csv = tmp / f"mca_{n}.csv"
    _write_csv(make_table(n), csv)
    runs = {tool: _run_python(tool, csv, tmp / f"{tool}_{n}", timeout)
            for tool in ("ours_mca_categorical", "ours_mca_string", "least_work_mca")}
    runs["prince_mca"] = (_run_python("prince_mca", csv, tmp / f"prince_{n}", timeout)
                          if n <= skip_prince_above else {"status": f"skipped above {skip_prince_above} rows"})
    runs["factominer_mca"] = _run_r("mca", csv, tmp / f"fm_mca_{n}", timeout)
    reference = runs["factominer_mca"].get("eig") or runs["ours_mca_categorical"].get("eig")
    for run in runs.values():
        run["agreement"] = f"max rel. diff. eig 1-5: {_eig_agreement(run.get('eig'), reference):.1e}" \
            if run.get("eig") else ""
    return runs


def bench_hcpc(case, n, tmp, timeout, kk=None):
    X = tied_table(n) if case == "hcpc_tied" else make_table(n)
    csv = tmp / f"{case}_{n}.csv"
    _write_csv(X, csv)
    from sklearn.metrics import adjusted_rand_score

    runs = {"ours_hcpc": _run_python("ours_hcpc", csv, tmp / f"ours_{case}_{n}", timeout),
            "factominer_hcpc" + (f"_kk{kk}" if kk else ""): _run_r("hcpc", csv, tmp / f"fm_{case}_{n}", timeout, kk)}
    ours = runs["ours_hcpc"]
    if ours["status"] == "ok":
        ours["agreement"] = f"{len(set(np.loadtxt(tmp / f'ours_{case}_{n}_labels.csv')))} classes" + (
            f", {ours['pre_clusters']} pre-clusters" if ours.get("pre_clusters") else "")
    fm_name, fm = list(runs.items())[1]
    if fm["status"] == "ok" and ours["status"] == "ok":
        a = np.loadtxt(tmp / f"ours_{case}_{n}_labels.csv").astype(int)
        b = pd.read_csv(tmp / f"fm_{case}_{n}_labels.csv")["cluster"].to_numpy()
        fm["agreement"] = (f"{len(set(b))} classes, ARI {adjusted_rand_score(a, b):.4f}, "
                           f"identical labels: {'yes' if np.array_equal(a, b) else 'no'}")
    return runs


def bench_catdes(n, tmp, timeout):
    csv = tmp / f"catdes_{n}.csv"
    _write_csv(catdes_table(n), csv)
    runs = {"ours_catdes": _run_python("ours_catdes", csv, tmp / f"ours_catdes_{n}", timeout),
            "factominer_catdes": _run_r("catdes", csv, tmp / f"fm_catdes_{n}", timeout)}
    if all(r["status"] == "ok" for r in runs.values()):
        a = pd.read_csv(tmp / f"ours_catdes_{n}_vtest.csv", dtype={"cluster": str})
        b = pd.read_csv(tmp / f"fm_catdes_{n}_vtest.csv", dtype={"cluster": str})
        both = a.merge(b, on=["cluster", "category"], suffixes=("", "_fm"))
        ours, theirs = both["v.test"].to_numpy(float), both["v.test_fm"].to_numpy(float)
        # beyond |v| ~ 37.5 the p-value underflows a double: either tool may then write a huge or an infinite
        # v-test; those are compared by sign, the others by value
        extreme = (np.abs(ours) > EXTREME_VTEST) | (np.abs(theirs) > EXTREME_VTEST)
        finite = ~extreme
        runs["factominer_catdes"]["agreement"] = (
            f"{len(both)} of {len(a)}/{len(b)} categories in both, "
            f"max |v-test diff| {np.max(np.abs(ours[finite] - theirs[finite])) if finite.any() else 0:.1e} "
            f"over {int(finite.sum())}; {int(extreme.sum())} beyond |{EXTREME_VTEST}| "
            f"(same sign: {'yes' if np.array_equal(np.sign(ours[extreme]), np.sign(theirs[extreme])) else 'no'})")
    return runs


def _rows(case, n, runs, ours_key):
    base = runs[ours_key].get("seconds", float("nan"))
    for tool, run in runs.items():
        seconds = run.get("seconds", float("nan"))
        yield {"case": case, "rows": n, "tool": tool, "status": run["status"], "runs": run.get("runs", 0),
               "seconds": seconds, "min_seconds": run.get("min_seconds", float("nan")),
               "ratio_to_ours": seconds / base, "peak_mib": run.get("peak_mib", float("nan")),
               "extra_mib": run.get("peak_mib", float("nan")) - run.get("rss_before_mib", float("nan")),
               "agreement": run.get("agreement", ""), "goal": GOALS.get((case, n), "") if tool == ours_key else ""}


def goals(table: pd.DataFrame) -> pd.DataFrame:
    """The issue's goals, measured in this run: value, target and whether it is met."""
    def seconds(case, tool, n=None):
        hit = table[(table["case"] == case) & (table["tool"] == tool) & (table["status"] == "ok")]
        hit = hit if n is None else hit[hit["rows"] == n]
        return float(hit["seconds"].iloc[-1]) if len(hit) else float("nan")
    n_mca, n_hcpc = table.loc[table["case"] == "mca", "rows"].max(), table.loc[table["case"] == "hcpc", "rows"].max()
    tied = table[(table["case"] == "hcpc_tied") & table["tool"].str.startswith("factominer")]
    same = bool(len(tied)) and "identical labels: yes" in tied["agreement"].iloc[0]
    rows = [
        (f"default HCPC on the tied table: FactoMineR / ours (same partition: {'yes' if same else 'no'})",
         seconds("hcpc_tied", "factominer_hcpc") / seconds("hcpc_tied", "ours_hcpc"), ">= 15", lambda v: v >= 15 and same),
        (f"default HCPC at {n_hcpc:,} rows, seconds", seconds("hcpc", "ours_hcpc", n_hcpc), "<= 15", lambda v: v <= 15),
        ("describe_clusters, seconds", seconds("catdes", "ours_catdes"), "<= 2", lambda v: v <= 2),
        (f"MCA at {n_mca:,} rows: ours (categorical) / least work",
         seconds("mca", "ours_mca_categorical", n_mca) / seconds("mca", "least_work_mca", n_mca), "<= 1.25",
         lambda v: v <= 1.25),
    ]
    return pd.DataFrame([{"goal": g, "measured": v, "target": t, "met": "yes" if ok(v) else "no"}
                         for g, v, t, ok in rows])


def _show(rows):
    table = pd.DataFrame(rows)
    with pd.option_context("display.width", 250, "display.max_colwidth", 90):
        print(table.to_string(index=False, float_format=lambda v: f"{v:.3g}"), flush=True)
    return table


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes only, to check that the bench runs")
    parser.add_argument("--r-timeout", type=float, default=1200, help="seconds before a tool's run is stopped")
    parser.add_argument("--skip-prince-above", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    mca_sizes = [2_000, 20_000] if args.quick else [10_000, 100_000, 1_000_000]
    tied_n = 2_000 if args.quick else 8_000
    hcpc_sizes = [30_000] if args.quick else [100_000, 1_000_000]
    catdes_n = 20_000 if args.quick else 1_000_000
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for n in mca_sizes:
            rows += _rows("mca", n, bench_mca(n, tmp, args.r_timeout, args.skip_prince_above), "ours_mca_categorical")
            _show(rows[-5:])
        rows += _rows("hcpc_tied", tied_n, bench_hcpc("hcpc_tied", tied_n, tmp, args.r_timeout), "ours_hcpc")
        _show(rows[-2:])
        for n in hcpc_sizes:
            rows += _rows("hcpc", n, bench_hcpc("hcpc", n, tmp, args.r_timeout, kk=1000), "ours_hcpc")
            _show(rows[-2:])
        rows += _rows("catdes", catdes_n, bench_catdes(catdes_n, tmp, args.r_timeout), "ours_catdes")
        _show(rows[-2:])
    print()
    table = _show(rows)
    (HERE / "results").mkdir(exist_ok=True)
    table.to_csv(HERE / "results" / "bench.csv", index=False)
    print()
    _show(goals(table).to_dict("records"))


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "worker":
        worker(*sys.argv[2:])
    else:
        main()
