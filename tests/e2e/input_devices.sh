# Gamepads, the whole keyboard, the wheel and text through the real binary, headless. A pad
# in --press is an SDL virtual joystick: it reaches the game through SDL's game controller
# events like a real pad. The example game moves with it; plugging it out mid-run is no
# fault; text typed reaches the game; a recorded run with pad, text, wheel and keys replays
# byte for byte and `hotrun verify` agrees; a recording of the older format still replays;
# plain F5 is the game's while Ctrl+F5 quicksaves (--host-keys none: the old plain keys).
source "$(dirname "$0")/lib.sh"

run() { # NAME DIR ARGS...: headless, events in $T/NAME.jsonl, state in $T/NAME.state
  local name=$1 dir=$2; shift 2
  "$HOTRUN" --headless --fps 0 --events "$T/$name.jsonl" --state-out "$T/$name.state" "$@" \
    "$dir" >"$T/$name.log" 2>&1 || fail "$name: hotrun failed: $(tail -n 5 "$T/$name.log")"
  [ "$(count_events "$name" '.event == "fault"')" -eq 0 ] || fail "$name: a fault"
}
num() { dump "$T/$1.state" | jq -r "$2"; }

# The example game: the left stick pushed right moves the player right, the d-pad too (at
# 60 fps: it moves by the frame time, which an uncapped run makes tiny).
run still "$SRC_ROOT/game/src" --frames 80 --fps 60
run stick "$SRC_ROOT/game/src" --frames 80 --fps 60 --press "pad:leftx=1@10+60"
run dpad "$SRC_ROOT/game/src" --frames 80 --fps 60 --press "pad:dpleft@10+60"
x0=$(num still .state.player.pos.x)
x1=$(num stick .state.player.pos.x)
x2=$(num dpad .state.player.pos.x)
awk -v a="$x0" -v b="$x1" 'BEGIN { exit !(b > a + 100) }' ||
  fail "the stick did not move the player right: x $x0 without, $x1 with"
awk -v a="$x0" -v b="$x2" 'BEGIN { exit !(b < a - 100) }' ||
  fail "the d-pad did not move the player left: x $x0 without, $x2 with"
pass "example game: a virtual pad's stick moves the player from x $x0 to $x1, its d-pad to $x2"
run pause "$SRC_ROOT/game/src" --frames 60 --fps 60 --press "pad:start@10 pad:leftx=1@20+30"
[ "$(num pause .state.mode)" != "$(num still .state.mode)" ] || fail "Start did not pause"
[ "$(num pause .state.player.pos.x)" = "$x0" ] || fail "paused by Start, the player still moved"
pass "example game: Start pauses it (the stick then moves nothing)"

# Plugged out in the middle of a push: no fault, the stick reads nothing afterwards; plugged
# in again later, it is back (as pad 0, with its name).
run unplug "$FIXTURES/input" --frames 60 \
  --press "pad:plug@0 pad:leftx=1@5+50 pad:unplug@20 pad:plug@40"
expect_json "$(dump "$T/unplug.state")" '.state.unplugs == 1 and .state.plugs == 2 and
  .state.connected == true and .state.pad_name == "hotrun virtual pad 0" and
  .state.x > 10 and .state.x < 21' "after unplugging mid-push"
expect_json "$(jq -c 'select(.event=="exit")' "$T/unplug.jsonl")" '.status == 0' "exit event"
[ "$(jq -c 'select(.event=="pad") | [.pad, .connected]' "$T/unplug.jsonl" | tr -d '\n')" = \
  "[0,true][0,false][0,true]" ] || fail "pad events: $(jq -c 'select(.event=="pad")' "$T/unplug.jsonl")"
pass "unplugged mid-run: no fault, stick sum $(num unplug .state.x) (15 frames), back when plugged in"

# Text typed reaches the game (UTF-8, quotes keep a space), Backspace deletes a character.
run text "$FIXTURES/input" --frames 20 --press "text:'Ada L'@3 text:é@5 text:x@7 backspace@9"
[ "$(num text .state.name)" = "Ada Lé" ] || fail "text: name is '$(num text .state.name)'"
pass "text input: the game's name entry reads '$(num text .state.name)'"

# Pad buttons on two pads, a trigger, the wheel, plain F5 (the game's), keypad Enter, the
# mouse, rumble; recorded, replayed byte for byte, and verified.
presses="pad:a@4+3 pad:a@12 pad1:dpright@6+4 pad:righttrigger=1@8+2 pad:leftx=-0.6@10+15"
presses+=" wheel:up@14 wheel:-2@15+2 f5@18 kp_enter@19 mouse:left@20+2 text:hi@23"
run rec "$FIXTURES/input" --frames 40 --press "$presses" --record "$T/pad.rec"
expect_json "$(dump "$T/rec.state")" '.state.a_presses == 2 and .state.a_releases == 2 and
  .state.dpad_right == 4 and .state.wheel == -3 and .state.f5_presses == 1 and
  .state.kp_presses == 1 and .state.mouse_releases == 1 and .state.name == "hi" and
  .state.trigger > 1.9 and .state.x < -5 and .state.plugs == 1' "the recorded run"
[ "$(jq -r 'select(.event=="log") | .line' "$T/rec.jsonl" | sort -u)" = "rumble yes" ] ||
  fail "a virtual pad should rumble: $(jq -c 'select(.event=="log")' "$T/rec.jsonl")"
"$HOTRUN" --replay "$T/pad.rec" --state-out "$T/replayed.state" "$FIXTURES/input" \
  >"$T/replay.log" 2>&1 || fail "--replay failed: $(cat "$T/replay.log")"
cmp -s "$T/rec.state" "$T/replayed.state" ||
  fail "the replay ended elsewhere: $(dump "$T/rec.state") vs $(dump "$T/replayed.state")"
pass "a run with two pads, trigger, wheel, F5, keypad, mouse and text replays byte for byte"
copy_fixture input "$T/vgame"
"$HOTRUN" verify "$T/pad.rec" "$T/vgame" >"$T/verify.log" 2>&1 ||
  fail "verify failed: $(tail -n 5 "$T/verify.log")"
pass "hotrun verify: $(tail -n 1 "$T/verify.log")"

# Rewinding through pad, text and wheel input (Ctrl+F12 held 10 frames, 2 back each) lands
# on exactly the image the game had: the history replays them like keys.
mkdir -p "$T/trace"
run rewind "$FIXTURES/input" --frames 111 --trace "$T/trace" --press \
  "pad:leftx=0.5@5+70 pad:a@62 pad:a@72 text:abc@64 wheel:up@66+5 ctrl+f12@100+10"
for f in 98 90 80; do
  cmp -s "$T/trace/$f.state" "$T/trace/seek-$f.state" ||
    fail "rewound to frame $f: $(dump "$T/trace/seek-$f.state") but the game had $(dump "$T/trace/$f.state")"
done
expect_json "$(dump "$T/trace/80.state")" '.state.name == "abc" and .state.a_presses == 2 and
  .state.wheel == 5' "the image rewound to"
pass "rewound over pad, text and wheel input: frames 98, 90 and 80 restored exactly"

# A recording of the older format (before pads and the whole keyboard) still replays to the
# state it ended with (the same values; the image's own format may have moved on since).
copy_fixture flow "$T/flow"
"$HOTRUN" --replay "$FIXTURES/recordings/flow_v1.rec" --state-out "$T/v1.state" "$T/flow" \
  >"$T/v1.log" 2>&1 || fail "the HOTREC1 recording did not replay: $(cat "$T/v1.log")"
[ "$(dump "$FIXTURES/recordings/flow_v1.state" | jq -c .state)" = \
  "$(dump "$T/v1.state" | jq -c .state)" ] ||
  fail "the HOTREC1 recording replays elsewhere: $(dump "$T/v1.state")"
pass "a HOTREC1 recording still replays to its state (x $(dump "$T/v1.state" | jq .state.x))"

# Host keys sit behind Ctrl: plain F5 is the game's, Ctrl+F5 quicksaves; with
# --host-keys none plain F5 quicksaves and the game never sees it.
run keys "$FIXTURES/input" --frames 12 --save-file "$T/q1.state" --press "f5@2 ctrl+f5@5"
[ "$(num keys .state.f5_presses)" = 1 ] || fail "plain F5 did not reach the game"
[ "$(count_events keys '.event == "save"')" -eq 1 ] || fail "Ctrl+F5 did not quicksave"
run none "$FIXTURES/input" --frames 12 --save-file "$T/q2.state" --host-keys none --press "f5@2"
[ "$(num none .state.f5_presses)" = 0 ] || fail "--host-keys none: the game saw F5"
[ "$(count_events none '.event == "save"')" -eq 1 ] || fail "--host-keys none: F5 did not save"
pass "plain F5 is the game's, Ctrl+F5 quicksaves; --host-keys none: F5 quicksaves"

# Bad scripts and options: one sentence, exit 2.
bad() { # NAME PATTERN ARGS...
  local name=$1 pattern=$2 rc=0; shift 2
  "$HOTRUN" --headless --frames 5 "$@" "$FIXTURES/input" >"$T/$name.log" 2>&1 || rc=$?
  [ $rc -eq 2 ] || fail "$name: exit status $rc, expected 2"
  grep -q "$pattern" "$T/$name.log" || fail "$name: no '$pattern': $(cat "$T/$name.log")"
}
bad badpad "hotrun: --press: pad:jump is no pad button" --press "pad:jump@3"
bad badmod "option --host-keys: 'shift' is not ctrl, alt, super or none" --host-keys shift
pass "a bad pad press and a bad --host-keys: one sentence each"
