# Faults in the first generation's init (SIGSEGV, SIGFPE, a hang): hotrun survives with the
# state at its defaults (there is no good snapshot yet), reports the fault in do_fault at
# fault.c:LINE, keeps the game paused, and runs the fixed build from there.
source "$(dirname "$0")/lib.sh"

init_cell() { # MODE
  local mode=$1 name=i$1 dir=$T/i$1 ev msg budget=()
  [ "$mode" = 7 ] && budget=(--budget "$HANG_BUDGET")
  copy_fixture faulty "$dir"
  set_fault "$dir" "$mode" 1
  start_hotrun "$name" "${budget[@]}" --state-out "$T/$name.state" "$dir"
  ev=$(wait_event "$name" '.event=="fault"')
  check_fault "$ev" init "$mode" 1
  echo "$ev" | jq -e '.snapshot == false and .frame == 0' >/dev/null ||
    fail "init $mode: the state should be back to its defaults: $ev"
  kill -0 "$HOTRUN_PID" 2>/dev/null || fail "init $mode: hotrun died"
  wait_event "$name" '.event=="reload" and .gen==1 and .ok==false and (.error | test("^init faulted: "))' \
    >/dev/null || fail "init $mode: reload 1 should say init faulted"
  msg=$(echo "$ev" | jq -r .message)
  grep -qF "the game faulted in init: $msg" "$T/$name.log" ||
    fail "init $mode: the terminal does not say what happened"
  sleep 0.5
  [ "$(count_events "$name" '.event=="first_frame"')" -eq 0 ] ||
    fail "init $mode: the game ran frames after its init faulted"
  [ "$(count_events "$name" '.event=="fault"')" -eq 1 ] || fail "init $mode: faulted again"

  set_fault "$dir" 0 0
  ev=$(wait_event "$name" '.event=="reload" and .gen==2')
  echo "$ev" | jq -e '.ok' >/dev/null || fail "init $mode: the fixed build did not load: $ev"
  wait_event "$name" '.event=="first_frame" and .gen==2' >/dev/null
  # init never completed, so the fixed build starts the game with init (it logs its mode).
  wait_event "$name" '.event=="log" and (.line | test("^faulty: mode 0 where 0"))' >/dev/null
  sleep 0.3
  stop_hotrun || fail "init $mode: exit status $? after SIGTERM"
  local frames value total
  total=$(wait_event "$name" '.event=="exit"' | jq .frames)
  frames=$(state_field "$T/$name.state" frames)
  value=$(state_field "$T/$name.state" value)
  [ "$frames" -gt 0 ] && [ "$frames" -eq "$total" ] && [ "$value" -eq $((2 * frames)) ] ||
    fail "init $mode: state frames=$frames value=$value after $total frames"
  pass "init $mode: $msg; fixed, ran to frames=$frames value=$value"
}

i1() { init_cell 1; }
i3() { init_cell 3; }
i7() { init_cell 7; }
run_cells i1 i3 i7
pass "faults in init were survived, reported and the fixed build ran"
