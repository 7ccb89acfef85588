#!/usr/bin/env bash
# Keyhold's benchmark suite (issue 5), one command:
#   bench/run.sh            full run (15 to 20 minutes on 2 cores), writes docs/benchmarks.md
#   bench/run.sh --smoke    a few seconds per scenario, writes target/bench/benchmarks-smoke.md; exits non-zero if
#                           any scenario had an error or could not run
#   --profile               also records the server with JFR (target/bench/server.jfr)
#   bench/run.sh --soak [duration] [--h2]
#                           the soak test alone (default 10m; also 600, 600s, 1h): 8 clients run a mixed workload
#                           against one fresh server on PostgreSQL (on H2 with --h2), memory sampled with jcmd: a
#                           warm-up of 2 to 8 minutes that ends once RSS grew by at most 1% in a minute, then the
#                           duration; writes docs/soak.md (docs/soak-h2.md) and exits non-zero on any error or when the post-GC heap or
#                           the RSS at the end is more than 110% of its figure after the warm-up. --smoke includes a
#                           60 s soak (20 s warm-up, memory not checked).
# PostgreSQL: BENCH_POSTGRES_URL (default jdbc:postgresql://127.0.0.1:5432/test), BENCH_POSTGRES_USER (postgres),
# BENCH_POSTGRES_PASSWORD (empty). A fresh schema is made for the run and dropped afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

log() { printf 'bench/run.sh: %s\n' "$*" >&2; }

smoke=false
profile=false
soak=
h2=false
args_in=("$@")
for ((i = 0; i < ${#args_in[@]}; i++)); do
  arg=${args_in[$i]}
  case "$arg" in
    --smoke) smoke=true ;;
    --profile) profile=true ;;
    --soak)
      soak=10m
      next=${args_in[$((i + 1))]:-}
      if [ -n "$next" ] && [ "${next#--}" = "$next" ]; then soak=$next; i=$((i + 1)); fi ;;
    --h2) h2=true ;;
    *) log "unknown option $arg (use --smoke, --profile, or --soak [duration] [--h2])"; exit 2 ;;
  esac
done
if [ -n "$soak" ] && { [ "$smoke" = true ] || [ "$profile" = true ]; }; then
  log "--soak runs alone; --smoke already includes a short soak"; exit 2
fi
if [ "$h2" = true ] && [ -z "$soak" ]; then log "--h2 goes with --soak"; exit 2; fi

command -v openssl >/dev/null 2>&1 || {
  log "installing openssl (the baseline runs it)"
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq openssl >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq openssl >/dev/null; fi
}

pg_url="${BENCH_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/test}"
pg_user="${BENCH_POSTGRES_USER:-postgres}"
pg_password="${BENCH_POSTGRES_PASSWORD:-}"
schema="kh_bench_$(date -u +%Y%m%d%H%M%S)_$$"

out_dir="$root/target/bench"
if [ -n "$soak" ] && [ "$h2" = true ]; then report="$root/docs/soak-h2.md"; json="$out_dir/soak-h2.json"
elif [ -n "$soak" ]; then report="$root/docs/soak.md"; json="$out_dir/soak.json"
elif [ "$smoke" = true ]; then report="$out_dir/benchmarks-smoke.md"; json="$out_dir/results.json"
else report="$root/docs/benchmarks.md"; json="$out_dir/results.json"; fi
mkdir -p "$out_dir"

# --- the service jar (built when missing) and the bench driver ------------------------------------------------
# NOTE: a plain `jar` goal leaves a small jar without BOOT-INF/lib; only the repackaged one (tens of MB) runs
if [ ! -f target/keyhold.jar ] || [ "$(stat -c %s target/keyhold.jar)" -lt 10000000 ]; then
  log "building target/keyhold.jar"
  ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package
fi
log "building the bench driver (bench/pom.xml)"
./mvnw -q -B -f bench/pom.xml package

# --- run; the driver starts and stops every server itself -----------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/keyhold-bench.XXXXXX")
driver_pid=
cleanup() {
  status=$?
  if [ -n "$driver_pid" ] && kill -0 "$driver_pid" 2>/dev/null; then kill "$driver_pid" 2>/dev/null || true; fi
  # any server the driver left behind (it stops them itself; this covers a killed driver)
  for pidfile in "$work"/logs/*.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    # only a server of this run: the pid file is removed when the driver stops it, and the command line must match
    grep -q "$root/target/keyhold.jar" "/proc/$pid/cmdline" 2>/dev/null || continue
    kill "$pid" 2>/dev/null || continue
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if command -v psql >/dev/null 2>&1; then
    host_port_db=${pg_url#jdbc:postgresql://}
    PGPASSWORD="$pg_password" psql -q "postgresql://$pg_user@${host_port_db%%\?*}" \
      -c "drop schema if exists $schema cascade" -c "drop schema if exists ${schema}_soak cascade" \
      >/dev/null 2>&1 || log "could not drop schema $schema"
  fi
  if [ "$status" -eq 0 ]; then rm -rf "$work"; else log "kept $work (server logs in $work/logs)"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

args=(--jar "$root/target/keyhold.jar" --work "$work" --out "$report" --json "$json"
  --notes "$root/bench/notes.md" --schema "$schema" --pg-url "$pg_url" --pg-user "$pg_user"
  --commit "$(git rev-parse HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
  --command "bench/run.sh${*:+ $*}")
# NOTE: the password goes by environment, not on a command line that `ps` shows
export BENCH_POSTGRES_PASSWORD="$pg_password"
[ "$smoke" = true ] && args+=(--smoke)
[ "$profile" = true ] && args+=(--profile)
[ -n "$soak" ] && args+=(--soak "$soak")
[ "$h2" = true ] && args+=(--h2)

log "schema $schema, work dir $work, report $report"
java -cp "bench/target/classes:bench/target/lib/*" dev.keyhold.bench.Bench "${args[@]}" &
driver_pid=$!
wait "$driver_pid"
