#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# W2 on this machine: the Thrust OpenMP back end of pluralism::device::sweep beside a plain C++ loop over the
# same kernels (serial and OpenMP parallel for), verdicts checked bitwise equal. No Python peer here (the CPU
# jury benchmark, bench/jury.sh, runs NumPy). Usage: bash bench/device.sh [N=20000] [reps=5]
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset bench -S . > /dev/null
cmake --build build/bench --target bench_device
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
OMP_NUM_THREADS=${OMP_NUM_THREADS:-$(nproc)} ./build/bench/bench/bench_device "${1:-20000}" "${2:-5}"
