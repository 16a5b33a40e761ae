# What the host draws over the game, through the real binary (headless screenshots):
# the status line (here after F5's quicksave) leaves the game's top rows as they are, and
# after a fault the frozen last frame stays behind the report, dimmed, instead of a blank.
source "$(dirname "$0")/lib.sh"

shot() { # NAME DIR FRAMES [ARGS...]: a screenshot at the last frame in $T/NAME.bmp
  local name=$1 dir=$2 frames=$3; shift 3
  "$HOTRUN" --headless --frames "$frames" --screenshot "$T/$name.bmp" "$@" "$dir" \
    >"$T/$name.log" 2>&1 || fail "$name: hotrun failed"
  [ -s "$T/$name.bmp" ] || fail "$name: no screenshot"
}
region() { bmp_region "$@" | md5sum | cut -d' ' -f1; }
rgb() { # FILE X Y: "R G B" of one pixel
  local v
  v=$(bmp_region "$1" "$2" "$3" $(($2 + 1)) $(($3 + 1)) | tr -d ' ')
  echo $((16#${v:2:2})) $((16#${v:4:2})) $((16#${v:6:2}))
}

# The counter fixture draws the same picture on every run: with and without a status line.
copy_fixture counter "$T/counter"
shot plain "$T/counter" 20
shot status "$T/counter" 20 --save-file "$T/q.state" --press ctrl+f5@15
grep -q "saved to" "$T/status.log" || fail "status: F5 did not save"
[ "$(region "$T/plain.bmp" 0 0 800 100)" = "$(region "$T/status.bmp" 0 0 800 100)" ] ||
  fail "status: the status line changed the game's top rows"
[ "$(region "$T/plain.bmp" 0 574 800 600)" != "$(region "$T/status.bmp" 0 574 800 600)" ] ||
  fail "status: no status line at the bottom"
pass "the status line is at the bottom: the game's top rows stay visible"

# faulty: update segfaults from frame CRASH_AT on. Before it, the game's own picture; after
# it, the same picture dimmed behind the fault panel.
copy_fixture faulty "$T/faulty"
set_fault "$T/faulty" 1 0
CRASH_AT=$(sed -n 's/^#define CRASH_AT \([0-9]*\)$/\1/p' "$T/faulty/mode.h")
shot before "$T/faulty" $((CRASH_AT - 5))
shot after "$T/faulty" $((CRASH_AT + 10))
grep -q "the game faulted in update" "$T/after.log" || fail "fault: no fault happened"
for xy in "400 560" "20 590" "790 580"; do
  read -r r0 g0 b0 <<<"$(rgb "$T/before.bmp" $xy)"
  read -r r1 g1 b1 <<<"$(rgb "$T/after.bmp" $xy)"
  # 150/255 black over the frame: each channel keeps 105/255 of itself (+-2 for rounding).
  for c in "$r0 $r1" "$g0 $g1" "$b0 $b1"; do
    read -r a b <<<"$c"
    want=$((a * 105 / 255))
    [ $((b - want)) -le 2 ] && [ $((want - b)) -le 2 ] ||
      fail "fault: pixel ($xy) is ($r1 $g1 $b1), the game's ($r0 $g0 $b0) dimmed expected"
  done
done
[ "$r0" -gt "$g0" ] || fail "fault: the fixture's picture is not its reddish clear colour"
pass "after a fault the frozen last frame shows, dimmed, behind the report"

# The help overlay (Shift+F1): docked on the left over the game, the rest of the picture
# untouched.
shot help "$T/counter" 20 --press ctrl+shift+f1@5
[ "$(region "$T/plain.bmp" 0 0 420 500)" != "$(region "$T/help.bmp" 0 0 420 500)" ] ||
  fail "help: nothing drawn on the left"
[ "$(region "$T/plain.bmp" 440 0 800 600)" = "$(region "$T/help.bmp" 440 0 800 600)" ] ||
  fail "help: the right of the picture changed"
pass "the help shows on the left, leaving the rest of the game"

# A develop run ended by SIGTERM (Ctrl+C in a terminal, a script's kill) still writes the
# screenshot it was asked for: one more frame is drawn and saved, then hotrun stops.
start_hotrun term --screenshot "$T/term.bmp" "$T/counter"
wait_event term '.event=="first_frame"' >/dev/null
sleep 0.3
stop_hotrun || fail "term: hotrun failed after SIGTERM"
[ -s "$T/term.bmp" ] || fail "term: no screenshot after SIGTERM"
# The counter's text (its frame count differs) over its clear colour, as in plain.bmp.
[ "$(region "$T/term.bmp" 0 100 800 600)" = "$(region "$T/plain.bmp" 0 100 800 600)" ] ||
  fail "term: the screenshot is not the game's picture"
[ "$(region "$T/term.bmp" 0 0 800 100)" != "$(region "$T/term.bmp" 0 100 800 200)" ] ||
  fail "term: the game's text is missing from the screenshot"
pass "a run stopped by SIGTERM saves its screenshot"
