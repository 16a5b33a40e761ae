# --state-in FILE starts a game from a saved image instead of init: the frame counter goes
# on from the image's value (develop mode and --once), and an image of an older shape is
# evolved by the same rules as a swap, reported in a state_in event, with after_swap run.
source "$(dirname "$0")/lib.sh"

copy_fixture counter "$T/game"
"$HOTRUN" --headless --frames 30 --state-out "$T/a.state" "$T/game" >"$T/a.log" 2>&1 ||
  fail "first run failed"
expect_json "$(dump "$T/a.state")" '.state == {"frames":30,"value":30}' "first run's image"

"$HOTRUN" --headless --events "$T/dev.jsonl" --frames 25 --state-in "$T/a.state" \
  --state-out "$T/b.state" "$T/game" >"$T/dev.log" 2>&1 || fail "develop mode --state-in failed"
expect_json "$(dump "$T/b.state")" '.state == {"frames":55,"value":55}' \
  "develop mode did not go on from the image"
expect_json "$(jq -c 'select(.event=="state_in")' "$T/dev.jsonl")" '.changes == []' "state_in event"
"$HOTRUN" --once --frames 20 --state-in "$T/b.state" --state-out "$T/c.state" "$T/game" \
  >"$T/once.log" 2>&1 || fail "--once --state-in failed"
expect_json "$(dump "$T/c.state")" '.state == {"frames":75,"value":75}' \
  "--once did not go on from the image"
pass "30 frames, then 25 more from the image (55), then 20 more with --once (75)"

# An evolve/v1 image (values set at frame 10) into v2_nested, which is shaped differently.
"$HOTRUN" --headless --frames 20 --state-out "$T/v1.state" "$FIXTURES/evolve/v1" \
  >"$T/v1.log" 2>&1 || fail "evolve v1 failed"
"$HOTRUN" --headless --events "$T/nested.jsonl" --frames 5 --state-in "$T/v1.state" \
  --state-out "$T/nested.state" "$FIXTURES/evolve/v2_nested" >"$T/nested.log" 2>&1 ||
  fail "v2_nested --state-in failed"
line=$(jq -c 'select(.event=="state_in")' "$T/nested.jsonl")
expect_changes "$line" '["inner.c: added","grow: added (3 -> 5 items)",
  "shrink: truncated (4 -> 2 items)","items: truncated (5 -> 3 items)"]' "v1 into v2_nested"
[ "$(count_events nested \
  '.event=="log" and .line == "evolve v2_nested after_swap: frames=20 scratch=0"')" -eq 1 ] ||
  fail "after_swap did not run once on the decoded state"
want=$(jq -cn --argjson v1 "$EVOLVE_V1" \
  '$v1 | .inner.c = 3 | .grow = [1,2,3,0,0] | .shrink = [1,2] | .items = .items[:3] | .frames = 25')
expect_json "$(dump "$T/nested.state")" ".state == $want" "v2_nested's image"
pass "v1 image into v2_nested: $(printf '%s' "$line" | jq -c .changes)"

# An image of format 1 (before images named their game), written by the hotrun of that time
# (tests/fixtures/images/counter_v1.state: the counter at frame 30), still starts the game.
"$HOTRUN" --headless --events "$T/old.jsonl" --frames 5 \
  --state-in "$FIXTURES/images/counter_v1.state" --state-out "$T/old.state" "$T/game" \
  >"$T/old.log" 2>&1 || fail "--state-in of a format 1 image failed"
expect_json "$(dump "$T/old.state")" '.hotrun == 2 and .game == "counter" and
  .state == {"frames":35,"value":35}' "the format 1 image's state did not go on"
pass "format 1 image: 30 frames, then 5 more (35), written back as format 2"
