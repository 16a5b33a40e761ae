# A session survives hotrun's own death: the last good state goes to the build cache every
# second, written by a thread of its own. After a SIGKILL the next start says so, and
# --resume goes on from that state; a clean exit leaves nothing to resume.
source "$(dirname "$0")/lib.sh"

copy_fixture flow "$T/game"
start_hotrun first "$T/game"
wait_event first '.event=="first_frame"' >/dev/null
deadline=$((SECONDS + 30))
until session=$(find "$T/cache" -name session.state | head -n 1) && [ -n "$session" ]; do
  [ $SECONDS -lt $deadline ] || fail "no session file after 30 s"
  sleep 0.1
done
sleep 1.5 # a later image than the first one
kill -KILL "$HOTRUN_PID"
wait "$HOTRUN_PID" 2>/dev/null || true
kept=$(dump "$session" | jq .state.frames)
[ "$kept" -gt 0 ] || fail "the session file holds no frames"

"$HOTRUN" --headless --frames 5 "$T/game" >"$T/second.log" 2>&1 || fail "the next start failed"
grep -q "hotrun: the last session of this game did not exit .*--resume goes on from it" \
  "$T/second.log" || fail "the next start did not say so: $(cat "$T/second.log")"
[ ! -e "$session" ] || fail "a clean exit left its session file"
"$HOTRUN" --headless --frames 10 --resume --state-out "$T/resumed.state" "$T/game" \
  >"$T/resume.log" 2>&1 || fail "--resume failed: $(cat "$T/resume.log")"
expect_json "$(dump "$T/resumed.state")" ".state.frames == $kept + 10" "the resumed game"
pass "killed at frame $kept or later; --resume went on from frame $kept"

copy_fixture flow "$T/clean"
"$HOTRUN" --headless --frames 5 "$T/clean" >"$T/clean.log" 2>&1 || fail "clean run failed"
rc=0; "$HOTRUN" --headless --frames 5 --resume "$T/clean" >"$T/none.log" 2>&1 || rc=$?
[ $rc -eq 1 ] && grep -q "hotrun: --resume: no session to resume" "$T/none.log" ||
  fail "--resume without a killed session: exit $rc: $(cat "$T/none.log")"
pass "--resume after a clean exit: one sentence, exit 1"
