#!/usr/bin/env bash
# Authenticated REST throughput with wrk against MariaDB (docs/PERFORMANCE.md, "Authenticated REST").
#
#   bench/rest-bench.sh <im-server binary> [runs] [seconds]
#
# Needs wrk, python3, the mariadb client and the test services' variables (IM_TEST_MARIADB_HOST,
# _PORT, _USER, _PASSWORD: `source scripts/services.sh && services_start`, or a file written from
# them). Creates a fresh database `im_rest_bench`, an admin account (`--create-admin`, so it may
# read other users) with 50 friends made over REST (request, then agree), starts the server on a
# free port and runs wrk -t2 -c50 on GET /api/v1 (no session), GET /api/v1/friends and
# GET /api/v1/users/:id, each `runs` times (3) for `seconds` (10). Prints one line per run.
set -euo pipefail

server=${1:?usage: rest-bench.sh <im-server binary> [runs] [seconds]}
runs=${2:-3}
seconds=${3:-10}
: "${IM_TEST_MARIADB_HOST:?source the test services first}"
db=im_rest_bench
work=$(mktemp -d "${TMPDIR:-/tmp}/rest-bench.XXXXXX")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
pid=
cleanup() {
  if [[ -n "$pid" ]]; then kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

mariadb --no-defaults -h "$IM_TEST_MARIADB_HOST" -P "$IM_TEST_MARIADB_PORT" -u "$IM_TEST_MARIADB_USER" \
  -p"$IM_TEST_MARIADB_PASSWORD" -e "DROP DATABASE IF EXISTS $db;
  CREATE DATABASE $db CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"

export DB_DRIVER=mariadb DB_HOST="$IM_TEST_MARIADB_HOST" DB_PORT="$IM_TEST_MARIADB_PORT" \
  DB_USER="$IM_TEST_MARIADB_USER" DB_PASS="$IM_TEST_MARIADB_PASSWORD" DB_NAME=$db \
  DATA_DIR="$work/data" PORT="$port" NODE_ENV=development LOG_FILE=false LOG_LEVEL=warning \
  SIGNUP_MAX_PER_ADDRESS=1000 LOGIN_MAX_PER_ADDRESS=1000
echo 'Bench1234' | "$server" --create-admin 13800000000 >"$work/create-admin.log" 2>&1
"$server" >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$port/api/v1/health/ready" >/dev/null && break
  sleep 0.1
done

# The admin and 50 friends, over REST. Prints the admin's id, token and one friend's id.
read -r admin token friend < <(python3 - "http://127.0.0.1:$port/api/v1" <<'EOF'
import json, sys, urllib.request
base = sys.argv[1]

def call(method, path, body=None, session=None):
    headers = {"Content-Type": "application/json"}
    if session:
        headers.update({"userid": str(session["id"]), "authorization": session["token"]})
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    with urllib.request.urlopen(request) as answer:
        return json.load(answer)

admin = call("POST", "/users/login", {"account": "13800000000", "pwd": "Bench1234"})["data"]
friends = []
for i in range(50):
    friends.append(call("POST", "/users/create",
                        {"account": "139%08d" % (i + 1), "pwd": "secret123"})["data"])
for friend in friends:
    call("POST", "/friends", {"userId": friend["id"]}, admin)
for friend in friends:
    pending = call("GET", "/events/notify", session=friend)["data"]
    for notify in pending:
        call("POST", "/friends/agree", {"notifyId": notify["id"]}, friend)
count = call("GET", "/friends", session=admin)["data"]["count"]
assert count == 50, count
print(admin["id"], admin["token"], friends[0]["id"])
EOF
)

run() { # <label> <path> [session headers]
  local label=$1 path=$2
  shift 2
  for i in $(seq 1 "$runs"); do
    local rate status
    rate=$(wrk -t2 -c50 -d"${seconds}s" "$@" "http://127.0.0.1:$port$path" |
      awk '/Requests\/sec/ {print $2} /Non-2xx/ {print "non-2xx:" $5 > "/dev/stderr"}')
    status=$(curl -s -o /dev/null -w '%{http_code}' "$@" "http://127.0.0.1:$port$path")
    echo "$label run $i: $rate req/s (HTTP $status)"
  done
}
run "GET /api/v1          " /api/v1
run "GET /api/v1/friends  " /api/v1/friends -H "userid: $admin" -H "authorization: $token"
run "GET /api/v1/users/:id" "/api/v1/users/$friend" -H "userid: $admin" -H "authorization: $token"
