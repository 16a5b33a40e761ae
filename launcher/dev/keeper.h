/* keeper.h: the children of a killed hotrun die with it. A small process forked once keeps
 * the list of the process groups hotrun started (compilers, linker, probe, --build); when
 * hotrun ends in any way, SIGKILL included, its end of a socket closes and the keeper kills
 * every group still listed, then exits. */
#ifndef HOTRUN_DEV_KEEPER_H
#define HOTRUN_DEV_KEEPER_H

/* Lists the process group pgid (started on first use). 0, or a negative errno (no keeper:
 * the group is on its own, as before). Thread-safe. */
int keeper_watch(int pgid);
/* Takes pgid off the list (its leader was reaped). Thread-safe. */
void keeper_forget(int pgid);
/* The same, sent with the next message or keeper_flush: a send wakes the keeper, which
 * costs the frame thread ~30 us on a 2-core machine, too much between a linker's exit and
 * the swap. Until then a hotrun killed would kill a reaped leader's group: flush soon (the
 * builder does after the new code's first frame, or when a build fails). Thread-safe. */
void keeper_forget_later(int pgid);
void keeper_flush(void);
/* The keeper's pid, or -1 (tests). */
int keeper_pid(void);

#endif
