# --events-frames adds one "frame" event per frame (start-to-start and working time, for
# scripts/bench-frames), in develop mode and in a --static game; without it there are none.
# Develop mode's first frame of new code is reported as usual. No timing is asserted.
source "$(dirname "$0")/lib.sh"

copy_fixture counter "$T/game"
"$HOTRUN" --once --frames 20 --events-frames --events "$T/once.jsonl" "$T/game" \
  >"$T/once.log" 2>&1 || fail "--once --events-frames failed"
n=$(count_events once '.event=="frame"')
[ "$n" -eq 20 ] || fail "--once --frames 20: $n frame events, expected 20"
jq -se '[.[] | select(.event=="frame")] | all((.dt_ms >= 0) and (.work_ms >= 0) and
       (.gen >= 1) and (.ns > 0))' "$T/once.jsonl" >/dev/null || fail "a frame event's fields"
pass "--once --frames 20 --events-frames: 20 frame events with dt_ms, work_ms, gen, ns"

"$HOTRUN" --once --frames 20 --events "$T/plain.jsonl" "$T/game" >"$T/plain.log" 2>&1 ||
  fail "--once without --events-frames failed"
[ "$(count_events plain '.event=="frame"')" -eq 0 ] || fail "frame events without the option"
pass "no frame events without --events-frames"

# Develop mode: frames go on across a reload; the new generation's frames say so.
start_hotrun dev --events-frames "$T/game"
wait_event dev '.event=="first_frame" and .gen==1' >/dev/null
sed -i 's/#define STEP 1/#define STEP 2/' "$T/game/tune.h"
wait_event dev '.event=="first_frame" and .gen==2' >/dev/null
wait_event dev '.event=="frame" and .gen==2' >/dev/null
stop_hotrun || fail "hotrun exited with an error after SIGTERM"
[ "$(count_events dev '.event=="frame" and .gen==1')" -gt 0 ] || fail "no frames of gen 1"
pass "develop mode: frame events of gen 1 and gen 2 around the reload"

# A --static game takes the option too.
"$HOTRUN" --static "$T/game" -o "$T/game.bin" >"$T/static.log" 2>&1 || fail "--static failed"
"$T/game.bin" --headless --frames 5 --events-frames --events "$T/bin.jsonl" >"$T/bin.log" 2>&1 ||
  fail "the static game failed with --events-frames"
[ "$(count_events bin '.event=="frame"')" -eq 5 ] || fail "static game: not 5 frame events"
pass "--static game: --events-frames gives 5 frame events for --frames 5"

# --events - owns stdout: a game that prints to stdout (printf without a newline, the worst
# case) has its text on the terminal's stderr, and every stdout line is a whole JSON event.
copy_fixture counter "$T/talk"
sed -i 's|^static void counter_update(const HotApi \*api, void \*state)$|#include <stdio.h>\n&|' \
  "$T/talk/counter.c"
sed -i '/^static void counter_update/,/^}/ s|^{$|{\n    printf("game says hello ");\n    fflush(stdout);|' \
  "$T/talk/counter.c"
grep -q 'game says hello' "$T/talk/counter.c" || fail "the test's edit of counter.c did not apply"
"$HOTRUN" --once --frames 10 --events - "$T/talk" >"$T/talk.out" 2>"$T/talk.log" ||
  fail "--once --events - with a game that prints failed"
grep -q 'game says hello' "$T/talk.log" || fail "the game's printf did not reach stderr"
! grep -q 'game says' "$T/talk.out" || fail "the game's printf landed in the events stream"
jq -e -s 'length > 0 and any(.[]; .event=="exit")' "$T/talk.out" >/dev/null ||
  fail "the events on stdout are not whole JSON lines ending with exit"
pass "--events -: the game's printf goes to stderr, stdout holds only JSON events"
