# Writable static and global variables of the game library are listed when it loads, one
# warning per variable with file:line, once in a run (a swap says nothing again, a new one
# is said when it appears); HOT_SCRATCH ones and constants are not.
source "$(dirname "$0")/lib.sh"

dir=$T/sv
mkdir -p "$dir"
cat >"$dir/game.c" <<'SRC'
#include "hot.h"
#define S(X) X(FIELD, uint64_t, frames, 0)
HOT_STATE(Sv, S)
static int hits;
int total = 5;
static HOT_SCRATCH char line[64];
static const int limit = 3;
static void update(const HotApi *api, void *state)
{
    static int calls;
    (void)api;
    calls++;
    hits++;
    total += limit;
    line[0]++;
    ((Sv *)state)->frames++;
}
HOT_GAME(Sv, .name = "sv", .update = update);
SRC
start_hotrun sv "$dir"
wait_event sv '.event=="first_frame" and .gen==1' >/dev/null
for v in "hits game.c:4" "total game.c:5" "calls game.c:10"; do
  set -- $v
  wait_log sv "^hotrun: warning: $2: '$1' is a variable of the game library, not of its state: it starts over at every reload; keep it in the state \\(HOT_STATE\\), or mark it HOT_SCRATCH\\.\$"
  [ "$(count_events sv ".event==\"warning\" and .variable==\"$1\" and .where==\"$2\"")" -eq 1 ] ||
    fail "no warning event for $1 at $2"
done
[ "$(count_log sv "warning: ")" -eq 3 ] || fail "not exactly three warnings (line or limit listed?)"
# A swap: the same variables are not said again; a new one is.
sed -i 's/^static int hits;$/static int hits;\nstatic float speed = 1;/; s/    hits++;/    hits++;\n    speed *= 2;/' "$dir/game.c"
wait_event sv '.event=="reload" and .gen==2 and .ok' >/dev/null
wait_log sv "^hotrun: warning: game.c:5: 'speed' is a variable of the game library"
[ "$(count_log sv "warning: ")" -eq 4 ] || fail "the swap repeated the warnings"
stop_hotrun || fail "exit status $? after SIGTERM"
pass "three static/global variables said once with file:line, HOT_SCRATCH and const not; a new one after a swap said once"

# tcc: the one-run library of a one-file edit has a symbol table but stabs, not DWARF, where
# nm -l named one wrong line for every variable (a.c's hits at b.c:4); and a header's static
# that every file includes was said once per file, the same sentence. No place is said then,
# and each sentence once.
if command -v tcc >/dev/null 2>&1; then
  dir=$T/tv
  mkdir -p "$dir"
  cat >"$dir/tv.h" <<'SRC'
static int shared_count;
int b_step(void);
SRC
  cat >"$dir/a.c" <<'SRC'
#include "hot.h"
#include "tv.h"
#define S(X) X(FIELD, uint64_t, frames, 0)
HOT_STATE(Sv, S)
static int hits;
static void update(const HotApi *api, void *state)
{
    (void)api;
    hits += b_step() + shared_count++;
    ((Sv *)state)->frames++;
}
HOT_GAME(Sv, .name = "sv", .update = update);
SRC
  cat >"$dir/b.c" <<'SRC'
/* b.c */
#include "tv.h"
static int misses = 2;
int b_step(void) { return misses++ + shared_count++; }
SRC
  start_hotrun tv --cc tcc "$dir"
  wait_event tv '.event=="first_frame" and .gen==1' >/dev/null
  echo '/* edited */' >>"$dir/a.c"
  wait_event tv '.event=="reload" and .gen==2 and .ok' >/dev/null
  wait_event tv '.event=="warning" and .variable=="hits"' >/dev/null
  wait_quiet tv 1
  stop_hotrun || fail "tcc: exit status $? after SIGTERM"
  jq -r 'select(.event=="warning" and .variable) | "\(.variable) \(.where)"' "$T/tv.jsonl" |
    while read -r v w; do
      case "$v $w" in
        "hits "|"hits a.c:5"|"misses "|"misses b.c:3"|"shared_count "|"shared_count tv.h:1") ;;
        *) fail "tcc: '$v' said to be at '$w'" ;;
      esac
    done
  dups=$(jq -r 'select(.event=="warning") | .message' "$T/tv.jsonl" | sort | uniq -d)
  [ -z "$dups" ] || fail "tcc: a warning said twice: $dups"
  pass "tcc: no wrong place for a variable, each sentence once"
fi
