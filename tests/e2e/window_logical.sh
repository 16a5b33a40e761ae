#!/usr/bin/env bash
# window_logical: a game's own logical screen (HOT_GAME .width/.height, integer scaling):
# api->screen_size says it, the screenshot has its size and what was drawn in its corner;
# api->quit ends the run after that frame with status 0.
source "$(dirname "$0")/lib.sh"

copy_fixture pixelart "$T/p"
"$HOTRUN" --headless --events "$T/p.jsonl" --screenshot "$T/p.bmp" "$T/p" >"$T/p.log" 2>&1 ||
  fail "the game's quit did not end hotrun with status 0"
grep -q "screen 320x180" "$T/p.log" || fail "screen_size is not the game's 320 x 180"
expect_json "$(jq -c 'select(.event=="exit")' "$T/p.jsonl")" '.frames == 5 and .status == 0' \
  "exit after the 5th frame"
w=$(od -An -td4 -j18 -N4 "$T/p.bmp" | tr -d ' ')
h=$(od -An -td4 -j22 -N4 "$T/p.bmp" | tr -d ' ')
[ "$w" = 320 ] && [ "${h#-}" = 180 ] || fail "the screenshot is ${w}x${h}, not 320x180"
[ "$(python3 "$TESTS_DIR/e2e/bmp_pixel.py" "$T/p.bmp" 315 175)" = "0 255 0" ] ||
  fail "the corner square is not where the logical screen puts it"
pass "320 x 180 logical screen, screenshot at its size, api->quit"
