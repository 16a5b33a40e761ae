/* prober.h: hotrun's side of the probe: one hotrun-probe server (probe/serve.h), started
 * once off the frame thread and again when it died, loads each new library in a child it
 * forks, so a probe costs a fork instead of a process start. */
#ifndef HOTRUN_PROBER_H
#define HOTRUN_PROBER_H

#include <stdbool.h>
#include <stdint.h>

#include <uv.h>

#include "util/error.h"

typedef struct Prober Prober;

typedef struct ProbeAnswer {
    bool ok;         /* loaded, a good descriptor, closed again */
    bool crashed;    /* a constructor crashed, hung or ended its process (else: refused) */
    char error[512]; /* one sentence when !ok */
    uint64_t start_ns, end_ns; /* uv_hrtime() at prober_probe and at the answer */
} ProbeAnswer;

/* Called once per prober_probe, on the loop, unless the probe was cancelled. */
typedef void (*ProbeDone)(const ProbeAnswer *answer, void *ud);

/* exe: hotrun-probe; nice: added to hotrun's niceness for the server and its children.
 * Starts the server at once (its process is started on a libuv pool thread). NULL and a
 * sentence when the loop cannot take it. */
Prober *prober_create(uv_loop_t *loop, const char *exe, int nice, Err *err);
/* Loads lib in a fresh child of the server, whose crash guard gives constructors budget_s;
 * after budget_s + 2 s without an answer the server is killed and the answer says the
 * constructor hung. A server that dies while it loads is started again and asked once
 * more. One probe at a time: ERR_BUSY while one runs. */
int prober_probe(Prober *p, const char *lib, double budget_s, ProbeDone done, void *ud);
/* Forgets the probe in flight (done is not called); the server, busy with it, is ended and
 * started again. Nothing in flight: nothing happens. NULL is fine. */
void prober_cancel(Prober *p);
/* The server's pid, or -1 while none runs (tests). */
int prober_server_pid(const Prober *p);
/* Ends the server and closes the handles; the loop must run once more to finish. NULL is
 * fine. */
void prober_destroy(Prober *p);

#endif
