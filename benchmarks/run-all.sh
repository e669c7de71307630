#!/usr/bin/env bash
# Every comparison of issue 11, each figure beside its yardstick from the same run, in about 20 minutes (each server
# is loaded until its JIT has settled, about 45 s on one CPU, before it is measured: see the load driver's --jit-settle):
#
#   benchmarks/run-all.sh              build the two tools, then run all four comparisons
#   benchmarks/run-all.sh stores       one of them: stores | lamp | kestrel | outbox
#
# PostgreSQL is measured when CONNCTD_BENCH_POSTGRES holds a connection string (eng/postgres.sh start prints one
# of a throwaway server); otherwise the tables say "not measured". The header gives the machine, date and commit to
# copy into benchmarks/README.md with the tables. NO_BUILD=1 skips the build. DURATION, WARMUP, CONCURRENCY, THINGS, UPDATES and PHASE_LIMIT change the
# load (defaults below); each comparison stays under about two minutes with them.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-2s}"
CONCURRENCY="${CONCURRENCY:-16}"
THINGS="${THINGS:-100}"
UPDATES="${UPDATES:-10000}"
WHAT="${1:-all}"
case "$WHAT" in all|stores|lamp|kestrel|outbox) ;; *) echo "usage: $0 [all|stores|lamp|kestrel|outbox]" >&2; exit 2 ;; esac

LOAD=(dotnet run -c Release --no-build --project benchmarks/Connctd.Connector.Sdk.LoadDriver --
  --concurrency "$CONCURRENCY" --warmup "$WARMUP" --things "$THINGS")
OUTBOX=(dotnet run -c Release --no-build --project benchmarks/Connctd.Connector.Sdk.OutboxThroughput --)

echo "# connctd benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC')"
if [[ -n "${CONNCTD_BENCH_POSTGRES:-}" ]]; then POSTGRES=measured; else POSTGRES="not measured (CONNCTD_BENCH_POSTGRES is not set)"; fi
echo "commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src samples benchmarks || echo ' (with uncommitted changes)')," \
  "$(nproc) cores (nproc), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)," \
  ".NET SDK $(dotnet --version), PostgreSQL $POSTGRES"
echo

build() {
  local log
  log="$(mktemp)"
  dotnet build "$1" -c Release -v quiet -nologo >"$log" 2>&1 || { cat "$log"; rm -f "$log"; exit 1; }
  rm -f "$log"
}
if [[ -z "${NO_BUILD:-}" ]]; then
  build benchmarks/Connctd.Connector.Sdk.LoadDriver
  if [[ "$WHAT" == all || "$WHAT" == outbox ]]; then
    build benchmarks/Connctd.Connector.Sdk.OutboxThroughput
  fi
fi
echo

if [[ "$WHAT" == all || "$WHAT" == stores ]]; then
  echo "## stores: memory path, Kestrel baseline, SQLite, PostgreSQL (one run)"
  "${LOAD[@]}" --compare stores --duration "$DURATION"
  echo
fi

if [[ "$WHAT" == all || "$WHAT" == lamp ]]; then
  echo "## the Lamp sample's setOn (default SQLite store and outbox) beside the memory path (one run)"
  "${LOAD[@]}" --compare lamp --duration "$DURATION"
  echo
fi

if [[ "$WHAT" == all || "$WHAT" == kestrel ]]; then
  echo "## Kestrel host settings: memory path and POST /bench/noop under each (one run)"
  # Short loads after the JIT settled; KESTREL_ROUNDS=2 interleaves two rounds and reports medians (the variants are
  # minutes apart, and on a shared machine the first one measured otherwise pays for whatever the neighbours did then).
  "${LOAD[@]}" --kestrel default,inline-scheduling,inline-completions,no-server-header,inline-scheduling+inline-completions+no-server-header \
    --rounds "${KESTREL_ROUNDS:-1}" --warmup "${KESTREL_WARMUP:-1s}" --duration "${KESTREL_DURATION:-3s}"
  echo
fi

if [[ "$WHAT" == all || "$WHAT" == outbox ]]; then
  echo "## outbox: enqueue with 8 producers, drain to the loopback stub (SQLite, then PostgreSQL)"
  "${OUTBOX[@]}" --store all --no-slow --updates "$UPDATES" --phase-limit "${PHASE_LIMIT:-15s}"
  echo
fi
