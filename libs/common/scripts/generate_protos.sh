#!/usr/bin/env bash
# Regenerates the Python code of every .proto under crm_common/contracts/proto: messages and
# gRPC stubs (grpcio-tools) with their type stubs (mypy-protobuf). Never edit the output by hand.
# Run from anywhere: libs/common/scripts/generate_protos.sh
set -euo pipefail

SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/../src" && pwd)"
ROOT="$(cd "$SRC/../../.." && pwd)"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
BIN="$(dirname "$PY")"

cd "$SRC"
mapfile -t protos < <(find crm_common/contracts/proto -name '*.proto' | sort)
# Paths relative to src/, so the generated modules import each other as crm_common.contracts…
"$PY" -m grpc_tools.protoc -I . \
  --plugin=protoc-gen-mypy="$BIN/protoc-gen-mypy" \
  --plugin=protoc-gen-mypy_grpc="$BIN/protoc-gen-mypy_grpc" \
  --python_out=. --grpc_python_out=. --mypy_out=. --mypy_grpc_out=. \
  "${protos[@]}"
printf 'generated %s\n' "${protos[@]}"
