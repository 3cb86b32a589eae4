#!/usr/bin/env bash
# Parlor socket load benchmark runner.
#
# Builds `parlor` (Release, build-bench/), and for each scenario starts a
# fresh `parlor serve --test-mode` on a free 127.0.0.1 port with a temporary
# data dir, runs load.mjs against it, stops it, and prints a results table.
# Loopback only; every step is bounded in time; whatever it started is
# stopped on exit (by PID).
#
#   bench/load/run.sh                        # target sizes
#   bench/load/run.sh --sockets 4000 --subs 500 --rate 50 --hold 40
#   bench/load/run.sh --only fanout --skip-build
#
# Options (defaults in brackets):
#   --sockets N       idle: sockets in total [16000]
#   --idle-procs N    idle: worker processes [4]
#   --per-topic N     idle: sockets per conformance:idle:* topic [1]
#   --hold SEC        idle: hold time after the ramp [70]
#   --subs N          fanout: subscriber sockets on one topic [1000]
#   --fan-procs N     fanout: subscriber worker processes [2]
#   --rate N[,N..]    fanout: broadcasts per second; a list measures each rate
#                     in turn on the same subscribers [50,100,200]
#   --warmup SEC      fanout: publish this long before measuring [3]
#   --duration SEC    fanout: measurement window per rate [10]
#   --pad BYTES       fanout: extra bytes per broadcast payload [0]
#   --threads N       server I/O threads [server default: one per core]
#   --only idle|fanout   run one scenario
#   --skip-build      use the existing build-bench/src/app/parlor
#   --parlor PATH     use this binary (implies --skip-build)
#   --out DIR         keep the JSON results and server logs in DIR
#   --nice N          run the server and the load under `nice -n N` [0]; a
#                     negative N (root) is a diagnostic for a shared machine:
#                     it shows how much of the latency is other people's load
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BUILD_DIR="$ROOT/build-bench"

SOCKETS=16000 IDLE_PROCS=4 PER_TOPIC=1 HOLD=70
SUBS=1000 FAN_PROCS=2 RATE=50,100,200 WARMUP=3 DURATION=10 PAD=0
THREADS="" ONLY="" SKIP_BUILD=0 PARLOR="" OUT="" NICE=0
RAMP_TIMEOUT=240

while [[ $# -gt 0 ]]; do
  case "$1" in
    --sockets) SOCKETS="$2"; shift 2 ;;
    --idle-procs) IDLE_PROCS="$2"; shift 2 ;;
    --per-topic) PER_TOPIC="$2"; shift 2 ;;
    --hold) HOLD="$2"; shift 2 ;;
    --subs) SUBS="$2"; shift 2 ;;
    --fan-procs) FAN_PROCS="$2"; shift 2 ;;
    --rate) RATE="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --pad) PAD="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    --skip-build) SKIP_BUILD=1; shift ;;
    --parlor) PARLOR="$2"; SKIP_BUILD=1; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --nice) NICE="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$ONLY" in ""|idle|fanout) ;; *) echo "run.sh: --only idle or fanout" >&2; exit 2 ;; esac

say() { printf '[run %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

# ---------------------------------------------------------------- build
if [[ $SKIP_BUILD == 0 ]]; then
  say "building parlor (Release) in $BUILD_DIR"
  BUILD_LOG="$(mktemp "${TMPDIR:-/tmp}/parlor-load-build.XXXXXX")"
  if ! { timeout 1800 cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release \
           -DPARLOR_TESTS=OFF -DPARLOR_BENCH=OFF &&
         timeout 1800 cmake --build "$BUILD_DIR" --target parlor -j2; } >"$BUILD_LOG" 2>&1; then
    tail -40 "$BUILD_LOG" >&2
    echo "run.sh: the build failed (log: $BUILD_LOG); if someone is mid-edit, retry later or use --skip-build" >&2
    exit 1
  fi
  say "build ok ($(grep -c '^\[' "$BUILD_LOG" || true) ninja steps)"
  rm -f "$BUILD_LOG"
fi
PARLOR="${PARLOR:-$BUILD_DIR/src/app/parlor}"
[[ -x "$PARLOR" ]] || { echo "run.sh: no parlor binary at $PARLOR" >&2; exit 1; }

if [[ ! -d "$HERE/node_modules/ws" ]]; then
  say "installing the load tool's dependencies (npm ci)"
  (cd "$HERE" && timeout 300 npm ci --no-audit --no-fund >/dev/null)
fi

# ---------------------------------------------------------------- limits
# Each socket is a file descriptor on both sides: raise the soft limit to
# the hard one (20,000 here) for the server and the load workers alike.
HARD="$(ulimit -Hn)"
if [[ "$HARD" == unlimited ]]; then HARD=1048576; fi
ulimit -n "$HARD"
say "open files limit: $(ulimit -n) per process"
if (( SOCKETS + 64 > $(ulimit -n) )); then
  say "warning: $SOCKETS sockets need more than the server's fd limit $(ulimit -n)"
fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/parlor-load.XXXXXX")"
SERVER_PID=""
LOAD_PID=""

stop_server() {
  [[ -n "$SERVER_PID" ]] || return 0
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    # The server closes sockets in batches for up to 5 s (shutdown_grace).
    for _ in $(seq 1 150); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
      say "server $SERVER_PID did not stop in 15 s; killing it"
      kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
  fi
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

cleanup() {
  local rc=$?
  if [[ -n "$LOAD_PID" ]] && kill -0 "$LOAD_PID" 2>/dev/null; then
    # load.mjs stops its workers on SIGTERM; workers also exit when their
    # parent's IPC channel closes.
    kill -TERM "$LOAD_PID" 2>/dev/null || true
    sleep 1
    kill -KILL "$LOAD_PID" 2>/dev/null || true
  fi
  stop_server
  if [[ -n "$OUT" ]]; then
    mkdir -p "$OUT"
    cp "$TMP"/*.json "$TMP"/*.log "$OUT"/ 2>/dev/null || true
  fi
  rm -rf "$TMP"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_server() {
  local name="$1"
  local data="$TMP/data-$name"
  mkdir -p "$data"
  local extra=()
  [[ -n "$THREADS" ]] && extra+=(--threads "$THREADS")
  : >"$TMP/server-$name.out"
  nice -n "$NICE" "$PARLOR" serve --host 127.0.0.1 --port 0 --data "$data" --test-mode "${extra[@]}" \
    >"$TMP/server-$name.out" 2>"$TMP/server-$name.log" &
  SERVER_PID=$!
  PORT=""
  for _ in $(seq 1 100); do
    PORT="$(sed -n 's|^parlor: listening on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$TMP/server-$name.out")"
    [[ -n "$PORT" ]] && break
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  if [[ -z "$PORT" ]]; then
    echo "run.sh: the server did not start:" >&2
    cat "$TMP/server-$name.out" "$TMP/server-$name.log" >&2 || true
    exit 1
  fi
  say "server pid $SERVER_PID on 127.0.0.1:$PORT (threads: ${THREADS:-one per core}, nice $NICE), fd limit $(awk '/Max open files/ {print $4}' /proc/$SERVER_PID/limits)"
}

# Runs load.mjs in the background (so the traps can stop it) with a hard
# time bound.
run_load() {
  local bound="$1"; shift
  nice -n "$NICE" timeout --kill-after=10 "$bound" node "$HERE/load.mjs" "$@" &
  LOAD_PID=$!
  local rc=0
  wait "$LOAD_PID" || rc=$?
  LOAD_PID=""
  return "$rc"
}

FILES=()
STATUS=0

if [[ -z "$ONLY" || "$ONLY" == idle ]]; then
  start_server idle
  if run_load $((RAMP_TIMEOUT + HOLD + 90)) idle --url "http://127.0.0.1:$PORT" --server-pid "$SERVER_PID" \
      --sockets "$SOCKETS" --procs "$IDLE_PROCS" --per-topic "$PER_TOPIC" --hold "$HOLD" \
      --ramp-timeout "$RAMP_TIMEOUT" --json "$TMP/idle.json"; then
    FILES+=("$TMP/idle.json")
  else
    say "idle scenario failed (exit $?)"; STATUS=1
  fi
  stop_server
fi

if [[ -z "$ONLY" || "$ONLY" == fanout ]]; then
  start_server fanout
  STEPS=$(( $(tr -cd ',' <<<"$RATE" | wc -c) + 1 ))
  if run_load $((2 * RAMP_TIMEOUT + STEPS * (WARMUP + DURATION + 70) + 90)) fanout --url "http://127.0.0.1:$PORT" \
      --server-pid "$SERVER_PID" --subs "$SUBS" --procs "$FAN_PROCS" --rate "$RATE" \
      --warmup "$WARMUP" --duration "$DURATION" --pad "$PAD" --ramp-timeout "$RAMP_TIMEOUT" \
      --json "$TMP/fanout.json"; then
    FILES+=("$TMP/fanout.json")
  else
    say "fanout scenario failed (exit $?)"; STATUS=1
  fi
  stop_server
fi

echo
say "results ($(nproc) cores, load average now $(cut -d' ' -f1-3 /proc/loadavg))"
if [[ ${#FILES[@]} -gt 0 ]]; then
  node "$HERE/report.mjs" "${FILES[@]}"
fi
exit "$STATUS"
