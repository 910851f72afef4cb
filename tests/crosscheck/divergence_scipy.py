#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Parity of `pluralism divergence` and `pluralism calibration` with scipy and scikit-learn.

Runs the pluralism command-line tool (path given as the first argument) on random and edge inputs and compares
every value with scipy.spatial.distance.jensenshannon, scipy.stats.entropy, scipy.special.rel_entr and
scipy.stats.wasserstein_distance (to 1e-12), and with sklearn.calibration.calibration_curve and
sklearn.metrics.brier_score_loss. Rows where scipy itself returns NaN or inf on valid input (gh-20083: tiny
negative divergence under the square root; gh-19436: a subnormal entry) are counted and reported as the
documented deviations, with our value shown. Driver: tests/crosscheck/divergence_scipy.sh (makes a venv).
"""
import os
import subprocess
import sys
import tempfile

import numpy as np
from scipy.spatial.distance import jensenshannon
from scipy.special import rel_entr
from scipy.stats import entropy, wasserstein_distance
from sklearn.calibration import calibration_curve
from sklearn.metrics import brier_score_loss

TOL = 1e-12
np.seterr(all="ignore")  # inf - inf in the comparisons, and scipy's own sqrt of a negative (gh-20083)
rng = np.random.default_rng(20240611)
cli = sys.argv[1]
work = tempfile.mkdtemp(prefix="pl-crosscheck-")
failures = 0


def write(name, rows):
    path = os.path.join(work, name)
    with open(path, "w") as f:
        for r in rows:
            f.write(",".join(repr(float(x)) for x in r) + "\n")
    return path


def run(*args):
    out = subprocess.run([cli, *args], check=True, capture_output=True, text=True).stdout
    return out


def values(out):
    return np.array([float(x) for x in out.split()])


def compare(title, ours, ref, allow_scipy_nonfinite=False):
    global failures
    ours, ref = np.asarray(ours), np.asarray(ref)
    both_inf = np.isinf(ours) & np.isinf(ref) & (np.sign(ours) == np.sign(ref))
    scipy_bad = ~np.isfinite(ref) & ~both_inf
    ok = both_inf | (np.abs(ours - ref) <= TOL)
    if allow_scipy_nonfinite:
        ok |= scipy_bad & np.isfinite(ours)
    worst = np.max(np.abs(np.where(np.isfinite(ours) & np.isfinite(ref), ours - ref, 0.0)))
    bad = np.count_nonzero(~ok)
    note = ""
    if allow_scipy_nonfinite and scipy_bad.any():
        idx = np.flatnonzero(scipy_bad)
        note = f"; scipy non-finite on {len(idx)} valid rows (ours finite, e.g. {ours[idx[0]]:.3g} vs scipy {ref[idx[0]]})"
    print(f"{'OK  ' if bad == 0 else 'FAIL'} {title}: {len(ref)} rows, max |diff| {worst:.2e}{note}")
    failures += bad


def dirichlet_rows(n, kmin=2, kmax=9, zeros=0.0, scale=1.0):
    rows = []
    for _ in range(n):
        k = int(rng.integers(kmin, kmax + 1))
        x = rng.dirichlet(np.ones(k)) * scale
        x[rng.random(k) < zeros] = 0.0
        if x.sum() == 0:
            x[0] = 1.0
        rows.append(x)
    return rows


# ---- random and zero-heavy rows of varying length, some unnormalised (counts)
P = dirichlet_rows(1500) + dirichlet_rows(500, zeros=0.4) + dirichlet_rows(300, scale=37.0)
Q = [rng.dirichlet(np.ones(len(p))) * (1.0 if i % 3 else 5.0) for i, p in enumerate(P)]
for i in range(0, len(Q), 7):
    Q[i][rng.random(len(Q[i])) < 0.3] = 0.0
    if Q[i].sum() == 0:
        Q[i][-1] = 1.0
# ---- edge rows: near-identical (gh-20083/20779), subnormal (gh-19436), identical, one-hot
x = np.nextafter(0.5, 0)
edge_p = [np.array([0.027501475, 0.055202297], dtype=np.float32).astype(float), [x, 1 - x], [0.0, 1.0], [1.0, 0.0, 0.0],
          [0.2, 0.3, 0.5], [1e-300, 1.0], [1.0, 0.0]]
edge_q = [np.array([0.027537677, 0.055334348], dtype=np.float32).astype(float), [1 - x, x], [5e-324, 1.0], [0.0, 1.0, 0.0],
          [0.2, 0.3, 0.5], [1e-300, 1.0], [0.5, 0.5]]
P += [np.array(r, dtype=float) for r in edge_p]
Q += [np.array(r, dtype=float) for r in edge_q]
pf, qf = write("p.csv", P), write("q.csv", Q)

js_e = [jensenshannon(p, q) for p, q in zip(P, Q)]
js_2 = [jensenshannon(p, q, 2.0) for p, q in zip(P, Q)]
compare("js-distance --normalize vs jensenshannon(p, q)", values(run("divergence", "--metric", "js-distance", "--normalize", pf, qf)), js_e, True)
compare("js-distance --normalize --base 2 vs jensenshannon(p, q, 2)",
        values(run("divergence", "--metric", "js-distance", "--normalize", "--base", "2", pf, qf)), js_2, True)
compare("kl --normalize vs entropy(p, q)", values(run("divergence", "--metric", "kl", "--normalize", pf, qf)),
        [entropy(p, q) for p, q in zip(P, Q)])
compare("kl --normalize --base 2 vs entropy(p, q, base=2)",
        values(run("divergence", "--metric", "kl", "--normalize", "--base", "2", pf, qf)),
        [entropy(p, q, base=2) for p, q in zip(P, Q)])
compare("kl (as stored) vs rel_entr(p, q).sum()", values(run("divergence", "--metric", "kl", pf, qf)),
        [rel_entr(p, q).sum() for p, q in zip(P, Q)])
compare("tv (as stored) vs 0.5 * |p - q|.sum()", values(run("divergence", "--metric", "tv", pf, qf)),
        [0.5 * np.abs(p - q).sum() for p, q in zip(P, Q)])
compare("hellinger --normalize vs ||sqrt p - sqrt q|| / sqrt 2",
        values(run("divergence", "--metric", "hellinger", "--normalize", pf, qf)),
        [np.linalg.norm(np.sqrt(p / p.sum()) - np.sqrt(q / q.sum())) / np.sqrt(2) for p, q in zip(P, Q)])

# ---- W1 on fixed-length rows: default positions and unsorted, repeated positions
P5 = dirichlet_rows(800, 5, 5, zeros=0.2) + dirichlet_rows(200, 5, 5, scale=9.0)
Q5 = dirichlet_rows(1000, 5, 5, zeros=0.2)
p5, q5 = write("p5.csv", P5), write("q5.csv", Q5)
for pos in (np.arange(5.0), np.array([1.0, 2.0, 3.0, 4.0, 2.5]), np.array([0.3, -1.2, 0.3, 7.5, 2.0])):
    args = ["divergence", "--metric", "w1", "--normalize", p5, q5]
    if not np.array_equal(pos, np.arange(5.0)):
        args[3:3] = ["--positions", ",".join(repr(float(v)) for v in pos)]
    compare(f"w1 --normalize positions {pos.tolist()} vs wasserstein_distance(x, x, p, q)", values(run(*args)),
            [wasserstein_distance(pos, pos, p, q) for p, q in zip(P5, Q5)])

# ---- calibration: sklearn's calibration_curve bins and brier_score_loss
for n, bins in ((20, 5), (2000, 5), (2000, 10), (777, 13)):
    prob = rng.random(n)
    prob[: n // 10] = np.round(prob[: n // 10] * bins) / bins  # values on the edges
    y = (rng.random(n) < 0.2 + 0.6 * prob).astype(int)
    pp, yy = write("prob.csv", prob[:, None]), write("y.csv", y[:, None])
    out = run("calibration", "--preset", "sklearn", "--bins", str(bins), "--reliability", pp, yy).splitlines()
    brier = float(out[2].split()[1])
    rows = [list(map(float, l.split()[1:])) for l in out[3:]]
    ours_true = np.array([r[4] for r in rows if r[2] > 0])
    ours_pred = np.array([r[3] for r in rows if r[2] > 0])
    prob_true, prob_pred = calibration_curve(y, prob, n_bins=bins)
    same_bins = len(prob_true) == len(ours_true)
    compare(f"calibration sklearn preset, {bins} bins, n={n}: prob_true", ours_true if same_bins else [np.inf], prob_true if same_bins else [0.0])
    compare(f"calibration sklearn preset, {bins} bins, n={n}: prob_pred", ours_pred if same_bins else [np.inf], prob_pred if same_bins else [0.0])
    compare(f"brier vs brier_score_loss, n={n}", [brier], [brier_score_loss(y, prob)])

print("all parity checks passed" if failures == 0 else f"{failures} mismatches")
sys.exit(1 if failures else 0)
