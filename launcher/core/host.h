/* host.h: the frame loop and everything that outlives a swap: window, input, services
 * table, the state memory and its snapshots. Shared by develop mode and --static games. */
#ifndef HOTRUN_HOST_H
#define HOTRUN_HOST_H

#include <stdbool.h>
#include <stdint.h>

#include "cli/options.h"
#include "core/events.h"
#include "hot.h"
#include "platform/input.h"
#include "platform/overlay.h"
#include "platform/render.h"
#include "state/state.h"

typedef struct Host Host;

/* What went wrong in a guarded call, as the guard hook describes it. */
typedef struct HostFault {
    char signal[16];    /* "SIGSEGV", ..., or "timeout" */
    char function[128]; /* the game function, or "" */
    char where[256];    /* file:line, or "" */
    char message[512];  /* one sentence saying all of it */
} HostFault;

/* What develop mode plugs into the loop; all optional (a --static game sets none). */
typedef struct HostHooks {
    void *ud;
    /* Once per frame before the game runs: run libuv, swap in a finished build. */
    void (*frame_start)(Host *h, void *ud);
    /* Runs fn(ctx) guarded; returns 0, or -1 with fault filled in. NULL: called directly. */
    int (*call)(void (*fn)(void *ctx), void *ctx, HostFault *fault, void *ud);
    /* The host is about to exit (cleanup that needs the loop). */
    void (*shutdown)(Host *h, void *ud);
    /* Between frames instead of sleeping: waits until `deadline` (host_clock seconds) doing
     * develop mode's work as it arrives. True when new code was swapped in: its first frame
     * then starts at once. NULL: the host sleeps. */
    bool (*wait)(Host *h, double deadline, void *ud);
} HostHooks;

/* Timings of one swap, in milliseconds. */
typedef struct SwapTimes {
    double before, encode, close, decode, after, total;
} SwapTimes;

struct Host {
    const Options *opt;
    Render *render;          /* NULL until a game runs headless or windowed */
    Input input;
    Overlay overlay;
    const HotApi *api;
    HostHooks hooks;

    const HotGame *game;     /* borrowed from the loaded library (or linked in) */
    void *state;             /* owned; laid out by game->state */
    StateImage snapshot;     /* last good state, for rollback after a fault */
    double snapshot_ms;      /* cost of the last snapshot encode */
    bool paused;             /* after a fault, until a good build or F2/F3 */
    unsigned faults;         /* faults so far */
    char last_fault[600];    /* "init: SIGSEGV ... in f (file.c:3)" of the latest fault */
    bool started;            /* init (or --state-in) completed: a later swap needs no init */
    bool quit;
    int exit_status;

    uint64_t frame;          /* frames run by the game */
    long script_frame;       /* host frames run with a game (any run): --press counts these */
    double start_time, now;  /* seconds, host clock */
    unsigned gen;            /* generation of the code running */
    unsigned first_frame_gen; /* last generation whose first frame was reported */
};

/* Opens the window (or offscreen renderer) and binds the services table. 0, or -1 with
 * one sentence in err. */
int host_init(Host *h, const Options *opt, const HostHooks *hooks, char *err, size_t errlen);
/* Starts `game`: defaults, then --state-in if given (else init). 0, or -1 with err. */
int host_start(Host *h, const HotGame *game, unsigned gen, char *err, size_t errlen);
/* Swaps from the running game to `next` (already open and checked): old before_swap,
 * encode with the old schema, close_old(ud) to close the old library, decode with the new
 * schema, migrate, after_swap. report and times are filled. 0, or -1 when the new code
 * faulted (state rolled back, paused, err says what happened). */
int host_swap(Host *h, const HotGame *next, unsigned gen, void (*close_old)(void *ud),
              void *ud, StateReport *report, SwapTimes *times, char *err, size_t errlen);
/* Runs frames until --frames, quit or a signal. Returns the exit status. */
int host_run(Host *h);
/* Writes --state-out, the exit event and closes the window. Returns the exit status. */
int host_finish(Host *h);

/* Calls a game function through the guard hook. -1 on a fault (fault filled in). */
int host_call(Host *h, void (*fn)(void *ctx), void *ctx, HostFault *fault);
/* After a fault in game code during `phase`: reports it, rolls the state back to the last
 * good snapshot (or defaults) and pauses the game until new code or F2/F3. */
void host_fault(Host *h, const char *phase, const HostFault *fault);
/* Encodes the current state (into out). 0 or a STATE_E code. */
int host_encode(Host *h, StateImage *out);
/* Replaces the state by `img` decoded with the current schema; on error the state is
 * kept. 0 or a STATE_E code. */
int host_load_image(Host *h, const StateImage *img, StateReport *report);

/* Adds "changes": [...] of a decode's report to an event line (r may be NULL). */
void host_ev_changes(EventLine *ev, const StateReport *r);

/* Monotonic seconds. */
double host_clock(void);

#endif
