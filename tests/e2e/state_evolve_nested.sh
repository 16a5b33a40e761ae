# State evolution inside values, while hotrun runs (see state_evolve_fields.sh): a struct
# gains a field, arrays grow (default items) and shrink, a list and a string are cut to
# their new capacity, a saved field turns TRANSIENT (zero after the swap, rebuilt by
# after_swap, no longer in the image) and a renamed field is carried by the migrate hook.
source "$(dirname "$0")/lib.sh"

evolve_pair v2_nested v2_string
evolve_check v2_nested '["inner.c: added","grow: added (3 -> 5 items)",
  "shrink: truncated (4 -> 2 items)","items: truncated (5 -> 3 items)"]' \
  '.inner.c = 3 | .grow = [1,2,3,0,0] | .shrink = [1,2] | .items = .items[:3]' \
  '[.state.items[].id] == [1,2,3]'
evolve_check v2_string '["name: truncated (18 -> 7 bytes)"]' '.name = "a fairl"' \
  '.state.name == "a fairl" and .state.tag == "short"'

evolve_pair v2_transient v2_migrate
# v2_transient: cached was 321 in the image; after the swap it is zero (not decoded) until
# after_swap rebuilds it, and it is saved no more.
evolve_check v2_transient '["cached: dropped"]' 'del(.cached)' '.state | has("cached") | not'
[ "$(count_events v2_transient \
  '.event=="log" and .line == "evolve v2_transient after_swap: cached=0 before the rebuild"')" \
  -eq 1 ] || fail "v2_transient: cached was not zero after the swap"
# v2_migrate: hp (250) is dropped and health added by name matching, then the migrate hook
# (from version 1) carries the value; the image is state_version 2, health where hp was.
evolve_check v2_migrate '["hp: dropped","health: added"]' 'del(.hp) | .health = 250' \
  '.version == 2 and (.state | keys_unsorted | index("health") == 2)
   and (.state | has("hp") | not)'
# The hook ran once, before after_swap.
logs=$(jq -r 'select(.event=="log") | .line' "$T/v2_migrate.jsonl")
[ "$(printf '%s\n' "$logs" | grep -c ' migrate: ')" -eq 1 ] &&
  printf '%s\n' "$logs" |
  grep -A1 -x 'evolve v2_migrate migrate: from version 1, hp 250 -> health' |
  grep -q '^evolve v2_migrate after_swap: ' ||
  fail "v2_migrate: the migrate hook did not run once (from version 1, hp 250) before after_swap"
pass "v2_transient: cached zero after the swap; v2_migrate: hp carried to health"
