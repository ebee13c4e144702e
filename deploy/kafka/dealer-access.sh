#!/usr/bin/env bash
# HQ side of a dealer deployment's link: the dealer's SCRAM-SHA-512 credential on HQ's Kafka and
# its ACLs (KRaft's StandardAuthorizer), with Kafka's own admin tools from the Maven-fetched jars.
#
# Usage: deploy/kafka/dealer-access.sh grant <dealer-id> [password-file]
#        deploy/kafka/dealer-access.sh revoke <dealer-id>
#
# What a dealer's principal User:<dealer-id> may do on HQ's cluster, and nothing else:
#   topics  <dealer-id>.*           create, write, read, describe: what its MirrorMaker 2 replicates
#                                   up (<dealer-id>.uplink.<topic>) and the state that MirrorMaker
#                                   keeps on HQ (<dealer-id>.mm2-{configs,offsets,status}.internal)
#   topics  downlink-<dealer-id>.*  read, describe: what HQ sends it (not "downlink.<id>": MirrorMaker
#                                   would take the <id> segment for a replica of the dealer's own)
#   groups  <dealer-id>.*           the consumer groups of that MirrorMaker
#   transactional ids <dealer-id>.*, connect-cluster-<dealer-id>.*: MirrorMaker's exactly-once
#                                   source tasks and the leader of its worker
# Another dealer's topics, HQ's own topics and its consumer groups stay out of reach.
#
# Environment: CRM_RUN_DIR, CRM_KAFKA_PORT (HQ's internal PLAINTEXT listener, 9092),
# CRM_KAFKA_LIBS. The password (random when no file is given) is kept in
# $CRM_RUN_DIR/dealers/<dealer-id>/hq-password (mode 600): hand it to the dealer with ca.pem.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
RUN_DIR="${CRM_RUN_DIR:-$REPO_ROOT/.run}"
BOOTSTRAP="127.0.0.1:${CRM_KAFKA_PORT:-9092}"
LIBS="${CRM_KAFKA_LIBS:-$RUN_DIR/kafka/libs}"

die() { printf '[dealer-access] ERROR: %s\n' "$*" >&2; exit 1; }
log() { printf '[dealer-access] %s\n' "$*"; }

ACTION="${1:-}"
DEALER="${2:-}"
[[ $DEALER =~ ^[a-z0-9][a-z0-9-]{1,48}$ ]] ||
  die "usage: $0 grant|revoke <dealer-id> [password-file] (dealer id: lower-case letters, digits, -)"
compgen -G "$LIBS/kafka-tools-*.jar" >/dev/null || die "no Kafka tools in $LIBS (deploy/local/infra.sh kafka-libs)"

tool() { java -Xmx256m -Dlog4j2.configurationFile="file:$SCRIPT_DIR/tools-log4j2.properties" -cp "$LIBS/*" "$@"; }

acl() { # --add|--remove, then the resource and operations
  tool org.apache.kafka.tools.AclCommand --bootstrap-server "$BOOTSTRAP" "$1" --force \
    --allow-principal "User:$DEALER" "${@:2}" >/dev/null
}

acls() { # --add|--remove: the four sets, in parallel (each is one JVM)
  local pids=() failed=0
  acl "$1" --resource-pattern-type prefixed --topic "$DEALER." \
    --operation Create --operation Write --operation Read --operation Describe \
    --operation DescribeConfigs & pids+=($!)
  acl "$1" --resource-pattern-type prefixed --topic "downlink-$DEALER." \
    --operation Read --operation Describe --operation DescribeConfigs & pids+=($!)
  acl "$1" --resource-pattern-type prefixed --group "$DEALER." \
    --operation Read --operation Describe & pids+=($!)
  acl "$1" --resource-pattern-type prefixed --transactional-id "$DEALER." \
    --transactional-id "connect-cluster-$DEALER." --operation Write --operation Describe & pids+=($!)
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
  ((failed == 0)) || die "kafka AclCommand failed"
}

case "$ACTION" in
  grant)
    dir="$RUN_DIR/dealers/$DEALER"
    mkdir -p "$dir" && chmod 700 "$dir"
    if [[ -n ${3:-} ]]; then
      (umask 077 && cp "$3" "$dir/hq-password")
    elif [[ ! -s $dir/hq-password ]]; then
      (umask 077 && openssl rand -hex 24 >"$dir/hq-password")
    fi
    password="$(tr -d '\n' <"$dir/hq-password")"
    # The credential: a salted SCRAM-SHA-512 verifier kept by the controller, never the password.
    tool kafka.admin.ConfigCommand --bootstrap-server "$BOOTSTRAP" --alter --entity-type users \
      --entity-name "$DEALER" --add-config "SCRAM-SHA-512=[iterations=8192,password=$password]" \
      >/dev/null &
    scram=$!
    acls --add
    wait "$scram" || die "kafka ConfigCommand (SCRAM credential) failed"
    log "granted $DEALER on $BOOTSTRAP (password in $dir/hq-password)"
    ;;
  revoke)
    acls --remove
    tool kafka.admin.ConfigCommand --bootstrap-server "$BOOTSTRAP" --alter --entity-type users \
      --entity-name "$DEALER" --delete-config SCRAM-SHA-512 >/dev/null
    log "revoked $DEALER on $BOOTSTRAP"
    ;;
  *) die "usage: $0 grant|revoke <dealer-id> [password-file]" ;;
esac
