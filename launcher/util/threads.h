/* threads.h: how hotrun starts its helper threads and child processes with respect to
 * signals: signals stay with the threads that handle them, children start clean. */
#ifndef HOTRUN_UTIL_THREADS_H
#define HOTRUN_UTIL_THREADS_H

#include <spawn.h>

/* Starts fn(arg) on a detached thread with every signal blocked but the faults a bug of its
 * own would raise (blocked, those would kill the process past every handler). 0 or an
 * errno. */
int thread_start_quiet(void *(*fn)(void *), void *arg);

/* A child's attributes: no signal blocked, every handler the default (the host may block
 * or ignore signals: SIGPIPE, the guard's), in a process group of its own so a kill
 * reaches what a shell command started too. */
void spawnattr_clean(posix_spawnattr_t *attr);

#endif
