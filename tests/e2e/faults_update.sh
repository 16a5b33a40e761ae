# Every fault in update (SIGSEGV, SIGBUS, SIGFPE, SIGILL, abort, stack overflow, a hang):
# hotrun survives, reports the signal, do_fault (fault_recurse) and fault.c:LINE, rolls the
# state back to the last good frame and pauses; saving the fix continues the game from
# there (the frames before the fault are kept, the faulting frame's increments are not).
source "$(dirname "$0")/lib.sh"

CRASH_AT=$(sed -n 's/^#define CRASH_AT \([0-9]*\)$/\1/p' "$FIXTURES/faulty/mode.h")

update_cell() { # MODE
  local mode=$1 name=u$1 dir=$T/u$1 ev budget=()
  [ "$mode" = 7 ] && budget=(--budget "$HANG_BUDGET")
  copy_fixture faulty "$dir"
  set_fault "$dir" "$mode" 0
  start_hotrun "$name" "${budget[@]}" --state-out "$T/$name.state" "$dir"
  ev=$(wait_event "$name" '.event=="fault"')
  check_fault "$ev" update "$mode" 1
  echo "$ev" | jq -e --argjson f $((CRASH_AT - 1)) '.snapshot == true and .frame == $f' \
    >/dev/null || fail "mode $mode: not rolled back to frame $((CRASH_AT - 1)): $ev"
  kill -0 "$HOTRUN_PID" 2>/dev/null || fail "mode $mode: hotrun died"
  local msg
  msg=$(echo "$ev" | jq -r .message)
  grep -qF "the game faulted in update: $msg" "$T/$name.log" ||
    fail "mode $mode: the terminal does not say what happened"
  # Paused: a running game would fault again on every frame.
  sleep 0.5
  [ "$(count_events "$name" '.event=="fault"')" -eq 1 ] || fail "mode $mode: not paused"

  set_fault "$dir" 0 0
  ev=$(wait_event "$name" '.event=="reload" and .gen==2')
  echo "$ev" | jq -e '.ok' >/dev/null || fail "mode $mode: the fixed build did not load: $ev"
  wait_event "$name" '.event=="first_frame" and .gen==2' >/dev/null
  sleep 0.3
  stop_hotrun || fail "mode $mode: exit status $? after SIGTERM"
  ev=$(wait_event "$name" '.event=="exit"')
  local frames value total
  frames=$(state_field "$T/$name.state" frames)
  value=$(state_field "$T/$name.state" value)
  total=$(echo "$ev" | jq .frames)
  # The host ran $total good frames, CRASH_AT - 1 of them before the fault. frames <= total:
  # the faulting frame's increments were undone; frames > total - (CRASH_AT - 1): the good
  # frames before the fault were kept (a restart from 0 would give exactly that). Both are
  # equalities, frames == total, unless a slow snapshot was skipped.
  [ "$frames" -le "$total" ] && [ "$frames" -gt $((total - CRASH_AT + 1)) ] &&
    [ "$value" -eq $((2 * frames)) ] ||
    fail "mode $mode: state frames=$frames value=$value after $total good frames"
  pass "mode $mode: $msg; fixed, went on to frames=$frames value=$value"
}

u1() { update_cell 1; }
u2() { update_cell 2; }
u3() { update_cell 3; }
u4() { update_cell 4; }
u5() { update_cell 5; }
u6() { update_cell 6; }
u7() { update_cell 7; }
run_cells u1 u2 u3 u4 u5 u6 u7
pass "every fault in update was survived, reported and continued after the fix"
