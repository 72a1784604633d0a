#!/usr/bin/env bash
# A private PostgreSQL cluster in a directory, listening only on a Unix socket there (no TCP), for tests and
# scripts. The same layout as `switchboard serve`'s embedded default (EmbeddedPostgres), so either can reuse it.
#
#   ops/pg-cluster.sh start DIR   initdb on first use, start the server (reusing one already running there),
#                                 create the database "switchboard", print its connection URL on stdout
#   ops/pg-cluster.sh stop DIR    stop the server (fast shutdown: sessions are ended, data is kept)
#   ops/pg-cluster.sh url DIR     print the connection URL
#
# Layout: DIR/data (the cluster), DIR/.s.PGSQL.5432 (the socket, mode 0700), DIR/postgres.log.
# As root, the server runs as the unprivileged system user "postgres" (initdb and postgres refuse root).
# PG_BIN may name the directory of initdb/pg_ctl; by default the newest /usr/lib/postgresql/*/bin is used.
# Only messages go to stderr; stdout carries the URL alone, so `URL=$(ops/pg-cluster.sh start DIR)` works.
set -euo pipefail

readonly DATABASE=switchboard
readonly SUPERUSER=postgres
readonly PORT=5432

die() { printf 'pg-cluster: %s\n' "$*" >&2; exit 1; }
note() { printf 'pg-cluster: %s\n' "$*" >&2; }

usage() { die "usage: $0 start|stop|url DIR"; }
[ $# -eq 2 ] || usage
command=$1
mkdir -p "$2"
DIR=$(cd "$2" && pwd -P)
DATA=$DIR/data
SOCKET=$DIR/.s.PGSQL.$PORT

find_binaries() {
    if [ -n "${PG_BIN:-}" ]; then
        BIN=$PG_BIN
    else
        BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    fi
    if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ] || [ ! -x "$BIN/pg_ctl" ] || [ ! -x "$BIN/postgres" ]; then
        die "PostgreSQL server binaries not found; install them: apt-get install postgresql"
    fi
}

# Runs a command as the cluster's owner: the "postgres" user when we are root, else ourselves.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u "$SUPERUSER" -- "$@"
    else
        "$@"
    fi
}

# postgresql://postgres@/switchboard?host=<DIR, percent-encoded>
connection_url() {
    local encoded="" char i
    for ((i = 0; i < ${#DIR}; i++)); do
        char=${DIR:i:1}
        case $char in
            [A-Za-z0-9._~/-]) encoded+=$char ;;
            *) encoded+=$(printf '%%%02X' "'$char") ;;
        esac
    done
    printf 'postgresql://%s@/%s?host=%s\n' "$SUPERUSER" "$DATABASE" "$encoded"
}

# True when the server recorded in postmaster.pid is alive and serving this data directory (a postmaster
# works in its data directory; a recycled PID belongs to some other process).
server_running() {
    [ -f "$DATA/postmaster.pid" ] || return 1
    local pid
    pid=$(head -n 1 "$DATA/postmaster.pid")
    [ -n "$pid" ] && [ -d "/proc/$pid" ] || return 1
    [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" = "$DATA" ]
}

prepare_directory() {
    # A socket path longer than sun_path (107 bytes) cannot be bound.
    [ ${#SOCKET} -le 107 ] || die "the socket path $SOCKET is longer than 107 bytes; choose a shorter directory"
    if [ "$(id -u)" -eq 0 ]; then
        id "$SUPERUSER" >/dev/null 2>&1 || die "running as root needs the system user $SUPERUSER (apt-get install postgresql creates it)"
        chown -R "$SUPERUSER:" "$DIR"
        runuser -u "$SUPERUSER" -- test -w "$DIR" \
            || die "the $SUPERUSER user cannot reach $DIR (a parent directory is closed to it); choose another directory"
    fi
    chmod 700 "$DIR"
}

initialize() {
    [ -f "$DATA/PG_VERSION" ] && return 0
    note "initializing a PostgreSQL cluster in $DATA"
    rm -rf "$DATA"
    if ! as_owner "$BIN/initdb" -D "$DATA" -U "$SUPERUSER" -E UTF8 --locale=C \
        --auth-local=trust --auth-host=reject >"$DIR/initdb.log" 2>&1; then
        cat "$DIR/initdb.log" >&2
        die "initdb failed"
    fi
    # Local socket connections only, trusted: the socket's 0700 mode is what keeps other users out.
    printf 'local all all trust\n' | as_owner tee "$DATA/pg_hba.conf" >/dev/null
    printf "\ninclude_if_exists 'switchboard.conf'\n" | as_owner tee -a "$DATA/postgresql.conf" >/dev/null
}

# Written at every start, so that a moved directory still gets its socket in the right place.
write_settings() {
    local quoted=${DIR//\'/\'\'}
    as_owner tee "$DATA/switchboard.conf" >/dev/null <<EOF
# Written by Switchboard at each start; changes here are overwritten.
listen_addresses = ''
unix_socket_directories = '$quoted'
unix_socket_permissions = 0700
port = $PORT
EOF
}

start() {
    find_binaries
    prepare_directory
    initialize
    if server_running; then
        note "PostgreSQL is already running in $DATA"
    else
        # Left by a server that did not shut down (killed, machine restarted): postgres would refuse to start
        # if the recorded PID now belongs to another process.
        rm -f "$DATA/postmaster.pid" "$SOCKET" "$SOCKET.lock"
        write_settings
        if ! as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DIR/postgres.log" -w -t 60 -s start >&2; then
            tail -n 20 "$DIR/postgres.log" >&2 || true
            die "PostgreSQL did not start; the log is $DIR/postgres.log"
        fi
    fi
    local exists
    exists=$(as_owner "$BIN/psql" -X -q -h "$DIR" -p "$PORT" -U "$SUPERUSER" -d postgres -tA \
        -c "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")
    if [ "$exists" != 1 ]; then
        as_owner "$BIN/createdb" -h "$DIR" -p "$PORT" -U "$SUPERUSER" "$DATABASE"
    fi
    connection_url
}

stop() {
    [ -f "$DATA/PG_VERSION" ] || return 0
    find_binaries
    if server_running; then
        as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w -t 60 -s stop >&2
    fi
}

case $command in
    start) start ;;
    stop) stop ;;
    url) connection_url ;;
    *) usage ;;
esac
