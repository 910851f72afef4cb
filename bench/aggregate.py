#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Aggregation benchmark (issue 2): pluralism's median and median-of-means against NumPy, 10^7 doubles.

Run from anywhere:  python3 bench/aggregate.py [--n 10000000] [--rounds 3] [--reps 5]

It builds bench_aggregate with the `bench` preset, writes one data file (Student t with 3 degrees of
freedom: heavy-tailed, the case median-of-means is for), then alternates rounds of our program and of NumPy
on that same file (so both see the same load on a shared machine), checks that the answers agree, and prints
the median time of each and the ratio ours / NumPy (below 1: we are faster).

NumPy: the system python3 if it has it (Debian python3-numpy), else a virtualenv made in
/tmp/pluralism-bench-venv with numpy from PyPI.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = "/tmp/pluralism-bench-venv"

# OpenBLAS tuning variables set for other tools on shared machines can break or skew NumPy; NumPy's median does
# not use BLAS, and we want its default behaviour. Drop them for this process only, before NumPy is imported.
for var in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
    os.environ.pop(var, None)

try:
    import numpy as np
except ImportError:
    python = os.path.join(VENV, "bin", "python")
    if os.path.realpath(sys.prefix) != os.path.realpath(VENV):  # not yet in the venv (its python may be a symlink)
        if not os.path.exists(python):
            subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        if subprocess.run([python, "-c", "import numpy"], stderr=subprocess.DEVNULL).returncode != 0:
            subprocess.run([python, "-m", "pip", "install", "-q", "numpy"], check=True)
        os.execv(python, [python, os.path.abspath(__file__)] + sys.argv[1:])
    raise


def numpy_mom(x, k):
    # Same blocks as pluralism's contiguous layout with the default remainder rule (spread): np.array_split
    # gives the first n % k blocks one extra value.
    return float(np.median([b.mean() for b in np.array_split(x, k)]))


def timed(f):
    import time
    start = time.perf_counter()
    value = f()
    return time.perf_counter() - start, value


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000_000)
    ap.add_argument("--rounds", type=int, default=3, help="alternations of ours and NumPy")
    ap.add_argument("--reps", type=int, default=5, help="timed calls per estimator per round")
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()

    subprocess.run(["cmake", "--preset", "bench"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", os.path.join(ROOT, "build", "bench"), "--target", "bench_aggregate"],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    exe = os.path.join(ROOT, "build", "bench", "bench", "bench_aggregate")

    x = np.random.default_rng(args.seed).standard_t(3, size=args.n)
    workdir = tempfile.mkdtemp(prefix="pluralism-bench-")
    try:
        path = os.path.join(workdir, "x.f64")
        x.astype("<f8").tofile(path)
        ours, theirs = {}, {}
        values = {}
        for _ in range(args.rounds):
            out = subprocess.run([exe, path, str(args.reps)], check=True, capture_output=True, text=True).stdout
            for line in out.split("\n"):
                if line:
                    name, seconds, value = line.split()
                    ours.setdefault(name, []).append(float(seconds))
                    values[name] = float(value)
            for _ in range(args.reps):
                t, v = timed(lambda: float(np.median(x)))
                theirs.setdefault("median", []).append(t)
                values["np_median"] = v
                t, v = timed(lambda: numpy_mom(x, 24))
                theirs.setdefault("mom", []).append(t)
                values["np_mom"] = v
    finally:
        shutil.rmtree(workdir)

    # The answers first: a fast wrong answer is no result.
    if values["median"] != values["np_median"]:
        sys.exit(f"median differs: ours {values['median']!r}, NumPy {values['np_median']!r}")
    if abs(values["mom_contiguous"] - values["np_mom"]) > 1e-12 * max(1.0, abs(values["np_mom"])):
        sys.exit(f"contiguous MoM differs: ours {values['mom_contiguous']!r}, NumPy {values['np_mom']!r}")

    med = {k: statistics.median(v) for k, v in ours.items()}
    np_med = {k: statistics.median(v) for k, v in theirs.items()}
    calls = args.rounds * args.reps
    print(f"n = {args.n} doubles (Student t, 3 dof, seed {args.seed}); median of {calls} calls each; "
          f"NumPy {np.__version__} ({sys.executable})")
    print(f"{'estimator':<38}{'ours (ms)':>11}{'NumPy (ms)':>12}{'ratio':>8}")
    rows = [("median", "median", "median (np.median)"),
            ("mom_contiguous", "median", "median-of-means, 24 contiguous blocks vs np.median"),
            ("mom_contiguous", "mom", "median-of-means, 24 contiguous blocks vs NumPy MoM"),
            ("mom_random", "median", "median-of-means, 24 random blocks vs np.median")]
    for ours_key, np_key, label in rows:
        a, b = med[ours_key] * 1e3, np_med[np_key] * 1e3
        print(f"{label:<38}{a:>11.1f}{b:>12.1f}{a / b:>8.2f}" if len(label) <= 38 else
              f"{label}\n{'':<38}{a:>11.1f}{b:>12.1f}{a / b:>8.2f}")
    print(f"answers: median {values['median']!r} (NumPy equal); MoM contiguous {values['mom_contiguous']!r}, "
          f"NumPy MoM {values['np_mom']!r}; MoM random {values['mom_random']!r}")


if __name__ == "__main__":
    main()
