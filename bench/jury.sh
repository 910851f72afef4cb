#!/usr/bin/env bash
# W2: pluralism's CPU jury against NumPy (random keys + argpartition, the usual vectorised idiom), same
# shapes, same machine, one run. Prints both and the ratio of juries per second.
#   bash bench/jury.sh [items=20000]
set -euo pipefail
cd "$(dirname "$0")/.."
items=${1:-20000}
venv=/tmp/pluralism-bench-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c "import numpy" 2>/dev/null || "$venv/bin/pip" install -q numpy
cmake --preset bench >/dev/null && cmake --build --preset bench --target bench_jury >/dev/null
ours=$(./build/bench/bench/bench_jury "$items" 5)
echo "$ours"
# NumPy on as many items as takes a few seconds, in juries per second (OpenBLAS settings do not matter here).
theirs=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$venv/bin/python" - <<'PY'
import time, numpy as np
A, J, n_items = 1000, 101, 200
rng = np.random.default_rng(0)
pred = rng.random((n_items, A), dtype=np.float32) * 4
pool1, pool2 = np.arange(0, 400), np.arange(400, 700)
def run():
    out = np.empty(n_items)
    for i in range(n_items):
        k1 = rng.random((J, pool1.size)); s1 = pool1[np.argpartition(k1, 6, axis=1)[:, :6]]
        k2 = rng.random((J, pool2.size)); s2 = pool2[np.argpartition(k2, 6, axis=1)[:, :6]]
        means = (pred[i, s1].sum(1) + pred[i, s2].sum(1)) / 12
        out[i] = np.median(means)
    return out
times = []
for _ in range(5):
    t0 = time.perf_counter(); run(); times.append(time.perf_counter() - t0)
t = sorted(times)[2]
print(f"numpy random-keys+argpartition items={n_items} juries={J}: median {t:.4f} s, {n_items*J/t:.3g} juries/s")
PY
)
echo "$theirs"
ours2=$(echo "$ours" | grep "threads=2" | sed -E 's/.*, ([0-9.e+]+) juries\/s/\1/')
ours1=$(echo "$ours" | grep "threads=1" | sed -E 's/.*, ([0-9.e+]+) juries\/s/\1/')
np=$(echo "$theirs" | sed -E 's/.*, ([0-9.e+]+) juries\/s/\1/')
python3 -c "print(f'ratio pluralism/numpy: 1 thread {float(\"$ours1\")/float(\"$np\"):.0f}x, 2 threads {float(\"$ours2\")/float(\"$np\"):.0f}x')"
