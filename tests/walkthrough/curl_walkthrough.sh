#!/usr/bin/env bash
# A new user's first session, with curl against the real im-server (IM_SERVER_BINARY) on a fresh
# SQLite database: register, log in, ask for a friend, the friend agrees, both list their friends,
# log out. Every answer is checked (HTTP status, envelope, data) with jq.
set -euo pipefail

binary=${IM_SERVER_BINARY:?IM_SERVER_BINARY must point at the im-server executable}
for tool in curl jq; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: run scripts/install-deps.sh --with-test" >&2; exit 1; }
done

work=$(mktemp -d)
server_pid=
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    wait "$server_pid" || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  echo "--- server output ---" >&2
  tail -n 50 "$work/server.log" >&2 || true
  exit 1
}

# The server on a free port, in a data folder of its own; its first line names the port.
DATA_DIR="$work/data" PORT=0 LOG_FILE=false "$binary" >"$work/server.log" 2>&1 &
server_pid=$!
port=
for _ in $(seq 600); do
  port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$work/server.log" | head -n 1)
  [[ -n "$port" ]] && break
  kill -0 "$server_pid" 2>/dev/null || fail "im-server exited before listening"
  sleep 0.1
done
[[ -n "$port" ]] || fail "im-server did not listen within 60 s"
api="http://127.0.0.1:$port/api/v1"

steps=0
# call METHOD PATH [JSON] [SESSION]: prints the answer's body; fails unless HTTP and statusCode are 200.
# SESSION is the body of a login or registration answer, whose id and token become the headers.
call() {
  local method=$1 path=$2 json=${3:-} session=${4:-}
  local args=(--silent --show-error --max-time 15 --request "$method" --output "$work/body"
              --write-out '%{http_code}')
  if [[ -n "$session" ]]; then
    args+=(--header "userid: $(jq -r .data.id <<<"$session")"
           --header "authorization: $(jq -r .data.token <<<"$session")")
  fi
  [[ -n "$json" ]] && args+=(--header 'Content-Type: application/json' --data "$json")
  local status
  status=$(curl "${args[@]}" "$api$path") || fail "$method $path: no answer"
  [[ "$status" == 200 ]] || fail "$method $path: HTTP $status $(cat "$work/body")"
  jq -e '.statusCode == 200' "$work/body" >/dev/null || fail "$method $path: envelope $(cat "$work/body")"
  cat "$work/body"
}

# expect DESCRIPTION JSON JQ-FILTER: the filter must hold for the answer.
expect() {
  local description=$1 answer=$2 filter=$3
  jq -e "$filter" <<<"$answer" >/dev/null || fail "$description: expected $filter in $answer"
  steps=$((steps + 1))
  echo "ok $steps - $description"
}

alice=$(call POST /users/create '{"account":"13500000001","pwd":"alice123"}')
expect "Alice registers and gets a session" "$alice" \
  '.message == "successfully." and .data.account == "13500000001" and (.data.token | length) > 0
   and (.data | has("pwd") | not)'
alice_id=$(jq .data.id <<<"$alice")

call POST /users/create '{"account":"13500000002","pwd":"bob12345"}' >/dev/null
bob=$(call POST /users/login '{"account":"13500000002","pwd":"bob12345"}')
expect "Bob registers and logs in" "$bob" \
  '.data.account == "13500000002" and .data.roleName == "user" and (.data.token | length) > 0'
bob_id=$(jq .data.id <<<"$bob")

asked=$(call POST /friends "{\"userId\":$bob_id,\"remark\":\"from the walkthrough\"}" "$alice")
expect "Alice asks Bob to be friends" "$asked" '.message == "Seccessed, wait for the other party to agree."'

pending=$(call GET /events/notify '' "$bob")
expect "Bob finds the request among his notifications" "$pending" \
  ".count == 1 and .data[0].type == 1 and .data[0].sender == $alice_id
   and .data[0].senderInfo.account == \"13500000001\" and .data[0].remark == \"from the walkthrough\""
notify_id=$(jq -r '.data[0].id' <<<"$pending")

agreed=$(call POST /friends/agree "{\"notifyId\":\"$notify_id\"}" "$bob")
expect "Bob agrees" "$agreed" '.message == "Successfully."'

friends=$(call GET /friends '' "$alice")
expect "Alice's friends list shows Bob" "$friends" \
  ".data.count == 1 and .data.friends[0].id == $bob_id and .data.friends[0].account == \"13500000002\""
friends=$(call GET /friends '' "$bob")
expect "Bob's friends list shows Alice" "$friends" \
  ".data.count == 1 and .data.friends[0].id == $alice_id"

sent=$(call GET /friends/requests/sent '' "$alice")
expect "Alice sees her request fulfilled" "$sent" ".data[0].receiver == $bob_id and .data[0].status == 4"

out=$(call POST /users/logout '' "$alice")
expect "Alice logs out" "$out" '.message == "Logout successed."'

status=$(curl --silent --output /dev/null --write-out '%{http_code}' --max-time 15 \
  --header "userid: $alice_id" --header "authorization: $(jq -r .data.token <<<"$alice")" "$api/friends")
[[ "$status" == 401 ]] || fail "Alice's old token still works after logout (HTTP $status)"
steps=$((steps + 1))
echo "ok $steps - Alice's token no longer works"

echo "$steps passed, 0 failed"
