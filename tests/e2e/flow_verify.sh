# hotrun verify REC DIR replays a recording through the develop library twice and through
# the --static build and compares the image after every frame: the flow game passes; a game
# that reads the machine's clock fails, naming the field and the frame where runs part.
source "$(dirname "$0")/lib.sh"

copy_fixture flow "$T/game"
"$HOTRUN" --headless --frames 90 --press "right@5+30 space@50" --record "$T/run.rec" \
  "$T/game" >"$T/rec.log" 2>&1 || fail "recording failed: $(cat "$T/rec.log")"
"$HOTRUN" verify "$T/run.rec" "$T/game" >"$T/verify.log" 2>&1 ||
  fail "verify failed on a deterministic game: $(cat "$T/verify.log")"
grep -q "hotrun: verify: 90 frames: the develop library plays the same twice, and the --static build plays the same" \
  "$T/verify.log" || fail "verify said: $(cat "$T/verify.log")"
pass "verify: 90 frames the same in develop (twice) and --static"

copy_fixture flow "$T/clock"
sed -i 's/#define READS_CLOCK 0/#define READS_CLOCK 1/' "$T/clock/mode.h"
"$HOTRUN" --headless --frames 30 --record "$T/clock.rec" "$T/clock" >"$T/crec.log" 2>&1 ||
  fail "recording the clock game failed"
rc=0
"$HOTRUN" verify "$T/clock.rec" "$T/clock" >"$T/cverify.log" 2>&1 || rc=$?
[ $rc -eq 1 ] || fail "verify passed a game that reads the clock (exit $rc): $(cat "$T/cverify.log")"
grep -Eq "hotrun: verify: jitter at frame 1: -?[0-9]+ vs -?[0-9]+" "$T/cverify.log" ||
  fail "verify did not name the field: $(cat "$T/cverify.log")"
grep -q "plays differently twice" "$T/cverify.log" || fail "verify did not say why"
pass "a game reading the clock: $(grep 'jitter at' "$T/cverify.log")"
