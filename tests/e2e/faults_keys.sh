# The keys of a paused game (scripted with --press by host frame). F2 retries from the last
# good state: the code is unchanged, so it faults again at once, at the same frame. F3
# restarts from defaults and runs init: frames count from 0 again and the game faults
# again CRASH_AT frames later. F3 with a build whose init faults (a later generation):
# the init fault is reported and the last good state kept.
source "$(dirname "$0")/lib.sh"

CRASH_AT=$(sed -n 's/^#define CRASH_AT \([0-9]*\)$/\1/p' "$FIXTURES/faulty/mode.h")

# run_to_exit NAME: waits for a hotrun started with --frames to exit by itself, status 0.
run_to_exit() {
  local rc=0
  wait "$HOTRUN_PID" || rc=$?
  [ $rc -eq 0 ] || fail "$1: exit status $rc"
  wait_event "$1" '.event=="exit"' >/dev/null
}

retry_cell() {
  local dir=$T/f2 n
  copy_fixture faulty "$dir"
  set_fault "$dir" 1 0
  # The first fault comes about a second in; two retries well after it.
  start_hotrun f2 --frames 480 --press "ctrl+f2@240 ctrl+f2@360" --state-out "$T/f2.state" "$dir"
  run_to_exit f2
  n=$(count_events f2 '.event=="fault"')
  [ "$n" -ge 2 ] || fail "F2: $n fault(s); a retry of unchanged code should fault again"
  [ "$(count_events f2 '.event=="fault" and (.phase != "update" or .signal != "SIGSEGV"
       or .function != "do_fault" or .snapshot != true)')" -eq 0 ] || fail "F2: a different fault"
  # A retry starts from the last good state, the frame before the crash: it faults at once,
  # no good frame in between (a restart would run CRASH_AT - 1 of them).
  jq -se --argjson c "$CRASH_AT" '[.[] | select(.event=="fault") | .frame] as $f |
          [range(1; $f | length) | $f[.] - $f[. - 1]] | any(. == 0) and all(. >= 0 and . < $c - 1)' \
    "$T/f2.jsonl" >/dev/null || fail "F2: good frames ran between a fault and its retry"
  local frames value
  frames=$(state_field "$T/f2.state" frames)
  value=$(state_field "$T/f2.state" value)
  [ "$frames" -gt 0 ] && [ "$frames" -le $((CRASH_AT - 1)) ] && [ "$value" -eq $((2 * frames)) ] ||
    fail "F2: final state frames=$frames value=$value, expected the last good frame"
  pass "F2: $n faults, each retry from frame $frames"
}

restart_cell() {
  local dir=$T/f3 n
  copy_fixture faulty "$dir"
  set_fault "$dir" 1 0
  start_hotrun f3 --frames 560 --press "ctrl+f3@240 ctrl+f3@400" --state-out "$T/f3.state" "$dir"
  run_to_exit f3
  n=$(count_events f3 '.event=="fault"')
  [ "$n" -ge 2 ] || fail "F3: $n fault(s); a restart should fault again at CRASH_AT"
  # After F3 the state counts from 0 again: CRASH_AT - 1 good frames, then the fault.
  local gap
  gap=$(jq -s '[.[] | select(.event=="fault") | .frame] | .[-1] - .[-2]' "$T/f3.jsonl")
  [ "$gap" -eq $((CRASH_AT - 1)) ] ||
    fail "F3: $gap good frames between the last two faults, expected $((CRASH_AT - 1))"
  [ "$(count_events f3 '.event=="log" and .line=="faulty: mode 1 where 0"')" -ge 2 ] ||
    fail "F3: init did not run again"
  local frames value total
  total=$(jq -s '[.[] | select(.event=="exit")][0].frames' "$T/f3.jsonl")
  frames=$(state_field "$T/f3.state" frames)
  value=$(state_field "$T/f3.state" value)
  [ "$frames" -le $((CRASH_AT - 1)) ] && [ "$value" -eq $((2 * frames)) ] &&
    [ "$total" -ge $((frames + CRASH_AT - 1)) ] ||
    fail "F3: final state frames=$frames value=$value after $total frames"
  pass "F3: $n faults, $gap frames apart; the state restarted (frames=$frames of $total run)"
}

init_later_cell() {
  local dir=$T/i3 presses="" i ev
  # F3 every second from 2 s on; before gen 2 arrives they restart gen 1, harmlessly.
  for i in $(seq 2 40); do presses+="ctrl+f3@$((i * 60)) "; done
  copy_fixture faulty "$dir"
  set_fault "$dir" 0 0
  start_hotrun i3 --state-out "$T/i3.state" --press "$presses" "$dir"
  wait_event i3 '.event=="reload" and .gen==1 and .ok' >/dev/null
  set_fault "$dir" 1 1
  ev=$(wait_event i3 '.event=="reload" and .gen==2')
  echo "$ev" | jq -e '.ok' >/dev/null || fail "F3/init: gen 2 did not load: $ev"
  ev=$(wait_event i3 '.event=="fault"')
  check_fault "$ev" init 1 2
  echo "$ev" | jq -e '.snapshot' >/dev/null || fail "F3/init: the last good state was not kept: $ev"
  kill -0 "$HOTRUN_PID" 2>/dev/null || fail "F3/init: hotrun died"
  stop_hotrun || fail "F3/init: exit status $? after SIGTERM"
  local frames value
  frames=$(state_field "$T/i3.state" frames)
  value=$(state_field "$T/i3.state" value)
  [ "$value" -eq $((2 * frames)) ] || fail "F3/init: final state frames=$frames value=$value"
  pass "F3 into a faulting init (gen 2): $(echo "$ev" | jq -r .message)"
}

run_cells retry_cell restart_cell init_later_cell
pass "F2 retried and F3 restarted a faulted game"
