/* host.c: the host's life (create, start, finish), guarded calls into the game, and what
 * happens after a fault. The frame loop is in frame.c, the swap in swap.c. */
#include "core/host_internal.h"

#include <malloc.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/api.h"
#include "core/events.h"
#include "core/image_in.h"
#include "core/tweak.h"
#include "platform/gamepad.h"
#include "util/clock.h"
#include "util/json.h"

double host_clock(void)
{
    return clock_now_s();
}

double host_ms_since(double t0)
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

/* A sentence of the asset registry: the terminal and the window's status line. */
static void report_asset(void *ud, const char *line)
{
    Host *h = ud;
    fprintf(stderr, "hotrun: %s\n", line);
    overlay_status(&h->overlay, host_clock(), "%s", line);
}

Host *host_create(const HostConfig *cfg, const HostHooks *hooks, Err *err)
{
    Host *h = xcalloc(1, sizeof(*h));
    h->cfg = *cfg;
    if (hooks)
        h->hooks = *hooks;
    h->start_time = h->now = h->last_tick = host_clock();
    frame_catch_stop_signals();
    char text[512];
    RenderConfig rc = {.title = "hotrun", .headless = cfg->headless, .vsync = false};
    h->render = render_create(&rc, text, sizeof(text));
    if (!h->render) {
        err_set(err, ERR_UNSUPPORTED, "%s", text);
        free(h);
        return NULL;
    }
    AudioConfig ac = {.headless = cfg->headless, .mute = cfg->mute, .out = cfg->audio_out};
    h->audio = audio_create(&ac, err);
    if (!h->audio) {
        render_destroy(h->render);
        free(h);
        return NULL;
    }
    audio_set_report(h->audio, report_asset, h);
    if (cfg->audio_out) /* the WAV covers the whole run: the mixer starts with it */
        audio_open(h->audio);
    input_set_host_keys((HostMod)cfg->host_mod, cfg->release);
    if (gamepad_init(text, sizeof(text)) != 0)
        fprintf(stderr, "hotrun: gamepads are off: SDL could not start its game controllers "
                        "(%s).\n", text);
    h->api = api_init(h->render, &h->input, cfg->seed, "game");
    api_set_log_sink(log_to_events);
    flow_init(h);
    tweak_init(h);
    h->assets = assets_create(cfg->assets);
    assets_set_report(h->assets, report_asset, h);
    api_bind_assets(h->assets);
    api_sound_bind(h->audio, h->assets);
    /* Asset handles in the state are saved by path and found again by it. */
    state_set_handles(&(StateHandles){assets_resolve_path, assets_resolve_id, h->assets});
    return h;
}

void host_destroy(Host *h)
{
    if (!h)
        return;
    state_free(h->state);
    snapshot_free(h);
    session_stop(h->quicksaver, false); /* NULL after host_finish */
    state_image_free(&h->quicksave_image);
    prefault_stop(h->prefault);
    inspector_free(&h->inspector);
    api_bind_assets(NULL);
    api_sound_bind(NULL, NULL);
    if (h->assets)
        state_set_handles(NULL);
    assets_destroy(h->assets); /* its textures belong to the renderer: before it goes */
    audio_destroy(h->audio);   /* after the sounds it made */
    script_end(&h->script);
    gamepad_quit();
    render_destroy(h->render);
    flow_free(h);
    free(h);
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

void host_run_game_call(void *ctx)
{
    GameCall *c = ctx;
    if (c->fn)
        c->fn(c->api, c->state);
    else if (c->draw)
        c->draw(c->api, c->state);
    else if (c->migrate)
        c->migrate(c->api, c->from, (const HotImage *)c->old, c->state);
}

int host_call_entry(Host *h, void (*fn)(const HotApi *, void *), HostFault *fault)
{
    GameCall c = {.fn = fn, .api = h->api, .state = h->state};
    return host_call(h, host_run_game_call, &c, fault);
}

int host_after_decode(Host *h)
{
    HostFault f;
    if (!h->game->after_swap || host_call_entry(h, h->game->after_swap, &f) == 0)
        return 0;
    host_fault(h, "after_swap", &f);
    return -1;
}

int host_encode(Host *h, StateImage *out)
{
    StateStamp stamp = {h->game->state_version, h->game->name};
    return state_layout_encode(&h->layout, &stamp, h->state, out);
}

int host_pack(Host *h, StateImage *out)
{
    StateStamp stamp = {h->game->state_version, h->game->name};
    return state_layout_pack(&h->layout, &stamp, h->state, out);
}

Prefault *host_prefault(Host *h)
{
    if (!h->prefault)
        h->prefault = prefault_start();
    return h->prefault;
}

bool host_big_buffer(Host *h, size_t size, StateImage *img)
{
    if (size < HOST_BIG || (img->data && malloc_usable_size(img->data) >= size))
        return true;
    if (!host_prefault(h))
        return true; /* no thread: the encoder allocates as usual */
    void *buf;
    if (!prefault_take(h->prefault, size, &buf))
        return false;
    state_image_free(img);
    img->data = buf;
    img->size = 0;
    return true;
}

int host_load_image(Host *h, const StateImage *img, StateReport *report)
{
    void *fresh = state_layout_alloc(&h->layout);
    if (!fresh)
        return STATE_ENOMEM;
    int rc = state_layout_decode(&h->layout, img, fresh, report);
    if (rc < 0) {
        state_free(fresh);
        return rc;
    }
    state_free(h->state);
    h->state = fresh;
    return 0;
}

void host_fault(Host *h, const char *phase, const HostFault *f)
{
    const char *msg = f->message;
    h->faults++;
    snprintf(h->last_fault, sizeof(h->last_fault), "%s faulted: %s", phase, msg);
    fprintf(stderr, "hotrun: the game faulted in %s: %s\n", phase, msg);
    bool restored = snapshot_rollback(h);
    flow_state_jumped(h, "the game faulted");
    h->paused = true;
    char text[1024], retry[32], restart[32];
    input_host_key_label(HOST_KEY_RETRY, retry, sizeof(retry));
    input_host_key_label(HOST_KEY_RESTART, restart, sizeof(restart));
    snprintf(text, sizeof(text),
             "The game faulted in %s:\n%s\n\nState rolled back to %s. Save a fix to go on,\n"
             "or press %s to retry, %s to restart from defaults.",
             phase, msg, restored ? "the last good snapshot" : "its defaults", retry, restart);
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

static void emit_state_report(const char *event, const StateReport *r, const char *status)
{
    if (!events_enabled())
        return;
    EventLine ev;
    ev_begin(&ev, event);
    host_ev_changes(&ev, r);
    ev_str(&ev, "status_line", status);
    ev_end(&ev);
}

int host_set_game(Host *h, const HotGame *game)
{
    /* On failure the layout is empty: allocating, encoding and decoding refuse it. */
    int rc = state_layout_check(game->state, &h->layout);
    if (rc == 0)
        h->game = game;
    return rc;
}

void host_set_window(Host *h, const HotGame *game)
{
    /* A game built with an older hot.h has a shorter descriptor: what it lacks takes the
     * defaults. */
    bool has = game->game_size >= offsetof(HotGame, integer_scale) + sizeof(bool);
    const char *name = game->name ? game->name : "game";
    const char *title = has && game->title ? game->title : name;
    char text[256];
    if (h->cfg.release)
        snprintf(text, sizeof(text), "%s", title);
    else
        snprintf(text, sizeof(text), "%s - hotrun", title);
    render_set_title(h->render, text);
    render_set_logical(h->render, has ? (int)game->width : 0, has ? (int)game->height : 0,
                       has && game->integer_scale);
}

/* A fresh start of the current game: defaults are in place, init fills the rest. Until it
 * completes once, every new build starts with init too (a build that fixes init). */
int host_run_init(Host *h)
{
    HostFault f;
    h->paused = false;
    if (h->game->init && host_call_entry(h, h->game->init, &f) < 0) {
        host_fault(h, "init", &f);
        return -1;
    }
    h->started = true;
    return 0;
}

int host_start(Host *h, const HotGame *game, unsigned gen, Err *err)
{
    state_free(h->state);
    h->state = NULL;
    if (host_set_game(h, game) < 0) {
        h->game = NULL;
        return err_set(err, ERR_INVALID, "%s", state_strerror(STATE_ESCHEMA));
    }
    h->state = state_layout_alloc(&h->layout);
    if (!h->state) {
        h->game = NULL;
        return err_set(err, ERR_NOMEM, "out of memory for the game's state (%u bytes)",
                       game->state->size);
    }
    h->gen = gen;
    h->api = api_init(h->render, &h->input, h->cfg.seed, game->name ? game->name : "game");
    host_set_window(h, game);

    if (h->cfg.replay) {
        int rc = flow_start_replay(h, err);
        if (rc < 0) {
            h->game = NULL; /* nothing ran: --state-out must not save defaults */
            return rc;
        }
        h->paused = false;
        h->started = true;
        if (host_after_decode(h) < 0)
            return 0;
    } else if (h->cfg.state_in) {
        StateImage img = {0};
        StateReport report = {0};
        Err why = {{0}};
        int rc = image_in_read(h, h->cfg.state_in, &img, &why);
        if (rc == 0) {
            rc = state_layout_decode(&h->layout, &img, h->state, &report);
            if (rc < 0)
                err_set(&why, ERR_CORRUPT, "%s", state_error_text(rc));
        }
        if (rc == 0) /* what a fault in after_swap rolls back to: never the defaults */
            snapshot_adopt_image(h, &img);
        state_image_free(&img);
        if (rc < 0) {
            err_set(err, ERR_CORRUPT, "--state-in %s: %s", h->cfg.state_in, err_text(&why, rc));
            h->game = NULL; /* nothing ran: --state-out must not save defaults over the file */
            return ERR_CORRUPT;
        }
        char status[256];
        image_in_report(h, "--state-in", h->cfg.state_in, &report, status, sizeof(status));
        emit_state_report("state_in", &report, report.count ? status : NULL);
        h->paused = false;
        if (host_after_decode(h) < 0)
            return 0;
    } else if (host_run_init(h) < 0) {
        return 0;
    }
    h->started = true;
    h->paused = false;
    snapshot_take(h);
    flow_started(h);
    if (h->cfg.session_file && !h->saver)
        h->saver = session_start(h->cfg.session_file);
    return 0;
}

int host_finish(Host *h)
{
    if (h->hooks.shutdown)
        h->hooks.shutdown(h, h->hooks.ud);
    if (flow_finish(h) < 0 && h->exit_status == 0)
        h->exit_status = 1;
    quicksave_finish(h); /* a quicksave still being written is written */
    session_stop(h->saver, true); /* a clean exit: nothing to resume */
    h->saver = NULL;
    if (h->cfg.state_out && h->game && h->state) {
        StateImage img = {0};
        int rc = host_encode(h, &img);
        if (rc == 0)
            rc = state_image_save(h->cfg.state_out, &img);
        if (rc < 0) {
            fprintf(stderr, "hotrun: could not write --state-out %s: %s\n", h->cfg.state_out,
                    state_error_text(rc));
            if (h->exit_status == 0)
                h->exit_status = 1;
        }
        state_image_free(&img);
    }
    /* The state image above names its assets by path: the registry goes after it. */
    state_free(h->state);
    h->state = NULL;
    api_bind_assets(NULL);
    api_sound_bind(NULL, NULL);
    state_set_handles(NULL);
    assets_destroy(h->assets); /* its textures belong to the renderer: before it goes */
    h->assets = NULL;
    Err aerr = {{0}};
    if (audio_finish(h->audio, &aerr) < 0) { /* after the sounds: they belong to the mixer */
        fprintf(stderr, "hotrun: %s.\n", err_text(&aerr, ERR_IO));
        if (h->exit_status == 0)
            h->exit_status = 1;
    }
    if (events_enabled()) {
        EventLine ev;
        ev_begin(&ev, "exit");
        ev_int(&ev, "frames", (long long)h->frame);
        ev_int(&ev, "gen", h->gen);
        ev_int(&ev, "status", h->exit_status);
        ev_end(&ev);
    }
    snapshot_free(h);
    render_destroy(h->render);
    h->render = NULL;
    return h->exit_status;
}

/* ---- what the modes read and set ---- */

const HotGame *host_game(const Host *h)
{
    return h->game;
}

const void *host_state(const Host *h)
{
    return h->state;
}

unsigned host_gen(const Host *h)
{
    return h->gen;
}

bool host_paused(const Host *h)
{
    return h->paused;
}

unsigned host_faults(const Host *h)
{
    return h->faults;
}

const char *host_last_fault(const Host *h)
{
    return h->last_fault;
}

uint64_t host_frames(const Host *h)
{
    return h->frame;
}

double host_now(const Host *h)
{
    return h->now;
}

bool host_quitting(const Host *h)
{
    return h->quit;
}

void host_quit(Host *h, int status)
{
    h->quit = true;
    h->exit_status = status;
}

void host_set_exit_status(Host *h, int status)
{
    h->exit_status = status;
}

Overlay *host_overlay(Host *h)
{
    return &h->overlay;
}

Assets *host_assets(Host *h)
{
    return h->assets;
}

int host_check_assets(Host *h)
{
    return assets_check(h->assets);
}
