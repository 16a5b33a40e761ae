/* host_internal.h: the Host's fields and the helpers the core's modules share (frame
 * loop, swap, snapshot, host keys, script). Only core/ includes this; the modes see the
 * opaque Host of core/host.h. */
#ifndef HOTRUN_HOST_INTERNAL_H
#define HOTRUN_HOST_INTERNAL_H

#include "core/host.h"
#include "core/inspector.h"
#include "core/prefault.h"
#include "core/record.h"
#include "core/rewind.h"
#include "core/script.h"
#include "core/session.h"
#include "core/timectl.h"
#include "platform/audio.h"
#include "platform/input.h"
#include "platform/render.h"

struct Host {
    HostConfig cfg;
    Render *render;          /* the window, or the offscreen renderer when headless */
    Input live;              /* the keyboard and mouse as they are */
    Input input;             /* what the game sees this frame: live, or played back */
    Overlay overlay;
    Inspector inspector;     /* the F1 tweak panel */
    const HotApi *api;
    HostHooks hooks;
    Assets *assets;          /* textures, fonts, data files: outlive every swap */
    Audio *audio;            /* the sound output, opened once: outlives every swap */

    const HotGame *game;     /* borrowed from the loaded library (or linked in) */
    StateLayout layout;      /* game->state, checked once when the game was set */
    void *state;             /* owned; laid out by layout */
    StateCopy snap_copy;     /* last good state, for rollback after a fault: a copy of the
                                memory (snapshot_is_copy), or */
    StateImage snapshot;     /* an image, when it is in another layout (swap, state_in) */
    bool snapshot_is_copy;
    StateImage session_image; /* the snapshot encoded for the session file, reused */
    StateImage spare;        /* an image buffer kept for the next swap's encode */
    StateImage keyframe_image; /* the rewind history's keyframes are packed here */
    Prefault *prefault;      /* big buffers with their pages touched (host_big_buffer) */
    bool heavy_frame;        /* this frame packed a big image (a keyframe, a quicksave): a
                                costly snapshot waits for the next one */
    double snapshot_ms;      /* cost of the last snapshot */
    double snapshot_time;    /* when the last periodic snapshot was taken */
    bool paused;             /* after a fault, until a good build or F2/F3 */
    unsigned faults;         /* faults so far */
    char last_fault[600];    /* "init: SIGSEGV ... in f (file.c:3)" of the latest fault */
    bool started;            /* init (or state_in) completed: a later swap needs no init */
    bool quit;
    int exit_status;

    uint64_t frame;          /* frames run by the game */
    long script_frame;       /* host frames run with a game (any run): --press counts these */
    bool pad_seen[HOT_PAD_MAX]; /* pads said plugged in (frame.c) */
    Script script;           /* the parsed --press presses */
    bool script_parsed;
    double start_time, now;  /* seconds, host clock */
    double last_tick;        /* the previous frame's start */
    unsigned gen;            /* generation of the code running */
    unsigned first_frame_gen; /* last generation whose first frame was reported */

    /* Flow (flow.c): the game clock, recordings, playback, rewind. */
    TimeCtl time;
    double game_time;        /* api->time: the sum of the game's frame times */
    Recording capture;       /* F4 or --record, while capturing */
    bool capturing;
    Recording loop;          /* what plays back: a closed loop, a replay */
    RecCursor cursor;
    int playing;             /* a FlowPlay: what the cursor is for */
    History history;
    bool rewinding;          /* F12 held last frame */
    double scrub_until;      /* the scrub bar shows until then (host clock) */
    double flow_ms;          /* this frame's recording and history work (frame events) */
    double seek_ms_max, seek_ms_sum; /* the seeks of a rewind (its rewind_end event) */
    unsigned seeks;
    bool replay_on_reload;
    Recording whole;         /* --record: the whole run */
    bool recording_whole;
    bool trace_failed;       /* said once */
    HostEditFn edit_fn;
    SessionSaver *saver;     /* the last good state on disk (session.c) */
    SessionSaver *quicksaver; /* the quicksave's file, written on its thread (quicksave.c) */
    StateImage quicksave_image; /* a quicksave's packed image, reused */
    bool quicksave_wanted;   /* asked, waiting for a big buffer (quicksave_frame) */
    double session_time;     /* when it was last offered */
};

/* What the host plays back instead of live input. */
enum FlowPlay {
    PLAY_NONE = 0,
    PLAY_LOOP,   /* a closed loop: from its first image again at its end */
    PLAY_ONCE,   /* replay on reload: then live again */
    PLAY_REPLAY, /* --replay: then quit */
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

/* Makes `game` the current game: its schema is checked once here and kept as h->layout
 * for every encode, decode and snapshot. 0, or STATE_ESCHEMA (the game is not set, the layout is
 * empty). */
int host_set_game(Host *h, const HotGame *game);

/* The window as the game declares it (title, logical size, integer scaling). */
void host_set_window(Host *h, const HotGame *game);

/* flow.c: recordings, loops, rewind, time control around the game's update. */
void flow_init(Host *h);
/* After the game started (init or state_in): --record begins. */
void flow_started(Host *h);
/* Instead of init: the state, generator and clock from cfg.replay, played to its end. */
int flow_start_replay(Host *h, Err *err);
/* The game's update for this frame (or none: paused, rewinding), with real_dt seconds
 * since the last frame. */
void flow_update(Host *h, float real_dt);
/* The state jumped (quickload, restart, rollback): recordings stop, the history starts a
 * new keyframe. */
void flow_state_jumped(Host *h, const char *why);
/* After a good swap: replay on reload, when on. */
void flow_after_swap(Host *h);
/* Over the game: the scrub bar while rewinding. */
void flow_draw(Host *h);
/* At exit: --record is written. 0, or -1 (said). */
int flow_finish(Host *h);
void flow_free(Host *h);
/* Host keys (hostkeys.c's table). */
void flow_key_record(Host *h);
void flow_key_leave_loop(Host *h);
void flow_key_replay_reload(Host *h);
void flow_key_pause(Host *h);
void flow_key_step(Host *h);
void flow_key_slower(Host *h);
void flow_key_faster(Host *h);

/* frame.c: SIGINT, SIGTERM, SIGHUP (and SIGQUIT, SIGUSR1/2, SIGALRM, SIGVTALRM, SIGXCPU)
 * end the frame loop after the current frame; SIGPIPE and SIGXFSZ are ignored. */
void frame_catch_stop_signals(void);
/* After a good live update: the first frame of new code is reported, a snapshot taken. */
void frame_after_update(Host *h);

/* snapshot.c: the last good state for a rollback, taken after good frames (a copy of the
 * state memory), or set as an image in another layout (a swap's, a --state-in's). */
void snapshot_take(Host *h);
/* After a swap: a copy when copies are cheap; else the swap's image stays the snapshot. */
void snapshot_after_swap(Host *h);
void snapshot_set_image(Host *h, const StateImage *img);
/* The same, taking img's buffer (img gets the snapshot's old one, for the caller to free). */
void snapshot_adopt_image(Host *h, StateImage *img);
/* The snapshot's image (right after a swap: the image the swap carried). */
const StateImage *host_snapshot_image(const Host *h);
void snapshot_free(Host *h);
/* After a good frame at time t: a snapshot when cheap, at least once a second. */
void snapshot_after_frame(Host *h, double t);
/* Back to the last good snapshot, else defaults. True when the snapshot was restored. */
bool snapshot_rollback(Host *h);

/* hostkeys.c: answers this frame's host key presses (quit, inspector, save, load, retry,
 * restart, loop, speed...). */
void hostkeys_handle(Host *h);

/* A buffer of at least `size` bytes in img for a big image (over HOST_BIG bytes), from
 * the prefault thread so that writing it faults in no pages: true when img has one (small
 * sizes: always, the encoder grows img as usual); false when one is being made (ask again
 * next frame). */
#define HOST_BIG ((size_t)8 << 20)
bool host_big_buffer(Host *h, size_t size, StateImage *img);
/* The prefault thread, started on first use (NULL when it cannot start). */
Prefault *host_prefault(Host *h);
/* The packed image of the state (encode.h: tables for arrays of structs, one memcpy each),
 * for the process's own use; files get it made portable on another thread. */
int host_pack(Host *h, StateImage *out);

/* quicksave.c: F5 and F9. The state is packed on the frame thread (a big state's as soon
 * as a buffer with touched pages is ready, a frame or two later) and made portable and
 * written on the quicksave's own thread; a quickload waits for a save not yet written. */
void quicksave_save(Host *h);
/* Every frame: a wanted quicksave packed when its buffer is ready; a written one said. */
void quicksave_frame(Host *h);
/* At exit: the quicksave not yet written is written, and said. */
void quicksave_finish(Host *h);
void quicksave_load(Host *h);
/* Shift+F9: the killed session's last state (cfg.resume_file). */
void quicksave_resume(Host *h);

#endif
