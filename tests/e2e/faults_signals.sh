# hotrun's own signals: a reader of --events - (a line a frame) that closes the pipe does
# not kill hotrun (one sentence, the run goes on, SIGTERM then ends it cleanly); SIGHUP ends
# the run like SIGTERM (exit event, --state-out written, private directory removed), and so
# do SIGUSR1 and SIGQUIT (whose default would end hotrun without a word); a stop
# and continue (Ctrl-Z, fg) in the middle of a game call is not counted against the
# watchdog's budget.
source "$(dirname "$0")/lib.sh"

libdir=$XDG_RUNTIME_DIR/hotrun

pipe_cell() {
  local dir=$T/pipe rc=0
  copy_fixture counter "$dir"
  "$HOTRUN" --headless --events - --events-frames --state-out "$T/pipe.state" "$dir" \
    > >(head -n 1 >/dev/null) 2>"$T/pipe.log" &
  HOTRUN_PID=$!
  BG_PIDS+=("$HOTRUN_PID")
  wait_log pipe "events stream was closed by its reader" 1 60
  # The game loaded (its private copy is there) with nobody reading the events.
  local i
  for i in $(seq 100); do [ -f "$libdir/$HOTRUN_PID/gen-1.so" ] && break; sleep 0.1; done
  [ -f "$libdir/$HOTRUN_PID/gen-1.so" ] || fail "the game did not load after the reader left"
  sleep 0.5
  kill -0 "$HOTRUN_PID" 2>/dev/null || fail "hotrun died when its events reader went away"
  [ "$(count_log pipe 'events stream')" -eq 1 ] || fail "said more than once"
  stop_hotrun || rc=$?
  [ "$rc" -eq 0 ] || fail "exit status $rc after SIGTERM, with the events reader gone"
  [ "$(state_field "$T/pipe.state" frames)" -gt 0 ] || fail "no state written"
  pass "the events reader closed the pipe: one sentence, the run went on, SIGTERM ended it"
}

# end_cell SIG: SIGHUP (the terminal closed), and the other signals whose default action
# would end hotrun without a word, end the run like SIGTERM.
end_cell() {
  local sig=$1 name=end$1 dir=$T/end$1 rc=0 pid ev
  copy_fixture counter "$dir"
  start_hotrun "$name" --state-out "$T/$name.state" "$dir"
  wait_event "$name" '.event=="first_frame"' >/dev/null
  sleep 0.3
  pid=$HOTRUN_PID
  [ -d "$libdir/$pid" ] || fail "no private directory $libdir/$pid while running"
  kill -"$sig" "$pid"
  wait "$pid" || rc=$?
  [ "$rc" -eq 0 ] || fail "exit status $rc after SIG$sig"
  ev=$(wait_event "$name" '.event=="exit"')
  [ "$(state_field "$T/$name.state" frames)" -gt 0 ] || fail "SIG$sig: no state written"
  [ ! -e "$libdir/$pid" ] || fail "SIG$sig left $libdir/$pid behind"
  grep -qF "hotrun: stopping (SIG$sig)" "$T/$name.log" || fail "SIG$sig: the terminal says nothing"
  pass "SIG$sig: exit event $(echo "$ev" | jq -c '{frames,status}'), state written, private dir removed"
}
hup_cell() { end_cell HUP; }
usr1_cell() { end_cell USR1; }
quit_cell() { end_cell QUIT; }

# A game whose update takes 0.5 s of a 1 s budget: the process stopped in the middle of it
# for 1.6 s must not be a timeout when it continues.
stop_cell() {
  local dir=$T/slow state i stopped=0
  mkdir -p "$dir"
  cat >"$dir/slow.c" <<'SRC'
#include <time.h>
#include "hot.h"
#define SLOW(X) X(FIELD, uint64_t, frames, 0)
HOT_STATE(Slow, SLOW)
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}
static void update(const HotApi *api, void *state)
{
    Slow *s = state;
    double end = now() + 0.5;
    while (now() < end) {
    }
    s->frames++;
    api->log("frame %d", (int)s->frames);
}
HOT_GAME(Slow, .name = "slow", .update = update);
SRC
  start_hotrun slow --budget 1 --state-out "$T/slow.state" "$dir"
  wait_event slow '.event=="log" and .line=="frame 2"' >/dev/null
  for i in 1 2; do
    sleep 0.2 # inside an update: they take 0.5 s of every frame
    kill -TSTP "$HOTRUN_PID"
    sleep 0.2
    state=$(awk '{print $3}' "/proc/$HOTRUN_PID/stat")
    if [ "$state" != T ] && [ "$state" != t ]; then
      # A background job of a shell without job control is in an orphaned process group,
      # where the kernel discards SIGTSTP: stop it the way that cannot be discarded.
      kill -STOP "$HOTRUN_PID"
      local n
      for n in $(seq 40); do # a busy machine takes a moment to stop every thread
        state=$(awk '{print $3}' "/proc/$HOTRUN_PID/stat")
        [ "$state" = T ] || [ "$state" = t ] && break
        sleep 0.05
      done
    fi
    [ "$state" = T ] || [ "$state" = t ] || fail "hotrun was not stopped (state $state)"
    stopped=$((stopped + 1))
    sleep 1.4
    kill -CONT "$HOTRUN_PID"
    sleep 1
  done
  local mark
  [ "$(count_events slow '.event=="fault"')" -eq 0 ] ||
    fail "a stop and continue was counted as a timeout: $(jq -c 'select(.event=="fault")' "$T/slow.jsonl")"
  mark=$(event_mark slow)
  wait_event_since slow "$mark" '.event=="log"' 10 >/dev/null
  stop_hotrun || fail "slow: exit status $? after SIGTERM"
  pass "stopped $stopped times for 1.6 s in a 0.5 s update (budget 1 s): no timeout, the game went on"
}

run_cells pipe_cell hup_cell stop_cell usr1_cell quit_cell
pass "SIGPIPE, SIGHUP, SIGUSR1, SIGQUIT, SIGTSTP/SIGCONT: the session ended or went on as it should"
