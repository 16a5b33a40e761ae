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
