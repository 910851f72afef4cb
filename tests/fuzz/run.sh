#!/usr/bin/env bash
# Builds the libFuzzer target for the CSV loader and runs it for a fixed time budget (called by .ci/run).
#   bash tests/fuzz/run.sh [seconds]        (default 45, plus ~15 s for the whole real files; env PLURALISM_FUZZ_SECONDS)
# Seeds: tests/fuzz/seeds/* plus slices of the real data files in ../shared/data (PLURALISM_SHARED_DATA),
# and the whole real files are run once each. Any crash, sanitizer report or reference mismatch fails the
# script and leaves the input in the work folder: turn it into a regression test in tests/unit/io_*.test.cpp.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
budget=${1:-${PLURALISM_FUZZ_SECONDS:-45}}
data=${PLURALISM_SHARED_DATA:-$root/../shared/data}
work=${PLURALISM_FUZZ_DIR:-$(mktemp -d /tmp/pluralism-fuzz.XXXXXX)}
cxx=${PLURALISM_FUZZ_CXX:-clang++}
mkdir -p "$work/corpus" "$work/artifacts"

echo "fuzz: building with $cxx -fsanitize=fuzzer,address,undefined in $work"
"$cxx" -std=c++20 -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined \
  -fno-sanitize-recover=all -I"$root/include" -I"$root/tests" \
  "$root/tests/fuzz/csv_annotations.fuzz.cpp" -o "$work/fuzz_csv"

cp "$root"/tests/fuzz/seeds/* "$work/corpus/"
real=()
if [ -d "$data" ]; then
  for f in popquorn-offensiveness/raw_data.csv annotators-with-attitudes/smallScale.csv; do
    [ -f "$data/$f" ] || continue
    real+=("$data/$f")
    name=$(basename "$(dirname "$f")")
    # The header with a few runs of records from the start, middle and end (small seeds mutate fast).
    total=$(wc -l < "$data/$f")
    for start in 2 $((total / 3)) $((total / 2)) $((total - 10)); do
      { head -n 1 "$data/$f"; sed -n "${start},$((start + 12))p" "$data/$f"; } > "$work/corpus/${name}_$start.csv"
    done
  done
else
  echo "fuzz: $data not found; fuzzing from the handmade seeds only"
fi

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
if ((${#real[@]})); then
  echo "fuzz: the whole real files, once each"
  "$work/fuzz_csv" -artifact_prefix="$work/artifacts/" "${real[@]}" 2>&1 | grep -E '^(Running|Executed)|ERROR|finding' || true
  [ "${PIPESTATUS[0]}" -eq 0 ] || { echo "fuzz: FINDING on a real data file" >&2; exit 1; }
fi
echo "fuzz: ${budget}s of fuzzing (log: $work/fuzz.log)"
status=0
"$work/fuzz_csv" -max_total_time="$budget" -max_len=2048 -timeout=10 -rss_limit_mb=2048 \
  -dict="$root/tests/fuzz/csv.dict" -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
  "$work/corpus" > "$work/fuzz.log" 2>&1 || status=$?
grep -E '^(Done|stat::|INFO: (seed|Loaded))|ERROR|fuzz finding|SUMMARY' "$work/fuzz.log" || true
if [ "$status" -ne 0 ] || [ -n "$(ls -A "$work/artifacts")" ]; then
  tail -n 60 "$work/fuzz.log" >&2
  echo "fuzz: FINDINGS (exit $status); inputs in $work/artifacts:" >&2
  ls -l "$work/artifacts" >&2
  exit 1
fi
echo "fuzz: no findings"
