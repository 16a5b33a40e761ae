# A running hotrun sees a source edit, rebuilds, swaps (reload gen 2) and keeps the game's
# progress: the frame counter does not restart.
source "$(dirname "$0")/lib.sh"

copy_fixture counter "$T/game"
start_hotrun dev --state-out "$T/out.state" "$T/game"
wait_event dev '.event=="reload" and .gen==1 and .ok' >/dev/null
sleep 1 # let frames run: about 60 at 60 fps
sed -i 's/#define STEP 1/#define STEP 1000/' "$T/game/tune.h"
line=$(wait_event dev '.event=="reload" and .gen==2')
echo "$line" | jq -e '.ok' >/dev/null || fail "reload 2 not ok: $line"
sleep 0.5
stop_hotrun || fail "hotrun exited with an error after SIGTERM"
jq -e 'select(.event=="exit") | .status == 0' "$T/dev.jsonl" >/dev/null || fail "exit event"
state=$(dump "$T/out.state")
frames=$(echo "$state" | jq '.. | objects | .frames? // empty' | head -n 1)
value=$(echo "$state" | jq '.. | objects | .value? // empty' | head -n 1)
[ "$frames" -gt 60 ] || fail "frames $frames: the counter restarted or never ran"
# Before the edit value grew by 1 a frame, after it by 1000: both must show.
[ "$value" -gt 1000 ] && [ $((value % 1000)) -ne 0 ] ||
  fail "value $value does not show both the old and the new code"
pass "reload gen 2 kept the state: frames=$frames value=$value"
