# --record FILE records a whole run (start image, every frame's input, frame time, clock);
# hotrun --replay FILE DIR plays it headless to its last frame and --state-out is byte for
# byte the state the recording run ended with (input, random numbers, frame times and the
# clock included). A recording that is not one, or is cut short, gets one sentence.
source "$(dirname "$0")/lib.sh"

copy_fixture flow "$T/game"
"$HOTRUN" --headless --frames 150 --press "right@10+40 space@60 right@90+5" \
  --record "$T/run.rec" --state-out "$T/recorded.state" "$T/game" >"$T/rec.log" 2>&1 ||
  fail "the recording run failed: $(cat "$T/rec.log")"
grep -q "hotrun: recorded 150 frames to $T/run.rec" "$T/rec.log" || fail "no 'recorded' line"
"$HOTRUN" --replay "$T/run.rec" --events "$T/replay.jsonl" --state-out "$T/replayed.state" \
  "$T/game" >"$T/replay.log" 2>&1 || fail "--replay failed: $(cat "$T/replay.log")"
cmp -s "$T/recorded.state" "$T/replayed.state" ||
  fail "the replay ended elsewhere: $(dump "$T/recorded.state") vs $(dump "$T/replayed.state")"
image=$(dump "$T/replayed.state")
expect_json "$image" '.state.frames == 150 and .state.x == 145 and .state.t > 0 and
  .state.rnd != 0' "the replayed state"
expect_json "$(jq -c 'select(.event=="exit")' "$T/replay.jsonl")" '.status == 0' "exit event"
pass "150 frames recorded and replayed: identical images (x $(echo "$image" | jq .state.x))"

# A replay of the same recording from --static's executable ends the same way.
"$HOTRUN" --static "$T/game" -o "$T/game.bin" >"$T/static.log" 2>&1 || fail "--static failed"
"$T/game.bin" --headless --replay "$T/run.rec" --state-out "$T/static.state" \
  >"$T/static-replay.log" 2>&1 || fail "the static replay failed: $(cat "$T/static-replay.log")"
cmp -s "$T/recorded.state" "$T/static.state" || fail "the static executable replays differently"
pass "the --static executable replays it to the same image"

# Bad recordings: one sentence, exit 1, nothing written.
expect_bad() { # NAME PATTERN FILE
  local rc=0
  "$HOTRUN" --replay "$3" --state-out "$T/$1.state" "$T/game" >"$T/$1.log" 2>&1 || rc=$?
  [ $rc -eq 1 ] || fail "$1: exit status $rc, expected 1"
  grep -Eq "$2" "$T/$1.log" || fail "$1: no sentence matching '$2': $(cat "$T/$1.log")"
  [ ! -e "$T/$1.state" ] || fail "$1: --state-out written from a bad recording"
  pass "$1: $(grep -E "$2" "$T/$1.log" | head -n 1)"
}
echo "not a recording at all" >"$T/garbage.rec"
expect_bad garbage "hotrun: .*garbage\.rec is not a hotrun recording" "$T/garbage.rec"
head -c 300 "$T/run.rec" >"$T/cut.rec"
expect_bad truncated "hotrun: .*cut\.rec is a truncated or damaged recording" "$T/cut.rec"
expect_bad missing "hotrun: cannot read .*nothere\.rec" "$T/nothere.rec"
rc=0; "$HOTRUN" --replay "$T/run.rec" --frames 3 "$T/game" >"$T/frames.log" 2>&1 || rc=$?
[ $rc -eq 2 ] && grep -q "drop --frames" "$T/frames.log" || fail "--replay with --frames"
pass "--replay with --frames: exit 2"
