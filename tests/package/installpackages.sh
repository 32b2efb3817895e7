#!/usr/bin/env bash
# Builds the Debian packages from this build (CPack, as scripts/package.sh does for a release),
# installs them into a throwaway root with dpkg-deb -x, and checks what an operator gets: the
# control data (names, shared-library dependencies, maintainer scripts), the unit file
# (systemd-analyze verify), the settings template, and the installed server itself started from
# there: health, /api/docs and its assets found relative to the binary, --check-config clean.
# The console's binary runs --version without a display. Usage: installpackages.sh <build-dir>
set -euo pipefail
build=$1
work=$(mktemp -d "${TMPDIR:-/tmp}/im-package-test.XXXXXX")
server_pid=
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# Stripped and gzip-compressed: the sanitizer build's binaries are large, and xz would spend a
# minute on them.
cpack --config "$build/CPackConfig.cmake" -B "$work/cpack" -D CPACK_OUTPUT_FILE_PREFIX="$work/out" \
  -D CPACK_DEBIAN_COMPRESSION_TYPE=gzip \
  >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; fail "cpack"; }
server_deb=$(ls "$work"/out/im-server_*.deb)
admin_deb=$(ls "$work"/out/im-admin_*.deb)

# Control data.
field() { dpkg-deb -f "$1" "$2"; }
[[ $(field "$server_deb" Package) == im-server ]] || fail "server package name"
[[ $(field "$admin_deb" Package) == im-admin ]] || fail "admin package name"
server_depends=$(field "$server_deb" Depends)
for needed in libqt6core6 libqt6network6 libqt6websockets6 libqt6sql6 libqt6sql6-sqlite \
  libqt6sql6-mysql libprotobuf libsodium libsystemd0 libhttp-parser adduser; do
  [[ "$server_depends" == *"$needed"* ]] || fail "im-server Depends lacks $needed: $server_depends"
done
admin_depends=$(field "$admin_deb" Depends)
for needed in libqt6widgets6 libqt6charts6 libqt6svg6; do
  [[ "$admin_depends" == *"$needed"* ]] || fail "im-admin Depends lacks $needed: $admin_depends"
done
dpkg-deb -e "$server_deb" "$work/control"
for script in postinst prerm postrm; do
  [[ -x "$work/control/$script" ]] || fail "maintainer script $script missing"
  sh -n "$work/control/$script" || fail "maintainer script $script does not parse"
done
grep -q 'install -m 0640 -o root -g im-server /usr/share/im-server/im-server.env' \
  "$work/control/postinst" || fail "postinst does not install the settings with mode 0640"

# The files, where an operator looks for them.
root="$work/root"
dpkg-deb -x "$server_deb" "$root"
dpkg-deb -x "$admin_deb" "$root"
for file in usr/bin/im-server usr/bin/im-admin usr/lib/systemd/system/im-server.service \
  usr/share/im-server/im-server.env usr/share/im-server/openapi.json \
  usr/share/im-server/swagger-ui/swagger-ui-bundle.js usr/share/im-server/swagger-ui/swagger-ui.css \
  usr/share/im-server/migrations/mariadb/0001_baseline.sql usr/share/applications/im-admin.desktop \
  usr/share/icons/hicolor/scalable/apps/im-admin.svg usr/share/im-admin/translations/im-admin_zh_CN.qm; do
  [[ -e "$root/$file" ]] || fail "$file is not in the packages"
done
for deb in "$server_deb" "$admin_deb"; do
  listing=$(dpkg-deb -c "$deb") || fail "dpkg-deb -c $deb"
  [[ "$listing" == *./usr/bin/* ]] || fail "$deb lists no binary"
  if grep -q "$build" <<<"$listing"; then fail "$deb contains a build path"; fi
done
if strings "$root/usr/bin/im-server" | grep -q 'resources/swagger-ui'; then
  fail "the server binary names a source path"
fi

# The unit: valid for this systemd, pointing at the installed binary (verify checks that the
# command exists, so it is pointed into the throwaway root here).
unit="$root/usr/lib/systemd/system/im-server.service"
grep -q '^ExecStart=/usr/bin/im-server --config /etc/im-server/im-server.env$' "$unit" ||
  fail "ExecStart"
for setting in Type=notify Restart=on-failure User=im-server StateDirectory=im-server \
  ProtectSystem=strict LimitNOFILE=65536 WatchdogSec=30s; do
  grep -q "^$setting\$" "$unit" || fail "unit lacks $setting"
done
sed "s|^ExecStart=/usr/bin/|ExecStart=$root/usr/bin/|" "$unit" >"$work/im-server.service"
verify=$(systemd-analyze verify --man=no "$work/im-server.service" 2>&1) ||
  fail "systemd-analyze verify: $verify"
[[ -z "$verify" ]] || fail "systemd-analyze verify warns: $verify"
# Its sandboxing keeps the exposure systemd rates at 2.0 or below (1.2 when written).
systemd-analyze security --offline=true --threshold=20 "$work/im-server.service" >"$work/security" 2>&1 ||
  fail "systemd-analyze security: $(tail -1 "$work/security")"

# The installed server, run from the root with the packaged settings template (as postinst
# would make them, plus a key) and a data folder of its own.
data="$work/data"
mkdir -p "$data"
sed "s|^#SECRET_KEY=\$|SECRET_KEY=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')|" \
  "$root/usr/share/im-server/im-server.env" >"$work/im-server.env"
check=$(env -i PATH="$PATH" HOME="$work" ASAN_OPTIONS="${ASAN_OPTIONS:-}" DATA_DIR="$data" \
  "$root/usr/bin/im-server" --config "$work/im-server.env" --check-config 2>&1) ||
  fail "installed --check-config: $check"
[[ "$check" == *"Configuration OK."* ]] || fail "installed --check-config: $check"

env -i PATH="$PATH" HOME="$work" ASAN_OPTIONS="${ASAN_OPTIONS:-}" DATA_DIR="$data" PORT=0 \
  "$root/usr/bin/im-server" --config "$work/im-server.env" >"$work/server.out" 2>&1 &
server_pid=$!
port=
for _ in $(seq 1 300); do
  port=$(sed -nE 's/.*listening on http:\/\/[^ ]+:([0-9]+).*/\1/p' "$work/server.out" | head -1)
  [[ -n "$port" ]] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.out"; fail "the installed server exited"; }
  sleep 0.2
done
[[ -n "$port" ]] || { cat "$work/server.out"; fail "the installed server did not listen"; }
base="http://127.0.0.1:$port"
health=$(curl -fsS --max-time 10 "$base/api/v1/health") || fail "health"
[[ "$health" == *'"status":"up"'* ]] || fail "health: $health"
docs=$(curl -fsS --max-time 10 "$base/api/docs") || fail "/api/docs"
[[ "$docs" == *swagger-ui-bundle.js* ]] || fail "/api/docs is not the Swagger UI page"
for asset in swagger-ui-bundle.js swagger-ui.css; do
  status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$base/api/docs/$asset")
  [[ "$status" == 200 ]] || fail "/api/docs/$asset answered $status"
done
if grep -q 'Swagger UI not found' "$work/server.out"; then fail "the server did not find Swagger UI"; fi
kill -TERM "$server_pid"
wait "$server_pid" || fail "the installed server did not stop cleanly"
server_pid=

# The console without a display.
version=$(env -i PATH="$PATH" HOME="$work" ASAN_OPTIONS="${ASAN_OPTIONS:-}" \
  "$root/usr/bin/im-admin" --version 2>&1) || fail "im-admin --version: $version"
[[ "$version" == *"im-admin"* ]] || fail "im-admin --version: $version"
echo "PASS: packages $(basename "$server_deb") and $(basename "$admin_deb") install and run"
