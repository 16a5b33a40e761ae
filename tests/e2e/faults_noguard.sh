# --no-guard turns the crash guard off so that a debugger sees the game's faults: the same
# SIGSEGV in update that the guard survives kills the process by the signal, and gdb (when
# installed) stops in do_fault with the game's frames in its backtrace.
source "$(dirname "$0")/lib.sh"

copy_fixture faulty "$T/game"
set_fault "$T/game" 1 0
ulimit -c 0 # the --no-guard run dies by SIGSEGV: no core file

# Guarded, for contrast: the fault is caught and --frames ends the run normally.
rc=0
"$HOTRUN" --headless --frames 100 --events "$T/guarded.jsonl" "$T/game" >"$T/guarded.log" 2>&1 ||
  rc=$?
[ $rc -eq 0 ] || fail "guarded run: exit status $rc"
[ "$(count_events guarded '.event=="fault" and .signal=="SIGSEGV"')" -eq 1 ] ||
  fail "guarded run: no fault event"
pass "guarded: the SIGSEGV was caught, exit status 0"

rc=0
"$HOTRUN" --headless --no-guard --frames 100 --events "$T/bare.jsonl" "$T/game" \
  >"$T/bare.log" 2>&1 || rc=$?
# bash reports a death by signal N as 128 + N.
[ $rc -eq $((128 + 11)) ] || fail "--no-guard: exit status $rc, expected death by SIGSEGV (139)"
[ "$(count_events bare '.event=="fault"')" -eq 0 ] || fail "--no-guard: a fault was caught"
[ "$(count_events bare '.event=="first_frame"')" -eq 1 ] || fail "--no-guard: the game never ran"
pass "--no-guard: killed by SIGSEGV (status $rc)"

if ! command -v gdb >/dev/null; then
  echo "gdb not installed: skipping the debugger part"
  exit 0
fi
timeout 50 gdb -batch -nx -ex run -ex bt --args "$HOTRUN" --headless --no-guard --frames 100 \
  "$T/game" >"$T/gdb.log" 2>&1 || true
if ! grep -q "received signal SIGSEGV" "$T/gdb.log"; then
  # Where ptrace is not allowed (some containers) gdb cannot run anything at all.
  if grep -qiE "ptrace|operation not permitted|couldn't get registers" "$T/gdb.log"; then
    echo "gdb cannot trace processes here: skipping the debugger part"
    tail -n 3 "$T/gdb.log"
    exit 0
  fi
  fail "gdb did not see the SIGSEGV: $(tail -n 5 "$T/gdb.log")"
fi
grep -qE "^#0 +(0x[0-9a-f]+ in )?do_fault \(\) at .*fault\.c:[0-9]+" "$T/gdb.log" ||
  fail "gdb's backtrace does not start in do_fault: $(grep '^#' "$T/gdb.log" | head -n 3)"
grep -qE "^#1 .* faulty_update " "$T/gdb.log" ||
  fail "gdb's backtrace does not show faulty_update: $(grep '^#' "$T/gdb.log" | head -n 3)"
pass "gdb: $(grep -E '^#0' "$T/gdb.log")"
