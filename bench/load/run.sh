#!/usr/bin/env bash
# Parlor socket load benchmark runner.
#
# Builds `parlor` (Release, build-bench/), and for each scenario starts a
# fresh `parlor serve` on a free 127.0.0.1 port with a temporary data dir
# (--test-mode for idle and fanout, which use the conformance topic), runs
# load.mjs against it, stops it, and prints a results table.
# Loopback only; every step is bounded in time; whatever it started is
# stopped on exit (by PID).
#
#   bench/load/run.sh                        # target sizes
#   bench/load/run.sh --sockets 4000 --subs 500 --rate 50 --hold 40
#   bench/load/run.sh --only fanout --skip-build
#   bench/load/run.sh --only rooms --rooms 2000 --move-rate 5000,10000,20000
#   bench/load/run.sh --only rooms-bots,rooms-idle --skip-build
#   bench/load/run.sh --only rooms --native --rooms 2000 --move-rate 2000,0
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
#
# Rooms (Hearts tables over real sockets, rooms.mjs; the server runs without
# --test-mode, with --bot-delay-ms 0 and --hand-pause-ms as below):
#   --rooms K         rooms, rooms-bots: tables; rooms-idle: rooms to create [2000]
#   --move-rate R[,R..]  durable moves/s offered in total, paced per table; 0 =
#                     unpaced (every seat moves as soon as its view allows)
#                     [rooms: 20000; rooms-bots: 0]
#   --room-procs N    load processes [rooms: 4, rooms-bots: 2, rooms-idle: 2]
#   --ramp-rate N     tables set up per second [200]
#   --pick first|random  which legal move a seat pushes [random]
#   --hand-pause-ms N server flag: a finished hand stays this long [10]
#   --bot-delay-ms N  server flag: computer players' delay [0]
#   --start-spread-ms N  rooms-bots with --native: each table's first move
#                     waits a random 0-N ms, so tables paced by computer players
#                     alone do not all end their hands at once [42 x bot delay]
#   --grace-ms N      rooms-idle: server flag, how long a left seat is held [5000]
#   --lanes N         rooms-idle: groups of 4 sockets per process [8]
#   --public          rooms, rooms-bots: public tables (default private; see rooms.mjs)
#   --warmup/--duration  also used by rooms, rooms-bots [10 / 30 s there]
#   --perf SEC        rooms, rooms-bots: record the server with `perf record
#                     --call-graph dwarf` for SEC seconds in the first window and
#                     print perf-breakdown.py's summary (needs perf; --out keeps it)
#   --native          rooms, rooms-bots: use the native load generator
#                     (native/, parlor_rooms_load, built in build-bench/ with
#                     parlor unless --skip-build) instead of `node rooms.mjs`;
#                     same scenarios, flags and JSON, a fraction of the CPU per
#                     move. --room-procs N is then its worker threads [1];
#                     --perf works as with Node
#   --native-bin PATH use this parlor_rooms_load binary (not built here)
#
#   --only LIST       run these scenarios only (comma list): idle, fanout, rooms,
#                     rooms-bots, rooms-idle [idle,fanout]
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
SUBS=1000 FAN_PROCS=2 RATE=50,100,200 WARMUP="" DURATION="" PAD=0
ROOMS=2000 MOVE_RATE="" ROOM_PROCS="" RAMP_RATE=200 PICK=random HAND_PAUSE=10 BOT_DELAY=0 START_SPREAD=
GRACE_MS=5000 LANES=8 PUBLIC=0 PERF=0
THREADS="" ONLY="" SKIP_BUILD=0 PARLOR="" OUT="" NICE=0
NATIVE=0 NATIVE_BIN="" EXPLICIT_SKIP=0
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
    --rooms) ROOMS="$2"; shift 2 ;;
    --move-rate) MOVE_RATE="$2"; shift 2 ;;
    --room-procs) ROOM_PROCS="$2"; shift 2 ;;
    --ramp-rate) RAMP_RATE="$2"; shift 2 ;;
    --pick) PICK="$2"; shift 2 ;;
    --hand-pause-ms) HAND_PAUSE="$2"; shift 2 ;;
    --bot-delay-ms) BOT_DELAY="$2"; shift 2 ;;
    --start-spread-ms) START_SPREAD="$2"; shift 2 ;;
    --grace-ms) GRACE_MS="$2"; shift 2 ;;
    --lanes) LANES="$2"; shift 2 ;;
    --public) PUBLIC=1; shift ;;
    --perf) PERF="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    --skip-build) SKIP_BUILD=1; EXPLICIT_SKIP=1; shift ;;
    --parlor) PARLOR="$2"; SKIP_BUILD=1; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --nice) NICE="$2"; shift 2 ;;
    --native) NATIVE=1; shift ;;
    --native-bin) NATIVE_BIN="$2"; NATIVE=1; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
ONLY="${ONLY:-idle,fanout}"
for sc in ${ONLY//,/ }; do
  case "$sc" in idle|fanout|rooms|rooms-bots|rooms-idle) ;;
    *) echo "run.sh: --only takes idle, fanout, rooms, rooms-bots, rooms-idle (comma list)" >&2; exit 2 ;;
  esac
done
wants() { [[ ",$ONLY," == *",$1,"* ]]; }

say() { printf '[run %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

# The native load generator is used only by the rooms and rooms-bots
# scenarios; it is built with parlor (or alone, when --parlor names the
# server) unless --skip-build or --native-bin.
BUILD_NATIVE=0
if [[ $NATIVE == 1 && -z "$NATIVE_BIN" && $EXPLICIT_SKIP == 0 ]] && { wants rooms || wants rooms-bots; }; then BUILD_NATIVE=1; fi

# ---------------------------------------------------------------- build
TARGETS=()
[[ $SKIP_BUILD == 0 ]] && TARGETS+=(parlor)
[[ $BUILD_NATIVE == 1 ]] && TARGETS+=(parlor_rooms_load)
if [[ ${#TARGETS[@]} -gt 0 ]]; then
  say "building ${TARGETS[*]} (Release) in $BUILD_DIR"
  BUILD_LOG="$(mktemp "${TMPDIR:-/tmp}/parlor-load-build.XXXXXX")"
  # PARLOR_BENCH=ON (bench/, which has the native load generator) only when
  # it is wanted: it needs Google Benchmark.
  if ! { timeout 1800 cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release \
           -DPARLOR_TESTS=OFF -DPARLOR_BENCH="$([[ $BUILD_NATIVE == 1 ]] && echo ON || echo OFF)" &&
         timeout 1800 cmake --build "$BUILD_DIR" --target "${TARGETS[@]}" -j2; } >"$BUILD_LOG" 2>&1; then
    tail -40 "$BUILD_LOG" >&2
    echo "run.sh: the build failed (log: $BUILD_LOG); if someone is mid-edit, retry later or use --skip-build" >&2
    exit 1
  fi
  say "build ok ($(grep -c '^\[' "$BUILD_LOG" || true) ninja steps)"
  rm -f "$BUILD_LOG"
fi
PARLOR="${PARLOR:-$BUILD_DIR/src/app/parlor}"
[[ -x "$PARLOR" ]] || { echo "run.sh: no parlor binary at $PARLOR" >&2; exit 1; }
if [[ $NATIVE == 1 ]] && { wants rooms || wants rooms-bots; }; then
  NATIVE_BIN="${NATIVE_BIN:-$BUILD_DIR/bench/load/native/parlor_rooms_load}"
  [[ -x "$NATIVE_BIN" ]] || { echo "run.sh: no native load generator at $NATIVE_BIN (drop --skip-build, or --native-bin PATH)" >&2; exit 1; }
fi

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
if wants rooms && (( 4 * ROOMS + 64 > $(ulimit -n) )); then
  say "warning: $ROOMS rooms x 4 sockets need more than the server's fd limit $(ulimit -n)"
fi
if [[ $NATIVE == 1 ]] && wants rooms && (( 4 * ROOMS + 128 > $(ulimit -n) )); then
  say "warning: the native load generator holds all $ROOMS x 4 sockets in one process (fd limit $(ulimit -n))"
fi
if wants idle && (( SOCKETS + 64 > $(ulimit -n) )); then
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
    cp "$TMP"/*.json "$TMP"/*.log "$TMP"/*.txt "$OUT"/ 2>/dev/null || true
    cp "$TMP"/*.perf.data "$OUT"/ 2>/dev/null || true
  fi
  rm -rf "$TMP"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start_server NAME [server flags...]; without flags: --test-mode (the socket
# scenarios use the conformance topic).
start_server() {
  local name="$1"; shift
  local data="$TMP/data-$name"
  mkdir -p "$data"
  local extra=()
  [[ -n "$THREADS" ]] && extra+=(--threads "$THREADS")
  if [[ $# -gt 0 ]]; then extra+=("$@"); else extra+=(--test-mode); fi
  : >"$TMP/server-$name.out"
  nice -n "$NICE" "$PARLOR" serve --host 127.0.0.1 --port 0 --data "$data" "${extra[@]}" \
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
  say "server pid $SERVER_PID on 127.0.0.1:$PORT (threads: ${THREADS:-one per core}, nice $NICE, flags: ${extra[*]}), fd limit $(awk '/Max open files/ {print $4}' /proc/$SERVER_PID/limits)"
}

# Runs load.mjs (or, with LOAD_CMD=native, the native load generator) in
# the background (so the traps can stop it) with a hard time bound.
run_load() {
  local bound="$1"; shift
  if [[ "${LOAD_CMD:-node}" == native ]]; then
    nice -n "$NICE" timeout --kill-after=10 "$bound" "$NATIVE_BIN" "$@" &
  else
    nice -n "$NICE" timeout --kill-after=10 "$bound" node "$HERE/load.mjs" "$@" &
  fi
  LOAD_PID=$!
  local rc=0
  wait "$LOAD_PID" || rc=$?
  LOAD_PID=""
  return "$rc"
}

FILES=()
STATUS=0

if wants idle; then
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

if wants fanout; then
  WARMUP="${WARMUP:-3}" DURATION="${DURATION:-10}"
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

# ---------------------------------------------------------------- rooms
# The evict-after flag (rooms leave memory after SEC with nobody in them) is
# newer than this tool: pass it only if this binary has it.
EVICT=()
if "$PARLOR" serve --help 2>&1 | grep -q -- '--room-evict-after'; then EVICT=(--room-evict-after 3600); fi

# The profile itself is taken by rooms.mjs (--perf SEC), in the first window.
perf_summary() {
  [[ "$PERF" != 0 && -f "$TMP/$1.perf.data" ]] || return 0
  {
    echo "# perf: server CPU by library"
    perf report -i "$TMP/$1.perf.data" --no-children --sort dso --stdio -g none 2>/dev/null | grep '%' | head -12 || true
    echo "# perf: by function, inclusive (perf-breakdown.py)"
    perf script -i "$TMP/$1.perf.data" -F comm,tid,ip,sym 2>/dev/null | python3 "$HERE/perf-breakdown.py" || true
  } >"$TMP/$1-perf.txt"
  sed 's/  *$//' "$TMP/$1-perf.txt"
}

for sc in rooms rooms-bots; do
  wants "$sc" || continue
  start_server "$sc" --bot-delay-ms "$BOT_DELAY" --hand-pause-ms "$HAND_PAUSE" "${EVICT[@]}"
  R_PROCS="${ROOM_PROCS:-$([[ $NATIVE == 1 ]] && echo 1 || { [[ $sc == rooms ]] && echo 4 || echo 2; })}"
  R_RATE="${MOVE_RATE:-$([[ $sc == rooms ]] && echo 20000 || echo 0)}"
  R_WARM="${WARMUP:-10}" R_DUR="${DURATION:-30}"
  STEPS=$(( $(tr -cd ',' <<<"$R_RATE" | wc -c) + 1 ))
  R_EXTRA=()
  [[ $PUBLIC == 1 ]] && R_EXTRA+=(--public)
  # Tables paced by computer players alone keep the phase they start with:
  # the native tool spreads their first moves over one hand (42 bot turns).
  [[ $NATIVE == 1 && $sc == rooms-bots ]] && R_EXTRA+=(--start-spread-ms "${START_SPREAD:-$(( 42 * BOT_DELAY ))}")
  if [[ "$PERF" != 0 ]]; then
    if command -v perf >/dev/null; then R_EXTRA+=(--perf "$PERF" --perf-out "$TMP/$sc.perf.data")
    else say "perf is not installed: no profile"; fi
  fi
  LOAD_CMD=node
  [[ $NATIVE == 1 ]] && LOAD_CMD=native  # same flags (--procs: its threads)
  if run_load $(( 3 * ROOMS / RAMP_RATE + 300 + STEPS * (R_WARM + R_DUR + 30) )) "$sc" --url "http://127.0.0.1:$PORT" \
      --server-pid "$SERVER_PID" --rooms "$ROOMS" --procs "$R_PROCS" --rate "$R_RATE" --ramp-rate "$RAMP_RATE" \
      --warmup "$R_WARM" --duration "$R_DUR" --pick "$PICK" "${R_EXTRA[@]}" --json "$TMP/$sc.json"; then
    FILES+=("$TMP/$sc.json")
  else
    say "$sc scenario failed (exit $?)"; STATUS=1
  fi
  perf_summary "$sc"
  stop_server
done
LOAD_CMD=node  # rooms-idle is Node's only

if wants rooms-idle; then
  start_server rooms-idle --grace-ms "$GRACE_MS" "${EVICT[@]}"
  SETTLE=$(( GRACE_MS / 1000 + 5 ))
  if run_load $(( ROOMS / 20 + SETTLE + 300 )) rooms-idle --url "http://127.0.0.1:$PORT" --server-pid "$SERVER_PID" \
      --rooms "$ROOMS" --procs "${ROOM_PROCS:-2}" --lanes "$LANES" --settle "$SETTLE" --json "$TMP/rooms-idle.json"; then
    FILES+=("$TMP/rooms-idle.json")
  else
    say "rooms-idle scenario failed (exit $?)"; STATUS=1
  fi
  stop_server
fi

echo
say "results ($(nproc) cores, load average now $(cut -d' ' -f1-3 /proc/loadavg))"
if [[ ${#FILES[@]} -gt 0 ]]; then
  node "$HERE/report.mjs" "${FILES[@]}"
fi
exit "$STATUS"
