#!/usr/bin/env bash
# CSV loading benchmark (issue 3): builds bench_io (preset bench), which generates a 1,000,000-row annotation
# CSV and times read_annotations against the bound (read the bytes + memchr the line breaks); then, on the
# same file in the same run, pandas.read_csv (C engine) as a peer for parsing alone (pandas does none of
# the per-annotator checks). Creates its own virtualenv for pandas.
#   bash bench/io.sh [rows=1000000] [runs=5]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rows=${1:-1000000}
runs=${2:-5}
file=/tmp/pluralism_io_bench.csv
cd "$root"
cmake --preset bench > /dev/null
cmake --build build/bench --target bench_io > /dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$root/build/bench/bench/bench_io" "$rows" "$runs" "$file"

venv=/tmp/pluralism-io-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c "import pandas" 2> /dev/null || "$venv/bin/pip" install -q pandas
"$venv/bin/python" - "$file" "$runs" <<'PY'
import statistics, sys, time
import pandas as pd
path, runs = sys.argv[1], int(sys.argv[2])
wall, cpu = [], []
for _ in range(runs):
    w0, c0 = time.perf_counter(), time.process_time()
    df = pd.read_csv(path, engine="c")
    cpu.append(time.process_time() - c0); wall.append(time.perf_counter() - w0)
print(f"peer: pandas {pd.__version__} read_csv (C engine), {len(df)} rows: "
      f"median wall {statistics.median(wall):.3f} s, CPU (all threads) {statistics.median(cpu):.3f} s")
PY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
