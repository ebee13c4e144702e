#!/usr/bin/env bash
# Kafka MirrorMaker 2 (dedicated mode, org.apache.kafka.connect.mirror.MirrorMaker) of one
# dealer deployment, from the same Maven-fetched jars as the broker: the dealer's uplink topics
# to HQ, its downlink topics from HQ (deploy/kafka/mirror.properties.template).
#
# Usage: deploy/kafka/mirror.sh start|stop|status|render (render: only write the properties,
#        e.g. for docker-compose.dealer.yml, and print their path)
#
# Environment:
#   CRM_RUN_DIR              the dealer deployment's run folder (mirror/ goes under it)
#   CRM_DEALER_ID            e.g. dealer-sh-01 (its principal on HQ's cluster)
#   CRM_KAFKA_PORT           the dealer's own Kafka (127.0.0.1)
#   CRM_HQ_KAFKA_DEALERS     HQ's listener for dealers, host:port
#   CRM_HQ_KAFKA_CA          HQ's CA certificate (ca.pem from deploy/kafka/pki.sh)
#   CRM_HQ_KAFKA_PASSWORD_FILE  the dealer's SCRAM password (from deploy/kafka/dealer-access.sh)
#   CRM_KAFKA_LIBS           the jars (deploy/local/infra.sh kafka-libs)
#   CRM_MIRROR_EXACTLY_ONCE  disabled (default) | enabled (KIP-618; not yet seen to work here)
#   CRM_MIRROR_HEAP_OPTS     -Xmx384m
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
RUN_DIR="${CRM_RUN_DIR:-$REPO_ROOT/.run}"
DIR="$RUN_DIR/mirror"
PID_FILE="$DIR/mirror.pid"
PROPS="$DIR/mirror.properties"
LIBS="${CRM_KAFKA_LIBS:-$RUN_DIR/kafka/libs}"

die() { printf '[mirror] ERROR: %s\n' "$*" >&2; exit 1; }
log() { printf '[mirror] %s\n' "$*"; }

running_pid() {
  [[ -s $PID_FILE ]] || return 0
  local pid
  pid="$(tr -dc '0-9' <"$PID_FILE")"
  # Ours only: the pid must still be the MirrorMaker started with this run folder's config.
  if [[ -n $pid ]] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "MirrorMaker $PROPS"; then
    printf '%s' "$pid"
  fi
}

render() {
  local dealer="${CRM_DEALER_ID:?set CRM_DEALER_ID}" password
  password="$(tr -d '\n' <"${CRM_HQ_KAFKA_PASSWORD_FILE:?set CRM_HQ_KAFKA_PASSWORD_FILE}")"
  [[ -s ${CRM_HQ_KAFKA_CA:?set CRM_HQ_KAFKA_CA} ]] || die "no CA certificate at $CRM_HQ_KAFKA_CA"
  mkdir -p "$DIR" && chmod 700 "$DIR"
  (umask 077 && sed -e "s|\${DEALER_ID}|$dealer|g" \
    -e "s|\${DEALER_ID_RE}|${dealer//./\\\\.}|g" \
    -e "s|\${DEALER_BOOTSTRAP}|127.0.0.1:${CRM_KAFKA_PORT:?set CRM_KAFKA_PORT}|g" \
    -e "s|\${HQ_BOOTSTRAP}|${CRM_HQ_KAFKA_DEALERS:?set CRM_HQ_KAFKA_DEALERS}|g" \
    -e "s|\${HQ_PASSWORD}|$password|g" \
    -e "s|\${HQ_CA}|$CRM_HQ_KAFKA_CA|g" \
    -e "s|\${EXACTLY_ONCE}|${CRM_MIRROR_EXACTLY_ONCE:-disabled}|g" \
    -e "s|\${REPLICATION_FACTOR}|${CRM_KAFKA_REPLICATION_FACTOR:-1}|g" \
    "$SCRIPT_DIR/mirror.properties.template" >"$PROPS.tmp")
  mv "$PROPS.tmp" "$PROPS"
}

start() {
  local pid
  pid="$(running_pid)"
  if [[ -n $pid ]]; then log "MirrorMaker 2 already runs (pid $pid)"; return 0; fi
  compgen -G "$LIBS/connect-mirror-*.jar" >/dev/null ||
    die "no MirrorMaker 2 jars in $LIBS (deploy/local/infra.sh kafka-libs)"
  render
  mkdir -p "$DIR/logs"
  # shellcheck disable=SC2086
  setsid bash -c 'echo $$ >"$0"; exec java "${@}"' "$PID_FILE" \
    ${CRM_MIRROR_HEAP_OPTS:--Xmx384m -Xms128m} -Djava.awt.headless=true \
    -Dkafka.logs.dir="$DIR/logs" -Dlog4j2.configurationFile="file:$SCRIPT_DIR/log4j2.properties" \
    -cp "$LIBS/*" org.apache.kafka.connect.mirror.MirrorMaker "$PROPS" \
    >>"$DIR/logs/console.log" 2>&1 </dev/null &
  local deadline=$((SECONDS + 10))
  until [[ -n $(running_pid) ]]; do
    ((SECONDS < deadline)) || die "MirrorMaker 2 did not start (log: $DIR/logs/)"
    sleep 0.1
  done
  log "MirrorMaker 2 started (pid $(running_pid), log $DIR/logs/server.log)"
}

stop() {
  local pid deadline
  pid="$(running_pid)"
  if [[ -z $pid ]]; then log "MirrorMaker 2 not running"; rm -f "$PID_FILE"; return 0; fi
  kill -TERM "$pid"
  deadline=$((SECONDS + 30))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then kill -KILL "$pid" 2>/dev/null || true; fi
    sleep 0.1
  done
  rm -f "$PID_FILE"
  log "MirrorMaker 2 stopped (pid $pid)"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  render) render; echo "$PROPS" ;;
  status) pid="$(running_pid)"; if [[ -n $pid ]]; then echo "mirror:   running (pid $pid)"; else echo "mirror:   stopped"; fi ;;
  *) die "usage: $0 start|stop|status|render" ;;
esac
