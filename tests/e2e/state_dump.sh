# hotrun dump on images of the example game: valid JSON that jq reads, the same bytes every
# time (stable key order: the schema's), the game's fields and no TRANSIENT ones. Cut at
# every length, with any single byte flipped, with another magic or format version: exit 1
# with one sentence and nothing on stdout, or (a flip that still makes an image) valid
# JSON; never a crash (a signal).
source "$(dirname "$0")/lib.sh"

"$HOTRUN" --once --state-out "$T/game.state" "$SRC_ROOT/game/src" >"$T/once.log" 2>&1 ||
  fail "hotrun --once game/src failed"
dump "$T/game.state" >"$T/a.json" || fail "dump failed"
dump "$T/game.state" >"$T/b.json" || fail "second dump failed"
cmp -s "$T/a.json" "$T/b.json" || fail "two dumps of one image differ"
jq -e '.hotrun == 2 and .version == 1 and .game == "comet catcher" and (.schema | type == "number")
  and .state.frames == 120 and (.state | keys_unsorted) ==
  ["score","frames","mode","banner","banner_time","player","coin","comets","sparks",
   "shake_time","tuning"] and .state.tuning.player_speed == 260
  and (.state.score | type == "number") and (.state.banner | type == "string")
  and (.state.player.trail | length == 8) and (.state.comets | length >= 3)' "$T/a.json" \
  >/dev/null || fail "the dump lacks the game's fields: $(jq -c . "$T/a.json" | cut -c1-400)"
pass "dump: $(jq -c '.state | {score, frames, banner, comets: (.comets | length)}' "$T/a.json")"

# bad_dump FILE WHAT: dump exits 0 with JSON (appended to $T/accepted.json, for one jq at
# the end) or 1 with one "hotrun: FILE: ..." line.
accepted=0
bad_dump() {
  local rc=0 err
  "$HOTRUN" dump "$1" >"$T/bad.out" 2>"$T/bad.err" || rc=$?
  case $rc in
  0) cat "$T/bad.out" >>"$T/accepted.json" && accepted=$((accepted + 1)) ;;
  1) [ ! -s "$T/bad.out" ] || fail "$2: exit 1 with output on stdout"
     mapfile -t err <"$T/bad.err"
     [ ${#err[@]} -eq 1 ] && [[ ${err[0]} == "hotrun: $1: "[a-z]* ]] ||
       fail "$2: not one sentence: ${err[*]}" ;;
  *) fail "$2: exit status $rc (a signal is 128 + N)" ;;
  esac
  return $rc
}
# must_refuse FILE WHAT PATTERN: exit 1 with a sentence matching PATTERN.
must_refuse() {
  local rc=0
  bad_dump "$1" "$2" || rc=$?
  [ $rc -eq 1 ] && grep -q "$3" "$T/bad.err" || fail "$2: not refused with '$3'"
  pass "$2: $(cat "$T/bad.err")"
}

# Cut at the first 16 lengths, then every 7th, and 1 byte short.
size=$(stat -c %s "$T/game.state")
cuts=0
for ((n = 0; n < size; n += (n < 16 ? 1 : 7))); do
  for m in $n $((n == 0 ? size - 1 : -1)); do
    [ $m -ge 0 ] || continue
    head -c $m "$T/game.state" >"$T/cut.state"
    rc=0; bad_dump "$T/cut.state" "cut at $m of $size" || rc=$?
    [ $rc -eq 1 ] || fail "an image cut at $m of $size bytes was accepted"
    cuts=$((cuts + 1))
  done
done
pass "$cuts cuts of the $size-byte image: exit 1 with a sentence"
head -c $((size / 2)) "$T/game.state" >"$T/half.state"
must_refuse "$T/half.state" "half an image" 'truncated or corrupt'

# Every 5th byte (each kind of msgpack header and payload gets hit) inverted.
: >"$T/accepted.json"
mapfile -t bytes < <(od -An -v -tu1 -w1 "$T/game.state")
flips=0 refused=0
for ((i = 0; i < size; i += 5)); do
  { head -c $i "$T/game.state"
    printf "\\$(printf '%03o' $((bytes[i] ^ 0xff)))"
    tail -c +$((i + 2)) "$T/game.state"; } >"$T/flip.state"
  rc=0; bad_dump "$T/flip.state" "byte $i flipped" || rc=$?
  flips=$((flips + 1)) refused=$((refused + rc))
done
[ "$(jq -s length "$T/accepted.json")" -eq "$accepted" ] ||
  fail "an accepted flipped image did not dump as valid JSON"
pass "$flips single-byte flips: $refused refused with a sentence, $accepted valid JSON"

sed 's/hotrun/hotrux/' "$T/game.state" >"$T/magic.state"
must_refuse "$T/magic.state" "another magic" 'not a hotrun state image'
cp "$T/game.state" "$T/format.state"
off=$(grep -obUa hotrun "$T/game.state" | head -n 1 | cut -d: -f1)
printf '\x03' | dd of="$T/format.state" bs=1 seek=$((off + 6)) conv=notrunc status=none
must_refuse "$T/format.state" "format version 3" 'format version'
# An image of format 1 (before images named their game), written by the hotrun of that
# time, still dumps.
dump "$FIXTURES/images/counter_v1.state" >"$T/v1.json" || fail "a format 1 image did not dump"
expect_json "$(jq -c . "$T/v1.json")" '.hotrun == 1 and .state == {"frames":30,"value":30}' \
  "format 1 dump"
pass "format 1 image: $(jq -c . "$T/v1.json")"
# The map of the state claims 15 entries where it has 11: a corrupt image.
cp "$T/game.state" "$T/count.state"
off=$(grep -obUa state "$T/game.state" | head -n 1 | cut -d: -f1)
[ "$(od -An -tx1 -j $((off + 5)) -N1 "$T/game.state" | tr -d ' ')" = 8b ] ||
  fail "the state map is not where expected"
printf '\x8f' | dd of="$T/count.state" bs=1 seek=$((off + 5)) conv=notrunc status=none
must_refuse "$T/count.state" "a map with missing entries" 'truncated or corrupt'
: >"$T/empty.state"
must_refuse "$T/empty.state" "an empty file" 'not a hotrun state image'
