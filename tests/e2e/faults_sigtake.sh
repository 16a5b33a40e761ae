# The game cannot take hotrun's signals: a game that ignores SIGSEGV (signal), resets
# SIGABRT (sigaction) and blocks SIGSEGV, SIGTERM and the watchdog's signal (sigprocmask,
# pthread_sigmask) in init is told once per signal in the terminal, and a fault later is
# still caught, named and rolled back; a game that blocks every signal and loops is ended
# by the watchdog, and SIGTERM during that loop ends the run cleanly (exit event, state).
source "$(dirname "$0")/lib.sh"

libdir=$XDG_RUNTIME_DIR/hotrun

# greedy_game DIR MODE: MODE 1 faults at frame 30, MODE 2 blocks everything and loops.
greedy_game() {
  mkdir -p "$1"
  cat >"$1/greedy.c" <<SRC
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include "hot.h"
#define MODE $2
#define GREEDY(X) X(FIELD, uint64_t, frames, 0)
HOT_STATE(Greedy, GREEDY)
static void init(const HotApi *api, void *state)
{
    (void)state;
    signal(SIGSEGV, SIG_IGN); /* LINE_SIGNAL */
    struct sigaction sa = {0};
    sa.sa_handler = SIG_DFL;
    sigaction(SIGABRT, &sa, NULL); /* LINE_SIGACTION */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGSEGV);
    sigaddset(&set, SIGTERM);
    sigprocmask(SIG_BLOCK, &set, NULL); /* LINE_SIGPROCMASK */
    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN + 3);
    pthread_sigmask(SIG_BLOCK, &set, NULL); /* LINE_PTHREAD_SIGMASK */
    signal(SIGUSR1, SIG_IGN); /* not hotrun's: the game's to take */
    api->log("greedy: init done");
}
static void update(const HotApi *api, void *state)
{
    Greedy *g = state;
    g->frames++;
    if (MODE == 1 && g->frames == 30) {
        volatile int *volatile p = 0;
        *p = 1; /* LINE_FAULT */
    }
    if (MODE == 2 && g->frames == 30) {
        sigset_t all;
        sigfillset(&all);
        sigprocmask(SIG_SETMASK, &all, 0);
        api->log("greedy: looping");
        for (volatile unsigned long n = 0;; n++) {
        }
    }
}
HOT_GAME(Greedy, .name = "greedy", .init = init, .update = update);
SRC
}

line_of() { grep -n "$2" "$1/greedy.c" | cut -d: -f1; }

fault_cell() {
  local dir=$T/g1 ev call sig marker
  greedy_game "$dir" 1
  start_hotrun g1 --state-out "$T/g1.state" "$dir"
  ev=$(wait_event g1 '.event=="fault"')
  expect_json "$ev" ".signal == \"SIGSEGV\" and .function == \"update\" and
    .where == \"greedy.c:$(line_of "$dir" LINE_FAULT)\" and .snapshot == true" \
    "a SIGSEGV after the game took the signals was not caught"
  kill -0 "$HOTRUN_PID" 2>/dev/null || fail "hotrun died"
  for call in "signal SIGSEGV LINE_SIGNAL ignored" "sigaction SIGABRT LINE_SIGACTION ignored" \
      "sigprocmask SIGSEGV LINE_SIGPROCMASK unblocked" \
      "pthread_sigmask SIGRTMIN\\+3 LINE_PTHREAD_SIGMASK unblocked"; do
    set -- $call
    grep -qE "^hotrun: the game's $1\\($2\\) in init \\(greedy\\.c:$(line_of "$dir" "$3")\\) was (left )?$4" \
      "$T/g1.log" || fail "the terminal does not say that $1($2) was refused"
  done
  # SIGTERM was blocked by the same sigprocmask: one sentence a call, SIGTERM still ends it.
  [ "$(count_log g1 "the game's")" -eq 4 ] || fail "not one sentence per signal"
  [ "$(count_events g1 '.event=="warning"')" -eq 4 ] || fail "not one warning event per signal"
  local pid=$HOTRUN_PID
  stop_hotrun || fail "exit status $? after SIGTERM"
  wait_event g1 '.event=="exit"' >/dev/null
  [ "$(state_field "$T/g1.state" frames)" -eq 29 ] || fail "not rolled back to frame 29"
  [ ! -e "$libdir/$pid" ] || fail "private directory left behind"
  pass "signal/sigaction/sigprocmask/pthread_sigmask on hotrun's signals refused, said once each; the fault was caught"
}

loop_cell() {
  local dir=$T/g2 rc=0 pid t0
  greedy_game "$dir" 2
  start_hotrun g2 --budget 1 --state-out "$T/g2.state" "$dir"
  wait_event g2 '.event=="log" and .line=="greedy: looping"' >/dev/null
  sleep 0.2
  pid=$HOTRUN_PID
  t0=$SECONDS
  kill -TERM "$pid"
  wait "$pid" || rc=$?
  [ "$rc" -eq 0 ] || fail "exit status $rc after SIGTERM during a loop with every signal blocked"
  [ $((SECONDS - t0)) -le 10 ] || fail "SIGTERM took $((SECONDS - t0)) s"
  wait_event g2 '.event=="exit"' >/dev/null
  wait_event g2 '.event=="fault" and .signal=="timeout"' >/dev/null
  [ "$(state_field "$T/g2.state" frames)" -eq 29 ] || fail "loop: not rolled back to frame 29"
  [ ! -e "$libdir/$pid" ] || fail "private directory left behind"
  pass "a loop with every signal blocked: the watchdog ended it, SIGTERM ended the run cleanly"
}

run_cells fault_cell loop_cell
pass "the game could not take hotrun's signals"
