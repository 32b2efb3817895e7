#!/usr/bin/env bash
# Installs every Debian package the build, the server and the tests need. Idempotent: packages that are
# already present are skipped, so a second run costs one dpkg query.
set -euo pipefail

build_packages=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-websockets-dev libhttp-parser-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-charts-dev libqt6opengl6-dev
  libqt6sql6-sqlite libqt6sql6-mysql
  libprotobuf-dev protobuf-compiler
  libsodium-dev libcrypt-dev libhiredis-dev
  libjwt-dev libsystemd-dev dpkg-dev
  mold  # links the test build several times faster than GNU ld (cmake/ImBuildOptions.cmake)
  libqt6svg6  # the SVG icon engine: im-admin's window icon is admin/im-admin.svg
)
# npm installs Swagger UI (swagger-ui-dist) for the server's /api/docs, so the run needs it too.
docs_packages=(nodejs npm)
# chromium renders /api/docs in tst_swaggerui; jq reads the answers in the curl walkthrough.
# clang and its runtime (libFuzzer, sanitizers) build the fuzz targets (scripts/fuzz.sh).
# desktop-file-validate checks im-admin's desktop entry (admin_desktop_entry).
test_packages=(mariadb-server mariadb-client redis-server curl nodejs npm ffmpeg jq chromium
  clang libclang-rt-14-dev desktop-file-utils)

wanted=("${build_packages[@]}" "${docs_packages[@]}")
if [[ "${1:-}" == "--with-test" ]]; then
  wanted+=("${test_packages[@]}")
fi

missing=()
for package in "${wanted[@]}"; do
  # node and npm often come from elsewhere than Debian (nvm, NodeSource): a working binary is enough.
  if [[ "$package" == nodejs ]] && command -v node >/dev/null 2>&1; then continue; fi
  if [[ "$package" == npm ]] && command -v npm >/dev/null 2>&1; then continue; fi
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  sudo_cmd=(sudo)
fi
if ((${#missing[@]} > 0)); then
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -q
  "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Swagger UI for /api/docs (SWAGGER_UI_DIR's default), pinned by its lock file; install scripts
# are skipped (swagger-ui-dist's only dependency is a usage beacon).
swagger_ui="$root/resources/swagger-ui"
if [[ ! "$swagger_ui/node_modules/.package-lock.json" -nt "$swagger_ui/package-lock.json" ]]; then
  npm ci --prefix "$swagger_ui" --ignore-scripts --no-audit --no-fund --loglevel=error
fi

# The interop tests' npm packages (the real socket.io-client), pinned by the lock file. npm keeps
# its own copy of the lock in node_modules; when that is newer, the install is current.
if [[ "${1:-}" == "--with-test" ]]; then
  interop="$root/tests/interop"
  if [[ ! "$interop/node_modules/.package-lock.json" -nt "$interop/package-lock.json" ]]; then
    npm ci --prefix "$interop" --no-audit --no-fund --loglevel=error
  fi
fi

# promtool and prometheus for the metrics interop test (tests/interop/metrics.test.mjs). Installing
# Debian's `prometheus` package would also enable and start a Prometheus service, so the package is
# only downloaded and unpacked into build-tools/ (ignored by git). Both are static Go binaries that
# need nothing but libc. Debian's current version is taken (a pinned one would vanish from the
# mirrors with the next security update); the unpacked copy is refreshed when it changes.
if [[ "${1:-}" == "--with-test" ]]; then
  prometheus_version=$(apt-cache policy prometheus | sed -n 's/^ *Candidate: //p')
  if [[ -z "$prometheus_version" || "$prometheus_version" == "(none)" ]]; then
    "${sudo_cmd[@]}" apt-get update -q
    prometheus_version=$(apt-cache policy prometheus | sed -n 's/^ *Candidate: //p')
  fi
  prometheus_dir="$root/build-tools/prometheus"
  if [[ "$(cat "$prometheus_dir/version" 2>/dev/null)" != "$prometheus_version" ]]; then
    download="$(mktemp -d)"
    chmod 755 "$download" # apt's _apt user writes the file when run as root
    (cd "$download" && apt-get download -q "prometheus=$prometheus_version")
    rm -rf "$prometheus_dir"
    mkdir -p "$prometheus_dir"
    dpkg-deb -x "$download"/prometheus_*.deb "$prometheus_dir"
    rm -rf "$download"
    echo "$prometheus_version" >"$prometheus_dir/version"
  fi
fi
