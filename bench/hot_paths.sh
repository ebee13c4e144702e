#!/usr/bin/env bash
# Issue 23's hot paths, two revisions side by side on one machine, interleaved target by target
# (before, after, before, after ...), so a drift of the machine's speed hits both alike.
#
#   bench/hot_paths.sh BEFORE_REV AFTER_REV [--repeat N] [--with-commission] [--quick]
#                      [--only create_cpu|creates|claims|events|import|commission] [--creates N]
#
# Each revision is extracted (git archive, nothing added to the repository's worktrees) under
# $HOT_PATHS_DIR (default /tmp/hot-paths) with a virtual environment of its own (uv sync
# --frozen, from uv's cache), and runs its own bench/ scripts against the running
# infrastructure (PostgreSQL, Kafka, Redis on their standard ports):
#   0. create_cpu bench/leads/create_cpu.py --creates 800 --fresh (this checkout's script, run
#                with each revision's code): the leads api's own CPU per create, in process
#   1. creates   bench/leads/creates.py --creates 3000 --clients 8
#   2. claims    bench/leads/claims.py --leads 1000 --claimants-per-lead 5 --concurrency 5 (this
#                checkout's script, run with each revision's code: CPU per claim of the api and
#                of the database's backends), plus the ERROR lines PostgreSQL logged meanwhile
#   3. events    bench/events/run.py --rate 1000 --seconds 15
#   4. import    bench/leads_import/run.py --rows 100000 (fully processed: kpi has every fact)
#   5. commission (only with --with-commission: ~2 min per revision, populate included)
#                bench/kpi/commission_run.py --consultants 10000 --deals 1000000
# About 4-5 minutes per revision without the commission run on the 2-core machine. Every run's
# JSON line goes to $HOT_PATHS_DIR/results.jsonl (tagged with revision and target), its
# stderr to $HOT_PATHS_DIR/<target>-<rev>.log; a table of the figures is printed at the end.
# --quick: small runs (a smoke test of this script, not a measurement); --only: that target
# alone; --creates N: creates per run (3000).
set -euo pipefail

usage() {
  sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
}
[[ $# -ge 2 ]] || usage
BEFORE="$1" AFTER="$2"
shift 2
REPEAT=1 COMMISSION=0 QUICK=0 ONLY="" CREATE_COUNT=3000
while [[ $# -gt 0 ]]; do
  case "$1" in
    --repeat) REPEAT="$2"; shift 2 ;;
    --with-commission) COMMISSION=1; shift ;;
    --quick) QUICK=1; shift ;;
    --only) ONLY="$2"; shift 2 ;;
    --creates) CREATE_COUNT="$2"; shift 2 ;;
    *) usage ;;
  esac
done

ROOT="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
WORK="${HOT_PATHS_DIR:-/tmp/hot-paths}"
mkdir -p "$WORK"
RESULTS="$WORK/results.jsonl"
: >"$RESULTS"
UV="$(command -v uv || true)"
for candidate in "$ROOT/.run/tools/bin/uv" /work/main/.run/tools/bin/uv; do
  [[ -n "$UV" ]] && break
  [[ -x "$candidate" ]] && UV="$candidate"
done
[[ -n "$UV" ]] || { echo "no uv found (run ./platform test once to install it)" >&2; exit 1; }

log() { printf '[hot-paths %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# The PostgreSQL server's log: its stderr (deploy/local/infra.sh starts it with pg_ctl -l).
pg_log() {
  local pid
  pid="$(pgrep -o -f 'bin/postgres -D' || true)"
  [[ -n "$pid" ]] && readlink "/proc/$pid/fd/2" 2>/dev/null || true
}
PG_LOG="$(pg_log)"

declare -A DIR
prepare() {
  local rev="$1" sha dir
  sha="$(git -C "$ROOT" rev-parse --short=10 "$rev^{commit}")"
  dir="$WORK/$sha"
  if [[ ! -x "$dir/.venv/bin/python" ]]; then
    log "extracting $rev ($sha) into $dir"
    rm -rf "$dir" && mkdir -p "$dir"
    git -C "$ROOT" archive "$sha" | tar -x -C "$dir"
    UV_PYTHON_DOWNLOADS=never UV_PYTHON="$(command -v python3)" \
      "$UV" sync --frozen --all-packages --quiet --project "$dir"
  fi
  DIR[$rev]="$dir"
}

# run REV TARGET ARGS...: one benchmark of REV's checkout; its JSON line, tagged, to RESULTS.
run() {
  local rev="$1" target="$2" dir line errors_before errors_after extra="{}"
  shift 2
  [[ -z "$ONLY" || "$ONLY" == "$target" ]] || return 0
  dir="${DIR[$rev]}"
  log "$target of $rev"
  errors_before=0
  [[ -r "$PG_LOG" ]] && errors_before="$(wc -l <"$PG_LOG")"
  if ! line="$(cd "$dir" && .venv/bin/python "$@" 2>>"$WORK/$target-${dir##*/}.log" | tail -n 1)"; then
    log "$target of $rev failed: see $WORK/$target-${dir##*/}.log"
    line='{"failed": true}'
  fi
  if [[ "$target" == claims && -r "$PG_LOG" ]]; then
    errors_after="$(tail -n +"$((errors_before + 1))" "$PG_LOG" | grep -c '@crm_bench_claims ERROR:' || true)"
    extra="{\"errors_in_postgres_log\": $errors_after}"
  fi
  "${DIR[$AFTER]}/.venv/bin/python" -c '
import json, sys
line, extra, rev, target = sys.argv[1:5]
try:
    figures = json.loads(line)
except ValueError:
    figures = {"failed": True, "output": line[-300:]}
print(json.dumps({"rev": rev, "target": target, **figures, **json.loads(extra)}))
' "$line" "$extra" "$rev" "$target" >>"$RESULTS"
}

prepare "$BEFORE"
prepare "$AFTER"

CREATE_CPU=("$ROOT/bench/leads/create_cpu.py" --fresh --creates 800)
if [[ $QUICK == 1 ]]; then
  CREATE_CPU=("$ROOT/bench/leads/create_cpu.py" --fresh --creates 80)
  CREATES=(bench/leads/creates.py --creates 200 --clients 8 --warmup 2)
  CLAIMS=("$ROOT/bench/leads/claims.py" --leads 40 --claimants-per-lead 5 --concurrency 5)
  EVENTS=(bench/events/run.py --rate 200 --seconds 3)
  IMPORT=(bench/leads_import/run.py --rows 3000)
  COMMISSIONS=(bench/kpi/commission_run.py --consultants 200 --deals 10000)
else
  CREATES=(bench/leads/creates.py --creates "$CREATE_COUNT" --clients 8)
  CLAIMS=("$ROOT/bench/leads/claims.py" --leads 1000 --claimants-per-lead 5 --concurrency 5)
  EVENTS=(bench/events/run.py --rate 1000 --seconds 15)
  IMPORT=(bench/leads_import/run.py --rows 100000)
  COMMISSIONS=(bench/kpi/commission_run.py --consultants 10000 --deals 1000000)
fi

started=$SECONDS
for ((round = 1; round <= REPEAT; round++)); do
  for rev in "$BEFORE" "$AFTER"; do run "$rev" create_cpu "${CREATE_CPU[@]}"; done
  for rev in "$BEFORE" "$AFTER"; do run "$rev" creates "${CREATES[@]}"; done
  for rev in "$BEFORE" "$AFTER"; do run "$rev" claims "${CLAIMS[@]}"; done
  for rev in "$BEFORE" "$AFTER"; do run "$rev" events "${EVENTS[@]}"; done
  for rev in "$BEFORE" "$AFTER"; do run "$rev" import "${IMPORT[@]}"; done
  if [[ $COMMISSION == 1 || "$ONLY" == commission ]]; then
    for rev in "$BEFORE" "$AFTER"; do run "$rev" commission "${COMMISSIONS[@]}"; done
  fi
done
log "done in $((SECONDS - started)) s; every figure in $RESULTS"

"${DIR[$AFTER]}/.venv/bin/python" - "$RESULTS" <<'EOF'
import json, sys

SHOWN = {
    "create_cpu": ["cpu_ms_per_create", "postgres_cpu_ms_per_create", "created", "wall_s"],
    "creates": ["creates_per_s", "p50_ms", "p99_ms", "reached_kpi_per_s", "cpu_ms_per_create",
                "statuses"],
    "claims": ["claims_per_s", "cpu_ms_per_claim", "p50_ms", "p99_ms", "won_p99_ms", "lost_p99_ms",
               "leads_with_exactly_one_winner", "leads_with_more_than_one_winner",
               "errors_in_postgres_log", "statuses"],
    "events": ["writes_per_s", "events_per_s", "p50_ms", "p99_ms", "max_ms", "delivered"],
    "import": ["processed_per_s", "imported_per_s", "accepted_per_s", "rows_created"],
    "commission": ["november_s", "rerun_s", "october_s", "november_lines", "november_total"],
}
for line in open(sys.argv[1]):
    run = json.loads(line)
    keys = SHOWN.get(run["target"], [])
    figures = ", ".join(f"{k} {run[k]}" for k in keys if k in run)
    if run.get("failed"):
        figures = "FAILED " + run.get("output", "")
    print(f"{run['target']:<10} {run['rev']:<12} {figures}")
EOF
