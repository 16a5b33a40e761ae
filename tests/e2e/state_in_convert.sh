# A float field retyped to an integer field (issue 15): the value converts when it is a whole
# number the integer holds (the report says "a whole number"), else the field takes its
# default and the report gives the reason. Every change of a --state-in or F9 is printed in
# the terminal and on the window's status line, not only in --events.
source "$(dirname "$0")/lib.sh"

# One game ("retype") in two shapes: floats first, then the same fields as integers.
game() { # DIR TYPE_OF_FLOATS
  mkdir -p "$1"
  cat >"$1/game.c" <<C
#include "hot.h"
#define RETYPE(X) \\
    X(FIELD, uint64_t, frames, 0) \\
    X(FIELD, $2, whole, 7)    /* 3.0: converts */ \\
    X(FIELD, $2, half, 7)     /* 2.5: not a whole number */ \\
    X(FIELD, $2, huge, 7)     /* 1e10: out of range for int32 */ \\
    X(FIELD, $2, negative, 7) /* -4.0: converts */ \\
    X(ARRAY, $2, list, 3)     /* 1, 2, 0.5: two of three convert */
HOT_STATE(Retype, RETYPE)
static void init(const HotApi *api, void *state)
{
    Retype *s = state;
    (void)api;
    s->whole = 3.0f;
    s->half = 2.5f;
    s->huge = 1e10f;
    s->negative = -4.0f;
    s->list[0] = 1.0f;
    s->list[1] = 2.0f;
    s->list[2] = 0.5f;
}
static void update(const HotApi *api, void *state)
{
    (void)api;
    ((Retype *)state)->frames++;
}
HOT_GAME(Retype, .name = "retype", .init = init, .update = update);
C
}
game "$T/floats" float
game "$T/ints" int32_t
"$HOTRUN" --once --frames 3 --state-out "$T/floats.state" "$T/floats" >"$T/floats.log" 2>&1 ||
  fail "the float game failed"

check() { # NAME EVENT WHAT: the image $T/NAME.out, the event's changes, terminal lines
  expect_json "$(dump "$T/$1.out")" \
    '.state.whole == 3 and .state.half == 7 and .state.huge == 7 and .state.negative == -4
     and .state.list == [1, 2, 0]' "$1: the converted state"
  local line
  line=$(jq -c "select(.event==\"$2\")" "$T/$1.jsonl")
  expect_json "$line" '(.changes | index("whole: converted (f32 -> i32, a whole number)"))
    and (.changes | index("half: reset (2.5 is not a whole number for i32)"))
    and (.changes | index("huge: reset (1e+10 out of range for i32)"))
    and (.changes | index("negative: converted (f32 -> i32, a whole number)"))
    and (.changes | index("list: converted (f32 -> i32, a whole number)"))
    and (.changes | index("list: reset (1 of 3 items: 0.5 is not a whole number for i32)"))
    and (.status_line | test(": 3 converted, 3 reset - whole: converted \\(f32 -> i32, a whole number\\); half: reset \\(2.5 is not a whole number for i32\\)"))' \
    "$1: $2 event"
  for want in 'whole: converted (f32 -> i32, a whole number)' \
    'half: reset (2.5 is not a whole number for i32)' 'huge: reset (1e+10 out of range for i32)' \
    'list: reset (1 of 3 items: 0.5 is not a whole number for i32)'; do
    grep -qF "hotrun:   $want" "$T/$1.log" || fail "$1: '$want' is not in the terminal"
  done
  grep -q "the state needed 6 changes:" "$T/$1.log" || fail "$1: no count in the terminal"
  pass "$1: $(jq -r .status_line <<<"$line" | cut -c1-150)"
}

# --state-in
"$HOTRUN" --once --frames 2 --events "$T/state_in.jsonl" --state-in "$T/floats.state" \
  --state-out "$T/state_in.out" "$T/ints" >"$T/state_in.log" 2>&1 || fail "--state-in failed"
check state_in state_in

# F9, with a screenshot: the status line is drawn at the bottom of the window.
"$HOTRUN" --once --frames 10 --events "$T/f9.jsonl" --save-file "$T/floats.state" \
  --press ctrl+f9@5 --state-out "$T/f9.out" --screenshot "$T/f9.bmp" "$T/ints" >"$T/f9.log" 2>&1 ||
  fail "F9 failed"
check f9 load
"$HOTRUN" --once --frames 10 --screenshot "$T/plain.bmp" "$T/ints" >"$T/plain.log" 2>&1 ||
  fail "the plain run failed"
[ "$(bmp_region "$T/f9.bmp" 0 574 800 600 | md5sum)" != \
  "$(bmp_region "$T/plain.bmp" 0 574 800 600 | md5sum)" ] || fail "F9: no status line drawn"
pass "F9: the status line is drawn"
