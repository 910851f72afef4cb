#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""W4 (DESIGN section 7): row-wise divergences of 10^6 questions x 5 options, pluralism against scipy/NumPy in
one run, and against the bound (one read of both inputs). Usage: divergence.py path/to/bench_divergence [rows]"""
import subprocess
import sys
import time

import numpy as np
import scipy
from scipy.spatial.distance import jensenshannon
from scipy.stats import entropy, wasserstein_distance

binary = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
reps = 9
rng = np.random.default_rng(4)
P = rng.dirichlet(np.ones(5), n)
Q = rng.dirichlet(np.ones(5), n)


def median_ms(f, r=reps):
    t = []
    for _ in range(r):
        a = time.perf_counter()
        f()
        t.append(time.perf_counter() - a)
    return sorted(t)[len(t) // 2] * 1e3


x = np.arange(5.0)
loop_rows = 2000
peers = {
    "js_distance": ("scipy jensenshannon(P, Q, axis=1)", median_ms(lambda: jensenshannon(P, Q, axis=1), 3)),
    "kl": ("scipy entropy(P, Q, axis=1)", median_ms(lambda: entropy(P, Q, axis=1), 3)),
    "total_variation": ("NumPy 0.5 * abs(P - Q).sum(1)", median_ms(lambda: 0.5 * np.abs(P - Q).sum(axis=1))),
    "hellinger": ("NumPy norm(sqrt P - sqrt Q, axis=1) / sqrt 2",
                  median_ms(lambda: np.linalg.norm(np.sqrt(P) - np.sqrt(Q), axis=1) / np.sqrt(2))),
    "wasserstein1": (f"scipy wasserstein_distance loop ({loop_rows} rows, scaled)",
                     median_ms(lambda: [wasserstein_distance(x, x, P[i], Q[i]) for i in range(loop_rows)], 3) * n / loop_rows),
}
copy_ms = median_ms(lambda: P.copy())
ours = {}
out = subprocess.run([binary, str(n), str(reps)], check=True, capture_output=True, text=True).stdout
for line in out.splitlines()[1:]:
    name, ms = line.split()
    ours[name] = float(ms)
cores = int(ours.pop("threads"))
print(f"W4: {n} rows x 5 options; scipy {scipy.__version__}, NumPy {np.__version__}; medians of {reps} runs (ms)")
print(f"bound: one read of both inputs {ours['read_inputs']:.2f} ms (NumPy copy of one input {copy_ms:.2f} ms)")
print(f"{'metric':<17}{'pluralism':>11}{'peer':>11}{'peer/ours':>11}{'ours/bound':>12}  peer")
for name, (peer, ms) in peers.items():
    print(f"{name:<17}{ours[name]:>11.2f}{ms:>11.2f}{ms / ours[name]:>11.1f}{ours[name] / ours['read_inputs']:>12.2f}  {peer}")
print(f"{'js (renormalise)':<17}{ours['js_distance_renormalize']:>11.2f}{peers['js_distance'][1]:>11.2f}"
      f"{peers['js_distance'][1] / ours['js_distance_renormalize']:>11.1f}"
      f"{ours['js_distance_renormalize'] / ours['read_inputs']:>12.2f}  same peer (scipy always renormalises)")
print(f"on {cores} threads (options.threads = 0); bound: one read of both inputs on {cores} threads "
      f"{ours['read_inputs_threads']:.2f} ms")
for name in ("js_distance", "kl"):
    t = ours[name + "_threads"]
    print(f"{name:<17}{t:>11.2f}{peers[name][1]:>11.2f}{peers[name][1] / t:>11.1f}{t / ours['read_inputs_threads']:>12.2f}"
          f"  ({t / ours['read_inputs']:.2f}x the one-thread read)")
