#!/usr/bin/env bash
# Throwaway MariaDB and Redis for the tests: started on loopback, as the current user, in a temporary
# folder, on free ports. Source this file, then call `services_start` and `services_stop`.
# services_start exports IM_TEST_MARIADB_* and IM_TEST_REDIS_* for the tests.

# A port below the kernel's ephemeral range: one inside it can be the local end of any outgoing
# connection at the moment the service binds it (a test run once failed on "Address already in use"
# with a port that nothing listened on).
_services_free_port() {
  local port ephemeral_low
  read -r ephemeral_low _ </proc/sys/net/ipv4/ip_local_port_range
  ((ephemeral_low > 12000)) || ephemeral_low=32768
  for _ in $(seq 1 200); do
    port=$((10000 + RANDOM % (ephemeral_low - 10000)))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

_services_wait_for() { # <description> <seconds> <command...>
  local what=$1 seconds=$2
  shift 2
  for _ in $(seq 1 $((seconds * 10))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "$what did not come up within ${seconds}s" >&2
  return 1
}

services_start() {
  IM_SERVICES_DIR=$(mktemp -d "${TMPDIR:-/tmp}/im-test-services.XXXXXX")
  export IM_SERVICES_DIR
  local user
  user=$(id -un)

  # MariaDB 10.11 from Debian's mariadb-server.
  local mariadb_data="$IM_SERVICES_DIR/mariadb"
  local mariadb_socket="$IM_SERVICES_DIR/mariadb.sock"
  local mariadb_port
  mariadb_port=$(_services_free_port)
  mkdir -p "$mariadb_data"
  mariadb-install-db --no-defaults --datadir="$mariadb_data" --user="$user" \
    --auth-root-authentication-method=socket --skip-test-db >"$IM_SERVICES_DIR/mariadb-install.log" 2>&1 || {
    cat "$IM_SERVICES_DIR/mariadb-install.log" >&2
    return 1
  }
  mariadbd --no-defaults --datadir="$mariadb_data" --socket="$mariadb_socket" --port="$mariadb_port" \
    --bind-address=127.0.0.1 --user="$user" --pid-file="$IM_SERVICES_DIR/mariadb.pid" \
    --log-error="$IM_SERVICES_DIR/mariadb.err" --skip-name-resolve --innodb-buffer-pool-size=128M \
    --innodb-flush-log-at-trx-commit=2 --character-set-server=utf8mb4 \
    --collation-server=utf8mb4_unicode_ci --max-connections=500 &
  IM_SERVICES_MARIADB_PID=$!
  export IM_SERVICES_MARIADB_PID
  _services_wait_for MariaDB 60 mariadb --no-defaults --socket="$mariadb_socket" -uroot -e 'SELECT 1' || {
    cat "$IM_SERVICES_DIR/mariadb.err" >&2
    return 1
  }
  local password
  password="test-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
  mariadb --no-defaults --socket="$mariadb_socket" -uroot <<SQL
CREATE USER 'im_test'@'127.0.0.1' IDENTIFIED BY '$password';
GRANT ALL PRIVILEGES ON *.* TO 'im_test'@'127.0.0.1' WITH GRANT OPTION;
FLUSH PRIVILEGES;
SQL
  export IM_TEST_MARIADB_HOST=127.0.0.1 IM_TEST_MARIADB_PORT=$mariadb_port
  export IM_TEST_MARIADB_USER=im_test IM_TEST_MARIADB_PASSWORD=$password
  export IM_TEST_MARIADB_SOCKET=$mariadb_socket

  # Redis from Debian's redis-server, without persistence.
  local redis_port
  redis_port=$(_services_free_port)
  redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$IM_SERVICES_DIR" --save '' \
    --appendonly no --daemonize no --logfile "$IM_SERVICES_DIR/redis.log" &
  IM_SERVICES_REDIS_PID=$!
  export IM_SERVICES_REDIS_PID
  _services_wait_for Redis 20 redis-cli -h 127.0.0.1 -p "$redis_port" ping || return 1
  export IM_TEST_REDIS_HOST=127.0.0.1 IM_TEST_REDIS_PORT=$redis_port

  # Tests that need these services fail instead of skipping when this is set.
  export IM_TEST_REQUIRE_SERVICES=1
  echo "MariaDB on 127.0.0.1:$mariadb_port, Redis on 127.0.0.1:$redis_port ($IM_SERVICES_DIR)"
}

services_stop() {
  [[ -n "${IM_SERVICES_DIR:-}" ]] || return 0
  local pid
  for pid in "${IM_SERVICES_REDIS_PID:-}" "${IM_SERVICES_MARIADB_PID:-}"; do
    [[ -n "$pid" ]] && kill "$pid" 2>/dev/null
  done
  for pid in "${IM_SERVICES_REDIS_PID:-}" "${IM_SERVICES_MARIADB_PID:-}"; do
    [[ -n "$pid" ]] && wait "$pid" 2>/dev/null
  done
  rm -rf "$IM_SERVICES_DIR"
  unset IM_SERVICES_DIR IM_SERVICES_REDIS_PID IM_SERVICES_MARIADB_PID
}
