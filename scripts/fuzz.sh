#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang in build-fuzz/ and runs each one for a fixed time
# (first argument, seconds per target, default 10) on a copy of its seed corpus in fuzz/corpus/, so
# the repository's corpus never changes. Fails when a target finds a crash, a leak, undefined
# behaviour or a broken invariant; the input is kept in build-fuzz/crashes/ (docs/TESTING.md).
# Further arguments go to every target (scripts/fuzz.sh 600 -jobs=2 -workers=2).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="$root/build-fuzz"
seconds=${1:-10}
shift || true
if [[ ! "$seconds" =~ ^[0-9]+$ ]]; then
  echo "usage: scripts/fuzz.sh [seconds-per-target] [libFuzzer options]" >&2
  exit 2
fi

if ! command -v clang++ >/dev/null 2>&1; then
  echo "fuzz.sh: clang++ is missing; scripts/install-deps.sh --with-test installs it" >&2
  exit 1
fi

started=$(date +%s)
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DIM_FUZZ=ON \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc)" --target im_fuzzers
built=$(date +%s)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
crashes="$build/crashes"
mkdir -p "$crashes"
failed=()
for corpus in "$root"/fuzz/corpus/*/; do
  target=$(basename "$corpus")
  cp -r "$corpus" "$work/$target"
  options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
    -artifact_prefix="$crashes/$target-")
  if [[ -f "$root/fuzz/dict/$target.dict" ]]; then
    options+=(-dict="$root/fuzz/dict/$target.dict")
  fi
  echo "== $target: ${seconds} s"
  # In a directory of its own: with -jobs, libFuzzer writes each job's log to fuzz-<n>.log there.
  mkdir "$work/$target.run"
  if ! (cd "$work/$target.run" && "$build/fuzz/$target" "${options[@]}" "$@" "$work/$target") \
    >"$work/$target.log" 2>&1; then
    failed+=("$target")
    # The report is at the end of the log: the sanitizer's or the invariant's message, the input.
    tail -60 "$work/$target.log" "$work/$target.run"/fuzz-*.log 2>/dev/null || true
  fi
  grep -E '^stat::(number_of_executed_units|new_units_added):' "$work/$target.log" |
    sed 's/^/   /' || true
done
finished=$(date +%s)
echo "Fuzz build $((built - started)) s, runs $((finished - built)) s."
if ((${#failed[@]} > 0)); then
  echo "Fuzzing failed: ${failed[*]} (inputs in $crashes)" >&2
  exit 1
fi
