/* host_internal.h: the Host's fields and the helpers the core's modules share (frame
 * loop, swap, snapshot, host keys, script). Only core/ includes this; the modes see the
 * opaque Host of core/host.h. */
#ifndef HOTRUN_HOST_INTERNAL_H
#define HOTRUN_HOST_INTERNAL_H

#include "core/host.h"
#include "core/script.h"
#include "platform/input.h"
#include "platform/render.h"

struct Host {
    HostConfig cfg;
    Render *render;          /* the window, or the offscreen renderer when headless */
    Input input;
    Overlay overlay;
    const HotApi *api;
    HostHooks hooks;

    const HotGame *game;     /* borrowed from the loaded library (or linked in) */
    void *state;             /* owned; laid out by game->state */
    StateImage snapshot;     /* last good state, for rollback after a fault */
    double snapshot_ms;      /* cost of the last snapshot encode */
    double snapshot_time;    /* when the last periodic snapshot was taken */
    bool paused;             /* after a fault, until a good build or F2/F3 */
    unsigned faults;         /* faults so far */
    char last_fault[600];    /* "init: SIGSEGV ... in f (file.c:3)" of the latest fault */
    bool started;            /* init (or state_in) completed: a later swap needs no init */
    bool quit;
    int exit_status;

    uint64_t frame;          /* frames run by the game */
    long script_frame;       /* host frames run with a game (any run): --press counts these */
    Script script;           /* the parsed --press presses */
    bool script_parsed;
    double start_time, now;  /* seconds, host clock */
    double last_tick;        /* the previous frame's start */
    unsigned gen;            /* generation of the code running */
    unsigned first_frame_gen; /* last generation whose first frame was reported */
};

/* Milliseconds of host_clock since t0. */
double host_ms_since(double t0);

/* Game entry points take (api, state); GameCall adapts them to the guard's void(void *). */
typedef struct GameCall {
    void (*fn)(const HotApi *api, void *state);
    void (*draw)(const HotApi *api, const void *state);
    void (*migrate)(const HotApi *api, uint32_t from, const HotImage *old, void *state);
    const HotApi *api;
    void *state;
    uint32_t from;
    const StateImage *old;
} GameCall;
void host_run_game_call(void *ctx);

/* Calls a game function through the guard hook. -1 on a fault (fault filled in). */
int host_call(Host *h, void (*fn)(void *ctx), void *ctx, HostFault *fault);
/* Calls an entry point taking (api, state) with the current state, guarded. */
int host_call_entry(Host *h, void (*fn)(const HotApi *, void *), HostFault *fault);
/* After a fault in game code during `phase`: reports it, rolls the state back to the last
 * good snapshot (or defaults) and pauses the game until new code or F2/F3. */
void host_fault(Host *h, const char *phase, const HostFault *fault);
/* Init of the current game on defaults already in place; -1 if it faulted (handled). */
int host_run_init(Host *h);
/* After a decode (quickload, state_in, retry): the game's after_swap rebuilds transient
 * fields. -1 if it faulted (handled). */
int host_after_decode(Host *h);
/* Replaces the state by `img` decoded with the current schema; on error the state is
 * kept. 0 or a negative code. */
int host_load_image(Host *h, const StateImage *img, StateReport *report);

/* frame.c: SIGINT and SIGTERM end the frame loop after the current frame. */
void frame_catch_stop_signals(void);

/* snapshot.c: the last good state for a rollback, taken after good frames. */
void snapshot_take(Host *h);
/* After a good frame at time t: a snapshot when cheap, at least once a second. */
void snapshot_after_frame(Host *h, double t);
/* Back to the last good snapshot, else defaults. True when the snapshot was restored. */
bool snapshot_rollback(Host *h);

/* hostkeys.c: answers this frame's host key presses (quit, inspector, save, load, retry,
 * restart...). */
void hostkeys_handle(Host *h);

/* quicksave.c: F5 and F9. */
void quicksave_save(Host *h);
void quicksave_load(Host *h);

#endif
