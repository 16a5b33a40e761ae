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
