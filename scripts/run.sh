#!/usr/bin/env bash
# The run command: installs what is missing, builds im-server in Release and starts it on the
# embedded SQLite default, listening on 127.0.0.1:3000 with its data under ./data.
# Extra arguments go to im-server (for example --port 3001 or --db-driver mariadb).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="$root/build-release"

"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DIM_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target im-server -j "$(nproc)"

cd "$root"
exec "$build/bin/im-server" --data-dir "$root/data" "$@"
