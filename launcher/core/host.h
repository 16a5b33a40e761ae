/* host.h: the host as the modes see it: one opaque Host that owns the window, input, the
 * services table and the game's state memory, and outlives every swap. Used by develop
 * mode, --once and --static games. The swap itself is in core/swap.h. */
#ifndef HOTRUN_HOST_H
#define HOTRUN_HOST_H

#include <stdbool.h>
#include <stdint.h>

#include "core/assets.h"
#include "core/events.h"
#include "hot.h"
#include "platform/overlay.h"
#include "state/state.h"
#include "util/error.h"

typedef struct Host Host;

/* What the host needs from the command line; the CLI fills it (cli_host_config). Strings
 * are borrowed and must outlive the host. */
typedef struct HostConfig {
    bool headless;          /* offscreen renderer, no window */
    long frames;            /* frames to run; < 0: until quit */
    int fps;                /* frame cap; 0: uncapped */
    bool events_frames;     /* a "frame" event per frame (benchmarks) */
    const char *state_in;   /* start from this image instead of init */
    bool state_in_any;      /* state_in and F9 load an image another game wrote, too */
    const char *state_out;  /* the final image at exit */
    const char *save_file;  /* where F5/F9 save and load; NULL: hotrun-quicksave.state */
    const char *press;      /* "KEY@FRAME[+HOLD] ...": scripted key presses */
    const char *screenshot; /* the last frame at exit, as BMP */
    uint64_t seed;          /* the random generator's seed */
    /* Flow: recordings, rewind, time. */
    const char *record;     /* record the whole run into this file (written at exit) */
    const char *replay;     /* start from this recording and play it, then quit */
    const char *trace;      /* a folder: the image after every frame (FRAME.state) */
    double time_scale;      /* game seconds per real second (0: 1) */
    bool replay_on_reload;  /* after each swap, replay the last seconds on the new code */
    double replay_seconds;  /* how many (0: 2) */
    double history_seconds; /* the rewind history's length (0: 60) */
    double history_mb;      /* its memory budget (0: 64; negative: no history) */
    /* The last good state is kept in session_file while the game runs (removed at a clean
     * exit); resume_file is a killed session's, loaded by Shift+F9. Both may be NULL. */
    const char *session_file;
    const char *resume_file;
    const char *assets;     /* the asset folder (absolute); NULL: none */
    const char *audio_out;  /* --audio-out: everything the game played, as a WAV */
    bool mute;              /* --mute: sounds are mixed, never played on a sound card */
    bool release;           /* a player's build: no developer keys, the game's own title */
    int host_mod;           /* a HostMod: the modifier of the host's keys (0: Ctrl) */
} HostConfig;

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

/* Opens the window (or offscreen renderer) and binds the services table. The host or NULL
 * with one sentence in err. cfg is copied. */
Host *host_create(const HostConfig *cfg, const HostHooks *hooks, Err *err);
/* Starts `game`: defaults, then cfg.state_in if given (else init). 0, or a negative ERR_
 * code with err (a fault in init is not an error: the game waits paused for a fix). */
int host_start(Host *h, const HotGame *game, unsigned gen, Err *err);
/* Runs frames until cfg.frames, quit or a signal. Returns the exit status. */
int host_run(Host *h);
/* The same for `frames` frames (< 0: until quit), e.g. the two halves of --once. */
int host_run_frames(Host *h, long frames);
/* Writes cfg.state_out, the exit event and closes the window. Returns the exit status. */
int host_finish(Host *h);
/* Frees what host_create made (after host_finish). NULL is fine. */
void host_destroy(Host *h);

/* Encodes the current state (into out). 0 or a negative code. */
int host_encode(Host *h, StateImage *out);

/* What the modes read and set. */
const HotGame *host_game(const Host *h); /* NULL until a game started */
const void *host_state(const Host *h);   /* the state memory, laid out by host_game's schema */
unsigned host_gen(const Host *h);
bool host_paused(const Host *h);         /* after a fault, until a fix or F2/F3 */
unsigned host_faults(const Host *h);
const char *host_last_fault(const Host *h); /* "init faulted: ..." or "" */
uint64_t host_frames(const Host *h);     /* frames run by the game */
double host_now(const Host *h);          /* the current frame's start, host_clock seconds */
bool host_quitting(const Host *h);
/* Ends the loop after this frame with `status` as the exit status. */
void host_quit(Host *h, int status);
void host_set_exit_status(Host *h, int status);
/* The overlay, for the build error and reload lines. */
Overlay *host_overlay(Host *h);
/* The asset registry: textures, fonts, data files; outlives every swap. */
Assets *host_assets(Host *h);
/* Looks at the asset folder's files and reloads those that changed (the watcher calls
 * it). Returns how many were reloaded. */
int host_check_assets(Host *h);

/* Inspector edits (the overlay's tweak panel). `fn` sets the value at `path` of the state
 * from its text; 0 or a negative code. */
typedef int (*HostEditFn)(const HotSchema *schema, void *state, const char *path,
                          const char *value);
void host_set_edit_fn(Host *h, HostEditFn fn);
/* Applies an edit now and records it like input: a loop, a rewind or a replay of this
 * moment applies it again before the same frame. 0 or the code fn returned. */
int host_edit(Host *h, const char *path, const char *value);

/* The host's keys, for the help overlay: which HostKey (platform/input.h), whether it
 * needs a running game, and what it does. */
typedef struct HostKeyInfo {
    int key; /* a HostKey */
    bool needs_game;
    const char *what;
    void (*action)(Host *h);
} HostKeyInfo;
const HostKeyInfo *hostkeys_list(int *count);

/* Adds "changes": [...] of a decode's report to an event line (r may be NULL). */
void host_ev_changes(EventLine *ev, const StateReport *r);

/* Monotonic seconds. */
double host_clock(void);

#endif
