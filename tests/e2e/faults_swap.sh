# Faults in the swap hooks. before_swap (the running library's, so it faults when the NEXT
# build arrives): the state is rolled back to the last good frame and carried into the new
# code, which runs. after_swap (the new library's): the swap is refused (reload ok:false),
# the carried state is kept, the game pauses, and the next good build goes on from it.
# Signals are spread over the places; one before_swap and one after_swap cell fault in
# generation 2 rather than 1.
source "$(dirname "$0")/lib.sh"

# start_cell NAME MODE WHERE [ARGS...]: a copy of faulty with mode.h set, running.
start_cell() {
  local name=$1 mode=$2 where=$3
  shift 3
  copy_fixture faulty "$T/$name"
  set_fault "$T/$name" "$mode" "$where"
  start_hotrun "$name" --state-out "$T/$name.state" "$@" "$T/$name"
  wait_event "$name" '.event=="reload" and .gen==1 and .ok' >/dev/null
  wait_event "$name" '.event=="first_frame" and .gen==1' >/dev/null
}

# finish_cell NAME GEN: the fixed build GEN runs; stops hotrun and checks the final state:
# it went on from where it was (value == 2 * frames, at most the frames the host ran).
# Sets FRAMES to the final frames (not a $(...): hotrun is this shell's child).
finish_cell() {
  local name=$1 gen=$2 ev frames value total
  ev=$(wait_event "$name" ".event==\"reload\" and .gen==$gen")
  echo "$ev" | jq -e '.ok' >/dev/null || fail "$name: the fixed build did not load: $ev"
  wait_event "$name" ".event==\"first_frame\" and .gen==$gen" >/dev/null
  sleep 0.3
  stop_hotrun || fail "$name: exit status $? after SIGTERM"
  total=$(wait_event "$name" '.event=="exit"' | jq .frames)
  frames=$(state_field "$T/$name.state" frames)
  value=$(state_field "$T/$name.state" value)
  [ "$frames" -gt 0 ] && [ "$frames" -le "$total" ] && [ "$value" -eq $((2 * frames)) ] ||
    fail "$name: state frames=$frames value=$value after $total frames"
  FRAMES=$frames
}

# before_swap_cell MODE FAULT_GEN: FAULT_GEN 1 starts with the fault compiled in; 2 first
# swaps to a build that has it (its own before_swap does not run on that swap).
before_swap_cell() {
  local mode=$1 gen=$2 name=b$1 ev msg budget=()
  [ "$mode" = 7 ] && budget=(--budget "$HANG_BUDGET")
  if [ "$gen" = 1 ]; then
    start_cell "$name" "$mode" 2 "${budget[@]}"
  else
    start_cell "$name" 0 0 "${budget[@]}"
    set_fault "$T/$name" "$mode" 2
    ev=$(wait_event "$name" '.event=="reload" and .gen==2')
    echo "$ev" | jq -e '.ok' >/dev/null || fail "$name: gen 2 did not load: $ev"
  fi
  sleep 1 # frames to lose if the state were reset
  set_fault "$T/$name" 0 0
  ev=$(wait_event "$name" '.event=="fault"')
  check_fault "$ev" before_swap "$mode" "$gen"
  echo "$ev" | jq -e '.snapshot' >/dev/null || fail "$name: no snapshot restored: $ev"
  kill -0 "$HOTRUN_PID" 2>/dev/null || fail "$name: hotrun died"
  msg=$(echo "$ev" | jq -r .message)
  grep -qF "the game faulted in before_swap: $msg" "$T/$name.log" ||
    fail "$name: the terminal does not say what happened"
  local at frames
  at=$(echo "$ev" | jq .frame)
  finish_cell "$name" $((gen + 1))
  frames=$FRAMES
  # The last good state went on: at most a second of frames (a snapshot's age) was lost.
  [ "$frames" -gt $((at - 60)) ] || fail "$name: faulted at frame $at, ended at $frames"
  [ "$(count_events "$name" '.event=="fault"')" -eq 1 ] || fail "$name: more than one fault"
  pass "before_swap $mode (gen $gen): $msg; gen $((gen + 1)) went on to frames=$frames"
}

# after_swap_cell MODE: gen 2 faults in its after_swap, gen 3 is the fix.
after_swap_cell() {
  local mode=$1 name=a$1 ev msg budget=()
  [ "$mode" = 7 ] && budget=(--budget "$HANG_BUDGET")
  start_cell "$name" 0 0 "${budget[@]}"
  sleep 1
  set_fault "$T/$name" "$mode" 3
  ev=$(wait_event "$name" '.event=="fault"')
  check_fault "$ev" after_swap "$mode" 2
  echo "$ev" | jq -e '.snapshot' >/dev/null || fail "$name: the carried state was not kept: $ev"
  local reload
  reload=$(wait_event "$name" '.event=="reload" and .gen==2')
  echo "$reload" | jq -e '.ok == false and (.error | length > 0)' >/dev/null ||
    fail "$name: a swap whose after_swap faulted reported as good: $reload"
  kill -0 "$HOTRUN_PID" 2>/dev/null || fail "$name: hotrun died"
  msg=$(echo "$ev" | jq -r .message)
  grep -qF "the game faulted in after_swap: $msg" "$T/$name.log" ||
    fail "$name: the terminal does not say what happened"
  sleep 0.5
  [ "$(count_events "$name" '.event=="first_frame" and .gen==2')" -eq 0 ] ||
    fail "$name: gen 2 ran frames after its after_swap faulted (not paused)"
  set_fault "$T/$name" 0 0
  local at frames
  at=$(echo "$ev" | jq .frame)
  finish_cell "$name" 3
  frames=$FRAMES
  [ "$frames" -gt "$at" ] || fail "$name: faulted at frame $at, ended at $frames"
  [ "$(count_events "$name" '.event=="fault"')" -eq 1 ] || fail "$name: more than one fault"
  pass "after_swap $mode: $msg; gen 3 went on to frames=$frames"
}

b1() { before_swap_cell 1 2; }
b4() { before_swap_cell 4 1; }
b7() { before_swap_cell 7 1; }
a1() { after_swap_cell 1; }
a5() { after_swap_cell 5; }
a7() { after_swap_cell 7; }
run_cells b1 a1 b4 a5 b7 a7
pass "faults in before_swap and after_swap were survived and the next build went on"
