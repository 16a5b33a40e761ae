/* watchdog.h: ends a game call that runs past its time budget (an infinite loop).
 *
 * A thread wakes a few times per budget and looks at a counter the watched thread bumps
 * when an outermost guarded call starts and ends (no system call per game call); when the
 * same call is still running after the budget, it sends the watched thread a signal whose
 * handler (the guard's) jumps out like a fault. Time the process spent stopped (SIGTSTP,
 * Ctrl-Z, then SIGCONT) is not counted against the budget. */
#ifndef HOTRUN_WATCHDOG_H
#define HOTRUN_WATCHDOG_H

#include <stdbool.h>

/* Starts the watchdog for the calling thread, which it signals with `signal` after
 * budget_s of one call. 0 or -errno. */
int watchdog_start(double budget_s, int signal);
/* watchdog_start for a process of one thread (hotrun-probe's child): a POSIX timer, armed
 * by watchdog_enter and disarmed by watchdog_leave (two system calls per call), instead of
 * a thread, whose mere presence costs each dlopen there ~35 us (the loader's mprotect and
 * munmap then flush the TLB of the CPU that thread last ran on). The signal goes to the
 * calling thread. 0 or -errno. */
int watchdog_start_timer(double budget_s, int signal);
/* Stops and joins it (after fork in a child: only forgets it). */
void watchdog_stop(void);
/* The watched thread enters or leaves an outermost call. Async-signal-safe. */
void watchdog_enter(void);
void watchdog_leave(void);
/* Whether the watchdog signalled the call in progress now (its signal for an earlier
 * call, or someone else's signal, is to be ignored). Async-signal-safe. */
bool watchdog_fired_now(void);
/* The process was continued after a stop (SIGCONT): the call in progress gets a fresh
 * budget from now. Async-signal-safe. */
void watchdog_continued(void);

#endif
