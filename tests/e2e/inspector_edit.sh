# The F1 tweak panel through the real binary on the example game, keys scripted with
# --press: a search finds a nested path, a typed number, a stepped enum (shown and saved by
# its declared name) and a toggle change the state (checked in --state-out with hotrun
# dump), every edit is an "edit" event, a recorded run with edits replays byte for byte,
# and a value the field cannot hold is refused with a sentence and changes nothing.
source "$(dirname "$0")/lib.sh"
GAME=$SRC_ROOT/game/src

run() { # NAME PRESSES: 40 headless frames of the example game with the panel open
  "$HOTRUN" --headless --frames 40 --events "$T/$1.jsonl" --state-out "$T/$1.state" \
    --press "ctrl+f1@2 $2" "$GAME" >"$T/$1.log" 2>&1 || fail "$1: hotrun failed"
}
edit_event() { jq -c "select(.event == \"edit\" and .path == \"$2\")" "$T/$1.jsonl" | tail -n 1; }

# Type "score", Enter ends the search on the first match, Enter starts typing, 4 2 Enter.
run score "s@4 c@5 o@6 r@7 e@8 enter@10 enter@12 4@14 2@15 enter@16"
[ "$(state_field "$T/score.state" score)" = 42 ] ||
  fail "score: the typed 42 is not in the state: $(state_field "$T/score.state" score)"
ev=$(edit_event score score)
[ "$(jq -r '.value + " " + (.ok | tostring)' <<<"$ev")" = "42 true" ] || fail "score: event $ev"
pass "a typed number changes the state (score = 42)"

# "speed" is only inside player: the search finds player.speed; a typed value lands there.
# (A key pressed on two frames in a row needs a frame up between: e@6 e@8.)
run speed "s@4 p@5 e@6 e@8 d@9 enter@11 enter@13 3@15 0@16 5@17 enter@18"
[ "$(state_field "$T/speed.state" player.speed)" = 305 ] ||
  fail "speed: player.speed is $(state_field "$T/speed.state" player.speed)"
[ -n "$(edit_event speed player.speed)" ] || fail "speed: no edit event for player.speed"
pass "a search finds the nested path player.speed and edits it"

# Right on the enum steps to its next declared name: the edit names it, the state holds it.
run mode "m@4 o@5 d@6 e@7 enter@9 right@11"
[ "$(jq -r .value <<<"$(edit_event mode mode)")" = paused ] ||
  fail "mode: the step was not to the name 'paused': $(edit_event mode mode)"
[ "$(state_field "$T/mode.state" mode)" = 1 ] ||
  fail "mode: MODE_PAUSED (1) not saved: $(state_field "$T/mode.state" mode)"
pass "an enum steps by its declared names (mode = paused)"

# Edits are recorded like input: --replay of a run with edits ends on the same image, byte
# for byte, with the edits in it (42 typed, then one step right: 43).
"$HOTRUN" --headless --frames 40 --record "$T/rec.hrec" --state-out "$T/rec.state" \
  --press "ctrl+f1@2 s@4 c@5 o@6 r@7 e@8 enter@10 enter@12 4@14 2@15 enter@16 right@20" "$GAME" \
  >"$T/rec.log" 2>&1 || fail "rec: hotrun failed"
"$HOTRUN" --replay "$T/rec.hrec" --state-out "$T/replay.state" "$GAME" >"$T/replay.log" 2>&1 ||
  fail "replay: hotrun --replay failed"
cmp -s "$T/rec.state" "$T/replay.state" || fail "replay: the image differs from the recording run's"
[ "$(state_field "$T/replay.state" score)" = 43 ] ||
  fail "replay: the edits are not in the replayed state: $(state_field "$T/replay.state" score)"
pass "a run with edits replays byte for byte, edits included (score = 43)"

# Bad input: letters typed into a number. One sentence, and the score keeps its value.
run bad "s@4 c@5 o@6 r@7 e@8 enter@10 enter@12 x@14 y@15 enter@16"
ev=$(edit_event bad score)
[ "$(jq -r .ok <<<"$ev")" = false ] || fail "bad: letters were accepted: $ev"
[ "$(jq -r .error <<<"$ev")" = "score: 'xy' is not a whole number" ] || fail "bad: $ev"
[ "$(state_field "$T/bad.state" score)" = 0 ] || fail "bad: the score changed"
pass "a value the field cannot hold is refused with a sentence, the state kept"

# Without the panel the same letters are the game's keys, and nothing is edited.
"$HOTRUN" --headless --frames 20 --events "$T/none.jsonl" --press "s@4 enter@10" "$GAME" \
  >"$T/none.log" 2>&1 || fail "none: hotrun failed"
[ "$(count_events none '.event == "edit"')" = 0 ] || fail "edits without the panel"
pass "no edits while the panel is closed"
