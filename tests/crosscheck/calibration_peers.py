#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Parity of `pluralism calibration --preset torchmetrics|netcal` with the packages themselves.

Runs the pluralism command-line tool (path given as the first argument) on random binary and multiclass inputs,
with many probabilities placed exactly on bin edges and at 0 and 1 (where the presets' conventions differ), and
compares ECE, MCE and RMSCE with torchmetrics `binary_calibration_error` / `multiclass_calibration_error` (norm
l1, max and l2) and ECE and MCE with netcal `ECE` / `MCE` (netcal has no RMSCE). netcal computes in float64: tolerance 1e-12. torchmetrics accumulates its bin
means in float32 (we in double, after binning in float32 as it does): tolerance 1e-5 relative to the bin mass.
netcal treats any input whose labels take two or fewer values as binary; the multiclass cases here always have
at least three labels, so both libraries compute top-label calibration there.
Driver: tests/crosscheck/calibration_peers.sh (makes a venv with torch, torchmetrics and netcal).
"""
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch
from netcal.metrics import ECE, MCE
from torchmetrics.functional.classification import binary_calibration_error, multiclass_calibration_error

rng = np.random.default_rng(20261129)
cli = sys.argv[1]
work = tempfile.mkdtemp(prefix="pl-calibration-")
failures = 0
checks = 0


def write(name, rows):
    path = os.path.join(work, name)
    with open(path, "w") as f:
        for r in np.atleast_1d(rows):
            f.write(",".join(repr(float(x)) for x in np.atleast_1d(r)) + "\n")
    return path


def ours(preset, bins, probs, labels):
    out = subprocess.run([cli, "calibration", "--preset", preset, "--bins", str(bins), write("p.csv", probs),
                          write("y.csv", labels)], check=True, capture_output=True, text=True).stdout
    values = dict(line.split() for line in out.splitlines())
    return float(values["ECE"]), float(values["MCE"]), float(values["RMSCE"])


def compare(title, got, want, tol):
    global failures, checks
    checks += 1
    if not abs(got - want) <= tol:
        failures += 1
        print(f"FAIL {title}: ours {got!r}, peer {want!r}, |diff| {abs(got - want):.3e} > {tol:g}")


def binary_probs(n, bins):
    """Uniform probabilities, a third of them moved onto bin edges k / bins, 0 and 1."""
    p = rng.random(n)
    on_edge = rng.random(n) < 0.33
    p[on_edge] = rng.integers(0, bins + 1, on_edge.sum()) / bins
    return p


def multiclass_probs(n, k, bins):
    """Dirichlet rows; some rows get a top probability exactly on a bin edge (or 1)."""
    p = rng.dirichlet(np.ones(k) * 0.7, size=n)
    for i in np.flatnonzero(rng.random(n) < 0.25):
        top = rng.integers(int(np.ceil(bins / k)), bins + 1) / bins  # >= 1/k, so it stays the largest
        rest = rng.dirichlet(np.ones(k - 1)) * (1.0 - top)
        c = rng.integers(0, k)
        p[i] = np.insert(rest, c, top)
        if top == 1.0:
            p[i] = np.eye(k)[c]
    return p


cases = 0
for trial in range(60):
    n = int(rng.integers(20, 800))
    bins = int(rng.integers(2, 21))
    # ---- binary: positive-class reliability in both libraries
    p = binary_probs(n, bins)
    y = (rng.random(n) < np.clip(p + rng.normal(0, 0.2, n), 0, 1)).astype(int)
    tm = [float(binary_calibration_error(torch.tensor(p, dtype=torch.float32), torch.tensor(y), n_bins=bins, norm=nm))
          for nm in ("l1", "max", "l2")]
    e, m, r = ours("torchmetrics", bins, p, y)
    compare(f"binary torchmetrics ECE n={n} bins={bins}", e, tm[0], 1e-5)
    compare(f"binary torchmetrics MCE n={n} bins={bins}", m, tm[1], 1e-5)
    compare(f"binary torchmetrics RMSCE n={n} bins={bins}", r, tm[2], 1e-5)
    if len(np.unique(y)) == 2:  # netcal needs both labels present to call it binary the same way
        e, m, _ = ours("netcal", bins, p, y)
        compare(f"binary netcal ECE n={n} bins={bins}", e, float(ECE(bins=bins).measure(p, y)), 1e-12)
        compare(f"binary netcal MCE n={n} bins={bins}", m, float(MCE(bins=bins).measure(p, y)), 1e-12)
    # ---- multiclass: top-label calibration in both libraries
    k = int(rng.integers(3, 7))
    P = multiclass_probs(n, k, bins)
    Y = np.array([rng.choice(k, p=row) for row in P])
    Y[:3] = [0, 1, 2]  # at least three labels: netcal then treats the input as multiclass
    tm = [float(multiclass_calibration_error(torch.tensor(P, dtype=torch.float32), torch.tensor(Y), num_classes=k,
                                             n_bins=bins, norm=nm)) for nm in ("l1", "max", "l2")]
    e, m, r = ours("torchmetrics", bins, P, Y)
    compare(f"multiclass torchmetrics ECE n={n} k={k} bins={bins}", e, tm[0], 1e-5)
    compare(f"multiclass torchmetrics MCE n={n} k={k} bins={bins}", m, tm[1], 1e-5)
    compare(f"multiclass torchmetrics RMSCE n={n} k={k} bins={bins}", r, tm[2], 1e-5)
    e, m, _ = ours("netcal", bins, P, Y)
    compare(f"multiclass netcal ECE n={n} k={k} bins={bins}", e, float(ECE(bins=bins).measure(P, Y)), 1e-12)
    compare(f"multiclass netcal MCE n={n} k={k} bins={bins}", m, float(MCE(bins=bins).measure(P, Y)), 1e-12)
    cases += 1

# ---- the notes' corner cases: torchmetrics issue 1648 (0.6) and the worked divergence (0.7 vs 0.3)
e, _, _ = ours("torchmetrics", 2, np.array([1, 1, 1, 1, 0.0]), np.array([0, 0, 1, 1, 1]))
compare("torchmetrics #1648 corner case", e, float(binary_calibration_error(torch.tensor([1, 1, 1, 1, 0.0]),
                                                                           torch.tensor([0, 0, 1, 1, 1]), n_bins=2)), 1e-7)
e, _, _ = ours("torchmetrics", 2, np.array([1.0, 0.6]), np.array([0, 1]))
compare("worked divergence, torchmetrics 0.7", e, float(binary_calibration_error(torch.tensor([1.0, 0.6]),
                                                                                torch.tensor([0, 1]), n_bins=2)), 1e-7)
e, _, _ = ours("netcal", 2, np.array([1.0, 0.6]), np.array([0, 1]))
compare("worked divergence, netcal 0.3", e, float(ECE(bins=2).measure(np.array([1.0, 0.6]), np.array([0, 1]))), 1e-12)

print(f"{checks} comparisons on {cases} random binary + multiclass cases and 3 corner cases: "
      f"{'all agree' if failures == 0 else f'{failures} FAILED'}")
sys.exit(1 if failures else 0)
