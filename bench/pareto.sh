#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Benchmark W3: pluralism vs moocore (PyPI) and pagmo2 (Debian libpagmo-dev), one core.
# Usage: bash bench/pareto.sh [DATA_DIR] [REPS]   (run from the repository root)
set -euo pipefail
DATA=${1:-/tmp/pluralism-w3}
REPS=${2:-3}
VENV=/tmp/pluralism-bench-pareto-venv
[ -x "$VENV/bin/python" ] || { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q numpy moocore; }
cmake --preset bench -S . > /dev/null
cmake --build build/bench --target bench_pareto
taskset -c 0 "$VENV/bin/python" bench/pareto.py build/bench/bench/bench_pareto "$DATA" --reps "$REPS"
# pagmo2 (C++, LGPL/GPL: linked only into this throw-away peer binary, never into the library).
if [ "${SKIP_PAGMO:-0}" != 1 ]; then
  if ! dpkg -s libpagmo-dev > /dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then apt-get install -y -q libpagmo-dev > /dev/null; else sudo apt-get install -y -q libpagmo-dev > /dev/null; fi
  fi
  g++ -std=c++20 -O3 -march=native -DNDEBUG -Iinclude bench/pareto_pagmo_peer.cpp -o build/bench/pareto_pagmo_peer -lpagmo -ltbb
  taskset -c 0 build/bench/pareto_pagmo_peer "$DATA"
fi
