# A pointer into the old library smuggled through an integer field (a uint64_t holding a
# function's or a string's address) is warned about after the swap, with the field's path;
# an ordinary number is not.
source "$(dirname "$0")/lib.sh"

dir=$T/sm
mkdir -p "$dir"
cat >"$dir/game.c" <<'SRC'
#include <stdint.h>
#include "hot.h"
#define SM(X)                          \
    X(FIELD, uint64_t, frames, 0)      \
    X(FIELD, uint64_t, on_hit, 0)      \
    X(ARRAY, uint64_t, names, 4)       \
    X(FIELD, int64_t, score, 0)
HOT_STATE(Sm, SM)
static void hit(void) {}
static void init(const HotApi *api, void *state)
{
    (void)api;
    Sm *s = state;
    s->on_hit = (uint64_t)(uintptr_t)hit;
    s->names[2] = (uint64_t)(uintptr_t)"comet";
    s->score = 123456;
}
static void update(const HotApi *api, void *state)
{
    (void)api;
    ((Sm *)state)->frames++;
}
HOT_GAME(Sm, .name = "sm", .init = init, .update = update);
SRC
start_hotrun sm "$dir"
wait_event sm '.event=="first_frame" and .gen==1' >/dev/null
echo "/* touched */" >>"$dir/game.c"
wait_event sm '.event=="reload" and .gen==2 and .ok' >/dev/null
for f in on_hit names.2; do
  wait_log sm "^hotrun: warning: state\\.$f holds 0x[0-9a-f]+, an address inside the old library gen-1\\.so, which is gone"
  [ "$(count_events sm ".event==\"warning\" and .field==\"$f\"")" -eq 1 ] || fail "no warning event for $f"
done
[ "$(count_log sm 'holds 0x')" -eq 2 ] || fail "not exactly two fields warned about (score or frames too?)"
kill -0 "$HOTRUN_PID" 2>/dev/null || fail "hotrun died"
stop_hotrun || fail "exit status $? after SIGTERM"
pass "state.on_hit and state.names.2 pointed into gen-1.so: said after the swap; score was not"
