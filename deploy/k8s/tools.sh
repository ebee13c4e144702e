#!/usr/bin/env bash
# The tools that check deploy/k8s without a cluster, from the Go module proxy:
#   kustomize (builds every overlay) into $CRM_RUN_DIR/tools/bin, and the upstream
#   CustomResourceDefinitions of CloudNativePG and KEDA (their modules carry config/crd/bases);
# and Strimzi's, written by Strimzi's own CRD generator from its API model (both from Maven
# Central, strimzi-crds.pom.xml), into $CRM_RUN_DIR/tools/strimzi-crds.
# Prints "name=path" lines: kustomize=…, cnpg-crds=…, keda-crds=…, strimzi-crds=….
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN="${CRM_RUN_DIR:-$ROOT/.run}"
KUSTOMIZE_VERSION=v5.7.1
CNPG_VERSION=v1.27.1
KEDA_VERSION=v2.18.0
command -v go >/dev/null || { echo "go is needed to fetch kustomize and the CRDs (Go module proxy)" >&2; exit 1; }
export GOFLAGS=-mod=mod GOTOOLCHAIN=local
bin="$RUN/tools/bin"
mkdir -p "$bin"
if [[ "$("$bin/kustomize" version 2>/dev/null)" != "$KUSTOMIZE_VERSION" ]]; then
  GOBIN="$bin" go install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION" >&2
fi
module_dir() { go mod download -json "$1@$2" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p'; }
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cd "$work" && go mod init crm-k8s-tools >/dev/null 2>&1
echo "kustomize=$bin/kustomize"
echo "cnpg-crds=$(module_dir github.com/cloudnative-pg/cloudnative-pg "$CNPG_VERSION")/config/crd/bases"
echo "keda-crds=$(module_dir github.com/kedacore/keda/v2 "$KEDA_VERSION")/config/crd/bases"

# The kinds the overlays use (StrimziPodSet and the rest are the operator's own).
strimzi_kinds=(
  kafka.Kafka nodepool.KafkaNodePool topic.KafkaTopic user.KafkaUser
  mirrormaker2.KafkaMirrorMaker2
)
strimzi="$RUN/tools/strimzi-crds"
pom="$ROOT/deploy/k8s/strimzi-crds.pom.xml"
want="$(sha256sum "$pom" | cut -d' ' -f1)"
if [[ "$(cat "$strimzi/.pom.sha256" 2>/dev/null)" != "$want" ]]; then
  command -v mvn >/dev/null || { echo "mvn is needed to fetch Strimzi's API model" >&2; exit 1; }
  rm -rf "$strimzi.tmp" && mkdir -p "$strimzi.tmp"
  # Fully qualified goal: no plugin-prefix lookup, pinned plugin version.
  mvn -q -B -Dstyle.color=never -f "$pom" \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.outputFile="$strimzi.tmp/classpath" >&2
  targets=()
  for kind in "${strimzi_kinds[@]}"; do
    targets+=("io.strimzi.api.kafka.model.$kind=$strimzi.tmp/${kind#*.}.yaml")
  done
  java -cp "$(cat "$strimzi.tmp/classpath")" io.strimzi.crdgenerator.CrdGenerator \
    --crd-api-version v1 --api-versions v1beta2 --storage-version v1beta2 --yaml \
    "${targets[@]}" 2>&1 >/dev/null | { grep -v '^SLF4J' || true; } >&2
  printf '%s\n' "$want" >"$strimzi.tmp/.pom.sha256"
  rm -rf "$strimzi" && mv "$strimzi.tmp" "$strimzi"
fi
echo "strimzi-crds=$strimzi"
