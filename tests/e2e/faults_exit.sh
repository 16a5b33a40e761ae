# exit(3), _exit(3), quick_exit(3) and abort() from game code are faults in develop mode:
# named with function and line, rolled back, the session kept (hotrun alive, the fix
# resumes the game, SIGTERM then writes the exit event and the state, the private
# directory is removed). abort in a noreturn helper whose call ends the library's code
# names the helper's line. A constructor that exits fails the probe (the build), and in a
# --static build exit means exit.
source "$(dirname "$0")/lib.sh"

CRASH_AT=$(sed -n 's/^#define CRASH_AT \([0-9]*\)$/\1/p' "$FIXTURES/faulty/mode.h")
libdir=$XDG_RUNTIME_DIR/hotrun

# exit_cell MODE SIGNAL FILE MARKER FUNCTION: the game calls it in update at frame CRASH_AT.
exit_cell() {
  local mode=$1 sig=$2 file=$3 marker=$4 fn=$5 name=x$1 dir=$T/x$1 ev line msg
  copy_fixture faulty "$dir"
  set_fault "$dir" "$mode" 0
  line=$(grep -n "$marker" "$dir/$file" | cut -d: -f1)
  start_hotrun "$name" --state-out "$T/$name.state" "$dir"
  ev=$(wait_event "$name" '.event=="fault"')
  expect_json "$ev" "(.signal == \"$sig\") and .function == \"$fn\" and
    .where == \"$file:$line\" and .phase == \"update\" and .snapshot == true and
    .frame == $((CRASH_AT - 1))" "mode $mode: not $sig in $fn ($file:$line), rolled back"
  msg=$(echo "$ev" | jq -r .message)
  grep -qF "the game faulted in update: $msg" "$T/$name.log" ||
    fail "mode $mode: the terminal does not say what happened"
  sleep 0.3
  kill -0 "$HOTRUN_PID" 2>/dev/null || fail "mode $mode: hotrun ended"
  [ "$(count_events "$name" '.event=="exit"')" -eq 0 ] || fail "mode $mode: an exit event"

  set_fault "$dir" 0 0
  wait_event "$name" '.event=="reload" and .gen==2 and .ok' >/dev/null
  wait_event "$name" '.event=="first_frame" and .gen==2' >/dev/null
  sleep 0.3
  local pid=$HOTRUN_PID
  stop_hotrun || fail "mode $mode: exit status $? after SIGTERM"
  ev=$(wait_event "$name" '.event=="exit"')
  local frames total
  frames=$(state_field "$T/$name.state" frames)
  total=$(echo "$ev" | jq .frames)
  [ "$frames" -le "$total" ] && [ "$frames" -gt $((total - CRASH_AT + 1)) ] ||
    fail "mode $mode: state frames=$frames after $total good frames"
  [ ! -e "$libdir/$pid" ] || fail "mode $mode: $libdir/$pid left behind"
  pass "mode $mode: $msg; the fix went on to frames=$frames"
}

x8() { exit_cell 8 exit fault.c LINE_EXIT do_fault; }
x9() { exit_cell 9 _exit fault.c LINE__EXIT do_fault; }
x10() { exit_cell 10 quick_exit fault.c LINE_QUICK_EXIT do_fault; }
x11() { exit_cell 11 SIGABRT zz_die.c LINE_DIE fault_die; }

ctor_cell() {
  local dir=$T/ctor ev
  copy_fixture faulty "$dir"
  set_fault "$dir" 8 4
  start_hotrun ctor "$dir"
  ev=$(wait_event ctor '.event=="build" and .ok==false')
  expect_json "$ev" '.error | contains("constructor exited: exit(3) in do_fault (fault.c:")' \
    "a constructor calling exit did not fail the probe"
  sleep 0.3
  kill -0 "$HOTRUN_PID" 2>/dev/null || fail "a constructor's exit ended hotrun"
  set_fault "$dir" 0 0
  wait_event ctor '.event=="first_frame" and .gen==1' >/dev/null
  stop_hotrun || fail "ctor: exit status $? after SIGTERM"
  pass "a constructor calling exit(3) failed the build; the fix loaded as gen 1"
}

static_cell() {
  local dir=$T/static rc=0
  copy_fixture faulty "$dir"
  set_fault "$dir" 8 1
  "$HOTRUN" --static "$dir" -o "$T/faulty-static" >"$T/static.log" 2>&1 || fail "--static failed"
  "$T/faulty-static" --headless --frames 30 >>"$T/static.log" 2>&1 || rc=$?
  [ "$rc" -eq 3 ] || fail "a --static game's exit(3) ended with status $rc, not 3"
  pass "--static: exit(3) in init is exit status 3"
}

run_cells x8 x9 x10 x11 ctor_cell static_cell
pass "exit, _exit, quick_exit and abort from game code were faults; the session went on"
