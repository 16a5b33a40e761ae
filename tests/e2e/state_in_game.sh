# Images know their game (issue 15): an image records the game that wrote it. --state-in and
# F9 of another game's image are refused with one sentence (exit 1 / the game keeps its
# state) unless forced with --state-in-any or `state-in-any = true` in hotrun.ini; then the
# conversions it needed are printed in the terminal and on the status line.
source "$(dirname "$0")/lib.sh"

copy_fixture counter "$T/counter"
# The other game: evolve/v1 ("evolve"), 20 frames; its `frames` field is the counter's too.
"$HOTRUN" --once --frames 20 --state-out "$T/evolve.state" "$FIXTURES/evolve/v1" \
  >"$T/evolve.log" 2>&1 || fail "evolve run failed"
expect_json "$(dump "$T/evolve.state")" '.game == "evolve" and .state.frames == 20' \
  "the image does not record its game"

# --state-in: refused, one sentence naming both games and the way to force it, exit 1, and
# no --state-out written over anything.
rc=0
"$HOTRUN" --once --frames 5 --state-in "$T/evolve.state" --state-out "$T/refused.state" \
  "$T/counter" >"$T/refused.log" 2>&1 || rc=$?
[ $rc -eq 1 ] || fail "--state-in of another game's image: exit $rc, not 1"
grep -q 'hotrun: --state-in .*evolve\.state: it is a state of the game "evolve", not of "counter": give --state-in-any' \
  "$T/refused.log" || fail "--state-in of another game's image: no sentence"
[ "$(grep -c '^hotrun: ' "$T/refused.log")" -le 2 ] || fail "more than one sentence"
[ ! -e "$T/refused.state" ] || fail "a refused --state-in wrote --state-out"
pass "--state-in refused: $(grep 'state of the game' "$T/refused.log")"

# F9 of it: refused, the game keeps its state (5 + 15 frames = 20 at exit).
"$HOTRUN" --once --frames 20 --events "$T/f9.jsonl" --save-file "$T/evolve.state" \
  --press ctrl+f9@5 --state-out "$T/f9.state" "$T/counter" >"$T/f9.log" 2>&1 ||
  fail "F9 of another game's image: hotrun failed"
line=$(jq -c 'select(.event=="load")' "$T/f9.jsonl")
expect_json "$line" '(.ok | not) and (.error | test("state of the game \"evolve\", not of \"counter\""))' \
  "F9 load event"
grep -q "could not load .*evolve\.state: it is a state of the game \"evolve\".*; the game keeps its state" \
  "$T/f9.log" || fail "F9 of another game's image: no sentence in the terminal"
expect_json "$(dump "$T/f9.state")" '.state == {"frames":20,"value":20}' \
  "F9 of another game's image changed the state"
pass "F9 refused, the game kept its state: $(jq -r .error <<<"$line")"

# Forced: --state-in-any loads it converted; every change in the terminal and status line.
"$HOTRUN" --once --frames 5 --events "$T/any.jsonl" --state-in-any --state-in "$T/evolve.state" \
  --state-out "$T/any.state" "$T/counter" >"$T/any.log" 2>&1 || fail "--state-in-any failed"
expect_json "$(dump "$T/any.state")" '.game == "counter" and .state.frames == 25' \
  "--state-in-any did not carry frames"
line=$(jq -c 'select(.event=="state_in")' "$T/any.jsonl")
expect_json "$line" '(.changes | index("value: added")) and (.changes | length > 2)
  and (.status_line | test("^--state-in .*evolve\\.state: 1 added, [0-9]+ dropped - keep: dropped; "))' \
  "--state-in-any's state_in event"
grep -q "hotrun: --state-in .*evolve\.state: the state needed [0-9]* changes:" "$T/any.log" ||
  fail "--state-in-any: the changes are not in the terminal"
grep -q "^hotrun:   value: added" "$T/any.log" || fail "--state-in-any: no line per change"
pass "--state-in-any: $(jq -r .status_line <<<"$line" | cut -c1-120)"

# Forced by hotrun.ini: F9 loads it, with its changes in the terminal and status line.
printf 'state-in-any = true\n' >"$T/counter/hotrun.ini"
"$HOTRUN" --once --frames 20 --events "$T/ini.jsonl" --save-file "$T/evolve.state" \
  --press ctrl+f9@5 --state-out "$T/ini.state" "$T/counter" >"$T/ini.log" 2>&1 ||
  fail "F9 with state-in-any in hotrun.ini failed"
line=$(jq -c 'select(.event=="load")' "$T/ini.jsonl")
expect_json "$line" '.ok and (.changes | index("value: added"))
  and (.status_line | test("^loaded .*evolve\\.state: 1 added, [0-9]+ dropped - "))' "ini: load event"
grep -q "^hotrun:   value: added" "$T/ini.log" || fail "ini: the changes are not in the terminal"
expect_json "$(dump "$T/ini.state")" '.state.frames == 35' "ini: F9 did not load frames 20"
pass "state-in-any = true in hotrun.ini: F9 loaded it: $(jq -c .changes <<<"$line" | cut -c1-120)"

# The same game's image, and an image of format 1 (no game recorded), load without a word.
"$HOTRUN" --once --frames 5 --state-out "$T/own.state" "$T/counter" >"$T/own.log" 2>&1
rm "$T/counter/hotrun.ini"
"$HOTRUN" --once --frames 5 --state-in "$T/own.state" --state-out "$T/own2.state" "$T/counter" \
  >"$T/own2.log" 2>&1 || fail "the game's own image was refused"
expect_json "$(dump "$T/own2.state")" '.state.frames == 10' "own image"
! grep -q "changes" "$T/own2.log" || fail "an image that needed no change printed changes"
pass "the game's own image loads quietly"
