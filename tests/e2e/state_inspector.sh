# The F1 tweak panel: a translucent column docked on the right of the window listing the
# state's fields and values, leaving the left and middle of the game's picture alone. Screenshots (BMP) of 20 frames with and without
# --press ctrl+f1@5: on the counter fixture (a picture that is the same on every run) only the
# right side changes; on the example game the panel's top lines (title, score, frames) are
# the same pixels on every run and differ from the picture without the inspector.
source "$(dirname "$0")/lib.sh"

shot() { # NAME DIR [ARGS...]: 20 frames, a screenshot at the last one in $T/NAME.bmp
  local name=$1 dir=$2; shift 2
  "$HOTRUN" --headless --frames 20 --screenshot "$T/$name.bmp" "$@" "$dir" >"$T/$name.log" 2>&1 ||
    fail "$name: hotrun failed"
  [ -s "$T/$name.bmp" ] || fail "$name: no screenshot"
}
region() { bmp_region "$@" | md5sum | cut -d' ' -f1; }
LEFT='0 0 490 600' PANEL='505 4 790 60' # the panel's title and first lines

copy_fixture counter "$T/counter"
shot counter "$T/counter"
shot counter_f1 "$T/counter" --press ctrl+f1@5
cmp -s "$T/counter.bmp" "$T/counter_f1.bmp" && fail "counter: F1 changed nothing"
[ "$(region "$T/counter.bmp" $LEFT)" = "$(region "$T/counter_f1.bmp" $LEFT)" ] ||
  fail "counter: the inspector changed the left of the picture"
[ "$(region "$T/counter.bmp" $PANEL)" != "$(region "$T/counter_f1.bmp" $PANEL)" ] ||
  fail "counter: no inspector on the right"
pass "counter: the inspector changes the right side only"

shot game "$SRC_ROOT/game/src"
shot game_f1 "$SRC_ROOT/game/src" --press ctrl+f1@5
shot game_f1_again "$SRC_ROOT/game/src" --press ctrl+f1@5
cmp -s "$T/game.bmp" "$T/game_f1.bmp" && fail "game: F1 changed nothing"
panel=$(region "$T/game_f1.bmp" $PANEL)
[ "$panel" = "$(region "$T/game_f1_again.bmp" $PANEL)" ] ||
  fail "game: the inspector's top lines are not the same on two runs"
[ "$panel" != "$(region "$T/game.bmp" $PANEL)" ] || fail "game: no inspector on the right"
pass "game: the inspector panel is drawn on the right"
