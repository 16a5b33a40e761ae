# State evolution, field by field, while hotrun runs: each variant's state.c is saved over a
# running copy of evolve/v1 after v1 set its values (frame 10); the swap's report lists
# exactly the variant's changes and the --state-out image holds v1's values, evolved by the
# rules (added: default, removed: gone, reordered: kept, widened: converted, narrowed: kept
# when it fits, else default). Two hotruns at a time. The variants' headers say what to expect.
source "$(dirname "$0")/lib.sh"

V1_KEYS='["frames","keep","hp","wide","ratio","fine","big","small","neg","gone","inner","grow",
  "shrink","items","name","tag","cached"]'

evolve_pair v2_added v2_removed
evolve_check v2_added '["added: added","motto: added","extra: added"]' \
  '. + {"added":42,"motto":"fresh","extra":{"a":1,"b":2}}' \
  '.state | keys_unsorted | (.[0] == "added") and (.[-1] == "extra")
   and index("motto") > index("neg")'
evolve_check v2_removed '["gone: dropped","items: dropped"]' 'del(.gone, .items)' \
  '.state | has("gone") or has("items") | not'

evolve_pair v2_reordered v2_widened
evolve_check v2_reordered '[]' '.' \
  "(.state | keys_unsorted) == ($V1_KEYS | reverse)
   and (.state.inner | keys_unsorted) == [\"b\",\"a\"]
   and (.state.items[0] | keys_unsorted) == [\"w\",\"id\"]"
evolve_check v2_widened '["wide: converted (i16 -> i64)","ratio: converted (i32 -> f64)",
  "fine: converted (f32 -> f64)"]' '.' \
  '.state.wide == -1234 and .state.ratio == 3 and .state.fine == 0.25'

evolve_pair v2_narrowed
evolve_check v2_narrowed '["big: reset (1000 out of range for u8)","small: converted (i32 -> u8)",
  "neg: reset (-3 out of range for u32)"]' '.big = 5 | .neg = 5' \
  '.state.small == 200 and .state.big == 5 and .state.neg == 5'
