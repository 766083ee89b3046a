#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on loopback for the test suite and print its URL.
# Installs Debian's postgresql when it is missing. Usage: eval "$(.ci/postgres.sh start DIR)"
set -euo pipefail
action=${1:-start}
dir=${2:-/tmp/fogline-pg}
# a free loopback port unless one is given
port=${FOGLINE_PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
cd /  # the postgres user may not enter the caller's directory
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
    bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  else
    echo "echo 'PostgreSQL not installed: PostgreSQL tests will skip' >&2"
    exit 0
  fi
fi
run() {  # PostgreSQL refuses to run as root
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$action" in
  start)
    if [ ! -f "$dir/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" = 0 ] && chown postgres "$dir"
      run "$bindir/initdb" -D "$dir" -U fogline --auth=trust >/dev/null
    fi
    if ! run "$bindir/pg_ctl" -D "$dir" -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off" \
      -l "$dir/server.log" -w start >/dev/null; then
      echo "echo 'PostgreSQL did not start (see $dir/server.log): PostgreSQL tests will skip' >&2"
      exit 0
    fi
    run "$bindir/createdb" -h 127.0.0.1 -p "$port" -U fogline fogline_test 2>/dev/null || true
    echo "export FOGLINE_TEST_POSTGRES=postgresql+psycopg://fogline@127.0.0.1:$port/fogline_test"
    ;;
  stop)
    run "$bindir/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true
    ;;
esac
