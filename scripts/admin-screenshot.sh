#!/usr/bin/env bash
# Regenerates docs/im-admin.png and docs/im-admin-board.png, the README's pictures of the console:
# builds im-server and tst_console, whose live-sessions test starts the server, logs the console in
# through its connect dialog, opens real socket.io-client sessions and saves the window (offscreen
# platform) while they are listed, and whose board test saves the stuck-delivery board while a
# device that never acks takes a burst of messages and an offline one has some waiting.
# Usage: scripts/admin-screenshot.sh [build-dir] (default: build-asan, the build of
# scripts/test.sh; configured as a Debug build when it does not exist yet).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build-asan}

"$root/scripts/install-deps.sh" --with-test
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug >/dev/null
fi
cmake --build "$build" --target im-server tst_console -j "$(nproc)"
QT_QPA_PLATFORM=offscreen IM_ADMIN_SCREENSHOT="$root/docs/im-admin.png" \
  "$build/tests/admin/tst_console" liveSessionsAppearAndCanBeDisconnected
QT_QPA_PLATFORM=offscreen IM_ADMIN_BOARD_SCREENSHOT="$root/docs/im-admin-board.png" \
  "$build/tests/admin/tst_console" devicesThatNeverAckedAreOnTheBoard
echo "wrote $root/docs/im-admin.png and $root/docs/im-admin-board.png"
