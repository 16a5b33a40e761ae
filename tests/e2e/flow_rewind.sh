# Holding F12 rewinds: each frame a seek further back through the history (a keyframe every
# 60 frames plus the recorded inputs in between). The image at the frame it lands on is
# exactly the image the game had at that frame the first time (--trace writes both), and
# the game plays on from there when F12 is let go.
source "$(dirname "$0")/lib.sh"

copy_fixture flow "$T/game"
mkdir -p "$T/trace"
# Host frames 100..109 hold F12: 2 frames back each, from 100 down to 80. The run ends one
# frame after (frame 81 played on), so the trace of frames 82..100 is still the first pass.
"$HOTRUN" --headless --frames 111 --events "$T/ev.jsonl" --trace "$T/trace" \
  --press "right@5+50 space@70 right@85+10 ctrl+f12@100+10" --state-out "$T/end.state" \
  "$T/game" >"$T/run.log" 2>&1 || fail "the run failed: $(cat "$T/run.log")"
for f in 98 90 80; do
  [ -f "$T/trace/seek-$f.state" ] || fail "no seek to frame $f"
  cmp -s "$T/trace/$f.state" "$T/trace/seek-$f.state" ||
    fail "rewound to frame $f: $(dump "$T/trace/seek-$f.state") but the game had $(dump "$T/trace/$f.state")"
done
[ ! -e "$T/trace/seek-78.state" ] || fail "rewound past frame 80"
expect_json "$(jq -c 'select(.event=="flow" and .what=="rewind_end")' "$T/ev.jsonl")" \
  '.frame == 80' "rewind end"
# 10 host frames rewound, 1 played on from 80.
expect_json "$(dump "$T/end.state")" '.state.frames == 81' "frames after playing on"
pass "rewound 20 frames: frames 98, 90 and 80 restored exactly; played on to 81"

# --history-mb 0: no history is kept, so F12 has nothing to rewind to: the game holds still
# while it is held (as at the start of a history) and plays on after.
"$HOTRUN" --headless --frames 111 --events "$T/ev0.jsonl" --history-mb 0 \
  --press "right@5+50 ctrl+f12@100+10" --state-out "$T/end0.state" \
  "$T/game" >"$T/run0.log" 2>&1 || fail "the run without history failed: $(cat "$T/run0.log")"
expect_json "$(dump "$T/end0.state")" '.state.frames == 101' "frames without history"
[ -z "$(jq -c 'select(.event=="flow" and .seeks)' "$T/ev0.jsonl")" ] || fail "a seek without history"
pass "--history-mb 0: no history, F12 rewinds nothing"
