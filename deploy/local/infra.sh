#!/usr/bin/env bash
# Local infrastructure for the CRM platform, without Docker:
#   PostgreSQL (private cluster, or reuse one already listening),
#   Redis (private daemon, or reuse), Apache Kafka 4.x in KRaft mode
#   (official jars fetched with Maven from deploy/kafka/pom.xml).
#
# Usage: deploy/local/infra.sh up|down|status|kafka-stop|kafka-start|kafka-libs
#
# Environment (defaults):
#   CRM_RUN_DIR               <repo>/.run   data, logs and pid files
#   CRM_PG_PORT               5432
#   CRM_PG_USER               crm       owner of the services' databases: creates and migrates them
#   CRM_PG_PASSWORD           crm
#   CRM_PG_APP_USER           crm_app   what the apis connect as: rows of the tenants their
#                                       requests declare only (crm_common.db.roles)
#   CRM_PG_APP_PASSWORD       crm
#   CRM_PG_SYSTEM_USER        crm_system  what the workers connect as: rows only, across tenants
#   CRM_PG_SYSTEM_PASSWORD    crm
#   CRM_REDIS_PORT            6379
#   CRM_KAFKA_PORT            9092
#   CRM_KAFKA_CONTROLLER_PORT 9093
#   CRM_KAFKA_HEAP_OPTS       -Xmx512m -Xms512m
#   CRM_KAFKA_START_TIMEOUT   120 (seconds)
#   CRM_KAFKA_DEALER_PORT     (unset) HQ's SASL_SSL listener for dealer deployments' MirrorMaker 2
#                             (deploy/kafka/dealer-listener.properties.template); with it the
#                             broker authorizes every request (StandardAuthorizer)
#   CRM_KAFKA_DEALER_HOST     127.0.0.1   address of that listener (and of its certificate)
#   CRM_KAFKA_LIBS            $CRM_RUN_DIR/kafka/libs   where the Maven-fetched jars go
#
# Everything listens on 127.0.0.1 only. `up` is idempotent: a component whose
# port already listens is reused. `down` stops only what this script started
# (identified through pid files in the run folder) and keeps all data.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
KAFKA_DEPLOY_DIR="$REPO_ROOT/deploy/kafka"

RUN_DIR="${CRM_RUN_DIR:-$REPO_ROOT/.run}"
PG_PORT="${CRM_PG_PORT:-5432}"
PG_USER="${CRM_PG_USER:-crm}"
PG_PASSWORD="${CRM_PG_PASSWORD:-crm}"
PG_APP_USER="${CRM_PG_APP_USER:-crm_app}"
PG_APP_PASSWORD="${CRM_PG_APP_PASSWORD:-crm}"
PG_SYSTEM_USER="${CRM_PG_SYSTEM_USER:-crm_system}"
PG_SYSTEM_PASSWORD="${CRM_PG_SYSTEM_PASSWORD:-crm}"
REDIS_PORT="${CRM_REDIS_PORT:-6379}"
KAFKA_PORT="${CRM_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${CRM_KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_DEALER_PORT="${CRM_KAFKA_DEALER_PORT:-}"
KAFKA_DEALER_HOST="${CRM_KAFKA_DEALER_HOST:-127.0.0.1}"
KAFKA_HEAP_OPTS="${CRM_KAFKA_HEAP_OPTS:--Xmx512m -Xms512m}"
KAFKA_START_TIMEOUT="${CRM_KAFKA_START_TIMEOUT:-120}"
KAFKA_STOP_TIMEOUT=30

LOG_DIR="$RUN_DIR/logs"
PG_DIR="$RUN_DIR/postgres"
PG_DATA="$PG_DIR/data"
PG_LOG="$LOG_DIR/postgres.log"
REDIS_DIR="$RUN_DIR/redis"
REDIS_PID="$REDIS_DIR/redis.pid"
REDIS_LOG="$LOG_DIR/redis.log"
KAFKA_DIR="$RUN_DIR/kafka"
KAFKA_LIBS="${CRM_KAFKA_LIBS:-$KAFKA_DIR/libs}"
KAFKA_PKI="$KAFKA_DIR/pki"
KAFKA_DATA="$KAFKA_DIR/data"
KAFKA_LOGS="$KAFKA_DIR/logs"
KAFKA_PROPS="$KAFKA_DIR/server.properties"
KAFKA_PID="$KAFKA_DIR/kafka.pid"
KAFKA_CONSOLE_LOG="$LOG_DIR/kafka.log"

# Unix socket directory of the private PostgreSQL cluster (path length is
# limited to ~107 bytes by the kernel, so fall back to /tmp for deep run dirs).
PG_SOCKET_DIR="$PG_DIR/socket"
if (( ${#PG_SOCKET_DIR} > 80 )); then
  PG_SOCKET_DIR="/tmp/crm-pg-socket-$(printf '%s' "$RUN_DIR" | sha256sum | cut -c1-12)"
fi

log() { printf '[infra] %s\n' "$*"; }
warn() { printf '[infra] WARNING: %s\n' "$*" >&2; }
die() { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }

is_root() { [[ $EUID -eq 0 ]]; }

# True when something accepts TCP connections on 127.0.0.1:$1.
port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

# True when process $1 exists and is not a zombie (an orphaned broker may sit
# unreaped for a moment under a container's init).
pid_alive() {
  local st
  kill -0 "$1" 2>/dev/null || return 1
  st="$(sed -n 's/^[0-9]* (.*) \([A-Z]\).*/\1/p' "/proc/$1/stat" 2>/dev/null || true)"
  [[ $st != Z ]]
}

# Pid from a pid file if that process is alive, else empty.
live_pid() {
  local f="$1" pid
  [[ -s $f ]] || return 0
  pid="$(tr -dc '0-9' <"$f")"
  if [[ -n $pid ]] && pid_alive "$pid"; then
    printf '%s' "$pid"
  fi
}

APT_UPDATED=0
apt_install() {
  is_root || die "need root to install $* (apt-get); install it manually and re-run"
  command -v apt-get >/dev/null || die "apt-get not found; install $* manually"
  export DEBIAN_FRONTEND=noninteractive
  if [[ $APT_UPDATED -eq 0 ]]; then
    log "apt-get update"
    mkdir -p "$LOG_DIR"
    if ! apt-get update -q >>"$LOG_DIR/apt.log" 2>&1; then
      tail -n 30 "$LOG_DIR/apt.log" >&2 || true
      die "apt-get update failed (log: $LOG_DIR/apt.log)"
    fi
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  if ! apt-get install -y -q --no-install-recommends "$@" >>"$LOG_DIR/apt.log" 2>&1 9>&-; then
    tail -n 30 "$LOG_DIR/apt.log" >&2 || true
    die "apt-get install $* failed (log: $LOG_DIR/apt.log)"
  fi
}

ensure_dirs() {
  mkdir -p "$RUN_DIR" "$LOG_DIR"
}

# ---------------------------------------------------------------- PostgreSQL

# Newest installed PostgreSQL server bin dir (one that has initdb), or empty.
pg_bindir() {
  local d
  # shellcheck disable=SC2012
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
    if [[ -x $d/initdb && -x $d/postgres ]]; then printf '%s' "$d"; return 0; fi
  done
}

psql_bin() {
  local d
  if command -v psql >/dev/null; then command -v psql; return; fi
  d="$(pg_bindir)"
  if [[ -n $d && -x $d/psql ]]; then printf '%s' "$d/psql"; fi
}

# Run a command as the PostgreSQL OS user (root: postgres; otherwise self).
as_pg() {
  if is_root; then
    (cd / && runuser -u postgres -- "$@" 9>&-)
  else
    (cd / && "$@" 9>&-)
  fi
}

pg_owner() { if is_root; then echo postgres; else id -un; fi; }

# Make every ancestor of $1 traversable for the postgres user.
pg_make_traversable() {
  local p="$1"
  is_root || return 0
  while [[ $p != / && -n $p ]]; do
    if ! runuser -u postgres -- test -x "$p" 2>/dev/null; then
      log "chmod o+x $p (so the postgres user can reach the run folder)"
      chmod o+x "$p"
    fi
    p="$(dirname "$p")"
  done
}

# The three roles log in; the owner may create databases, the app and system roles are plain
# login roles.
pg_login_ok() {
  local psql
  psql="$(psql_bin)"
  [[ -n $psql ]] || return 1
  PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=5 "$psql" -X -q -w -h 127.0.0.1 -p "$PG_PORT" \
    -U "$PG_USER" -d postgres -Atc \
    "select case when rolcreatedb or rolsuper then 'ok' end from pg_roles where rolname = current_user" \
    2>/dev/null | grep -qx ok || return 1
  local user password
  for user in "$PG_APP_USER" "$PG_SYSTEM_USER"; do
    password="$PG_APP_PASSWORD"
    [[ $user == "$PG_SYSTEM_USER" ]] && password="$PG_SYSTEM_PASSWORD"
    PGPASSWORD="$password" PGCONNECT_TIMEOUT=5 "$psql" -X -q -w -h 127.0.0.1 -p "$PG_PORT" \
      -U "$user" -d postgres -Atc \
      "select case when not (rolsuper or rolbypassrls or rolcreatedb or rolcreaterole) then 'ok' end from pg_roles where rolname = current_user" \
      2>/dev/null | grep -qx ok || return 1
  done
}

# Create/alter the owner, the app and the system role through a superuser connection on a unix
# socket (peer auth as the postgres OS user). $1 = socket dir.
pg_ensure_role_via_socket() {
  local sock="$1" psql
  psql="$(psql_bin)"
  [[ -n $psql ]] || return 1
  [[ -S $sock/.s.PGSQL.$PG_PORT ]] || return 1
  as_pg "$psql" -X -q -v ON_ERROR_STOP=1 -h "$sock" -p "$PG_PORT" -d postgres \
    -v role="$PG_USER" -v pw="$PG_PASSWORD" \
    -v app="$PG_APP_USER" -v app_pw="$PG_APP_PASSWORD" \
    -v system="$PG_SYSTEM_USER" -v system_pw="$PG_SYSTEM_PASSWORD" >/dev/null <<'SQL'
SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') AS missing \gset
\if :missing
CREATE ROLE :"role" LOGIN CREATEDB PASSWORD :'pw';
\else
ALTER ROLE :"role" LOGIN CREATEDB PASSWORD :'pw';
\endif
SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app') AS missing \gset
\if :missing
CREATE ROLE :"app" LOGIN PASSWORD :'app_pw';
\else
ALTER ROLE :"app" LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD :'app_pw';
\endif
SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'system') AS missing \gset
\if :missing
CREATE ROLE :"system" LOGIN PASSWORD :'system_pw';
\else
ALTER ROLE :"system" LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD :'system_pw';
\endif
SQL
}

# The socket folder of the PostgreSQL listening on $PG_PORT when another checkout started it (its
# run folder, not ours): its postmaster.pid says (line 4 the port, line 5 the socket folder).
# Roles added since it started (e.g. crm_system) are created through it.
pg_running_socket_dirs() {
  local data
  for data in $(ps -eo args | sed -n 's#^[^ ]*/postgres -D \([^ ]*\).*$#\1#p'); do
    [[ -r $data/postmaster.pid ]] || continue
    [[ $(sed -n 4p "$data/postmaster.pid") == "$PG_PORT" ]] && sed -n 5p "$data/postmaster.pid"
  done
  return 0
}

pg_ensure_role() {
  [[ -n $(psql_bin) ]] || apt_install postgresql-client
  if pg_login_ok; then return 0; fi
  local sock running
  running="$(pg_running_socket_dirs)"
  # shellcheck disable=SC2086 # the running server's socket folders, one word each
  for sock in "$PG_SOCKET_DIR" $running /var/run/postgresql /run/postgresql /tmp; do
    if pg_ensure_role_via_socket "$sock" 2>/dev/null && pg_login_ok; then
      log "PostgreSQL roles '$PG_USER' (LOGIN CREATEDB), '$PG_APP_USER' and '$PG_SYSTEM_USER' (LOGIN) created/updated (via $sock)"
      return 0
    fi
  done
  die "PostgreSQL listens on 127.0.0.1:$PG_PORT but role '$PG_USER', '$PG_APP_USER' or '$PG_SYSTEM_USER' cannot log in with
        the configured password and no superuser unix socket was usable to create them. Create them, e.g.:
          sudo -u postgres psql -p $PG_PORT -c \"CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '...'\"
          sudo -u postgres psql -p $PG_PORT -c \"CREATE ROLE $PG_APP_USER LOGIN PASSWORD '...'\"
          sudo -u postgres psql -p $PG_PORT -c \"CREATE ROLE $PG_SYSTEM_USER LOGIN PASSWORD '...'\"
        (and allow password auth for 127.0.0.1 in pg_hba.conf), or set CRM_PG_PORT to a free port."
}

pg_write_conf() {
  # Regenerated at every start so env changes (port, socket) apply.
  cat >"$PG_DATA/crm.conf" <<EOF
# Managed by deploy/local/infra.sh - regenerated at every start.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_SOCKET_DIR'
max_connections = 300
shared_buffers = 256MB
fsync = on
synchronous_commit = on
password_encryption = 'scram-sha-256'
logging_collector = off
log_min_messages = warning
log_line_prefix = '%m [%p] %q%u@%d '
EOF
  chown "$(pg_owner)" "$PG_DATA/crm.conf"
}

pg_init_cluster() {
  local bindir="$1" owner
  owner="$(pg_owner)"
  log "initdb private PostgreSQL cluster in $PG_DATA"
  mkdir -p "$PG_DATA"
  chmod 755 "$RUN_DIR" "$PG_DIR"
  chown "$owner" "$PG_DIR" "$PG_DATA"
  chmod 700 "$PG_DATA"
  pg_make_traversable "$PG_DIR"
  as_pg "$bindir/initdb" -D "$PG_DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=peer --auth-host=scram-sha-256 >"$PG_DIR/initdb.log" 2>&1 ||
    { cat "$PG_DIR/initdb.log" >&2; die "initdb failed"; }
  printf "\ninclude_if_exists = 'crm.conf'\n" >>"$PG_DATA/postgresql.conf"
  # pg_hba from initdb: local=peer, 127.0.0.1/32 + ::1 = scram-sha-256.
}

pg_start_private() {
  local bindir="$1" owner
  owner="$(pg_owner)"
  [[ -f $PG_DATA/PG_VERSION ]] || pg_init_cluster "$bindir"
  local ver
  ver="$(cat "$PG_DATA/PG_VERSION")"
  if [[ -x /usr/lib/postgresql/$ver/bin/pg_ctl ]]; then
    bindir="/usr/lib/postgresql/$ver/bin"
  elif [[ $ver != "$(basename "$(dirname "$bindir")")" ]]; then
    die "$PG_DATA was created by PostgreSQL $ver but only $bindir is installed
        (apt-get install postgresql-$ver, or remove $PG_DATA to re-create the cluster)"
  fi
  pg_make_traversable "$PG_DIR"
  mkdir -p "$PG_SOCKET_DIR"
  chown "$owner" "$PG_SOCKET_DIR"
  touch "$PG_LOG"
  chown "$owner" "$PG_LOG"
  pg_write_conf
  log "starting PostgreSQL $ver on 127.0.0.1:$PG_PORT"
  if ! as_pg "$bindir/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start >/dev/null; then
    tail -n 30 "$PG_LOG" >&2 || true
    die "PostgreSQL failed to start (log: $PG_LOG)"
  fi
  pg_ensure_role_via_socket "$PG_SOCKET_DIR" || die "could not create roles '$PG_USER', '$PG_APP_USER' and '$PG_SYSTEM_USER'"
  pg_login_ok || die "role '$PG_USER' cannot log in on 127.0.0.1:$PG_PORT (see $PG_LOG)"
}

# Pid of the private cluster's postmaster if running.
pg_private_pid() {
  [[ -f $PG_DATA/postmaster.pid ]] || return 0
  local pid
  pid="$(head -n1 "$PG_DATA/postmaster.pid" | tr -dc '0-9')"
  if [[ -n $pid ]] && pid_alive "$pid"; then printf '%s' "$pid"; fi
}

pg_up() {
  if port_open "$PG_PORT"; then
    log "PostgreSQL: port $PG_PORT already listens - reusing"
    pg_ensure_role
    return 0
  fi
  local bindir
  bindir="$(pg_bindir)"
  if [[ -z $bindir ]]; then
    apt_install postgresql
    bindir="$(pg_bindir)"
    [[ -n $bindir ]] || die "PostgreSQL server binaries still missing after apt-get install"
    # Debian's postinst may have created and started a "main" cluster.
    for _ in 1 2 3 4 5; do port_open "$PG_PORT" && break; sleep 1; done
    if port_open "$PG_PORT"; then
      log "PostgreSQL: the cluster started by apt listens on $PG_PORT - reusing"
      pg_ensure_role
      return 0
    fi
  fi
  pg_start_private "$bindir"
}

pg_down() {
  local pid bindir ver
  pid="$(pg_private_pid)"
  if [[ -z $pid ]]; then
    log "PostgreSQL: private cluster not running"
    return 0
  fi
  ver="$(cat "$PG_DATA/PG_VERSION")"
  bindir="/usr/lib/postgresql/$ver/bin"
  [[ -x $bindir/pg_ctl ]] || bindir="$(pg_bindir)"
  log "stopping PostgreSQL (pid $pid)"
  as_pg "$bindir/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null
}

pg_status() {
  local pid
  pid="$(pg_private_pid)"
  if [[ -n $pid ]]; then
    echo "postgres: running   127.0.0.1:$PG_PORT (private cluster $PG_DATA, pid $pid)"
  elif port_open "$PG_PORT"; then
    echo "postgres: running   127.0.0.1:$PG_PORT (external, not managed by infra.sh)"
  else
    echo "postgres: stopped"
  fi
}

# --------------------------------------------------------------------- Redis

redis_ping() {
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1; printf 'PING\r\n' >&3; IFS= read -r l <&3; [[ \$l == +PONG* ]]" \
    2>/dev/null
}

redis_up() {
  if port_open "$REDIS_PORT"; then
    log "Redis: port $REDIS_PORT already listens - reusing"
    redis_ping "$REDIS_PORT" || warn "something listens on $REDIS_PORT but does not answer PING"
    return 0
  fi
  if ! command -v redis-server >/dev/null; then
    apt_install redis-server
    command -v redis-server >/dev/null || die "redis-server still missing after apt-get install"
    for _ in 1 2 3; do port_open "$REDIS_PORT" && break; sleep 1; done
    if port_open "$REDIS_PORT"; then
      log "Redis: the server started by apt listens on $REDIS_PORT - reusing"
      return 0
    fi
  fi
  mkdir -p "$REDIS_DIR"
  log "starting Redis on 127.0.0.1:$REDIS_PORT"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --protected-mode yes \
    --dir "$REDIS_DIR" --pidfile "$REDIS_PID" --logfile "$REDIS_LOG" \
    --appendonly yes --appendfsync everysec --save '3600 1 300 100 60 10000' \
    --loglevel notice </dev/null >/dev/null 9>&-
  local deadline=$((SECONDS + 30))
  until redis_ping "$REDIS_PORT"; do
    if ((SECONDS > deadline)); then
      tail -n 20 "$REDIS_LOG" >&2 || true
      die "Redis did not answer PING within 30s (log: $REDIS_LOG)"
    fi
    sleep 0.2
  done
}

# Pid of the Redis started from this run folder (pid file + process name check).
redis_pid() {
  local pid
  pid="$(live_pid "$REDIS_PID")"
  if [[ -n $pid && $(cat "/proc/$pid/comm" 2>/dev/null) == redis-server* ]]; then
    printf '%s' "$pid"
  fi
}

redis_down() {
  local pid
  pid="$(redis_pid)"
  if [[ -z $pid ]]; then
    log "Redis: not started by infra.sh"
    return 0
  fi
  log "stopping Redis (pid $pid)"
  kill -TERM "$pid"
  wait_pid_exit "$pid" 30 || { warn "Redis did not stop in 30s, SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; }
  rm -f "$REDIS_PID"
}

redis_status() {
  local pid
  pid="$(redis_pid)"
  if [[ -n $pid ]]; then
    echo "redis:    running   127.0.0.1:$REDIS_PORT (managed, pid $pid)"
  elif port_open "$REDIS_PORT"; then
    echo "redis:    running   127.0.0.1:$REDIS_PORT (external, not managed by infra.sh)"
  else
    echo "redis:    stopped"
  fi
}

# --------------------------------------------------------------------- Kafka

# Wait until pid $1 is gone; $2 = timeout seconds. Returns 1 on timeout.
wait_pid_exit() {
  local pid="$1" deadline=$((SECONDS + $2))
  while pid_alive "$pid"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.1
  done
}

# True when pid $1 is the broker of this run folder (guards against a stale
# pid file whose pid was reused by another process).
is_our_kafka() {
  local cmd
  cmd="$({ tr '\0' ' ' <"/proc/$1/cmdline"; } 2>/dev/null || true)"
  [[ $cmd == *" kafka.Kafka $KAFKA_PROPS"* ]]
}

# Pid of the broker started from this run folder (pid file, else /proc scan).
kafka_pid() {
  local pid d
  pid="$(live_pid "$KAFKA_PID")"
  if [[ -n $pid ]] && is_our_kafka "$pid"; then printf '%s' "$pid"; return 0; fi
  for d in /proc/[0-9]*; do
    pid="${d#/proc/}"
    if is_our_kafka "$pid" && pid_alive "$pid"; then
      printf '%s' "$pid"
      return 0
    fi
  done
}

kafka_ensure_java() {
  command -v java >/dev/null && return 0
  apt_install openjdk-17-jre-headless
}

kafka_fetch_libs() {
  local pom="$KAFKA_DEPLOY_DIR/pom.xml" stamp="$KAFKA_LIBS/.pom.sha256" want
  want="$(sha256sum "$pom" | cut -d' ' -f1)"
  if compgen -G "$KAFKA_LIBS/kafka_2.13-*.jar" >/dev/null && [[ -f $stamp && $(cat "$stamp") == "$want" ]]; then
    return 0
  fi
  command -v mvn >/dev/null || apt_install maven
  log "fetching Kafka jars with Maven (deploy/kafka/pom.xml)"
  rm -rf "$KAFKA_LIBS.tmp"
  # Fully qualified goal: no plugin-prefix lookup, pinned plugin version.
  if ! mvn -q -B -f "$pom" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
    -DoutputDirectory="$KAFKA_LIBS.tmp" -DincludeScope=runtime \
    >"$LOG_DIR/kafka-maven.log" 2>&1; then
    tail -n 40 "$LOG_DIR/kafka-maven.log" >&2 || true
    die "Maven could not fetch the Kafka jars (log: $LOG_DIR/kafka-maven.log)"
  fi
  printf '%s\n' "$want" >"$KAFKA_LIBS.tmp/.pom.sha256"
  rm -rf "$KAFKA_LIBS"
  mv "$KAFKA_LIBS.tmp" "$KAFKA_LIBS"
}

kafka_java_opts() {
  # shellcheck disable=SC2206
  JAVA_OPTS=($KAFKA_HEAP_OPTS -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20
    -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent
    -Djava.awt.headless=true -Dkafka.logs.dir="$KAFKA_LOGS"
    -Dlog4j2.configurationFile="file:$KAFKA_DEPLOY_DIR/log4j2.properties"
    -cp "$KAFKA_LIBS/*")
}

kafka_render_props() {
  local templates=("$KAFKA_DEPLOY_DIR/server.properties.template") password=""
  if [[ -n $KAFKA_DEALER_PORT ]]; then
    "$KAFKA_DEPLOY_DIR/pki.sh" "$KAFKA_PKI" "$KAFKA_DEALER_HOST" localhost
    password="$(cat "$KAFKA_PKI/keystore.password")"
    templates+=("$KAFKA_DEPLOY_DIR/dealer-listener.properties.template")
  fi
  (umask 077 && cat "${templates[@]}" | sed -e "s|\${KAFKA_PORT}|$KAFKA_PORT|g" \
    -e "s|\${KAFKA_CONTROLLER_PORT}|$KAFKA_CONTROLLER_PORT|g" \
    -e "s|\${KAFKA_DATA_DIR}|$KAFKA_DATA|g" \
    -e "s|\${KAFKA_DEALER_PORT}|$KAFKA_DEALER_PORT|g" \
    -e "s|\${KAFKA_DEALER_HOST}|$KAFKA_DEALER_HOST|g" \
    -e "s|\${KAFKA_PKI_DIR}|$KAFKA_PKI|g" \
    -e "s|\${KAFKA_KEYSTORE_PASSWORD}|$password|g" >"$KAFKA_PROPS.tmp")
  mv "$KAFKA_PROPS.tmp" "$KAFKA_PROPS"
}

kafka_format() {
  [[ -f $KAFKA_DATA/meta.properties ]] && return 0
  local id
  # A Kafka cluster id is 16 random bytes, base64url without padding.
  id="$(head -c16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
  log "formatting Kafka storage (cluster id $id)"
  mkdir -p "$KAFKA_DATA"
  if ! java "${JAVA_OPTS[@]}" kafka.tools.StorageTool format -t "$id" -c "$KAFKA_PROPS" \
    >"$LOG_DIR/kafka-format.log" 2>&1; then
    cat "$LOG_DIR/kafka-format.log" >&2
    die "kafka StorageTool format failed"
  fi
}

kafka_start() {
  if port_open "$KAFKA_PORT"; then
    log "Kafka: port $KAFKA_PORT already listens - reusing"
    return 0
  fi
  if port_open "$KAFKA_CONTROLLER_PORT"; then
    die "Kafka controller port $KAFKA_CONTROLLER_PORT is already in use (set CRM_KAFKA_CONTROLLER_PORT)"
  fi
  local stale
  stale="$(kafka_pid)"
  if [[ -n $stale ]]; then
    # A broker of ours is alive but its port is closed: still starting or stopping.
    log "Kafka: broker pid $stale exists but port $KAFKA_PORT is closed - stopping it first"
    kafka_stop
  fi
  kafka_ensure_java
  mkdir -p "$KAFKA_DIR" "$KAFKA_DATA" "$KAFKA_LOGS"
  kafka_fetch_libs
  kafka_render_props
  kafka_java_opts
  kafka_format

  local server_log="$KAFKA_LOGS/server.log" offset=0
  [[ -f $server_log ]] && offset="$(stat -c %s "$server_log")"
  log "starting Kafka on 127.0.0.1:$KAFKA_PORT (controller $KAFKA_CONTROLLER_PORT${KAFKA_DEALER_PORT:+, dealers SASL_SSL $KAFKA_DEALER_HOST:$KAFKA_DEALER_PORT})"
  printf '\n===== %s start =====\n' "$(date -Is)" >>"$KAFKA_CONSOLE_LOG"
  rm -f "$KAFKA_PID"
  # setsid: own session, so the broker survives the caller's terminal / process
  # group. bash writes its own pid and execs java, keeping that pid.
  # shellcheck disable=SC2016
  setsid bash -c 'echo $$ >"$0"; exec nohup java "$@"' "$KAFKA_PID" \
    "${JAVA_OPTS[@]}" kafka.Kafka "$KAFKA_PROPS" >>"$KAFKA_CONSOLE_LOG" 2>&1 </dev/null 9>&- &
  local bg=$! deadline=$((SECONDS + KAFKA_START_TIMEOUT))
  while :; do
    if ! pid_alive "$bg" && [[ -z $(live_pid "$KAFKA_PID") ]]; then
      kafka_fail "the Kafka process exited during startup"
    fi
    if port_open "$KAFKA_PORT" && [[ -f $server_log ]]; then
      local size
      size="$(stat -c %s "$server_log")"
      ((size >= offset)) || offset=0 # rolled over
      # Not `grep -q`: under pipefail its early exit kills tail with SIGPIPE once the log is
      # larger than a pipe buffer, and the pipeline then fails although the line is there.
      if tail -c +"$((offset + 1))" "$server_log" | grep 'Kafka Server started' >/dev/null; then
        break
      fi
    fi
    ((SECONDS < deadline)) || kafka_fail "Kafka not ready within ${KAFKA_START_TIMEOUT}s"
    sleep 0.25
  done
  log "Kafka ready (pid $(live_pid "$KAFKA_PID"))"
}

kafka_fail() {
  {
    echo "---- tail of $KAFKA_CONSOLE_LOG"
    tail -n 20 "$KAFKA_CONSOLE_LOG" 2>/dev/null || true
    echo "---- tail of $KAFKA_LOGS/server.log"
    tail -n 40 "$KAFKA_LOGS/server.log" 2>/dev/null || true
  } >&2
  die "$1"
}

kafka_stop() {
  local pid
  pid="$(kafka_pid)"
  if [[ -z $pid ]]; then
    rm -f "$KAFKA_PID"
    if port_open "$KAFKA_PORT"; then
      warn "a Kafka on port $KAFKA_PORT was not started from $RUN_DIR - left alone"
    else
      log "Kafka: not running (nothing to stop)"
    fi
    return 0
  fi
  log "stopping Kafka (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_pid_exit "$pid" "$KAFKA_STOP_TIMEOUT"; then
    warn "Kafka did not stop within ${KAFKA_STOP_TIMEOUT}s - SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    wait_pid_exit "$pid" 10 || die "Kafka pid $pid survived SIGKILL"
  fi
  local deadline=$((SECONDS + 10))
  while port_open "$KAFKA_PORT" || port_open "$KAFKA_CONTROLLER_PORT"; do
    ((SECONDS < deadline)) || die "Kafka ports still open after the broker exited"
    sleep 0.1
  done
  rm -f "$KAFKA_PID"
  log "Kafka stopped"
}

kafka_status() {
  local pid
  pid="$(kafka_pid)"
  if [[ -n $pid ]] && port_open "$KAFKA_PORT"; then
    echo "kafka:    running   127.0.0.1:$KAFKA_PORT (managed, pid $pid, controller $KAFKA_CONTROLLER_PORT)"
  elif [[ -n $pid ]]; then
    echo "kafka:    starting/stopping (pid $pid, port $KAFKA_PORT closed)"
  elif port_open "$KAFKA_PORT"; then
    echo "kafka:    running   127.0.0.1:$KAFKA_PORT (external, not managed by infra.sh)"
  else
    echo "kafka:    stopped"
  fi
}

# ------------------------------------------------------------ document tools

# The quote PDF embeds WenQuanYi Micro Hei (CJK and Latin, Apache-2.0); the tests read PDFs back
# with poppler (pdftotext, pdftoppm, pdffonts).
documents_up() {
  local missing=()
  [[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]] || missing+=(fonts-wqy-microhei)
  command -v pdftoppm >/dev/null || missing+=(poppler-utils)
  if ((${#missing[@]})); then apt_install "${missing[@]}"; fi
}

# ---------------------------------------------------------------------- main

cmd_up() {
  local t0=$SECONDS
  ensure_dirs
  documents_up
  pg_up
  redis_up
  kafka_start
  echo
  echo "Local infrastructure is up (${RUN_DIR}, $((SECONDS - t0))s):"
  echo "  PostgreSQL  postgresql://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/postgres"
  echo "  Redis       redis://127.0.0.1:$REDIS_PORT/0"
  echo "  Kafka       127.0.0.1:$KAFKA_PORT"
}

cmd_down() {
  kafka_stop
  redis_down
  pg_down
  log "down (data kept in $RUN_DIR)"
}

cmd_status() {
  pg_status
  redis_status
  kafka_status
}

usage() {
  cat >&2 <<EOF
usage: $0 {up|down|status|kafka-start|kafka-stop}
  up           start (or reuse) PostgreSQL, Redis and Kafka
  down         stop what infra.sh started (data kept under \$CRM_RUN_DIR)
  status       show each component's state
  kafka-stop   stop only the Kafka broker (SIGTERM, SIGKILL after ${KAFKA_STOP_TIMEOUT}s)
  kafka-start  start only the Kafka broker and wait until it is ready
  kafka-libs   fetch the Kafka jars (broker, MirrorMaker 2, tools) if needed; print their folder
EOF
  exit 2
}

# Serialize mutating invocations (e.g. parallel test workers bouncing Kafka):
# a second caller waits until the first has finished (broker ready/stopped).
# Daemons are started with fd 9 closed so they do not inherit the lock.
take_lock() {
  ensure_dirs
  exec 9>"$RUN_DIR/.infra.lock"
  flock -w 300 9 || die "another infra.sh is still running (lock $RUN_DIR/.infra.lock)"
}

case "${1:-}" in
  up) take_lock; cmd_up ;;
  down) take_lock; cmd_down ;;
  status) cmd_status ;;
  kafka-start) take_lock; kafka_start ;;
  kafka-stop) take_lock; kafka_stop ;;
  kafka-libs) take_lock; kafka_ensure_java; mkdir -p "$(dirname "$KAFKA_LIBS")"; kafka_fetch_libs; echo "$KAFKA_LIBS" ;;
  *) usage ;;
esac
