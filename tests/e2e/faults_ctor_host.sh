# A constructor that passes the probe but crashes inside hotrun's own dlopen: hotrun
# survives, keeps the running game, says to restart, and leaves a rescue image that
# --state-in accepts.
source "$(dirname "$0")/lib.sh"

copy_fixture ctor_host "$T/game"
start_hotrun dev --cache "$T/cache" "$T/game"
wait_event dev '.event=="reload" and .gen==1 and .ok' >/dev/null
sleep 0.5
sed -i 's/#define CRASH_IN_HOST 0/#define CRASH_IN_HOST 1/' "$T/game/game.c"
line=$(wait_event dev '.event=="reload" and .ok==false')
echo "$line" | jq -e '.error | test("constructor crashed while loading: SIGSEGV .* in crash_in_host")' \
  >/dev/null || fail "reload error does not name the crash: $line"
rescue=$(echo "$line" | jq -r '.error' | sed -n 's/.*--state-in \(.*\)$/\1/p')
[ -f "$rescue" ] || fail "no rescue image at '$rescue'"
kill -0 "$HOTRUN_PID" || fail "hotrun died"
stop_hotrun || fail "hotrun did not exit cleanly after the fault in dlopen"
jq -e 'select(.event=="exit") | .frames > 0 and .gen == 1' "$T/dev.jsonl" >/dev/null ||
  fail "the running game (gen 1) did not keep running"
frames=$(dump "$rescue" | jq '.. | objects | .frames? // empty' | head -n 1)
[ "$frames" -gt 0 ] || fail "rescue image frames '$frames'"
sed -i 's/#define CRASH_IN_HOST 1/#define CRASH_IN_HOST 0/' "$T/game/game.c"
"$HOTRUN" --once --frames 2 --state-in "$rescue" --state-out "$T/after.state" --cache "$T/cache" \
  "$T/game" >"$T/restart.log" 2>&1 || fail "restart from the rescue image failed"
after=$(dump "$T/after.state" | jq '.. | objects | .frames? // empty' | head -n 1)
[ "$after" -eq $((frames + 2)) ] || fail "restart did not continue from $frames: $after"
pass "fault inside hotrun's dlopen survived; rescue image at frame $frames resumed"
