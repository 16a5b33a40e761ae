# Bad input gets one clear sentence and exit 1: a syntax error, an empty directory, a game
# without the descriptor, a directory that does not exist, no display without --headless.
source "$(dirname "$0")/lib.sh"

expect_fail() { # NAME PATTERN ARGS...
  local name=$1 pattern=$2 rc=0; shift 2
  "$@" >"$T/$name.log" 2>&1 || rc=$?
  [ $rc -eq 1 ] || fail "$name: exit status $rc, expected 1"
  grep -Eq "$pattern" "$T/$name.log" || fail "$name: no sentence matching '$pattern'"
  pass "$name: $(grep -E "$pattern" "$T/$name.log" | head -n 1)"
}

expect_fail syntax 'hotrun: build failed: .*broken\.c:[0-9]+' "$HOTRUN" --once "$FIXTURES/syntax"
mkdir -p "$T/empty"
expect_fail empty 'hotrun: build failed: no \.c files' "$HOTRUN" --once "$T/empty"
expect_fail nodesc 'hotrun: .*(no hot_game descriptor|HOT_GAME)' "$HOTRUN" --once "$FIXTURES/nodesc"
expect_fail missing 'hotrun: .*/no/such/dir: no such directory' "$HOTRUN" --once "$T/no/such/dir"
expect_fail abi 'hotrun: .*rebuild' "$HOTRUN" --once "$FIXTURES/abi"
expect_fail unresolved 'hotrun: .*no_such_function' "$HOTRUN" --once "$FIXTURES/unresolved"
expect_fail nodisplay 'headless' env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER \
  "$HOTRUN" --frames 1 "$FIXTURES/counter"
echo 'not a state image' >"$T/garbage.state"
expect_fail dump_garbage 'hotrun: .*garbage\.state: ' "$HOTRUN" dump "$T/garbage.state"
expect_fail dump_missing 'hotrun: .*nothere\.state: ' "$HOTRUN" dump "$T/nothere.state"
expect_fail state_in_garbage 'hotrun: .*--state-in .*garbage\.state' \
  "$HOTRUN" --once --state-in "$T/garbage.state" "$FIXTURES/counter"
rc=0; "$HOTRUN" --frobnicate "$FIXTURES/counter" >"$T/opt.log" 2>&1 || rc=$?
[ $rc -eq 2 ] && grep -q "unknown option '--frobnicate'" "$T/opt.log" || fail "unknown option"
pass "unknown option: exit 2"
# --state-in of a truncated image or of a file with another magic: exit 1 with a sentence
# (--once and develop mode), and --state-out naming the same file leaves it as it was.
"$HOTRUN" --once --frames 4 --state-out "$T/good.state" "$FIXTURES/counter" >"$T/good.log" 2>&1 ||
  fail "could not make an image"
head -c $(($(stat -c %s "$T/good.state") - 3)) "$T/good.state" >"$T/truncated.state"
sed 's/hotrun/hotrux/' "$T/good.state" >"$T/magic.state"
expect_fail state_in_truncated 'hotrun: --state-in .*truncated\.state: .*truncated' \
  "$HOTRUN" --once --state-in "$T/truncated.state" "$FIXTURES/counter"
expect_fail state_in_magic 'hotrun: --state-in .*magic\.state: .*not a hotrun state image' \
  "$HOTRUN" --headless --frames 5 --state-in "$T/magic.state" "$FIXTURES/counter"
for mode in --once --headless; do
  cp "$T/truncated.state" "$T/kept.state"
  expect_fail "state_in_kept$mode" 'hotrun: --state-in .*kept\.state: ' "$HOTRUN" $mode \
    --frames 5 --state-in "$T/kept.state" --state-out "$T/kept.state" "$FIXTURES/counter"
  cmp -s "$T/kept.state" "$T/truncated.state" || fail "$mode: --state-out overwrote the image"
done
