/* spawn.h: the interface of spawn.c (named so as not to shadow the system <spawn.h>):
 * child processes without fork(): posix_spawn, the exit learnt through a pidfd watched by
 * libuv, stdout and stderr captured together through a non-blocking pipe. */
#ifndef HOTRUN_SPAWNER_H
#define HOTRUN_SPAWNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <uv.h>

typedef struct Spawn Spawn;

typedef struct SpawnResult {
    int exit_status;    /* the exit code, or -1 when a signal ended the child */
    int term_signal;    /* the signal that ended it, or 0 */
    bool timed_out;     /* killed (SIGKILL) because it ran past timeout_s */
    const char *output; /* stdout and stderr as written, NUL-terminated; borrowed */
    size_t output_len;
    bool output_truncated; /* more than SPAWN_MAX_OUTPUT bytes: the rest was dropped */
    uint64_t asked_ns;     /* uv_hrtime() when spawn_start was called */
    uint64_t start_ns;     /* uv_hrtime() just before the spawn */
    uint64_t end_ns;       /* uv_hrtime() when the exit was learnt */
} SpawnResult;

/* Output kept per child; more is read and dropped so the child never blocks on the pipe. */
#define SPAWN_MAX_OUTPUT (4u << 20)

/* Called once when the child exited and was reaped. The Spawn is freed after it returns. */
typedef void (*SpawnDone)(const SpawnResult *result, void *ud);

typedef struct SpawnOptions {
    const char *const *argv; /* NULL-terminated; argv[0] is searched in PATH; no shell */
    const char *cwd;         /* the child's working directory; NULL: ours */
    double timeout_s;        /* > 0: SIGKILL the child's process group after this long */
    int nice;                /* added to hotrun's niceness for the child (see spawn_start) */
} SpawnOptions;

/* Starts argv in its own process group with stdin from /dev/null, default signal
 * dispositions and an empty signal mask. The exec happens on hotrun's spawner thread, so
 * this returns at once and spawn_pid is -1 until the loop learnt the child runs. Returns
 * NULL and one sentence in err when the program is not found (then done is never called);
 * a later failure to start it (a bad executable) is reported through done as exit status 127
 * with a sentence as output. The child's niceness is hotrun's plus the largest opt->nice
 * asked for so far (children inherit it from the spawner thread, which cannot lower it
 * again). Needs Linux 5.3 (pidfd_open). */
Spawn *spawn_start(uv_loop_t *loop, const SpawnOptions *opt, SpawnDone done, void *ud,
                   char *err, size_t errlen);
/* Sends signum to the child's process group (once it runs, if it does not yet). 0, or a
 * negative errno. Only before done. */
int spawn_kill(Spawn *s, int signum);
/* Kills the child (SIGKILL) and forgets it: done is not called. The handles close and the
 * child is reaped on the loop, so the loop must run until the child is gone (usually one
 * iteration). Only before done; NULL is fine. */
void spawn_cancel(Spawn *s);
/* The child's pid; -1 until it runs. */
int spawn_pid(const Spawn *s);

/* Runs argv to completion on a private loop (for start-up queries, never per frame).
 * On 0, *result is filled and result->output is malloc'ed (the caller frees it). */
int spawn_run(const SpawnOptions *opt, SpawnResult *result, char *err, size_t errlen);

#endif
