/* game_threads.h: the threads the game starts. The host's pthread_create (dev/thread_trap.c)
 * runs a game thread's start routine under the crash guard: a fault (or exit) there ends
 * that thread and waits, as a fault of the thread, for the host's next game call to report
 * it and roll the state back. The host asks, before it closes a library, whether a game
 * thread still runs in it. */
#ifndef HOTRUN_GAME_THREADS_H
#define HOTRUN_GAME_THREADS_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#include "dev/guard.h"

/* pthread_create for game code at return address ra: the same contract. */
int game_threads_create(pthread_t *thread, const pthread_attr_t *attr,
                        void *(*fn)(void *), void *arg, void *ra);
/* The first fault of a game thread not yet taken: true and f filled in (its message names
 * the thread's start), then it is forgotten. Call it on the host's thread. */
bool game_threads_take_fault(GuardFault *f, char *message, size_t size);
/* How many game threads started from the library that holds `addr` still run; when any,
 * one sentence about the first ("a game thread started in init (main.c:12) still runs in
 * gen-1.so"). */
int game_threads_running_in(const void *addr, char *sentence, size_t size);

#endif
