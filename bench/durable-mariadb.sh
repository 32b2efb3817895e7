#!/usr/bin/env bash
# A throwaway MariaDB for benchmarks, with the server's own defaults: durable commits
# (innodb_flush_log_at_trx_commit=1), binary log off, 128 MiB buffer pool. Unlike the test
# services (scripts/services.sh), which relax durability for speed.
#
#   eval "$(bench/durable-mariadb.sh start)"    # exports BENCH_DB_DIR, BENCH_DB_PID, BENCH_DB_ENV
#   im-bench ... $BENCH_DB_ENV --db-pid "$BENCH_DB_PID"
#   bench/durable-mariadb.sh stop "$BENCH_DB_DIR"
set -euo pipefail

case ${1:-} in
start)
  dir=$(mktemp -d "${TMPDIR:-/tmp}/im-bench-mariadb.XXXXXX")
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  user=$(id -un)
  mariadb-install-db --no-defaults --datadir="$dir/data" --user="$user" \
    --auth-root-authentication-method=socket --skip-test-db >"$dir/install.log" 2>&1
  mariadbd --no-defaults --datadir="$dir/data" --socket="$dir/sock" --port="$port" \
    --bind-address=127.0.0.1 --user="$user" --pid-file="$dir/pid" --log-error="$dir/err" \
    --skip-name-resolve --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --max-connections=500 >/dev/null 2>&1 &
  for _ in $(seq 1 600); do
    mariadb --no-defaults --socket="$dir/sock" -uroot -e 'SELECT 1' >/dev/null 2>&1 && break
    sleep 0.1
  done
  password="bench-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
  mariadb --no-defaults --socket="$dir/sock" -uroot -e "CREATE USER 'bench'@'127.0.0.1'
    IDENTIFIED BY '$password'; GRANT ALL PRIVILEGES ON *.* TO 'bench'@'127.0.0.1';
    CREATE DATABASE im_bench CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
  echo "export BENCH_DB_DIR=$dir BENCH_DB_PID=$(cat "$dir/pid")"
  echo "export BENCH_DB_ENV='--db-env DB_DRIVER=mariadb --db-env DB_HOST=127.0.0.1" \
    "--db-env DB_PORT=$port --db-env DB_USER=bench --db-env DB_PASS=$password" \
    "--db-env DB_NAME=im_bench'"
  echo "export BENCH_DB_SOCKET=$dir/sock"
  ;;
reset)
  # A fresh im_bench database between runs.
  mariadb --no-defaults --socket="$2/sock" -uroot -e 'DROP DATABASE IF EXISTS im_bench;
    CREATE DATABASE im_bench CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci'
  ;;
stop)
  # Read once: mariadbd removes its pid file as it exits.
  pid=$(cat "$2/pid")
  kill "$pid" && while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  rm -rf "$2"
  ;;
*)
  echo "usage: $0 start | reset <dir> | stop <dir>" >&2
  exit 2
  ;;
esac
