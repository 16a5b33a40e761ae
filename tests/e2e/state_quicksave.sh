# F5 quicksave / F9 quickload, scripted with --press on the counter fixture (develop mode
# and --once). A press KEY@N acts before the game's update N+1 (N counts host frames run
# with a game), so ctrl+f5@30 saves the state after 30 updates, ctrl+f9@90 puts those 30 back after 90,
# and 30 more updates follow: the image at exit says 60, though the game ran 120 updates.
# A quickload of a bad save file (garbage, truncated, another magic, missing) fails with
# a sentence and the game keeps its state.
source "$(dirname "$0")/lib.sh"

copy_fixture counter "$T/game"

for mode in dev once; do
  args=(--headless --events "$T/$mode.jsonl" --press "ctrl+f5@30 ctrl+f9@90" --save-file "$T/q.state"
        --frames 120 --state-out "$T/$mode.state")
  [ $mode = once ] && args=(--once "${args[@]}")
  rm -f "$T/q.state"
  "$HOTRUN" "${args[@]}" "$T/game" >"$T/$mode.log" 2>&1 || fail "$mode: hotrun failed"
  [ "$(count_events $mode '.event=="save"')" -eq 1 ] || fail "$mode: not exactly one save event"
  [ "$(count_events $mode '.event=="load"')" -eq 1 ] || fail "$mode: not exactly one load event"
  expect_json "$(jq -c 'select(.event=="save")' "$T/$mode.jsonl")" \
    ".ok and .path == \"$T/q.state\"" "$mode: save event"
  expect_json "$(jq -c 'select(.event=="load")' "$T/$mode.jsonl")" \
    ".ok and .path == \"$T/q.state\" and .error == null" "$mode: load event"
  # exit's frames counts the host's update calls, which a quickload does not roll back.
  expect_json "$(jq -c 'select(.event=="exit")' "$T/$mode.jsonl")" \
    '.frames == 120 and .status == 0' "$mode: exit event"
  expect_json "$(dump "$T/q.state")" '.state == {"frames":30,"value":30}' "$mode: the quicksave"
  expect_json "$(dump "$T/$mode.state")" '.state == {"frames":60,"value":60}' \
    "$mode: the state at exit does not show the rollback to frame 30"
  pass "$mode: saved at 30, loaded at 90, 60 at exit"
done
cp "$T/q.state" "$T/good.sav"

# quickload NAME SAVE_FILE: F9 at 20 of 50 frames; the final image in $T/NAME.out.
quickload() {
  "$HOTRUN" --headless --fps 0 --events "$T/$1.jsonl" --press "ctrl+f9@20" --save-file "$2" \
    --frames 50 --state-out "$T/$1.out" "$T/game" >"$T/$1.log" 2>&1 || fail "$1: hotrun failed"
}

# The good save: 30 + 30 at exit.
quickload good "$T/good.sav"
expect_json "$(jq -c 'select(.event=="load")' "$T/good.jsonl")" '.ok' "good: load event"
expect_json "$(dump "$T/good.out")" '.state == {"frames":60,"value":60}' "good: state at exit"

# Bad saves: the load fails with one sentence, nothing is reset, the game runs on: 50.
echo 'this is not a state image' >"$T/garbage.sav"
head -c 20 "$T/good.sav" >"$T/truncated.sav"
sed 's/hotrun/hotrux/' "$T/good.sav" >"$T/magic.sav"
for case in 'garbage|not a hotrun state image' 'truncated|truncated or corrupt' \
  'magic|not a hotrun state image' 'missing|could not be read'; do
  bad=${case%%|*} why=${case#*|}
  quickload "$bad" "$T/$bad.sav"
  line=$(jq -c 'select(.event=="load")' "$T/$bad.jsonl")
  expect_json "$line" "(.ok | not) and .path == \"$T/$bad.sav\"
    and (.error | type == \"string\" and test(\"$why\"; \"i\"))" "$bad: load event"
  grep -q "could not load $T/$bad.sav: .*; the game keeps its state" "$T/$bad.log" ||
    fail "$bad: no sentence on stderr"
  expect_json "$(dump "$T/$bad.out")" '.state == {"frames":50,"value":50}' \
    "$bad: the game did not keep its state through the failed load"
  pass "$bad: $(printf '%s' "$line" | jq -r .error)"
done
