#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# W4: pluralism's row-wise divergences against scipy/NumPy in one run. Builds the bench preset, makes a venv.
# Usage: bash bench/divergence.sh [rows]
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${PLURALISM_BENCH_VENV:-/tmp/pluralism-bench-venv}"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
# The venv may be shared with other benchmarks: install what this one imports when it is missing.
"$venv/bin/python" -c "import numpy, scipy" 2>/dev/null || "$venv/bin/pip" install -q numpy scipy
cmake --preset bench >/dev/null
cmake --build build/bench --target bench_divergence
"$venv/bin/python" bench/divergence.py build/bench/bench/bench_divergence "${1:-1000000}"
