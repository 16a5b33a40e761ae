# Pause (F7), single step (F8) and --time-scale act through the host's frame time: the game
# needs no code for them. Paused frames run no update; each F8 runs exactly one.
source "$(dirname "$0")/lib.sh"

copy_fixture flow "$T/game"
# Paused from host frame 10 to 30; two steps in between: 40 - 20 + 2 updates.
"$HOTRUN" --headless --frames 40 --press "ctrl+f7@10 ctrl+f8@20 ctrl+f8@24 ctrl+f7@30" \
  --state-out "$T/paused.state" "$T/game" >"$T/paused.log" 2>&1 || fail "paused run failed"
expect_json "$(dump "$T/paused.state")" '.state.frames == 22' "pause and step"
pass "40 host frames, 20 paused, 2 steps: 22 updates"

# At a quarter speed no frame is longer than a quarter of the longest real one (0.1 s).
"$HOTRUN" --headless --frames 30 --time-scale 0.25 --state-out "$T/slow.state" "$T/game" \
  >"$T/slow.log" 2>&1 || fail "--time-scale run failed"
image=$(dump "$T/slow.state")
expect_json "$image" '.state.frames == 30 and .state.max_dt > 0 and .state.max_dt <= 0.025' \
  "--time-scale 0.25"
# The game clock is the sum of the frame times the game saw.
expect_json "$image" '((.state.clock - .state.t) | fabs) < 1e-6' "the game clock"
rc=0; "$HOTRUN" --headless --time-scale 0 "$T/game" >"$T/bad.log" 2>&1 || rc=$?
[ $rc -eq 2 ] || fail "--time-scale 0 accepted"
pass "--time-scale 0.25: longest frame $(echo "$image" | jq .state.max_dt) s; 0 refused"
