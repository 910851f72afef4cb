# SPDX-License-Identifier: MIT
# Benchmark W3 driver: runs moocore (PyPI) and bench_pareto on the same data in one run, one core, and
# prints the ratios (moocore time / pluralism time; > 1 means pluralism is faster).
# Usage: python pareto.py BENCH_BINARY DATA_DIR [--reps N] [--scale S]
import argparse, os, re, subprocess, sys, time
import numpy as np
import moocore

CASES = [  # name, d, ranks?
    ("uniform_1e7_2d", 2, False), ("uniform_1e7_3d", 3, False), ("uniform_1e7_4d", 4, False),
    ("uniform_1e7_5d", 5, False), ("simplex_1e6_2d", 2, False), ("simplex_1e6_3d", 3, False),
    ("simplex_1e5_4d", 4, False), ("uniform_1e6_3d", 3, True), ("uniform_1e6_2d", 2, True),
    ("uniform_1e5_4d", 4, True), ("uniform_1e5_5d", 5, True),
]

def median_time(f, reps):
    ts, out = [], None
    for _ in range(reps):
        t = time.perf_counter(); out = f(); ts.append(time.perf_counter() - t)
    ts.sort()
    return ts[len(ts) // 2], out

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary"); ap.add_argument("data")
    ap.add_argument("--reps", type=int, default=3); ap.add_argument("--scale", type=float, default=1.0)
    a = ap.parse_args()
    if not os.path.exists(os.path.join(a.data, "uniform_1e7_3d.f64")):
        subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "pareto_gen.py"), a.data, str(a.scale)], check=True)
    env = dict(os.environ, OMP_NUM_THREADS="1")
    ours = {}
    out = subprocess.run([a.binary, a.data, str(a.reps)], check=True, capture_output=True, text=True, env=env).stdout
    for line in out.splitlines():
        m = re.match(r"case (\S+) .*median_s=([0-9.e+-]+)(?: evals_per_s=([0-9.e+-]+))? result=(\d+)", line)
        if m: ours[m.group(1)] = (float(m.group(2)), int(m.group(4)), m.group(3))
    print(f"moocore {moocore.__version__}, numpy {np.__version__}; medians of {a.reps} runs, one core")
    print(f"{'case':28s} {'n':>9s} {'d':>2s} {'pluralism s':>12s} {'moocore s':>10s} {'ratio':>7s}  check")
    for name, d, ranks in CASES:
        key = ("ranks_" if ranks else "filter_") + name
        path = os.path.join(a.data, name + ".f64")
        if key not in ours or not os.path.exists(path): continue
        x = np.fromfile(path, dtype=np.float64).reshape(-1, d)
        if ranks:
            t, r = median_time(lambda: moocore.pareto_rank(x), a.reps); res = int(r.max()) + 1
        else:
            t, r = median_time(lambda: moocore.is_nondominated(x), a.reps); res = int(r.sum())
        mt, mres, _ = ours[key]
        print(f"{key:28s} {x.shape[0]:9d} {d:2d} {mt:12.4f} {t:10.4f} {t / mt:7.1f}  {'same' if res == mres else f'DIFFERENT {mres} vs {res}'}")
        sys.stdout.flush()
    if "weighted_sum_evals" in ours:
        t, _, eps = ours["weighted_sum_evals"]
        print(f"weighted sums, 1e6 models x 256 functions x 8 objectives: {t:.3f} s = {float(eps):.3g} evaluations/s")

if __name__ == "__main__":
    main()
