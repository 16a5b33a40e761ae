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
