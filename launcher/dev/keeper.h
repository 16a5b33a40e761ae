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
/* The keeper's pid, or -1 (tests). */
int keeper_pid(void);

#endif
