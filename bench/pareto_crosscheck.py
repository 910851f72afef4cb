# SPDX-License-Identifier: MIT
# Cross-check of `pluralism pareto` against moocore itself (PyPI), run by hand, not by CI:
#   python3 -m venv /tmp/v && /tmp/v/bin/pip install numpy moocore
#   /tmp/v/bin/python bench/pareto_crosscheck.py build/dev/examples/pluralism [--trials 200]
# Random tables with ties, duplicates and constant columns in 1..8 objectives and random senses: the
# non-dominated rows (moocore keep_weakly=True, our default keep_all; and keep_weakly=False vs --keep-first),
# the ranks, and the hypervolume must agree.
import argparse, os, subprocess, sys, tempfile
import numpy as np
import moocore

def run(cli, args, path):
    out = subprocess.run([cli, "pareto", *args, path], check=True, capture_output=True, text=True).stdout
    return out.split()

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cli"); ap.add_argument("--trials", type=int, default=200); ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "t.csv")
        for t in range(a.trials):
            d = int(rng.integers(1, 9)); n = int(rng.integers(1, 400))
            levels = int(rng.choice([3, 10, 1000]))
            x = rng.integers(0, levels, size=(n, d)).astype(float) + (rng.random((n, d)) if levels == 1000 else 0)
            if d > 1 and rng.random() < 0.3: x[:, rng.integers(0, d)] = 5.0      # a constant column
            if n > 4: x[rng.integers(0, n, n // 5)] = x[rng.integers(0, n, n // 5)]  # duplicates
            maxi = rng.random(d) < 0.5
            np.savetxt(path, x, delimiter=",", fmt="%.17g")
            cols = ",".join(str(j) for j in np.flatnonzero(maxi))
            base = ["--max", cols] if cols else []
            ours = [int(v) for v in run(a.cli, base, path)]
            theirs = list(np.flatnonzero(moocore.is_nondominated(x, maximise=maxi, keep_weakly=True)))
            ours1 = [int(v) for v in run(a.cli, base + ["--keep-first"], path)]
            theirs1 = list(np.flatnonzero(moocore.is_nondominated(x, maximise=maxi, keep_weakly=False)))
            ranks = [int(v) for v in run(a.cli, base + ["--ranks"], path)]
            mranks = list(moocore.pareto_rank(x, maximise=maxi)) if d > 1 else None
            ref = np.where(maxi, x.min(axis=0) - 1, x.max(axis=0) + 1)
            hv = float(run(a.cli, base + ["--hv", ",".join(f"{v:.17g}" for v in ref)], path)[0])
            mhv = moocore.hypervolume(x, ref=ref, maximise=maxi) if d <= 6 and n <= 200 else None
            problems = []
            if ours != theirs: problems.append(f"mask keep_all: {len(ours)} vs {len(theirs)}")
            if ours1 != theirs1: problems.append(f"mask keep_first: {len(ours1)} vs {len(theirs1)}")
            if mranks is not None and ranks != [int(r) for r in mranks]: problems.append("ranks differ")
            if mhv is not None and abs(hv - mhv) > 1e-9 * max(1.0, abs(mhv)): problems.append(f"hv {hv} vs {mhv}")
            if problems:
                failures += 1
                print(f"trial {t}: n={n} d={d} maximise={maxi.tolist()}: " + "; ".join(problems))
    print(f"{a.trials - failures} of {a.trials} trials agree with moocore {moocore.__version__}")
    sys.exit(1 if failures else 0)

if __name__ == "__main__":
    main()
