# --state-in and F9 of what is not an image file (issue 15): a FIFO, a directory, a device
# are refused at once with one sentence, never waited on; a 1 GiB file that is not an image
# is refused on its first bytes, not read whole. The game keeps its state through an F9 of
# any of them.
source "$(dirname "$0")/lib.sh"

copy_fixture counter "$T/game"
mkfifo "$T/fifo.state"
mkdir "$T/dir.state"
truncate -s 1G "$T/big.state" # sparse: 1 GiB of zeros, no image
printf '\x85\xa6hotrun\x02' >"$T/bighead.state" && truncate -s 1G "$T/bighead.state"

for case in 'fifo|not a regular file' 'dir|not a regular file' 'big|not a hotrun state image' \
  'bighead|truncated or corrupt'; do
  name=${case%%|*} why=${case#*|}
  # --state-in: exit 1 with one sentence (timeout: a FIFO must not block the start).
  rc=0
  timeout 60 "$HOTRUN" --once --frames 5 --state-in "$T/$name.state" "$T/game" \
    >"$T/in_$name.log" 2>&1 || rc=$?
  [ $rc -eq 1 ] || fail "--state-in $name: exit $rc, not 1"
  grep -q "hotrun: --state-in .*$name\.state: .*$why" "$T/in_$name.log" ||
    fail "--state-in $name: no sentence '$why'"
  # F9: refused, the game runs on (20 frames at exit).
  timeout 60 "$HOTRUN" --once --frames 20 --events "$T/f9_$name.jsonl" \
    --save-file "$T/$name.state" --press ctrl+f9@5 --state-out "$T/f9_$name.out" "$T/game" \
    >"$T/f9_$name.log" 2>&1 || fail "F9 of $name: hotrun failed or hung"
  expect_json "$(jq -c 'select(.event=="load")' "$T/f9_$name.jsonl")" \
    "(.ok | not) and (.error | test(\"$why\"))" "F9 of $name: load event"
  grep -q "could not load .*$name\.state: .*$why.*; the game keeps its state" "$T/f9_$name.log" ||
    fail "F9 of $name: no sentence in the terminal"
  expect_json "$(dump "$T/f9_$name.out")" '.state == {"frames":20,"value":20}' \
    "F9 of $name: the game did not keep its state"
  pass "$name: $(grep -o 'could not load.*' "$T/f9_$name.log")"
done

# /dev/null is a device: refused, not read as an empty image.
rc=0
"$HOTRUN" --once --frames 5 --state-in /dev/null "$T/game" >"$T/null.log" 2>&1 || rc=$?
[ $rc -eq 1 ] && grep -q "hotrun: --state-in /dev/null: not a regular file" "$T/null.log" ||
  fail "--state-in /dev/null: exit $rc: $(cat "$T/null.log")"
# dump refuses the same way.
rc=0
timeout 60 "$HOTRUN" dump "$T/fifo.state" >"$T/dump.out" 2>"$T/dump.err" || rc=$?
[ $rc -eq 1 ] && grep -q "not a regular file" "$T/dump.err" || fail "dump of a FIFO: exit $rc"
rc=0
"$HOTRUN" dump "$T/big.state" >"$T/dump.out" 2>"$T/dump.err" || rc=$?
[ $rc -eq 1 ] && grep -q "not a hotrun state image" "$T/dump.err" || fail "dump of 1 GiB: exit $rc"
pass "a device, and dump of a FIFO and of 1 GiB of zeros: refused with a sentence"
