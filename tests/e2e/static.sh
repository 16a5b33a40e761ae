# --static builds one optimised executable that runs without hotrun, a compiler or dlopen.
source "$(dirname "$0")/lib.sh"

"$HOTRUN" --static "$SRC_ROOT/game/src" -o "$T/game" >"$T/static.log" 2>&1 ||
  fail "--static failed"
[ -x "$T/game" ] || fail "no executable written"
ldd "$T/game" >"$T/ldd.log"
grep -q libuv "$T/ldd.log" && fail "the release executable links libuv"
grep -Eq 'game|gen-' "$T/ldd.log" && fail "the release executable links a game library"
if nm -D "$T/game" 2>/dev/null | grep -qw dlopen; then fail "the release executable uses dlopen"; fi
pass "static executable: no libuv, no game library, no dlopen"

"$T/game" --headless --frames 60 --events "$T/run.jsonl" --state-out "$T/run.state" \
  >"$T/run.log" 2>&1 || fail "the static executable failed to run 60 frames"
jq -e 'select(.event=="exit") | .frames == 60 and .status == 0' "$T/run.jsonl" >/dev/null ||
  fail "exit event of the static executable"
frames=$(dump "$T/run.state" | jq '.. | objects | .frames? // empty' | head -n 1)
[ "$frames" = 60 ] || fail "static run state frames '$frames'"
pass "static executable ran 60 frames headless, its state image reads back"
"$T/game" --help | grep -q -- --frames || fail "--help of the static executable"
