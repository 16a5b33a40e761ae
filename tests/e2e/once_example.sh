# --once passes on the example game: builds, runs 120 frames, swap round trip identical.
source "$(dirname "$0")/lib.sh"

"$HOTRUN" --once "$SRC_ROOT/game/src" --events "$T/once.jsonl" --state-out "$T/once.state" \
  >"$T/once.log" 2>&1 || fail "--once failed on the example game"
[ "$(jq -s '[.[] | select(.event=="build" and .ok==true)] | length' "$T/once.jsonl")" -ge 1 ] ||
  fail "no successful build event"
jq -e 'select(.event=="exit") | .status == 0 and .frames == 120' "$T/once.jsonl" >/dev/null ||
  fail "exit event does not say 120 frames and status 0"
grep -q "round trip" "$T/once.log" || fail "no round trip reported"
frames=$(dump "$T/once.state" | jq '.. | objects | .frames? // empty' | head -n 1)
[ "$frames" = 120 ] || fail "state image frames is '$frames', expected 120"
pass "--once on the example game, state image has frames=120"

# --frames N changes the count.
"$HOTRUN" --once --frames 10 "$SRC_ROOT/game/src" --events "$T/ten.jsonl" >"$T/ten.log" 2>&1 ||
  fail "--once --frames 10 failed"
jq -e 'select(.event=="exit") | .frames == 10' "$T/ten.jsonl" >/dev/null || fail "not 10 frames"
pass "--once --frames 10"
