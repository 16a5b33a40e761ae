# Record and loop: F4 starts recording, F4 again closes the loop, which then replays from its
# first image over and over while the code is edited: after a reload every pass plays the
# same inputs on the new code (value grows by the new STEP), and Shift+F4 leaves the loop.
source "$(dirname "$0")/lib.sh"

copy_fixture flow "$T/game"
mkdir -p "$T/trace"
# Frames 20..49 recorded (right held from frame 15 to 75, so x is 35 at 50): a loop of 30 frames from frame 20.
start_hotrun loop --trace "$T/trace" --press "right@15+60 ctrl+f4@20 ctrl+f4@50" "$T/game"
ev=$(wait_event loop '.event=="flow" and .what=="loop"')
expect_json "$ev" '.frames == 30 and .frame == 20' "the loop"
wait_event loop '.event=="flow" and .what=="loop_restart"' >/dev/null
expect_json "$(dump "$T/trace/50.state")" '.state.value == 50 and .state.x == 35' \
  "the first pass"
mark=$(event_mark loop)
sed -i 's/#define STEP 1/#define STEP 5/' "$T/game/mode.h"
wait_event_since loop "$mark" '.event=="reload"' 60 | jq -e '.ok' >/dev/null ||
  fail "the edit did not reload"
mark=$(event_mark loop)
# The pass under way when the code changed ends; the next one is all new code.
wait_event_since loop "$mark" '.event=="flow" and .what=="loop_restart"' >/dev/null
mark=$(event_mark loop)
wait_event_since loop "$mark" '.event=="flow" and .what=="loop_restart"' >/dev/null
expect_json "$(dump "$T/trace/50.state")" '.state.value == 170 and .state.x == 35' \
  "a pass on the new code (20 + 30 x 5)"
stop_hotrun || fail "exit status $? after SIGTERM"
pass "a 30-frame loop: value 50 on STEP 1, 170 after the edit to STEP 5, the same inputs"

# Shift+F4 leaves the loop and the game plays on from where the loop was.
start_hotrun leave --frames 120 --state-out "$T/leave.state" \
  --press "ctrl+f4@10 ctrl+f4@20 ctrl+shift+f4@45" "$T/game"
wait "$HOTRUN_PID" || fail "leave: exit status $?"
expect_json "$(jq -c 'select(.event=="flow" and .what=="leave_loop")' "$T/leave.jsonl")" \
  '.frame == 15' "leaving the loop (a 10-frame loop from frame 10, 25 frames into it)"
pass "Shift+F4 left the loop; the game played on"
