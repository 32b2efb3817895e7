#!/usr/bin/env bash
# Regenerates docs/swagger-ui.png, the README's picture of /api/docs: builds im-server and
# tst_swaggerui, which starts the server, has headless Chromium render Swagger UI, checks the
# picture and keeps it. Usage: scripts/swagger-screenshot.sh [build-dir] (default: build-asan,
# the build of scripts/test.sh; configured as a Debug build when it does not exist yet).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build-asan}

"$root/scripts/install-deps.sh" --with-test
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug >/dev/null
fi
cmake --build "$build" --target im-server tst_swaggerui -j "$(nproc)"
IM_SWAGGER_SCREENSHOT="$root/docs/swagger-ui.png" "$build/tests/docs/tst_swaggerui" \
  rendersTheOperationList
echo "wrote $root/docs/swagger-ui.png"
