/* prober.h: hotrun's side of the probe: one hotrun-probe server (probe/serve.h), started
 * once off the frame thread and again when it died, forks a child ahead of each library to
 * load; hotrun hands the request to that child and reads its answers on one socket, so a
 * probe costs one hand-off each way and the load, not a process start.
 *
 * The answer comes as soon as the constructors ran (the library may be opened then); the
 * destructors run in the child after it, off the reload's path, and their verdict is kept
 * per probe (prober_dtors) for the host to read before it ever closes that library. */
#ifndef HOTRUN_PROBER_H
#define HOTRUN_PROBER_H

#include <stdbool.h>
#include <stdint.h>

#include <uv.h>

#include "util/error.h"

typedef struct Prober Prober;

typedef struct ProbeAnswer {
    bool ok;         /* loaded, a good descriptor (and, unless dtors_later, closed again) */
    bool crashed;    /* a constructor crashed, hung or ended its process (else: refused) */
    char error[512]; /* one sentence when !ok */
    uint64_t start_ns, end_ns; /* uv_hrtime() at prober_probe and at the answer */
    /* ok with dtors_later: the probe whose destructors' verdict prober_dtors gives (> 0);
     * else 0 (nothing to ask). */
    unsigned long ticket;
} ProbeAnswer;

/* Called once per prober_probe, on the loop, unless the probe was cancelled. */
typedef void (*ProbeDone)(const ProbeAnswer *answer, void *ud);

/* exe: hotrun-probe; nice: added to hotrun's niceness for the server and its children;
 * budget_s: what the children are armed with ahead of a request (a request with another
 * budget re-arms one). Starts the server at once (its process is started on a libuv pool
 * thread). NULL and a sentence when the loop cannot take it. */
Prober *prober_create(uv_loop_t *loop, const char *exe, int nice, double budget_s, Err *err);
/* Loads lib in a fresh child of the server, whose crash guard gives constructors (and
 * destructors) budget_s; after budget_s + 2 s without an answer the server is killed and
 * the answer says the constructor hung. A server that dies while it loads is started again
 * and asked once more. dtors_later: answer once the constructors ran, the destructors'
 * verdict to come (prober_dtors); else answer once both ran. One probe at a time: ERR_BUSY
 * while one runs. */
int prober_probe(Prober *p, const char *lib, double budget_s, bool dtors_later,
                 ProbeDone done, void *ud);
/* Forgets the probe in flight (done is not called); the server, busy with it, is ended and
 * started again. Nothing in flight: nothing happens. NULL is fine. */
void prober_cancel(Prober *p);

/* The destructors' verdict of a probe answered with a ticket: 0 they ran cleanly (also for
 * ticket 0 and a NULL prober), -1 they crashed, hung or ended the process (one sentence in
 * msg): that library must never be closed. Still running: waits for it, at most wait_s
 * (past that: -1, hung), reading the server's socket itself (answers of another probe
 * found meanwhile are delivered from the loop afterwards). */
int prober_dtors(Prober *p, unsigned long ticket, double wait_s, char *msg, size_t n);
/* Forgets a ticket's verdict (its library was closed, or kept for good). */
void prober_forget(Prober *p, unsigned long ticket);

/* The server's pid, or -1 while none runs (tests). */
int prober_server_pid(const Prober *p);
/* Ends the server and closes the handles; the loop must run once more to finish. NULL is
 * fine. */
void prober_destroy(Prober *p);

#endif
