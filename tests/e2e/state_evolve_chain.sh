# Several shape changes in a row, in one running game: "a programmer can add, remove,
# reorder and retype fields of their state in any order of saves while the game runs".
# evolve/v1 -> v2_added (add) -> v2_reordered (drop those, reverse the order) -> v2_narrowed
# (retype, two values out of range) -> v2_removed (retype back, remove two) -> v1 again
# (the removed ones come back with their defaults). Each swap's report is exact, the frame
# counter never goes back, and the final image is v1's values evolved by all five steps.
source "$(dirname "$0")/lib.sh"

evolve_start chain
evolve_wait_set chain
steps=(
  'v2_added|["added: added","motto: added","extra: added"]'
  'v2_reordered|["added: dropped","motto: dropped","extra: dropped"]'
  'v2_narrowed|["big: reset (1000 out of range for u8)","small: converted (i32 -> u8)",
    "neg: reset (-3 out of range for u32)"]'
  'v2_removed|["big: converted (u8 -> i32)","small: converted (u8 -> i32)",
    "neg: converted (u32 -> i32)","gone: dropped","items: dropped"]'
  'v1|["gone: added","items: added"]'
)
gen=1 last=10
for step in "${steps[@]}"; do
  variant=${step%%|*} gen=$((gen + 1))
  line=$(evolve_swap chain "$variant" $gen)
  expect_changes "$line" "${step#*|}" "chain gen $gen ($variant)"
  at=$(jq -r 'select(.event=="log") | .line' "$T/chain.jsonl" |
    sed -n "s/^evolve $variant after_swap: frames=\([0-9]*\).*/\1/p" | tail -n 1)
  [ -n "$at" ] && [ "$at" -gt "$last" ] || fail "chain gen $gen: frames $at after $last"
  pass "gen $gen $variant at frame $at: $(printf '%s' "$line" | jq -c .changes)"
  last=$at
done
stop_hotrun || fail "hotrun exited with an error after SIGTERM"
[ "$(count_events chain '.event=="reload" and .ok')" -eq 6 ] || fail "not exactly 6 good reloads"
image=$(dump "$T/chain.state") || fail "hotrun dump failed"
want=$(jq -cn --argjson v1 "$EVOLVE_V1" '$v1 | .big = 5 | .neg = 5 | .gone = 0 | .items = []')
printf '%s' "$image" | jq -e --argjson want "$want" '.state | del(.frames) == $want' >/dev/null ||
  fail "final image $(printf '%s' "$image" | jq -c .state), expected $want"
expect_json "$image" ".state.frames > $last and (.state | keys_unsorted | .[0] == \"frames\")" \
  "final image: frames or field order"
pass "five shape changes in one run: $(printf '%s' "$image" | jq -c .state)"
