#!/usr/bin/env bash
# The tools that check deploy/k8s without a cluster, from the Go module proxy:
#   kustomize (builds every overlay) into $CRM_RUN_DIR/tools/bin, and the upstream
#   CustomResourceDefinitions of CloudNativePG and KEDA (their modules carry config/crd/bases).
# Prints "name=path" lines: kustomize=…, cnpg-crds=…, keda-crds=….
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
