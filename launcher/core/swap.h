/* swap.h: the swap protocol, the one way new code replaces the running code. The state
 * crosses only as a msgpack image: encoded with the old schema before the old library
 * closes, decoded with the new schema after; no pointer into a library survives it. */
#ifndef HOTRUN_SWAP_H
#define HOTRUN_SWAP_H

#include <stdbool.h>

#include "core/host.h"

/* Timings of one swap, in milliseconds. */
typedef struct SwapTimes {
    double before, encode, close, decode, after, total;
} SwapTimes;

typedef struct SwapRequest {
    const HotGame *next;        /* already open and checked, beside the running code */
    unsigned gen;               /* its generation */
    void (*close_old)(void *ud); /* closes the running library (called once, mid-swap) */
    void *ud;
    /* false: a bare round trip of the state (--once): no before_swap, migrate or
     * after_swap, so the image that comes out must equal the one that went in. */
    bool hooks;
    /* If not NULL: receives a copy of the image that crossed. */
    StateImage *carried;
} SwapRequest;

/* Swaps from the running game to rq->next: old before_swap, encode with the old schema,
 * close_old, decode with the new schema, migrate, after_swap, snapshot. report and times
 * are filled. Returns 0; ERR_FAULT when the new code faulted in a hook (the state is rolled
 * back to the image that crossed, the game paused, err says so); another negative code
 * when the state could not be encoded (nothing changed: the old code still runs, the
 * caller closes rq->next) or decoded (out of memory: paused, F2 or the next build tries
 * again). */
int swap_run(Host *h, const SwapRequest *rq, StateReport *report, SwapTimes *times, Err *err);

#endif
