# Faults in a library constructor, which runs inside dlopen: the probe process hotrun runs
# after each link takes the crash (or hang), so the build fails with a sentence naming it
# and the host never opens that library. In the first generation nothing runs until the
# fix loads; in a later one the running game keeps running (frames grow, F5 saves show it),
# its generation stays, and the fixed build becomes the next one.
source "$(dirname "$0")/lib.sh"

# ctor_error MODE: what the build error must say.
ctor_error() {
  case $1 in
    1) echo "constructor crashed: SIGSEGV" ;;
    2) echo "constructor crashed: SIGBUS" ;;
    7) echo "constructor hung" ;;
  esac
}

check_build_failed() { # NAME MODE
  local ev want
  want=$(ctor_error "$2")
  ev=$(wait_event "$1" '.event=="build" and .ok==false')
  echo "$ev" | jq -e --arg want "$want" '.error | contains($want)' >/dev/null ||
    fail "$1: the build error does not say '$want': $ev"
  # The probe loads under the crash guard, so the error names the function and line.
  echo "$ev" | jq -e '.error | test(" in do_fault [(]fault[.]c:[0-9]+[)]")' >/dev/null ||
    fail "$1: the build error does not point at do_fault (fault.c:LINE): $ev"
  kill -0 "$HOTRUN_PID" 2>/dev/null || fail "$1: hotrun died"
  grep -qF "hotrun: build failed: " "$T/$1.log" || fail "$1: the terminal says nothing"
  grep -F "hotrun: build failed: " "$T/$1.log" | grep -qF "$want" ||
    fail "$1: the terminal does not say '$want'"
}

first_gen_cell() { # MODE
  local mode=$1 name=f$1 dir=$T/f$1 ev budget=()
  [ "$mode" = 7 ] && budget=(--budget "$HANG_BUDGET")
  copy_fixture faulty "$dir"
  set_fault "$dir" "$mode" 4
  start_hotrun "$name" "${budget[@]}" --state-out "$T/$name.state" "$dir"
  check_build_failed "$name" "$mode"
  sleep 0.3
  [ "$(count_events "$name" '.event=="reload" or .event=="first_frame"')" -eq 0 ] ||
    fail "$name: something was loaded from a build whose constructor crashed"
  set_fault "$dir" 0 0
  ev=$(wait_event "$name" '.event=="reload"')
  echo "$ev" | jq -e '.ok and .gen == 1' >/dev/null || fail "$name: the fix did not load: $ev"
  wait_event "$name" '.event=="first_frame" and .gen==1' >/dev/null
  stop_hotrun || fail "$name: exit status $? after SIGTERM"
  [ "$(count_events "$name" '.event=="fault"')" -eq 0 ] || fail "$name: a fault in the host"
  pass "constructor $mode, first build: '$(ctor_error "$mode")'; the fix loaded as gen 1"
}

later_gen_cell() { # MODE
  local mode=$1 name=l$1 dir=$T/l$1 ev mark a b budget=() presses="" i
  [ "$mode" = 7 ] && budget=(--budget "$HANG_BUDGET")
  # A quicksave every half second (30 frames) for half a minute: saves after the failed
  # build show whether the game still counts frames.
  for i in $(seq 2 63); do presses+="ctrl+f5@$((i * 30)) "; done
  copy_fixture faulty "$dir"
  set_fault "$dir" 0 0
  start_hotrun "$name" "${budget[@]}" --state-out "$T/$name.state" --save-file "$T/$name.q" \
    --press "$presses" "$dir"
  wait_event "$name" '.event=="reload" and .gen==1 and .ok' >/dev/null
  set_fault "$dir" "$mode" 4
  check_build_failed "$name" "$mode"
  mark=$(event_mark "$name")
  wait_event_since "$name" "$mark" '.event=="save" and .ok' >/dev/null
  a=$(state_field "$T/$name.q" frames)
  mark=$(event_mark "$name")
  wait_event_since "$name" "$mark" '.event=="save" and .ok' >/dev/null
  b=$(state_field "$T/$name.q" frames)
  [ "$b" -gt "$a" ] || fail "$name: the game stopped after the failed build: frames $a then $b"
  [ "$(count_events "$name" '.event=="reload"')" -eq 1 ] || fail "$name: a reload from a bad build"
  set_fault "$dir" 0 0
  ev=$(wait_event "$name" '.event=="reload" and .gen>1')
  echo "$ev" | jq -e '.ok and .gen == 2' >/dev/null ||
    fail "$name: the fix is not a good gen 2 (the failed build must not count): $ev"
  wait_event "$name" '.event=="first_frame" and .gen==2' >/dev/null
  stop_hotrun || fail "$name: exit status $? after SIGTERM"
  local frames value total
  total=$(wait_event "$name" '.event=="exit"' | jq .frames)
  frames=$(state_field "$T/$name.state" frames)
  value=$(state_field "$T/$name.state" value)
  [ "$frames" -gt "$b" ] && [ "$frames" -eq "$total" ] && [ "$value" -eq $((2 * frames)) ] ||
    fail "$name: state frames=$frames value=$value after $total frames (saved $b)"
  [ "$(count_events "$name" '.event=="fault"')" -eq 0 ] || fail "$name: a fault in the host"
  pass "constructor $mode in gen 2: '$(ctor_error "$mode")'; gen 1 ran on ($a, $b frames), the fix is gen 2 at $frames"
}

f1() { first_gen_cell 1; }
f2() { first_gen_cell 2; }
l1() { later_gen_cell 1; }
l7() { later_gen_cell 7; }
run_cells l1 f1 l7 f2
pass "constructor faults failed their builds and never reached the running game"
