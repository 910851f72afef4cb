#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# One call on the GPU machine (the `device` tool runs it from the repository root):
#   1. build bench/gpu_jury.cu with nvcc (and, when cmake and Catch2 are there, tests/device for CUDA);
#   2. correctness: the CUDA sweeps against a CPU reference loop, bit for bit (and the Catch2 suite);
#   3. compute-sanitizer memcheck on a small case;
#   4. timings: W1 (this library, the read bound), W5, the device-model variant; PyTorch topk / randint /
#      torch.sum peers in the same run when torch is importable; ratios.
# Usage: bash bench/gpu.sh [N=1000000] [reps=7]. Writes the log to $OUT/gpu-log.txt when OUT is set.
set -uo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
REPS=${2:-7}
LOG=${OUT:-/tmp}/gpu-log.txt
BUILD=/tmp/pluralism-gpu
mkdir -p "$BUILD"
export PATH="/usr/local/cuda/bin:$PATH"
exec > >(tee "$LOG") 2>&1
start=$SECONDS
step() { printf '\n==== %s (%ds)\n' "$1" $((SECONDS - start)); }
status=0

step "machine"
nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.max.memory --format=csv 2>&1 | head -3
nvcc --version | tail -2
ARCH=$(nvidia-smi --query-gpu=compute_cap --format=csv,noheader 2>/dev/null | head -1 | tr -d '.')
ARCH=${ARCH:-90}
echo "arch sm_$ARCH, N=$N, reps=$REPS, git $(git rev-parse --short HEAD 2>/dev/null || echo '?')"

step "build (nvcc, and the Catch2 suite through CMake when possible)"
nvcc -std=c++20 -O3 -arch=sm_"$ARCH" -DTHRUST_DEVICE_SYSTEM=THRUST_DEVICE_SYSTEM_CUDA -Iinclude \
  bench/gpu_jury.cu -o "$BUILD/gpu_jury" > "$BUILD/nvcc.log" 2>&1 &
nvcc_pid=$!
have_suite=0
if command -v cmake >/dev/null && cmake -S . -B "$BUILD/cmake" -DCMAKE_BUILD_TYPE=Release -DPLURALISM_CUDA=ON \
     -DCMAKE_CUDA_ARCHITECTURES="$ARCH" -DPLURALISM_BUILD_EXAMPLES=OFF -DPLURALISM_BUILD_TOOL=OFF > "$BUILD/cmake.log" 2>&1; then
  cmake --build "$BUILD/cmake" --target test_device_cuda -j 8 >> "$BUILD/cmake.log" 2>&1 && have_suite=1
fi
wait $nvcc_pid || { echo "nvcc build FAILED"; cat "$BUILD/nvcc.log"; exit 1; }
[ $have_suite = 1 ] || { echo "Catch2 suite not built (no cmake or Catch2 here):"; tail -5 "$BUILD/cmake.log"; }

step "correctness against the CPU reference"
"$BUILD/gpu_jury" check 3000 || status=1
if [ $have_suite = 1 ]; then
  "$BUILD/cmake/tests/device/test_device_cuda" || status=1
fi

step "compute-sanitizer memcheck (small case)"
if command -v compute-sanitizer >/dev/null; then
  compute-sanitizer --tool memcheck --error-exitcode 3 "$BUILD/gpu_jury" memcheck || status=1
else
  echo "compute-sanitizer not found"; status=1
fi

step "timings: this library"
"$BUILD/gpu_jury" time "$N" "$REPS" | tee "$BUILD/ours.txt" || status=1

step "timings: PyTorch peers"
if python3 -c "import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)" 2>/dev/null; then
  python3 bench/gpu_peers.py "$N" 5 | tee "$BUILD/peers.txt" || status=1
else
  echo "PyTorch with CUDA is not importable here: peers not measured"
  : > "$BUILD/peers.txt"
fi

step "ratios"
python3 - "$BUILD/ours.txt" "$BUILD/peers.txt" <<'PY'
import re, sys
ours = open(sys.argv[1]).read()
peers = dict((m.group(1), float(m.group(2))) for m in re.finditer(r"PEER (\w+) ([0-9.]+)", open(sys.argv[2]).read()))
m = re.search(r"RESULT bound_ms=([0-9.]+) w1_ms=([0-9.]+)", ours)
if not m:
    sys.exit("no RESULT line from gpu_jury")
bound, w1 = float(m.group(1)), float(m.group(2))
if "sum" in peers:
    bound = min(bound, peers["sum"])
print(f"W1: {w1:.3f} ms; bound (fastest one read) {bound:.3f} ms; ours / bound = {w1 / bound:.2f} (goal <= 1.3)")
if "topk" in peers:
    print(f"topk (without replacement) {peers['topk']:.1f} ms: ours is {peers['topk'] / w1:.0f}x faster (goal >= 1000)")
if "randint" in peers:
    print(f"randint (with replacement) {peers['randint']:.2f} ms: ours is {peers['randint'] / w1:.1f}x faster (goal >= 8)")
PY

step "done: status $status"
exit $status
