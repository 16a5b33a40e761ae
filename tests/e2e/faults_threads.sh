# Threads the game starts are the host's business: a fault in one is reported (naming the
# thread's start and the fault's function and line), the thread ended, the state rolled
# back, and the next good save resumes the game; a swap never closes a library a game
# thread still runs in (one sentence names the thread and where it started, the old
# library stays open), and a game that joins its threads in before_swap swaps quietly.
source "$(dirname "$0")/lib.sh"

libdir=$XDG_RUNTIME_DIR/hotrun

# threads_game DIR MODE: 1 the thread faults after 20 rounds, 2 it runs forever, 3 it is
# joined in before_swap and started again in after_swap, 4 it calls exit(4) after 20
# rounds; 0 it never faults.
threads_game() {
  mkdir -p "$1"
  cat >"$1/threads.c" <<SRC
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include "hot.h"
#define MODE $2
#define TS(X) X(FIELD, uint64_t, frames, 0)
HOT_STATE(Ts, TS)
static pthread_t worker_thread;
static volatile int stop, rounds;
static void *worker(void *arg)
{
    (void)arg;
    while (!stop) {
        struct timespec ts = {0, 10000000};
        nanosleep(&ts, 0);
        if (MODE == 1 && ++rounds == 20) {
            volatile int *volatile p = 0;
            *p = 1; /* LINE_THREAD_FAULT */
        }
        if (MODE == 4 && ++rounds == 20)
            exit(4); /* LINE_THREAD_EXIT */
    }
    return 0;
}
static void start(void)
{
    stop = 0;
    pthread_create(&worker_thread, 0, worker, 0); /* LINE_CREATE */
}
static void init(const HotApi *api, void *state)
{
    (void)api;
    (void)state;
    start();
}
static void update(const HotApi *api, void *state)
{
    (void)api;
    ((Ts *)state)->frames++;
}
static void before_swap(const HotApi *api, void *state)
{
    (void)api;
    (void)state;
    if (MODE == 3) {
        stop = 1;
        pthread_join(worker_thread, 0);
    }
}
static void after_swap(const HotApi *api, void *state)
{
    (void)state;
    if (MODE == 3)
        start();
    api->log("threads: after_swap");
}
HOT_GAME(Ts, .name = "threads", .init = init, .update = update, .before_swap = before_swap,
         .after_swap = after_swap);
SRC
}

line_of() { grep -n "$2" "$1/threads.c" | cut -d: -f1; }
set_mode() { sed -i "s/^#define MODE [0-9]*\$/#define MODE $2/" "$1/threads.c"; }

fault_cell() {
  local dir=$T/t1 ev pid
  threads_game "$dir" 1
  start_hotrun t1 --state-out "$T/t1.state" "$dir"
  ev=$(wait_event t1 '.event=="fault"')
  expect_json "$ev" ".signal == \"SIGSEGV\" and .function == \"worker\" and
    .where == \"threads.c:$(line_of "$dir" LINE_THREAD_FAULT)\" and .snapshot == true and
    (.message | contains(\"a game thread started in start (threads.c:$(line_of "$dir" LINE_CREATE))\"))" \
    "a game thread's fault was not reported with its start and line"
  sleep 0.3
  kill -0 "$HOTRUN_PID" 2>/dev/null || fail "hotrun died of its game thread's fault"
  set_mode "$dir" 0
  wait_event t1 '.event=="reload" and .gen==2 and .ok' >/dev/null
  wait_event t1 '.event=="first_frame" and .gen==2' >/dev/null
  sleep 0.3
  pid=$HOTRUN_PID
  stop_hotrun || fail "exit status $? after SIGTERM"
  wait_event t1 '.event=="exit"' >/dev/null
  [ "$(state_field "$T/t1.state" frames)" -gt 0 ] || fail "no state written"
  [ ! -e "$libdir/$pid" ] || fail "private directory left behind"
  pass "a game thread's fault: $(echo "$ev" | jq -r .message)"
}

exit_cell() {
  local dir=$T/t4 ev
  threads_game "$dir" 4
  start_hotrun t4 "$dir"
  ev=$(wait_event t4 '.event=="fault"')
  expect_json "$ev" ".signal == \"exit\" and .function == \"worker\" and
    .where == \"threads.c:$(line_of "$dir" LINE_THREAD_EXIT)\" and
    (.message | contains(\"a game thread started in start\"))" \
    "a game thread's exit(4) was not a fault of that thread"
  sleep 0.3
  kill -0 "$HOTRUN_PID" 2>/dev/null || fail "a game thread's exit(4) ended hotrun"
  stop_hotrun || fail "exit status $? after SIGTERM"
  wait_event t4 '.event=="exit"' >/dev/null
  pass "a game thread's exit: $(echo "$ev" | jq -r .message)"
}

running_cell() {
  local dir=$T/t2 pid
  threads_game "$dir" 2
  start_hotrun t2 --state-out "$T/t2.state" "$dir"
  wait_event t2 '.event=="first_frame" and .gen==1' >/dev/null
  sleep 0.3
  echo "/* touched */" >>"$dir/threads.c"
  wait_event t2 '.event=="reload" and .gen==2 and .ok' >/dev/null
  wait_event t2 '.event=="first_frame" and .gen==2' >/dev/null
  wait_log t2 "hotrun: a game thread started in start \\(threads\\.c:$(line_of "$dir" LINE_CREATE)\\) still runs in gen-1\\.so: that library stays open"
  sleep 0.5
  kill -0 "$HOTRUN_PID" 2>/dev/null || fail "hotrun died after the swap"
  [ "$(count_events t2 '.event=="fault"')" -eq 0 ] || fail "a fault after the swap"
  pid=$HOTRUN_PID
  stop_hotrun || fail "exit status $? after SIGTERM"
  wait_event t2 '.event=="exit"' >/dev/null
  [ ! -e "$libdir/$pid" ] || fail "private directory left behind"
  pass "a swap with a game thread running in the old library kept that library open and said so"
}

joined_cell() {
  local dir=$T/t3
  threads_game "$dir" 3
  start_hotrun t3 "$dir"
  wait_event t3 '.event=="first_frame" and .gen==1' >/dev/null
  echo "/* touched */" >>"$dir/threads.c"
  wait_event t3 '.event=="reload" and .gen==2 and .ok' >/dev/null
  echo "/* touched again */" >>"$dir/threads.c"
  wait_event t3 '.event=="reload" and .gen==3 and .ok' >/dev/null
  sleep 0.3
  [ "$(count_log t3 'still runs')" -eq 0 ] || fail "a joined thread was said to run"
  stop_hotrun || fail "exit status $? after SIGTERM"
  pass "threads joined in before_swap: two swaps, nothing said"
}

run_cells fault_cell running_cell joined_cell exit_cell
pass "game threads: faults reported and rolled back, libraries never closed under them"
