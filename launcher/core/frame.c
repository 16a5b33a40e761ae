/* frame.c: the frame loop. Each frame: input (events, --press), host keys, develop mode's
 * work (libuv, a swap), the game's update under the guard, a snapshot, draw, overlay,
 * present, then wait for the next frame doing develop mode's work. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/api.h"
#include "core/host_internal.h"
#include "core/screen.h"
#include "core/tweak.h"

/* A frame that took longer than this (a breakpoint, a stall) counts as this long for the
 * game, so nothing jumps across the screen. */
#define MAX_FRAME_TIME 0.1

static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig)
{
    stop_signal = sig;
}

void frame_catch_stop_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    /* The terminal closed: end like SIGTERM (exit event, state written, files removed);
     * so do the other signals whose default would end the process without a word (a game
     * that wants one of them installs its own handler). */
    static const int ending[] = {SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM,
                                 SIGXCPU};
    for (size_t i = 0; i < sizeof(ending) / sizeof(ending[0]); i++)
        sigaction(ending[i], &sa, NULL);
    /* A reader of --events - that went away is a write error (events.c), not a death; a
     * file past the size limit is a write error too. */
    signal(SIGPIPE, SIG_IGN);
    signal(SIGXFSZ, SIG_IGN);
}

static void sleep_until(double deadline)
{
    double left = deadline - host_clock();
    if (left <= 0)
        return;
    struct timespec ts = {(time_t)left, (long)((left - (double)(time_t)left) * 1e9)};
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR && !stop_signal) {
    }
}

static void emit_first_frame(Host *h)
{
    /* The first frame of new code: what a save-to-pixels benchmark ends on. */
    h->first_frame_gen = h->gen;
    if (!events_enabled())
        return;
    EventLine ev;
    ev_begin(&ev, "first_frame");
    ev_int(&ev, "gen", h->gen);
    ev_int(&ev, "ns", (long long)(host_clock() * 1e9));
    ev_end(&ev);
}

static void emit_frame(const Host *h, double t, double interval)
{
    /* For bench-frames: start to start, and the part of it spent working. */
    EventLine ev;
    ev_begin(&ev, "frame");
    ev_int(&ev, "gen", h->gen);
    ev_num(&ev, "dt_ms", interval * 1000.0);
    ev_num(&ev, "work_ms", host_ms_since(t));
    ev_num(&ev, "flow_ms", h->flow_ms); /* recording and rewind history: bench-flow */
    ev_int(&ev, "ns", (long long)(t * 1e9));
    ev_end(&ev);
}

/* A pad plugged in or out (the hands' pads, whatever a loop plays): said on the status line
 * and as a "pad" event. */
static void notice_pads(Host *h)
{
    for (int p = 0; p < HOT_PAD_MAX; p++) {
        const PadInput *pad = &h->live.pad[p];
        if (pad->connected == h->pad_seen[p])
            continue;
        h->pad_seen[p] = pad->connected;
        if (pad->connected)
            overlay_status(&h->overlay, h->now, "pad %d plugged in: %s", p, pad->name);
        else
            overlay_status(&h->overlay, h->now, "pad %d unplugged", p);
        if (events_enabled()) {
            EventLine ev;
            ev_begin(&ev, "pad");
            ev_int(&ev, "pad", p);
            ev_bool(&ev, "connected", pad->connected);
            ev_str(&ev, "name", pad->connected ? pad->name : NULL);
            ev_int(&ev, "frame", (long long)h->frame);
            ev_end(&ev);
        }
    }
}

void frame_after_update(Host *h)
{
    if (h->gen != h->first_frame_gen)
        emit_first_frame(h);
    snapshot_after_frame(h, h->now);
}

/* The game's update (through flow.c: recordings, rewind, speed) for one frame, dt real
 * seconds after the last (core/screen.c draws it). The sound mixed in step with the
 * frames follows the game's clock: the frame time the game was given (scaled, or a
 * recording's), else (paused, a fault, a rewind) the real time; it starts with the game,
 * so a replay mixes the same file every time. */
static void run_game(Host *h, float dt)
{
    uint64_t frame = h->frame;
    double game_time = h->game_time;
    if (h->game && !h->paused)
        flow_update(h, dt);
    double moved = h->game_time - game_time;
    if (h->frame == frame + 1 && moved > 0 && moved <= 1)
        audio_advance(h->audio, moved);
    else if (h->game && !h->quit) /* not before the game starts, nor after a replay's end */
        audio_advance(h->audio, dt);
}

int host_run(Host *h)
{
    return host_run_frames(h, h->cfg.frames);
}

int host_run_frames(Host *h, long frames)
{
    if (!h->script_parsed) {
        Err err = {0};
        if (script_parse(&h->script, h->cfg.press, &err) < 0) {
            fprintf(stderr, "hotrun: %s\n", err_text(&err, ERR_INVALID));
            h->exit_status = 2;
            return h->exit_status;
        }
        h->script_parsed = true;
    }
    const double period = h->cfg.fps > 0 ? 1.0 / h->cfg.fps : 0;
    double next_frame = host_clock();
    h->last_tick = h->snapshot_time = next_frame;
    /* Counts host frames run with a game, not the frames of the first build in develop
     * mode (their number varies), so a script does the same on every run. With a build
     * error shown and no game, every frame counts so that a broken game exits. */
    long loops = 0;

    /* A stop signal ends the loop at the top of the next frame, unless a screenshot was
     * asked for: the frame already shown cannot be read back after its present, so that
     * one frame more is drawn, saved and ends the run. */
    while (!h->quit && (!stop_signal || h->cfg.screenshot)) {
        bool stopping = stop_signal != 0;
        if (frames >= 0 && loops >= frames)
            break;
        /* The frame's lines (events and the terminal's) wait for its end: a reader woken
         * in the middle of a reload would take the time of its last steps (events.c). */
        events_hold();
        double t = host_clock();
        double interval = t - h->last_tick;
        float dt = (float)interval;
        if (dt > MAX_FRAME_TIME)
            dt = (float)MAX_FRAME_TIME;
        h->last_tick = t;
        h->now = t;
        overlay_frame_time(&h->overlay, interval * 1000.0);

        /* The keyboard goes into `live`; the game sees a copy, which a loop, a replay or a
         * rewind replaces by recorded input without losing what is really held. */
        input_begin_frame(&h->live);
        input_pump_events(&h->live);
        script_apply(&h->script, h->script_frame, &h->live);
        const char *script_said = script_error(&h->script);
        if (script_said)
            fprintf(stderr, "hotrun: %s\n", script_said);
        notice_pads(h);
        h->input = h->live;
        if (h->input.quit)
            h->quit = true;
        h->heavy_frame = false;
        hostkeys_handle(h);
        quicksave_frame(h);
        tweak_frame(h);

        if (h->hooks.frame_start)
            h->hooks.frame_start(h, h->hooks.ud);

        run_game(h, dt);
        screen_draw(h);
        flow_draw(h);
        render_end_overlay(h->render); /* screen_draw began it for the host's drawing */
        if (h->game)
            h->script_frame++;
        if (h->game || h->overlay.error[0])
            loops++;
        bool last_frame = frames >= 0 && loops >= frames;
        if (h->cfg.screenshot && (last_frame || h->quit || stopping))
            render_screenshot(h->render, h->cfg.screenshot);
        render_present(h->render);
        if (stopping)
            break;
        if (h->cfg.events_frames && events_enabled())
            emit_frame(h, t, interval);
        events_release(); /* the frame's work is done */
        h->flow_ms = 0;

        if (period > 0) {
            next_frame += period;
            if (next_frame < host_clock() - period)
                next_frame = host_clock(); /* fell behind: do not try to catch up */
            if (!h->hooks.wait)
                sleep_until(next_frame);
            else if (h->hooks.wait(h, next_frame, h->hooks.ud))
                next_frame = host_clock(); /* new code: its first frame runs now */
        }
    }
    events_release();
    if (stop_signal)
        fprintf(stderr, "hotrun: stopping (SIG%s)\n",
                sigabbrev_np(stop_signal) ? sigabbrev_np(stop_signal) : "TERM");
    return h->exit_status;
}
