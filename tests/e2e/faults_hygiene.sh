# What hotrun holds does not grow with reloads or faults: 30 reloads (scripts/soak-reload)
# leave one game library mapped, one copy in the private library directory and the fds of
# the first reload; 20 faults (F2 retries of a SIGSEGV, each running addr2line) leave the
# fds and threads as they were and no zombie; a SIGKILLed hotrun's private directory is
# removed by the next start, and a clean exit removes its own.
source "$(dirname "$0")/lib.sh"

# --- reloads -------------------------------------------------------------------------------
HOTRUN=$HOTRUN "$SRC_ROOT/scripts/soak-reload" 30 >"$T/soak.log" 2>&1 ||
  fail "soak-reload 30 failed: $(cat "$T/soak.log")"
row() { sed -n "s/^$1: *//p" "$T/soak.log"; }
kv() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
first=$(row reload1)
final=$(row final)
[ -n "$first" ] && [ -n "$final" ] || fail "soak-reload printed no counts: $(cat "$T/soak.log")"
[ "$(kv "$final" game_libs)" -eq 1 ] || fail "game libraries mapped after 30 reloads: $final"
[ "$(kv "$final" private_libs)" -eq 1 ] || fail "libraries kept after 30 reloads: $final"
f1=$(kv "$first" fds)
f2=$(kv "$final" fds)
[ "$f2" -ge $((f1 - 2)) ] && [ "$f2" -le $((f1 + 2)) ] || fail "fds went from $f1 to $f2"
pass "30 reloads: $final"

# --- faults --------------------------------------------------------------------------------
# proc_counts PID: "fds threads zombies" of a running hotrun.
proc_counts() {
  local fds threads zombies
  fds=$(find "/proc/$1/fd" -mindepth 1 -maxdepth 1 | wc -l)
  threads=$(awk '/^Threads:/ { print $2 }' "/proc/$1/status")
  zombies=$(ps -o stat= --ppid "$1" | grep -c '^Z' || true)
  echo "$fds $threads $zombies"
}
copy_fixture faulty "$T/faulty"
set_fault "$T/faulty" 1 0
presses=""
for i in $(seq 12 71); do presses+="ctrl+f2@$((i * 10)) "; done
start_hotrun fault --press "$presses" "$T/faulty"
wait_event fault '.event=="fault"' >/dev/null
sleep 0.2
read -r fds0 threads0 z0 < <(proc_counts "$HOTRUN_PID")
deadline=$((SECONDS + 40))
while [ "$(count_events fault '.event=="fault"')" -lt 20 ]; do
  [ $SECONDS -lt $deadline ] || fail "fewer than 20 faults from the F2 retries"
  kill -0 "$HOTRUN_PID" 2>/dev/null || fail "hotrun died of the faults"
  sleep 0.1
done
sleep 0.2
read -r fds1 threads1 z1 < <(proc_counts "$HOTRUN_PID")
[ "$fds1" -ge $((fds0 - 2)) ] && [ "$fds1" -le $((fds0 + 2)) ] ||
  fail "fds went from $fds0 to $fds1 over the faults"
[ "$threads1" -eq "$threads0" ] || fail "threads went from $threads0 to $threads1"
[ "$z1" -eq 0 ] || fail "$z1 zombie children after the faults"
[ "$(count_events fault '.event=="fault" and .function != "do_fault"')" -eq 0 ] ||
  fail "a later fault was not reported in do_fault"
stop_hotrun || fail "hotrun exited with status $? after the faults"
pass "$(count_events fault '.event=="fault"') faults: fds $fds0 -> $fds1, threads $threads0 -> $threads1, no zombie"

# --- private directories -------------------------------------------------------------------
libdir=$XDG_RUNTIME_DIR/hotrun
copy_fixture counter "$T/counter"
start_hotrun killed "$T/counter"
wait_event killed '.event=="reload" and .gen==1 and .ok' >/dev/null
killed=$HOTRUN_PID
[ -f "$libdir/$killed/gen-1.so" ] || fail "no private copy at $libdir/$killed/gen-1.so"
kill -KILL "$killed"
wait "$killed" 2>/dev/null || true
[ -d "$libdir/$killed" ] || fail "SIGKILL cannot have removed $libdir/$killed"
start_hotrun next "$T/counter"
wait_event next '.event=="reload" and .gen==1 and .ok' >/dev/null
[ ! -e "$libdir/$killed" ] || fail "the killed hotrun's $libdir/$killed is still there"
[ -f "$libdir/$HOTRUN_PID/gen-1.so" ] || fail "no private copy for the new hotrun"
next=$HOTRUN_PID
stop_hotrun || fail "hotrun exited with status $?"
[ ! -e "$libdir/$next" ] || fail "a clean exit left $libdir/$next behind"
pass "the stale $libdir/$killed was removed by the next start; a clean exit removes its own"
