#!/usr/bin/env bash
# The test command: installs what is missing, builds everything with AddressSanitizer and UBSan,
# starts a throwaway MariaDB and Redis on loopback, runs every test with ctest, and stops the
# services again whatever the outcome. Extra arguments go to ctest (for example -L unit).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="$root/build-asan"

"$root/scripts/install-deps.sh" --with-test
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DIM_SANITIZE=ON -DIM_WERROR=ON \
  >/dev/null
cmake --build "$build" -j "$(nproc)"

# shellcheck source=scripts/services.sh
source "$root/scripts/services.sh"
trap services_stop EXIT
services_start

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
ctest --test-dir "$build" --output-on-failure -j 2 --timeout 600 "$@"
