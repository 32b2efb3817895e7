#!/usr/bin/env bash
# Builds the Debian packages im-server and im-admin: a Release build installed under /usr, in
# build-release/ (or the folder given), packed by CPack into <build>/packages/*.deb. Install with
#   sudo apt install ./build-release/packages/im-server_*.deb
# (README "Operating").
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${1:-$root/build-release}"

"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
  -DIM_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j "$(nproc)"
rm -rf "$build/packages"
(cd "$build" && cpack -G DEB)
ls -l "$build"/packages/*.deb
