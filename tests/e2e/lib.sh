# lib.sh: helpers for the end-to-end tests, which drive the real hotrun binary.
# Sourced by each test; needs HOTRUN, SRC_ROOT and TESTS_DIR (set by tests/meson.build).
set -euo pipefail

: "${HOTRUN:?HOTRUN is not set: run the tests through meson test}"
: "${SRC_ROOT:?}"
: "${TESTS_DIR:?}"
FIXTURES=$TESTS_DIR/fixtures
T=$(mktemp -d "${TMPDIR:-/tmp}/hotrun-e2e-XXXXXX")
export XDG_CACHE_HOME=$T/cache
export XDG_RUNTIME_DIR=$T/run
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
BG_PIDS=()

cleanup() {
  local pid
  for pid in "${BG_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${BG_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$T"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  for f in "$T"/*.log; do [ -f "$f" ] && { echo "--- $f" >&2; tail -n 30 "$f" >&2; }; done
  for f in "$T"/*.jsonl; do [ -f "$f" ] && { echo "--- $f" >&2; tail -n 30 "$f" >&2; }; done
  exit 1
}

pass() { echo "ok: $*"; }

# copy_fixture NAME DEST: a fresh copy of a fixture game to edit.
copy_fixture() { mkdir -p "$2" && cp -r "$FIXTURES/$1/." "$2/"; }

# start_hotrun NAME ARGS...: hotrun in the background, output in $T/NAME.log, events in
# $T/NAME.jsonl. Sets HOTRUN_PID.
start_hotrun() {
  local name=$1; shift
  "$HOTRUN" --headless --events "$T/$name.jsonl" "$@" >"$T/$name.log" 2>&1 &
  HOTRUN_PID=$!
  BG_PIDS+=("$HOTRUN_PID")
}

# wait_event NAME JQ_FILTER [SECONDS]: waits until an event line of $T/NAME.jsonl makes the
# filter true; prints that line.
wait_event() {
  local file=$T/$1.jsonl filter=$2 limit=${3:-60} line
  local deadline=$((SECONDS + limit))
  while [ $SECONDS -lt $deadline ]; do
    if [ -f "$file" ]; then
      line=$(jq -c "select($filter)" "$file" 2>/dev/null | head -n 1)
      [ -n "$line" ] && { echo "$line"; return 0; }
    fi
    if [ -n "${HOTRUN_PID:-}" ] && ! kill -0 "$HOTRUN_PID" 2>/dev/null; then
      line=$(jq -c "select($filter)" "$file" 2>/dev/null | head -n 1)
      [ -n "$line" ] && { echo "$line"; return 0; }
      fail "hotrun exited before an event matched: $filter"
    fi
    sleep 0.05
  done
  fail "no event matched within ${limit}s: $filter"
}

# count_events NAME JQ_FILTER: how many event lines match.
count_events() { jq -c "select($2)" "$T/$1.jsonl" 2>/dev/null | wc -l; }

# stop_hotrun: SIGTERM and wait; returns hotrun's exit status.
stop_hotrun() {
  kill -TERM "$HOTRUN_PID"
  local rc=0
  wait "$HOTRUN_PID" || rc=$?
  return $rc
}

# dump FILE: the state image as JSON.
dump() { "$HOTRUN" dump "$1"; }

# save_file PATH CONTENT: replaces a file the way an editor writing in place does.
save_file() { printf '%s' "$2" >"$1"; }

# ---- develop-loop helpers (devloop_*.sh) ----

# event_mark NAME: how many event lines were written so far; the *_since helpers look only
# at the lines after such a mark.
event_mark() { if [ -f "$T/$1.jsonl" ]; then wc -l <"$T/$1.jsonl"; else echo 0; fi; }

# events_since NAME MARK JQ_FILTER: the event lines after line MARK that match.
events_since() {
  tail -n +"$(($2 + 1))" "$T/$1.jsonl" 2>/dev/null | jq -c "select($3)" 2>/dev/null || true
}

# count_since NAME MARK JQ_FILTER: how many event lines after MARK match.
count_since() { events_since "$@" | wc -l; }

# wait_event_since NAME MARK JQ_FILTER [SECONDS]: wait_event among the lines after MARK.
wait_event_since() {
  local name=$1 mark=$2 filter=$3 limit=${4:-60} line
  local deadline=$((SECONDS + limit))
  while [ $SECONDS -lt $deadline ]; do
    line=$(events_since "$name" "$mark" "$filter" | head -n 1)
    [ -n "$line" ] && { echo "$line"; return 0; }
    if [ -n "${HOTRUN_PID:-}" ] && ! kill -0 "$HOTRUN_PID" 2>/dev/null; then
      line=$(events_since "$name" "$mark" "$filter" | head -n 1)
      [ -n "$line" ] && { echo "$line"; return 0; }
      fail "hotrun exited before an event matched: $filter"
    fi
    sleep 0.05
  done
  fail "no event after line $mark matched within ${limit}s: $filter"
}

# wait_quiet NAME [QUIET_SECONDS]: waits until no event line came for QUIET_SECONDS (default
# 1), so that a late extra build would be counted; gives up (fails) after 60 s.
wait_quiet() {
  local quiet=${2:-1} n last=-1 since=$SECONDS deadline=$((SECONDS + 60))
  while [ $SECONDS -lt $deadline ]; do
    n=$(event_mark "$1")
    if [ "$n" != "$last" ]; then
      last=$n
      since=$SECONDS
    elif [ $((SECONDS - since)) -ge "$quiet" ]; then
      return 0
    fi
    sleep 0.1
  done
  fail "events kept coming for 60 s"
}

# wait_log NAME REGEX [COUNT] [SECONDS]: waits until COUNT (default 1) lines of $T/NAME.log
# match the extended REGEX.
wait_log() {
  local name=$1 regex=$2 want=${3:-1} limit=${4:-60}
  local deadline=$((SECONDS + limit))
  while [ $SECONDS -lt $deadline ]; do
    [ "$(count_log "$name" "$regex")" -ge "$want" ] && return 0
    if [ -n "${HOTRUN_PID:-}" ] && ! kill -0 "$HOTRUN_PID" 2>/dev/null; then
      [ "$(count_log "$name" "$regex")" -ge "$want" ] && return 0
      fail "hotrun exited before $want line(s) of its log matched: $regex"
    fi
    sleep 0.05
  done
  fail "fewer than $want line(s) of $T/$name.log matched within ${limit}s: $regex"
}

# count_log NAME REGEX: how many lines of $T/NAME.log match the extended REGEX.
count_log() {
  local n
  n=$(grep -cE -- "$2" "$T/$1.log" 2>/dev/null) || true
  echo "${n:-0}"
}

# logging_counter DIR: a copy of the counter fixture whose update sets value to STEP + MARK
# (STEP from tune.h, MARK defined in counter.c) and logs "value N" through api->log whenever
# that changes, so a test sees in $T/NAME.log which code runs now. Frames still count.
logging_counter() {
  copy_fixture counter "$1"
  cat >"$1/counter.c" <<'SRC'
/* counter.c (logging variant): value = STEP + MARK; logs "value N" when that changes. */
#include "counter.h"
#include "tune.h"

#define MARK 0

static void counter_update(const HotApi *api, void *state)
{
    CounterState *s = state;
    s->frames++;
    if (s->value != STEP + MARK)
        api->log("value %d", STEP + MARK);
    s->value = STEP + MARK;
}

HOT_GAME(CounterState, .name = "counter", .update = counter_update, .draw = counter_draw);
SRC
}

# state_field FILE FIELD: one field of a state image (hotrun dump), e.g. frames or value.
state_field() { dump "$1" | jq -r ".state.$2"; }

# ---- fault-matrix helpers (faults_*.sh) ----

# set_fault DIR MODE WHERE: rewrites the faulty fixture's mode.h (see its header comment).
set_fault() {
  sed -i -e "s/^#define FAULT_MODE [0-9]*\$/#define FAULT_MODE $2/" \
    -e "s/^#define FAULT_WHERE [0-9]*\$/#define FAULT_WHERE $3/" "$1/mode.h"
}

# fault_lines MODE: the first and last line of faulty/fault.c a fault of MODE must be
# reported at (one line for the plain faults, the function body or loop for 6 and 7).
fault_lines() {
  local f=$FIXTURES/faulty/fault.c a b
  case $1 in
    1) a=$(grep -n '\*p = 42;' "$f" | cut -d: -f1); b=$a ;;
    2) a=$(grep -n '\*(volatile char \*)map = 1;' "$f" | cut -d: -f1); b=$a ;;
    3) a=$(grep -n 'one / zero;' "$f" | cut -d: -f1); b=$a ;;
    4) a=$(grep -n '__builtin_trap();' "$f" | cut -d: -f1); b=$a ;;
    5) a=$(grep -n '^ *abort();' "$f" | cut -d: -f1); b=$a ;;
    6) a=$(grep -n 'int fault_recurse(int depth)$' "$f" | cut -d: -f1)
       b=$(grep -n 'return fault_recurse(depth + 1)' "$f" | cut -d: -f1); b=$((b + 1)) ;;
    7) a=$(grep -n 'volatile unsigned long spins' "$f" | cut -d: -f1); b=$((a + 1)) ;;
  esac
  echo "$a $b"
}

# check_fault EVENT_LINE PHASE MODE GEN: the fault event names the phase, the signal, the
# function and fault.c:LINE of fault MODE, in generation GEN, and its message says so too.
check_fault() {
  local ev=$1 phase=$2 mode=$3 gen=$4 sig fn lines
  case $mode in
    1 | 6) sig=SIGSEGV ;; 2) sig=SIGBUS ;; 3) sig=SIGFPE ;; 4) sig=SIGILL ;; 5) sig=SIGABRT ;;
    7) sig=timeout ;;
  esac
  fn=do_fault
  [ "$mode" = 6 ] && fn=fault_recurse
  lines=$(fault_lines "$mode")
  echo "$ev" | jq -e --arg phase "$phase" --arg sig "$sig" --arg fn "$fn" --argjson gen "$gen" \
    --argjson lo "${lines% *}" --argjson hi "${lines#* }" '
      . as $e | .phase == $phase and .signal == $sig and .function == $fn and .gen == $gen and
      (.where | test("^fault\\.c:[0-9]+$")) and
      ((.where | ltrimstr("fault.c:") | tonumber) as $l | $l >= $lo and $l <= $hi) and
      ($e.message | contains($fn) and contains($e.where))' >/dev/null ||
    fail "fault event is not $sig in $fn (fault.c lines $lines) during $phase of gen $gen: $ev"
  case $mode in
    6) echo "$ev" | jq -e '.message | test("stack overflow")' >/dev/null ||
         fail "a stack overflow not called one: $ev" ;;
    7) echo "$ev" | jq -e '.message | test("timeout|longer than")' >/dev/null ||
         fail "a hang not called a timeout: $ev" ;;
    *) echo "$ev" | jq -e --arg sig "$sig" '.message | contains($sig)' >/dev/null ||
         fail "the message does not name $sig: $ev" ;;
  esac
}

# run_cells FN...: runs each function in a background subshell, at most 2 at once (each
# runs one hotrun), and fails if any failed. A cell that fails stops its own hotrun.
run_cells() {
  local running=0 rc=0 fn
  for fn in "$@"; do
    if [ $running -ge 2 ]; then
      wait -n || rc=1
      running=$((running - 1))
    fi
    (
      BG_PIDS=()
      trap 'for p in "${BG_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done' EXIT
      "$fn"
    ) &
    running=$((running + 1))
  done
  while [ $running -gt 0 ]; do
    wait -n || rc=1
    running=$((running - 1))
  done
  [ $rc -eq 0 ] || { echo "FAIL: at least one cell failed (see above)" >&2; exit 1; }
}

# ---- several hotruns at once, state images (state_*.sh) ---------------------------------

# start_named NAME ARGS...: start_hotrun, remembering the pid by NAME; use_hotrun NAME makes
# it the one wait_event and stop_hotrun follow, so two hotruns can run side by side.
declare -A HOTRUNS=()
start_named() { start_hotrun "$@"; HOTRUNS[$1]=$HOTRUN_PID; }
use_hotrun() { HOTRUN_PID=${HOTRUNS[$1]}; }

# expect_json JSON FILTER WHAT: fails saying WHAT (and showing JSON) unless FILTER is true.
expect_json() {
  printf '%s' "$1" | jq -e "$2" >/dev/null ||
    fail "$3: $(printf '%s' "$1" | jq -c . 2>/dev/null | cut -c1-800)"
}

# replace_file SRC DEST: puts SRC's content at DEST by rename, as editors that save through a
# temporary file do: the watcher never sees a half-written file.
replace_file() {
  cp "$1" "$(dirname "$2")/.replace.tmp" && mv "$(dirname "$2")/.replace.tmp" "$2"
}

# evolve_start NAME: a copy of fixtures/evolve/v1 in $T/NAME run by hotrun (events
# $T/NAME.jsonl, final image $T/NAME.state). evolve_wait_set NAME: until v1 set its values.
evolve_start() {
  copy_fixture evolve/v1 "$T/$1"
  start_named "$1" --state-out "$T/$1.state" "$T/$1"
}
evolve_wait_set() {
  use_hotrun "$1"
  wait_event "$1" '.event=="log" and (.line | startswith("evolve v1: values set"))' >/dev/null
}

# evolve_swap NAME VARIANT GEN: saves VARIANT's state.c over the running game's, waits for
# reload GEN (must be ok, run by VARIANT's after_swap) and prints that reload event.
evolve_swap() {
  local line
  use_hotrun "$1"
  replace_file "$FIXTURES/evolve/$2/state.c" "$T/$1/state.c"
  line=$(wait_event "$1" ".event==\"reload\" and .gen==$3")
  expect_json "$line" '.ok' "$1: reload $3 ($2) failed"
  [ "$(count_events "$1" \
    ".event==\"log\" and (.line | startswith(\"evolve $2 after_swap:\"))")" -ge 1 ] ||
    fail "$1: reload $3 did not run $2's after_swap"
  echo "$line"
}

# expect_changes RELOAD_EVENT JSON_ARRAY WHAT: the event's "changes" are exactly these
# entries (in any order).
expect_changes() {
  printf '%s' "$1" | jq -e --argjson want "$2" '(.changes | sort) == ($want | sort)' >/dev/null ||
    fail "$3: changes $(printf '%s' "$1" | jq -c .changes), expected $2"
}

# swap_frames NAME VARIANT: the frame count VARIANT's after_swap logged (the state carried).
swap_frames() {
  jq -r "select(.event==\"log\") | .line | select(startswith(\"evolve $2 after_swap:\"))" \
    "$T/$1.jsonl" | head -n 1 | sed -n 's/.*frames=\([0-9]*\).*/\1/p'
}

# bmp_region FILE X0 Y0 X1 Y1: the pixels of a 32-bit BMP screenshot in [X0,X1) x [Y0,Y1)
# (origin top left) as hex, one line per row: compare regions of two screenshots.
bmp_region() {
  local f=$1 x0=$2 y0=$3 x1=$4 y1=$5 off w h bpp
  off=$(od -An -tu4 -j10 -N4 "$f" | tr -d ' ')
  w=$(od -An -td4 -j18 -N4 "$f" | tr -d ' ')
  h=$(od -An -td4 -j22 -N4 "$f" | tr -d ' ')
  bpp=$(od -An -tu2 -j28 -N2 "$f" | tr -d ' ')
  [ "$bpp" = 32 ] || fail "$f: a $bpp-bit BMP, expected 32"
  if [ "$h" -gt 0 ]; then # rows bottom-up
    od -An -v -tx4 -w$((w * 4)) -j "$off" "$f" | tac
  else
    od -An -v -tx4 -w$((w * 4)) -j "$off" "$f"
  fi | sed -n "$((y0 + 1)),${y1}p" | cut -d' ' -f$((x0 + 2))-$((x1 + 1))
}

# What evolve/v1 sets on frame 10 (all but frames), as `hotrun dump` shows it.
EVOLVE_V1='{"keep":77,"hp":250,"wide":-1234,"ratio":3,"fine":0.25,"big":1000,"small":200,
  "neg":-3,"gone":55,"inner":{"a":11,"b":22},"grow":[1,2,3],"shrink":[1,2,3,4],
  "items":[{"id":1,"w":0},{"id":2,"w":0.5},{"id":3,"w":1},{"id":4,"w":1.5},{"id":5,"w":2}],
  "name":"a fairly long name","tag":"short","cached":321}'

# evolve_pair VARIANT...: each variant in its own hotrun (evolve_start NAME=VARIANT), side
# by side: waits for v1's values, then swaps in the variant (reload gen 2).
evolve_pair() {
  local v
  for v in "$@"; do evolve_start "$v"; done
  for v in "$@"; do evolve_wait_set "$v"; evolve_swap "$v" "$v" 2 >/dev/null; done
}

# evolve_check VARIANT CHANGES STATE_FILTER [IMAGE_FILTER]: after evolve_pair, stops the
# variant's hotrun (SIGTERM) and checks: the reload's changes are exactly CHANGES; the image's
# state (frames aside) is EVOLVE_V1 | STATE_FILTER; the frame counter carried on across the
# swap; the transient scratch was zero in after_swap; IMAGE_FILTER holds for the image.
evolve_check() {
  local v=$1 want_changes=$2 transform=$3 extra=${4:-true} line image want at
  line=$(jq -c 'select(.event=="reload" and .gen==2)' "$T/$v.jsonl")
  expect_changes "$line" "$want_changes" "$v"
  use_hotrun "$v"
  stop_hotrun || fail "$v: hotrun exited with an error after SIGTERM"
  expect_json "$(jq -c 'select(.event=="exit")' "$T/$v.jsonl")" '.status == 0 and .gen == 2' \
    "$v: exit event"
  image=$(dump "$T/$v.state") || fail "$v: hotrun dump failed"
  want=$(jq -cn --argjson v1 "$EVOLVE_V1" "\$v1 | $transform")
  printf '%s' "$image" | jq -e --argjson want "$want" '.state | del(.frames) == $want' \
    >/dev/null || fail "$v: image $(printf '%s' "$image" | jq -c .state), expected $want"
  at=$(swap_frames "$v" "$v")
  [ -n "$at" ] && [ "$at" -gt 10 ] || fail "$v: after_swap saw frames=$at: the counter restarted"
  expect_json "$image" ".state.frames >= $at" "$v: frames went back after the swap"
  [ "$(count_events "$v" '.event=="log" and (.line | test("after_swap: .*scratch=0$"))')" -eq 1 ] ||
    fail "$v: the transient scratch was not zero in after_swap"
  expect_json "$image" "$extra" "$v: image"
  pass "$v: $(printf '%s' "$line" | jq -c .changes)"
}

# The --budget of the hang cells: short to keep tests fast, but it is the probe's budget too
# (a probe that loads a library takes tens of ms, but hundreds on a loaded machine).
HANG_BUDGET=1
