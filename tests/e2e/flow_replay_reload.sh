# Replay on reload (--replay-on-reload, or F6): after a good swap the game goes back 2 s
# (120 frames at 60 fps; to the history's keyframe at or before that, so up to 180) and
# plays the inputs of those frames again on the new code, then on live. The frame it ends on
# has the new code's result over all the replayed frames.
source "$(dirname "$0")/lib.sh"

copy_fixture flow "$T/game"
mkdir -p "$T/trace"
start_hotrun rr --replay-on-reload --trace "$T/trace" "$T/game"
wait_event rr '.event=="first_frame"' >/dev/null
# Past the 2 s of history the replay needs.
deadline=$((SECONDS + 60))
while [ "$(ls "$T/trace" | wc -l)" -lt 200 ]; do
  [ $SECONDS -lt $deadline ] || fail "fewer than 200 frames in 60 s"
  sleep 0.1
done
sed -i 's/#define STEP 1/#define STEP 3/' "$T/game/mode.h"
wait_event rr '.event=="reload" and .gen==2' 60 | jq -e '.ok' >/dev/null || fail "no reload"
ev=$(wait_event rr '.event=="flow" and .what=="replay_on_reload"')
expect_json "$ev" '.frames >= 120 and .frames <= 180' "the replay's length"
wait_event rr '.event=="flow" and .what=="replay_end"' >/dev/null
from=$(echo "$ev" | jq .frame)
frames=$(echo "$ev" | jq .frames)
end=$((from + frames))
image=$(dump "$T/trace/$end.state")
stop_hotrun || fail "exit status $? after SIGTERM"
expect_json "$image" ".state.value == $from + 3 * $frames" "the replayed frames on the new code"
pass "reloaded at frame $end: frames $from..$end replayed on STEP 3 (value $(echo "$image" | jq .state.value))"

# F6 turns it on and off.
start_hotrun f6 --frames 5 --press "ctrl+f6@1 ctrl+f6@3" "$T/game"
wait "$HOTRUN_PID" || fail "f6: exit status $?"
[ "$(jq -r 'select(.event=="flow") | .what' "$T/f6.jsonl" | tr '\n' ' ')" = \
  "replay_on_reload_on replay_on_reload_off " ] || fail "F6: $(cat "$T/f6.jsonl")"
pass "F6 turns it on, then off"
