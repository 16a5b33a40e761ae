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
