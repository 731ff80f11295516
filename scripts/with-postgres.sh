#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL server on loopback, then stops it.
# The server's URL is handed to the command in DIPWATCH_TEST_PG.
set -euo pipefail
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ]; then echo "with-postgres: no PostgreSQL server installed (run make test-deps)" >&2; exit 1; fi
port=${DIPWATCH_PG_PORT:-54329}
datadir=$(mktemp -d /tmp/dipwatch-pg.XXXXXX)
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$datadir"; as_pg=(runuser -u postgres --)
fi
"${as_pg[@]}" "$bindir/initdb" -D "$datadir" --auth=trust -U postgres -E UTF8 >/dev/null
"${as_pg[@]}" "$bindir/pg_ctl" -D "$datadir" -l "$datadir/log" -w \
  -o "-p $port -k $datadir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
stop() { "${as_pg[@]}" "$bindir/pg_ctl" -D "$datadir" -m fast stop >/dev/null 2>&1 || true; rm -rf "$datadir"; }
trap stop EXIT
"$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres dipwatch_test
export DIPWATCH_TEST_PG="postgresql+psycopg://postgres@127.0.0.1:$port/dipwatch_test"
"$@"
