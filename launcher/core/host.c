/* host.c: the frame loop, and the state memory that outlives every swap. The game's state
 * crosses a swap only as a msgpack image, encoded with the old schema and decoded with the
 * new one; no pointer into a library ever survives it. */
#include "core/host.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <SDL.h>

#include "core/api.h"
#include "core/events.h"
#include "util/clock.h"
#include "util/json.h"

/* A snapshot is taken after every good frame while encoding costs less than this, and
 * at least once a second otherwise, so a rollback loses little and costs little. */
#define SNAPSHOT_CHEAP_MS 0.25
#define SNAPSHOT_PERIOD_S 1.0
/* A frame that took longer than this (a breakpoint, a stall) counts as this long for the
 * game, so nothing jumps across the screen. */
#define MAX_FRAME_TIME 0.1

static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig)
{
    stop_signal = sig;
}

double host_clock(void)
{
    return clock_now_s();
}

static double ms_since(double t0)
{
    return (host_clock() - t0) * 1000.0;
}

/* The game's api->log lines go to the events stream too (they reach stderr anyway). */
static void log_to_events(const char *line)
{
    if (!events_enabled())
        return;
    EventLine ev;
    ev_begin(&ev, "log");
    ev_str(&ev, "line", line);
    ev_end(&ev);
}

int host_init(Host *h, const Options *opt, const HostHooks *hooks, char *err, size_t errlen)
{
    memset(h, 0, sizeof(*h));
    h->opt = opt;
    if (hooks)
        h->hooks = *hooks;
    h->start_time = h->now = host_clock();

    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    RenderConfig rc = {.title = "hotrun", .headless = opt->headless, .vsync = false};
    h->render = render_create(&rc, err, errlen);
    if (!h->render)
        return -1;
    h->api = api_init(h->render, &h->input, opt->seed, "game");
    api_set_log_sink(log_to_events);
    return 0;
}

int host_call(Host *h, void (*fn)(void *ctx), void *ctx, HostFault *fault)
{
    if (!h->hooks.call) {
        fn(ctx);
        return 0;
    }
    memset(fault, 0, sizeof(*fault));
    return h->hooks.call(fn, ctx, fault, h->hooks.ud);
}

/* Game entry points take (api, state); these adapt them to guard's void(void *). */
typedef struct GameCall {
    void (*fn)(const HotApi *api, void *state);
    void (*draw)(const HotApi *api, const void *state);
    void (*migrate)(const HotApi *api, uint32_t from, const HotImage *old, void *state);
    const HotApi *api;
    void *state;
    uint32_t from;
    const StateImage *old;
} GameCall;

static void run_game_call(void *ctx)
{
    GameCall *c = ctx;
    if (c->fn)
        c->fn(c->api, c->state);
    else if (c->draw)
        c->draw(c->api, c->state);
    else if (c->migrate)
        c->migrate(c->api, c->from, (const HotImage *)c->old, c->state);
}

static int call_entry(Host *h, void (*fn)(const HotApi *, void *), void *state,
                      HostFault *fault)
{
    GameCall c = {.fn = fn, .api = h->api, .state = state};
    return host_call(h, run_game_call, &c, fault);
}

/* The state was just decoded (quickload, --state-in, retry): transient fields are zero, so
 * the game's after_swap rebuilds them. Returns -1 if it faulted (handled). */
static int after_decode(Host *h)
{
    HostFault f;
    if (!h->game->after_swap || call_entry(h, h->game->after_swap, h->state, &f) == 0)
        return 0;
    host_fault(h, "after_swap", &f);
    return -1;
}

int host_encode(Host *h, StateImage *out)
{
    return state_encode(h->game->state, h->game->state_version, h->state, out);
}

int host_load_image(Host *h, const StateImage *img, StateReport *report)
{
    void *fresh = state_alloc(h->game->state);
    if (!fresh)
        return STATE_ENOMEM;
    int rc = state_decode(h->game->state, img, fresh, report);
    if (rc < 0) {
        state_free(fresh);
        return rc;
    }
    state_free(h->state);
    h->state = fresh;
    return 0;
}

static void take_snapshot(Host *h)
{
    if (!h->hooks.call || !h->game)
        return; /* unguarded: nothing would ever roll back */
    double t0 = host_clock();
    if (host_encode(h, &h->snapshot) == 0)
        h->snapshot_ms = ms_since(t0);
}

void host_fault(Host *h, const char *phase, const HostFault *f)
{
    const char *msg = f->message;
    h->faults++;
    snprintf(h->last_fault, sizeof(h->last_fault), "%s faulted: %s", phase, msg);
    fprintf(stderr, "hotrun: the game faulted in %s: %s\n", phase, msg);
    bool restored = false;
    if (h->game && h->snapshot.data)
        restored = host_load_image(h, &h->snapshot, NULL) == 0;
    if (!restored && h->game)
        state_defaults(h->game->state, h->state);
    h->paused = true;
    char text[1024];
    snprintf(text, sizeof(text),
             "The game faulted in %s:\n%s\n\nState rolled back to %s. Save a fix to go on,\n"
             "or press F2 to retry, F3 to restart from defaults.",
             phase, msg, restored ? "the last good snapshot" : "its defaults");
    overlay_fault(&h->overlay, text);
    if (events_enabled()) {
        EventLine ev;
        ev_begin(&ev, "fault");
        ev_str(&ev, "phase", phase);
        ev_str(&ev, "signal", f->signal);
        ev_str(&ev, "function", f->function);
        ev_str(&ev, "where", f->where);
        ev_str(&ev, "message", msg);
        ev_int(&ev, "gen", h->gen);
        ev_bool(&ev, "snapshot", restored);
        ev_int(&ev, "frame", (long long)h->frame);
        ev_end(&ev);
    }
}

void host_ev_changes(EventLine *ev, const StateReport *r)
{
    char list[4096];
    size_t len = 0;
    list[len++] = '[';
    for (uint32_t i = 0; r && i < r->count; i++) {
        char line[256];
        state_change_describe(&r->changes[i], line, sizeof(line));
        size_t before = len;
        if (i)
            list[len++] = ',';
        json_escape(list, sizeof(list) - 2, &len, line, strlen(line));
        if (len <= before + 1) { /* full: end the list at the last whole entry */
            len = before;
            break;
        }
    }
    list[len++] = ']';
    list[len] = '\0';
    ev_raw(ev, "changes", list);
}

static void emit_state_report(const char *event, const StateReport *r)
{
    if (!events_enabled())
        return;
    EventLine ev;
    ev_begin(&ev, event);
    host_ev_changes(&ev, r);
    ev_end(&ev);
}

/* A fresh start of the current game: defaults are in place, init fills the rest. Until it
 * completes once, every new build starts with init too (a build that fixes init). */
static int run_init(Host *h)
{
    HostFault f;
    h->paused = false;
    if (h->game->init && call_entry(h, h->game->init, h->state, &f) < 0) {
        host_fault(h, "init", &f);
        return -1;
    }
    h->started = true;
    return 0;
}

int host_start(Host *h, const HotGame *game, unsigned gen, char *err, size_t errlen)
{
    state_free(h->state);
    h->state = state_alloc(game->state);
    if (!h->state) {
        snprintf(err, errlen, "out of memory for the game's state (%u bytes)",
                 game->state->size);
        return -1;
    }
    h->game = game;
    h->gen = gen;
    h->api = api_init(h->render, &h->input, h->opt->seed, game->name ? game->name : "game");
    char title[256];
    snprintf(title, sizeof(title), "%s - hotrun", game->name ? game->name : "game");
    render_set_title(h->render, title);

    if (h->opt->state_in) {
        StateImage img = {0};
        StateReport report = {0};
        int rc = state_image_load(h->opt->state_in, &img);
        if (rc == 0)
            rc = state_decode(game->state, &img, h->state, &report);
        if (rc == 0) /* what a fault in after_swap rolls back to: never the defaults */
            state_image_copy(&h->snapshot, &img);
        state_image_free(&img);
        if (rc < 0) {
            snprintf(err, errlen, "--state-in %s: %s", h->opt->state_in, state_error_text(rc));
            h->game = NULL; /* nothing ran: --state-out must not save defaults over the file */
            return -1;
        }
        emit_state_report("state_in", &report);
        h->paused = false;
        if (after_decode(h) < 0)
            return 0;
    } else if (run_init(h) < 0) {
        return 0;
    }
    h->started = true;
    h->paused = false;
    take_snapshot(h);
    return 0;
}

int host_swap(Host *h, const HotGame *next, unsigned gen, void (*close_old)(void *ud),
              void *ud, StateReport *report, SwapTimes *t, char *err, size_t errlen)
{
    memset(t, 0, sizeof(*t));
    memset(report, 0, sizeof(*report));
    double t0 = host_clock(), t1;
    HostFault msg;
    StateImage img = {0};

    /* 1. The old code gets its last word, then the state leaves in the old layout. */
    if (h->game->before_swap && !h->paused &&
        call_entry(h, h->game->before_swap, h->state, &msg) < 0) {
        host_fault(h, "before_swap", &msg); /* rolled back: the snapshot is what we carry */
    }
    t1 = host_clock();
    t->before = (t1 - t0) * 1000.0;
    /* No state only after a decode ran out of memory: the snapshot holds it then. */
    int rc = h->state ? host_encode(h, &img) : state_image_copy(&img, &h->snapshot);
    t->encode = ms_since(t1);
    if (rc < 0) {
        snprintf(err, errlen, "could not encode the state: %s", state_error_text(rc));
        state_image_free(&img);
        return -1;
    }

    /* 2. The old library goes away; only the image remains. */
    t1 = host_clock();
    close_old(ud);
    t->close = ms_since(t1);
    state_free(h->state);
    h->state = NULL;
    h->game = next;
    h->gen = gen;

    /* 3. The state arrives in the new layout. */
    t1 = host_clock();
    h->state = state_alloc(next->state);
    rc = h->state ? state_decode(next->state, &img, h->state, report) : STATE_ENOMEM;
    t->decode = ms_since(t1);
    if (rc < 0) {
        /* Cannot happen for an image we just wrote, unless memory ran out. */
        snprintf(err, errlen, "could not carry the state across: %s", state_error_text(rc));
        state_image_copy(&h->snapshot, &img); /* F2 or the next build tries again */
        state_image_free(&img);
        h->paused = true;
        return -1;
    }
    h->paused = false;
    if (next->migrate && report->image_state_version != next->state_version) {
        GameCall c = {.migrate = next->migrate, .api = h->api, .state = h->state,
                      .from = report->image_state_version, .old = &img};
        if (host_call(h, run_game_call, &c, &msg) < 0) {
            state_image_copy(&h->snapshot, &img);
            host_fault(h, "migrate", &msg);
        }
    }
    t1 = host_clock();
    if (!h->started) {
        /* The previous code never finished init: this one starts the game afresh. */
        state_defaults(next->state, h->state);
        run_init(h);
    } else if (!h->paused && next->after_swap &&
               call_entry(h, next->after_swap, h->state, &msg) < 0) {
        state_image_copy(&h->snapshot, &img);
        host_fault(h, "after_swap", &msg);
    }
    t->after = ms_since(t1);
    state_image_free(&img);
    t->total = ms_since(t0);
    if (h->paused) {
        snprintf(err, errlen, "the new code faulted during the swap");
        return -1;
    }
    take_snapshot(h);
    overlay_fault(&h->overlay, NULL);
    return 0;
}

/* --press "KEY@FRAME[+HOLD] ...": presses a key at a host frame for HOLD frames. */
typedef struct Press {
    HotKey key;
    int host;
    long at, until;
} Press;

static int parse_presses(const char *spec, Press *out, int max, char *err, size_t errlen)
{
    int n = 0;
    char buf[1024];
    snprintf(buf, sizeof(buf), "%s", spec ? spec : "");
    for (char *save = NULL, *tok = strtok_r(buf, " ,", &save); tok;
         tok = strtok_r(NULL, " ,", &save)) {
        char name[32];
        long at = 0, hold = 1;
        int used = 0;
        if (n == max) {
            snprintf(err, errlen, "--press: more than %d presses", max);
            return -1;
        }
        /* %n after each form: the whole token must be one of them, nothing left over. */
        if (!((sscanf(tok, "%31[^@]@%ld+%ld%n", name, &at, &hold, &used) == 3 &&
               !tok[used]) ||
              (hold = 1, sscanf(tok, "%31[^@]@%ld%n", name, &at, &used) == 2 && !tok[used])) ||
            hold < 1 || at < 0) {
            snprintf(err, errlen, "--press: '%s' is not KEY@FRAME[+FRAMES]", tok);
            return -1;
        }
        int host = -1;
        HotKey key = input_key_from_name(name, &host);
        if (key == HOT_KEY_NONE && host < 0) {
            snprintf(err, errlen, "--press: unknown key '%s'", name);
            return -1;
        }
        out[n++] = (Press){key, host, at, at + hold};
    }
    return n;
}

static void save_quick(Host *h)
{
    const char *path = h->opt->save_file ? h->opt->save_file : "hotrun-quicksave.state";
    StateImage img = {0};
    int rc = host_encode(h, &img);
    if (rc == 0)
        rc = state_image_save(path, &img);
    state_image_free(&img);
    if (rc < 0)
        overlay_status(&h->overlay, h->now, "save failed: %s", state_error_text(rc));
    else
        overlay_status(&h->overlay, h->now, "saved to %s", path);
    if (rc < 0)
        fprintf(stderr, "hotrun: could not save to %s: %s\n", path, state_error_text(rc));
    else
        fprintf(stderr, "hotrun: saved to %s\n", path);
    if (events_enabled()) {
        EventLine ev;
        ev_begin(&ev, "save");
        ev_bool(&ev, "ok", rc == 0);
        ev_str(&ev, "path", path);
        ev_end(&ev);
    }
}

static void load_quick(Host *h)
{
    const char *path = h->opt->save_file ? h->opt->save_file : "hotrun-quicksave.state";
    StateImage img = {0};
    StateReport report = {0};
    int rc = state_image_load(path, &img);
    if (rc == 0)
        rc = host_load_image(h, &img, &report);
    state_image_free(&img);
    if (rc < 0) {
        overlay_status(&h->overlay, h->now, "load failed: %s: %s (state kept)", path,
                       state_error_text(rc));
        fprintf(stderr, "hotrun: could not load %s: %s; the game keeps its state\n", path,
                state_error_text(rc));
    } else {
        overlay_status(&h->overlay, h->now, "loaded %s", path);
        fprintf(stderr, "hotrun: loaded %s\n", path);
        h->paused = false;
        overlay_fault(&h->overlay, NULL);
        if (after_decode(h) == 0)
            take_snapshot(h);
    }
    if (events_enabled()) {
        EventLine ev;
        ev_begin(&ev, "load");
        ev_bool(&ev, "ok", rc == 0);
        ev_str(&ev, "path", path);
        ev_str(&ev, "error", rc < 0 ? state_error_text(rc) : NULL);
        ev_end(&ev);
    }
}

static void host_keys(Host *h)
{
    Input *in = &h->input;
    if (input_host_pressed(in, HOST_KEY_QUIT))
        h->quit = true;
    if (input_host_pressed(in, HOST_KEY_INSPECT))
        h->overlay.inspector = !h->overlay.inspector;
    if (!h->game)
        return;
    if (input_host_pressed(in, HOST_KEY_SAVE) && h->state)
        save_quick(h);
    if (input_host_pressed(in, HOST_KEY_LOAD))
        load_quick(h);
    if (input_host_pressed(in, HOST_KEY_RETRY) && h->paused &&
        (h->state || host_load_image(h, &h->snapshot, NULL) == 0)) {
        h->paused = false;
        overlay_fault(&h->overlay, NULL);
        overlay_status(&h->overlay, h->now, "retrying from the last good state");
        if (!h->started)
            run_init(h);
        else
            after_decode(h);
    }
    if (input_host_pressed(in, HOST_KEY_RESTART) &&
        (h->state || (h->state = state_alloc(h->game->state)) != NULL)) {
        state_defaults(h->game->state, h->state);
        h->paused = false;
        overlay_fault(&h->overlay, NULL);
        overlay_status(&h->overlay, h->now, "restarted from defaults");
        if (run_init(h) == 0)
            take_snapshot(h);
    }
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

int host_run(Host *h)
{
    Press presses[64];
    char err[256];
    int npress = parse_presses(h->opt->press, presses, 64, err, sizeof(err));
    if (npress < 0) {
        fprintf(stderr, "hotrun: %s\n", err);
        h->exit_status = 2;
        return h->exit_status;
    }
    const double period = h->opt->fps > 0 ? 1.0 / h->opt->fps : 0;
    double last = host_clock(), next_frame = last;
    double last_snapshot = last;
    /* Both count host frames run with a game, not the frames of the first build in
     * develop mode (their number varies), so a script does the same on every run. With a
     * build error shown and no game, --frames counts every frame so a broken game exits. */
    long loops = 0, applied = -1;

    while (!h->quit && !stop_signal) {
        if (h->opt->frames >= 0 && loops >= h->opt->frames)
            break;
        double t = host_clock();
        double interval = t - last;
        float dt = (float)interval;
        if (dt > MAX_FRAME_TIME)
            dt = (float)MAX_FRAME_TIME;
        last = t;
        h->now = t;

        input_begin_frame(&h->input);
        SDL_Event e;
        while (SDL_PollEvent(&e))
            input_handle_event(&h->input, &e);
        long sf = h->script_frame;
        for (int i = 0; i < npress && sf != applied; i++) {
            if (presses[i].host >= 0 && sf == presses[i].at)
                h->input.host_pressed[presses[i].host] = true;
            else if (presses[i].host < 0 && (sf == presses[i].at || sf == presses[i].until))
                input_set_key(&h->input, presses[i].key, sf == presses[i].at);
        }
        applied = sf;
        if (h->input.quit)
            h->quit = true;
        host_keys(h);

        if (h->hooks.frame_start)
            h->hooks.frame_start(h, h->hooks.ud);

        HostFault msg;
        if (h->game && !h->paused) {
            api_set_frame(h->frame, dt, t - h->start_time);
            if (call_entry(h, h->game->update, h->state, &msg) < 0) {
                host_fault(h, "update", &msg);
            } else {
                h->frame++;
                if (h->gen != h->first_frame_gen) {
                    /* The first frame of new code: what a save-to-pixels benchmark ends on. */
                    h->first_frame_gen = h->gen;
                    if (events_enabled()) {
                        EventLine ev;
                        ev_begin(&ev, "first_frame");
                        ev_int(&ev, "gen", h->gen);
                        ev_int(&ev, "ns", (long long)(host_clock() * 1e9));
                        ev_end(&ev);
                    }
                }
                if (h->snapshot_ms < SNAPSHOT_CHEAP_MS || t - last_snapshot >= SNAPSHOT_PERIOD_S) {
                    take_snapshot(h);
                    last_snapshot = t;
                }
            }
        }
        render_clear(h->render, HOT_RGB(16, 18, 24));
        if (h->game && !h->paused && h->game->draw) {
            GameCall c = {.draw = h->game->draw, .api = h->api, .state = h->state};
            if (host_call(h, run_game_call, &c, &msg) < 0)
                host_fault(h, "draw", &msg);
        }
        overlay_draw(&h->overlay, h->render, h->now, h->game ? h->game->state : NULL,
                     h->game ? h->state : NULL);
        if (h->game)
            h->script_frame++;
        if (h->game || h->overlay.error[0])
            loops++;
        bool last_frame = h->opt->frames >= 0 && loops >= h->opt->frames;
        if (h->opt->screenshot && (last_frame || h->quit || stop_signal))
            render_screenshot(h->render, h->opt->screenshot);
        render_present(h->render);
        if (h->opt->events_frames && events_enabled()) {
            /* For bench-frames: start to start, and the part of it spent working. */
            EventLine ev;
            ev_begin(&ev, "frame");
            ev_int(&ev, "gen", h->gen);
            ev_num(&ev, "dt_ms", interval * 1000.0);
            ev_num(&ev, "work_ms", ms_since(t));
            ev_int(&ev, "ns", (long long)(t * 1e9));
            ev_end(&ev);
        }

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
    if (stop_signal)
        fprintf(stderr, "hotrun: stopping (%s)\n", stop_signal == SIGINT ? "SIGINT" : "SIGTERM");
    return h->exit_status;
}

int host_finish(Host *h)
{
    if (h->hooks.shutdown)
        h->hooks.shutdown(h, h->hooks.ud);
    if (h->opt->state_out && h->game && h->state) {
        StateImage img = {0};
        int rc = host_encode(h, &img);
        if (rc == 0)
            rc = state_image_save(h->opt->state_out, &img);
        if (rc < 0) {
            fprintf(stderr, "hotrun: could not write --state-out %s: %s\n", h->opt->state_out,
                    state_error_text(rc));
            if (h->exit_status == 0)
                h->exit_status = 1;
        }
        state_image_free(&img);
    }
    if (events_enabled()) {
        EventLine ev;
        ev_begin(&ev, "exit");
        ev_int(&ev, "frames", (long long)h->frame);
        ev_int(&ev, "gen", h->gen);
        ev_int(&ev, "status", h->exit_status);
        ev_end(&ev);
    }
    state_free(h->state);
    h->state = NULL;
    state_image_free(&h->snapshot);
    render_destroy(h->render);
    h->render = NULL;
    return h->exit_status;
}
