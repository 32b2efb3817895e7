#!/usr/bin/env bash
# The test command: installs what is missing, builds everything with AddressSanitizer and UBSan,
# starts a throwaway MariaDB and Redis on loopback, runs every test with ctest, and stops the
# services again whatever the outcome. Extra arguments go to ctest, so one test can be picked or
# repeated (scripts/test.sh -L unit; scripts/test.sh -R interop_faults --repeat until-fail:20).
# At the end it lists the slowest tests of the run.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="$root/build-asan"
started=$(date +%s)

"$root/scripts/install-deps.sh" --with-test
# Line tables only (-g1): sanitizer reports keep their file:line frames, and the build (CI's
# largest part) is a sixth faster than with full debug information.
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DIM_SANITIZE=ON -DIM_WERROR=ON \
  -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DCMAKE_INSTALL_PREFIX=/usr \
  >/dev/null
cmake --build "$build" -j "$(nproc)"
built=$(date +%s)

# Every parser that sees client bytes under libFuzzer, IM_FUZZ_SECONDS (default 5) per target in
# build-fuzz/ (scripts/fuzz.sh); 0 skips it. Only on a full run, not when tests are picked.
fuzz_status=0
if [[ $# -eq 0 && "${IM_FUZZ_SECONDS:-5}" != 0 ]]; then
  "$root/scripts/fuzz.sh" "${IM_FUZZ_SECONDS:-5}" || fuzz_status=$?
fi
fuzzed=$(date +%s)

# shellcheck source=scripts/services.sh
source "$root/scripts/services.sh"
trap services_stop EXIT
services_start

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
log="$build/ctest-output.log"
status=0
ctest --test-dir "$build" --output-on-failure -j "$(nproc)" --timeout 600 "$@" 2>&1 | tee "$log" ||
  status=$?
summary=$(grep -E '^[0-9]+% tests passed' "$log" | tail -1 || true)

# ctest prints "  3/69 Test #12: name ....   Passed   12.34 sec" per test: the ten slowest.
echo
echo "Slowest tests of this run:"
grep -E '^ *[0-9]+/[0-9]+ Test +#[0-9]+: ' "$log" |
  sed -E 's/^ *[0-9]+\/[0-9]+ Test +#[0-9]+: ([^ ]+) .* ([0-9.]+) sec.*$/\2 \1/' |
  sort -rn | head -10 | awk '{ printf "  %8.1f s  %s\n", $1, $2 }'
finished=$(date +%s)
echo "Build $((built - started)) s, fuzzing $((fuzzed - built)) s, tests $((finished - fuzzed)) s," \
  "total $((finished - started)) s."
if ((fuzz_status != 0)); then
  echo "Fuzzing failed: see the fuzz.sh output above (inputs in build-fuzz/crashes/)."
  ((status != 0)) || status=$fuzz_status
fi
# ctest's own summary line last, where CI reads it.
echo "$summary"
exit "$status"
