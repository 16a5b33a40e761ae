/* develop.c: develop mode. The watcher's changes start builds; a build whose compiler exited 0
 * and whose library passed the probe is opened beside the running one and swapped in
 * between two frames (at the next frame's start when there is no time left before it).
 * A failed build changes nothing in the running game. */
#include "cli/modes.h"
#include "cli/session.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <uv.h>

#include "config.h"
#include "core/events.h"
#include "dev/echo.h"
#include "dev/guard.h"
#include "core/host.h"
#include "core/swap.h"
#include "dev/loader.h"
#include "dev/pkgs.h"
#include "dev/smuggled.h"
#include "dev/watcher.h"
#include "util/fs.h"
#include "util/error.h"

typedef struct Dev {
    Host *host;
    const Options *opt;
    uv_loop_t loop;
    Builder *builder;
    Watcher *watcher;
    Watcher *asset_watcher; /* the asset folder: a save reloads the asset, no build */
    unsigned asset_reloads;
    Loader *loader;
    GameLib cur;
    uint64_t change_ns; /* first fs event of the changes the next build will contain */
    const char *cache_dir;
    unsigned reloads;
    /* A load (copy, dlopen, swap) takes the frame thread for a while: 0.4 ms for the
     * example game, about 1 ms for one of 204 files. Started just before a frame is due, it
     * would make that frame late, so a build that finishes then is kept and loaded when
     * the frame starts (see on_build). */
    double deadline;    /* the next frame's start while wait_frame runs the loop, else 0 */
    double load_ms;     /* the last load's open + swap */
    BuildResult ready;  /* kept for the start of the next frame */
    bool have_ready;
    bool loaded;        /* a build of the game was opened once: the run did something */
    bool shutdown_said; /* the never-loaded sentence, once */
    bool failed_since_load; /* a build failed after the last load (see code_unchanged) */
    /* What superseded builds since the last reported one compiled and linked: the build
     * that follows them finds those objects current, and its own "compile 0" would hide
     * the compile the reload used. */
    int carry_compiled;
    double carry_compile_ms, carry_link_ms;
    /* What a load leaves for after the first frame of the new code (settle): the old
     * library's close (its state is already encoded and nothing of it runs any more), the
     * builder's link stamp, the look at the new library's variables. */
    GameLib retired;
    bool unsettled;
    /* The probes of cur's and retired's builds: their destructors' verdicts, which come
     * after the load (the probe answers once the constructors ran) and are read before
     * either is closed. keep_cur: cur's destructors failed, it stays open at the end. */
    unsigned long cur_ticket, retired_ticket;
    bool keep_cur;
    bool kept_open; /* a generation stays open for good: hotrun ends with _exit */
    bool in_frame_start;
    unsigned long frames;      /* frames started */
    unsigned long settle_from; /* settle once this many frames are done */
    char statics_lib[PATH_MAX]; /* "": none to look at */
} Dev;

/* The old library leaves the swap still mapped: dlclose (its destructors, the unmapping:
 * 0.05 ms, 0.2 ms at 200 files) waits for settle, after the new code's first frame. */
static void close_current(void *ud)
{
    Dev *d = ud;
    smuggled_note_library(d->cur.game); /* its mapping, for the look after the swap */
    d->retired = d->cur;
    d->retired_ticket = d->cur_ticket;
    memset(&d->cur, 0, sizeof(d->cur));
    d->cur_ticket = 0;
}

/* Whether a generation must never be closed: the probe saw its destructors crash, hang or
 * end the process (said once, here). A verdict still to come is waited for. */
static bool dtors_failed(Dev *d, const GameLib *lib, unsigned long ticket)
{
    char why[512];
    if (!ticket || builder_probe_dtors(d->builder, ticket, d->opt->budget_s > 0 ?
                                       d->opt->budget_s + 2.0 : 4.0, why, sizeof(why)) == 0)
        return false;
    builder_probe_forget(d->builder, ticket);
    char sentence[768];
    snprintf(sentence, sizeof(sentence),
             "%s; gen %u is never closed (its destructors would do that in hotrun): it stays "
             "loaded until hotrun ends.", why, lib->gen);
    fprintf(stderr, "hotrun: warning: %s\n", sentence);
    if (events_enabled()) {
        EventLine ev;
        ev_begin(&ev, "warning");
        ev_str(&ev, "message", sentence);
        ev_end(&ev);
    }
    return true;
}

/* Closes a generation, or leaves it loaded for good when its destructors failed. */
static void close_generation(Dev *d, GameLib *lib, unsigned long *ticket, bool at_exit)
{
    if (dtors_failed(d, lib, *ticket)) {
        lib->handle = NULL; /* its file goes; its mapping stays */
        d->kept_open = true;
    }
    builder_probe_forget(d->builder, *ticket);
    *ticket = 0;
    session_close_library(d->loader, lib, at_exit);
}

static void close_retired(Dev *d)
{
    if (d->retired.handle)
        close_generation(d, &d->retired, &d->retired_ticket, false);
}

/* What a load left for later, done once the new code ran a frame (or before the next
 * load, or at the end). */
static void settle(Dev *d)
{
    if (!d->unsettled)
        return;
    d->unsettled = false;
    close_retired(d);
    builder_settle(d->builder);
    if (d->statics_lib[0]) {
        session_warn_statics(d->statics_lib); /* new variables only: once each in a run */
        d->statics_lib[0] = '\0';
    }
}

/* After each frame: settles once the first frame of the new code is done. */
static void settle_after_frame(Dev *d)
{
    if (d->unsettled && d->frames >= d->settle_from)
        settle(d);
}

/* A pointer-sized integer of the new state that holds an address in the old library. */
static void warn_smuggled(const char *path, uint64_t value, void *ud)
{
    const char *lib = *(const char **)ud; /* smuggled_scan set it first */
    char sentence[768];
    snprintf(sentence, sizeof(sentence),
             "state.%s holds 0x%llx, an address inside the old library %s, which is gone: "
             "keep an index, an enum or a handle there instead of a pointer.",
             path, (unsigned long long)value, lib);
    fprintf(stderr, "hotrun: warning: %s\n", sentence);
    if (events_enabled()) {
        EventLine ev;
        ev_begin(&ev, "warning");
        ev_str(&ev, "message", sentence);
        ev_str(&ev, "field", path);
        ev_end(&ev);
    }
}

/* What a swap did to the state, for the overlay: "2 added, 1 reset". */
static void summarize_changes(const StateReport *r, char *buf, size_t size)
{
    static const char *names[] = {"added", "dropped", "converted", "reset", "truncated"};
    int counts[5] = {0};
    for (uint32_t i = 0; i < r->count; i++)
        counts[r->changes[i].kind]++;
    size_t len = 0;
    buf[0] = '\0';
    for (int k = 0; k < 5; k++)
        if (counts[k] && len < size)
            len += (size_t)snprintf(buf + len, size - len, "%s%d %s", len ? ", " : "",
                                    counts[k], names[k]);
}

static void emit_reload(Dev *d, const BuildResult *r, bool ok, const char *error,
                        double open_ms, const SwapTimes *t, const StateReport *report,
                        uint64_t swapped_ns)
{
    if (!events_enabled())
        return;
    EventLine ev;
    ev_begin(&ev, "reload");
    ev_bool(&ev, "ok", ok);
    ev_int(&ev, "gen", d->cur.gen);
    ev_num(&ev, "ms", d->change_ns ? (double)(swapped_ns - d->change_ns) / 1e6 : r->ms);
    ev_num(&ev, "build_ms", r->ms);
    ev_num(&ev, "compile_ms", r->compile_ms);
    ev_num(&ev, "link_ms", r->link_ms);
    ev_num(&ev, "probe_ms", r->probe_ms);
    ev_num(&ev, "exit_to_swap_ms", (double)(swapped_ns - r->done_ns) / 1e6);
    ev_num(&ev, "open_ms", open_ms); /* copy, dlopen and checks of the new library */
    if (t) {
        ev_num(&ev, "swap_ms", t->total);
        ev_num(&ev, "encode_ms", t->encode);
        ev_num(&ev, "close_ms", t->close);
        ev_num(&ev, "decode_ms", t->decode);
    }
    ev_int(&ev, "change_ns", (long long)d->change_ns);
    ev_int(&ev, "done_ns", (long long)r->done_ns);
    ev_int(&ev, "swapped_ns", (long long)swapped_ns);
    ev_str(&ev, "error", error);
    host_ev_changes(&ev, report);
    ev_end(&ev);
}

typedef struct OpenCall {
    Dev *d;
    const char *lib;
    bool adopt; /* loader_adopt: the builder's library, never written in place */
    GameLib *out;
    char *err;
    size_t errlen;
    int rc;
} OpenCall;

static void run_open(void *ctx)
{
    OpenCall *c = ctx;
    c->rc = c->adopt ? loader_adopt(c->d->loader, c->lib, c->out, c->err, c->errlen)
                     : loader_open(c->d->loader, c->lib, c->out, c->err, c->errlen);
}

/* dlopen runs the library's constructors. The probe process already ran them, so a fault
 * here means a constructor that behaves differently the second time. glibc holds its
 * loader lock while they run, and jumping out leaves it held: this thread can still load,
 * other threads could block. So the game goes on, but the user is told to restart, with
 * the state saved for --state-in. */
static int open_guarded(Dev *d, const BuildResult *r, GameLib *out, char *err, size_t errlen)
{
    OpenCall c = {d, r->lib, r->lib_renamed_only, out, err, errlen, -1};
    HostFault f;
    if (session_guarded_call(run_open, &c, &f, d) == 0)
        return c.rc;
    char rescue[PATH_MAX + 32] = "";
    StateImage img = {0};
    if (host_game(d->host) && host_encode(d->host, &img) == 0) {
        snprintf(rescue, sizeof(rescue), "%s/rescue.state", d->cache_dir);
        if (state_image_save(rescue, &img) < 0)
            rescue[0] = '\0';
    }
    state_image_free(&img);
    snprintf(err, errlen,
             "the game library's constructor crashed while loading: %s. hotrun's loader may "
             "now be unusable: restart hotrun%s%s",
             f.message, rescue[0] ? " with --state-in " : "", rescue);
    return -1;
}

static void load_build(Dev *d, const BuildResult *r);

static void carry(Dev *d, const BuildResult *r)
{
    d->carry_compiled += r->compiled;
    d->carry_compile_ms += r->compile_ms;
    d->carry_link_ms += r->link_ms;
}

/* The compile and link a reload used: its build's own, or, when that build found the
 * objects or the library current, those of the superseded builds before it. */
static void used_phases(const Dev *d, const BuildResult *r, int *compiled, double *compile_ms,
                        double *link_ms)
{
    *compiled = r->compiled ? r->compiled : d->carry_compiled;
    *compile_ms = r->compiled ? r->compile_ms : d->carry_compile_ms;
    *link_ms = r->link_ms > 0 ? r->link_ms : d->carry_link_ms;
}

/* A build that compiled and linked nothing, whose library holds the running generation's
 * bytes: a save that changed nothing in the code (a chmod, a writer that kept the file open
 * past the quiet time and closed it later). Reloading it would only reset the game's
 * statics. A game paused by a fault still reloads (that is its retry), and so does the
 * first good build after a failed one (the fix clears the error), and a --build command's
 * (hotrun cannot tell what it did). */
static bool code_unchanged(const Dev *d, const BuildResult *r)
{
    if (!host_game(d->host) || host_paused(d->host) || d->have_ready || !d->cur.handle ||
        d->failed_since_load || !r->lib_renamed_only || r->compiled > 0 || r->link_ms > 0 ||
        r->one_run || d->carry_compiled > 0)
        return false;
    return fs_same_bytes(r->lib, d->cur.path);
}

/* A finished build: open it beside the running code, then swap or start. */
static void on_build(const BuildResult *r, void *ud)
{
    Dev *d = ud;
    Host *h = d->host;
    if (!r->superseded && watcher_pending(d->watcher)) {
        /* Sources changed while it ran, but the watcher still waits for the end of that
         * burst: a newer build follows as surely as when the builder was told, and this one
         * may have read a half-written file, so it is neither reported nor loaded. */
        BuildResult late = *r;
        late.superseded = true;
        session_emit_build(&late);
        carry(d, r);
        return;
    }
    session_emit_build(r);
    if (r->superseded) {
        carry(d, r);
        return; /* a newer build of newer sources is already queued */
    }
    if (!r->ok) {
        d->failed_since_load = true;
        d->carry_compiled = 0;
        d->carry_compile_ms = d->carry_link_ms = 0;
        if (d->have_ready)
            load_build(d, &d->ready); /* the good build before this one, then its error */
        session_report_build(r);
        overlay_error(host_overlay(h), r->first_error[0] ? r->first_error : "build failed");
        d->change_ns = 0;
        return;
    }
    if (code_unchanged(d, r)) {
        fprintf(stderr, "hotrun: the code did not change: the game runs on\n");
        d->carry_compiled = 0;
        d->carry_compile_ms = d->carry_link_ms = 0;
        d->change_ns = 0;
        return;
    }
    double need_s = (d->load_ms * 1.5 + 0.3) / 1000.0;
    if (host_game(h) && d->deadline > 0 && host_clock() + need_s > d->deadline) {
        d->ready = *r; /* a newer build replaces one still waiting */
        d->have_ready = true;
        return;
    }
    load_build(d, r);
}

/* Opens the library beside the running code, then swaps or starts. */
static void load_build(Dev *d, const BuildResult *r)
{
    Host *h = d->host;
    d->have_ready = false; /* this one, or a newer one than the one kept */
    d->failed_since_load = false;
    close_retired(d);      /* the swap before this one closes first */
    int compiled;
    double compile_ms, link_ms;
    used_phases(d, r, &compiled, &compile_ms, &link_ms);
    d->carry_compiled = 0;
    d->carry_compile_ms = d->carry_link_ms = 0;
    bool swapping = host_game(h) != NULL;
    char err[512];
    GameLib next;
    uint64_t open_ns = uv_hrtime();
    int opened = open_guarded(d, r, &next, err, sizeof(err));
    double open_ms = (double)(uv_hrtime() - open_ns) / 1e6;
    if (opened < 0) {
        fprintf(stderr, "hotrun: %s; the running game is kept\n", err);
        overlay_error(host_overlay(h), err);
        emit_reload(d, r, false, err, open_ms, NULL, NULL, uv_hrtime());
        d->change_ns = 0;
        return;
    }
    overlay_error(host_overlay(h), NULL);

    StateReport report = {0};
    SwapTimes t = {0};
    int rc;
    Err e = {0};
    d->loaded = true;
    if (!host_game(h)) {
        d->cur = next;
        d->cur_ticket = r->probe_ticket;
        rc = host_start(h, next.game, next.gen, &e);
        if (rc < 0) {
            fprintf(stderr, "hotrun: %s\n", err_text(&e, rc));
            host_quit(h, 1);
        }
    } else {
        SwapRequest rq = {.next = next.game, .gen = next.gen, .close_old = close_current,
                          .ud = d, .hooks = true};
        rc = swap_run(h, &rq, &report, &t, &e);
        if (rc < 0)
            snprintf(err, sizeof(err), "%s", err_text(&e, rc));
        unsigned long ticket = r->probe_ticket;
        if (host_game(h) == next.game) {
            d->cur = next; /* the old one was retired inside the swap (see settle) */
            d->cur_ticket = ticket;
        } else {
            close_generation(d, &next, &ticket, false); /* refused before anything changed */
        }
    }
    uint64_t swapped = uv_hrtime();
    /* The first frame of the new code is the one running now (a load at a frame's start)
     * or the next one. */
    d->unsettled = true;
    d->settle_from = d->in_frame_start ? d->frames : d->frames + 1;
    if (rc == 0)
        snprintf(d->statics_lib, sizeof(d->statics_lib), "%s", r->lib);
    if (rc == 0 && swapping && host_game(h) == next.game) {
        const char *old = "";
        smuggled_scan(next.game->state, host_state(h), &old, warn_smuggled, &old);
    }
    if (swapping) /* a first start also runs the game's init: not what a swap costs */
        d->load_ms = (double)(swapped - open_ns) / 1e6;
    d->reloads++;
    if (rc == 0 && host_paused(h)) {
        /* Loaded, but its init or a swap hook faulted: the game waits for a fix. */
        rc = -1;
        snprintf(err, sizeof(err), "%s", host_last_fault(h));
    }
    char changes[256];
    summarize_changes(&report, changes, sizeof(changes));
    if (rc == 0 && d->reloads > 1) {
        overlay_status(host_overlay(h), host_now(h),
                       "reload %u: %.0f ms - compile %.0f, link %.0f, swap %.2f%s%s%s", next.gen,
                       d->change_ns ? (double)(swapped - d->change_ns) / 1e6 : r->ms,
                       compile_ms, link_ms, t.total, changes[0] ? " (" : "", changes,
                       changes[0] ? ")" : "");
        overlay_reload(host_overlay(h),
                       "gen %u: %.0f ms from the save to the swap\n"
                       "build %.0f ms: compile %.0f (%d files), link %.0f\n"
                       "open %.1f ms, swap %.2f ms: before %.2f, encode %.2f,\n"
                       "  close %.2f, decode %.2f, after %.2f\n"
                       "state: %s",
                       next.gen, d->change_ns ? (double)(swapped - d->change_ns) / 1e6 : r->ms,
                       r->ms, compile_ms, compiled, link_ms, open_ms, t.total,
                       t.before, t.encode, t.close, t.decode, t.after,
                       changes[0] ? changes : "kept as it was");
        fprintf(stderr,
                "hotrun: reload %u in %.1f ms (compiled %d in %.0f ms, link %.0f ms, swap %.2f "
                "ms)%s%s\n",
                next.gen, r->ms, compiled, compile_ms, link_ms, t.total,
                changes[0] ? ": state " : "", changes);
        for (uint32_t i = 0; i < report.count; i++) {
            char line[256];
            state_change_describe(&report.changes[i], line, sizeof(line));
            fprintf(stderr, "hotrun:   %s\n", line);
        }
    }
    emit_reload(d, r, rc == 0, rc == 0 ? NULL : err, open_ms, &t, &report, swapped);
    d->change_ns = 0;
}

static void on_change(void *ud, uint64_t first_event_ns)
{
    Dev *d = ud;
    if (!d->change_ns)
        d->change_ns = first_event_ns;
    /* The build first, the event after: its write wakes the reader (~0.2 ms here), which
     * must not delay the compile. The event keeps the request's time. */
    uint64_t asked_ns = uv_hrtime();
    builder_request_saved(d->builder, watcher_saved(d->watcher));
    if (events_enabled()) {
        EventLine ev;
        ev_begin(&ev, "change");
        ev_int(&ev, "first_event_ns", (long long)first_event_ns);
        ev_int(&ev, "ns", (long long)asked_ns);
        ev_end(&ev);
    }
}

/* The watcher's sentence about the tree (removed, renamed, back, a link that loops). */
static void on_watch_note(void *ud, const char *sentence)
{
    Dev *d = ud;
    fprintf(stderr, "hotrun: %s\n", sentence);
    if (d->host)
        overlay_status(host_overlay(d->host), host_now(d->host), "%s", sentence);
    if (events_enabled()) {
        EventLine ev;
        ev_begin(&ev, "watch");
        ev_str(&ev, "message", sentence);
        ev_end(&ev);
    }
}

/* A file of the asset folder was saved: the changed assets are reloaded now, between
 * frames, and the next frame shows them. */
static void on_asset_change(void *ud, uint64_t first_event_ns)
{
    (void)first_event_ns;
    Dev *d = ud;
    d->asset_reloads += (unsigned)host_check_assets(d->host);
}

static void frame_start(Host *h, void *ud)
{
    (void)h;
    Dev *d = ud;
    settle_after_frame(d); /* without a frame rate nothing waits between frames */
    d->frames++;
    d->in_frame_start = true;
    uv_run(&d->loop, UV_RUN_NOWAIT);
    if (d->have_ready)
        load_build(d, &d->ready);
    d->in_frame_start = false;
}

/* Between frames the host sleeps in the loop's epoll fd, not in nanosleep: an fs event, the
 * debounce timer or a compiler's exit is handled when it happens instead of at the next
 * frame, which put up to a frame between each step of a rebuild (event, debounce, compile,
 * link, probe, swap). After a swap the wait ends so the new code runs at once. */
static bool wait_frame(Host *h, double deadline, void *ud)
{
    Dev *d = ud;
    settle_after_frame(d);
    unsigned reloads = d->reloads, asset_reloads = d->asset_reloads;
    struct pollfd pfd = {.fd = uv_backend_fd(&d->loop), .events = POLLIN};
    for (;;) {
        double left = deadline - host_clock();
        if (left <= 0 || host_quitting(h))
            return false;
        uv_update_time(&d->loop);
        int timer_ms = uv_backend_timeout(&d->loop); /* the next timer; -1: none */
        if (timer_ms >= 0 && timer_ms / 1000.0 < left)
            left = timer_ms / 1000.0;
        struct timespec ts = {(time_t)left, (long)((left - (double)(time_t)left) * 1e9)};
        /* What the loop's work said (a save's "change", a build) is written when the host
         * is about to sleep, not while work is due (a build asked for starts from a timer
         * in the next pass); a reload's lines at the end of the new code's first frame. */
        if (timer_ms != 0)
            events_release();
        if (ppoll(&pfd, 1, &ts, NULL) < 0 && errno == EINTR)
            return false; /* a signal (SIGTERM?): the host looks at it now */
        events_hold();
        d->deadline = deadline;
        uv_run(&d->loop, UV_RUN_NOWAIT);
        d->deadline = 0;
        if (d->reloads != reloads || d->asset_reloads != asset_reloads)
            return true;
    }
}

static void shutdown_dev(Host *h, void *ud)
{
    Dev *d = ud;
    /* A run that was to end by itself (--frames, or headless until stopped) and never ran
     * the game did not do what it was asked: scripts and CI must see it. */
    if (h && !d->loaded && !d->shutdown_said && (d->opt->frames >= 0 || d->opt->headless)) {
        d->shutdown_said = true;
        fprintf(stderr, "hotrun: the game never loaded: no build of it succeeded; exit "
                        "status 1.\n");
        host_set_exit_status(h, 1);
    }
    settle(d);
    /* The verdict on the last generation's destructors, while the builder (its probe) is
     * still there to ask. */
    if (d->cur.handle && d->builder && dtors_failed(d, &d->cur, d->cur_ticket))
        d->keep_cur = d->kept_open = true;
    watcher_destroy(d->watcher);
    d->watcher = NULL;
    watcher_destroy(d->asset_watcher);
    d->asset_watcher = NULL;
    if (d->builder)
        builder_destroy(d->builder);
    d->builder = NULL;
}

int develop_main(const Options *opt)
{
    static Dev dev; /* static: the guard may jump while frames reference it */
    static Session session;
    Dev *d = &dev;
    Session *ss = &session;
    char err[1024];
    int status = 1;
    d->opt = opt;

    if (session_begin(ss, opt, false) < 0 || session_guard(ss, opt) < 0)
        goto out_session;
    const char *src = ss->src;
    d->loader = ss->loader;
    int rc = uv_loop_init(&d->loop);
    if (rc != 0) {
        fprintf(stderr, "hotrun: cannot start the event loop: %s\n", uv_strerror(rc));
        goto out_session;
    }
    HostHooks hooks = {.ud = d, .frame_start = frame_start, .call = session_guarded_call,
                       .shutdown = shutdown_dev, .wait = wait_frame};
    HostConfig hc;
    cli_host_config(opt, &hc);
    if (session_keep_killed(opt, ss->cache, &hc) < 0)
        goto out_loop;
    hc.assets = ss->assets;
    Err e = {0};
    d->host = host_create(&hc, &hooks, &e);
    if (!d->host) {
        fprintf(stderr, "hotrun: %s\n", err_text(&e, ERR_UNSUPPORTED));
        goto out_loop;
    }
    d->cache_dir = ss->cache;
    Err berr = {0};
    /* Only once the window exists: the builder starts the probe server (and the keeper)
     * at once, and SDL's video start-up may have D-Bus launch a session bus through a pipe
     * it reads to its end; a child started meanwhile would inherit that pipe and keep SDL
     * waiting for good (seen with Xvfb and no session bus). */
    /* Linked where the loader keeps its generations: each one is a link, not a copy. */
    ss->cfg.stage_dir = loader_dir(d->loader);
    ss->cfg.settle_by_host = true; /* settle(), after the new code's first frame */
    /* A build is loaded once the probe ran its constructors; the destructors' verdict
     * comes after, and is read before a generation is closed (close_generation). */
    ss->cfg.probe_dtors_later = true;
    d->builder = builder_create(&d->loop, &ss->cfg, on_build, d, &berr);
    if (!d->builder)
        snprintf(err, sizeof(err), "%s", err_text(&berr, ERR_INVALID));
    const char *exts[16] = {0};
    char ext_buf[256];
    if (opt->watch_ext) {
        snprintf(ext_buf, sizeof(ext_buf), "%s", opt->watch_ext);
        int n = 0;
        for (char *save = NULL, *tok = strtok_r(ext_buf, ",", &save); tok && n < 15;
             tok = strtok_r(NULL, ",", &save))
            exts[n++] = tok;
    }
    WatchConfig wc = {.dir = src, .extensions = opt->watch_ext ? exts : NULL,
                      .debounce_ms = opt->debounce_ms, .note = on_watch_note};
    if (d->builder)
        d->watcher = watcher_create(&d->loop, &wc, on_change, d, err, sizeof(err));
    if (!d->builder || !d->watcher) {
        fprintf(stderr, "hotrun: %s\n", err);
        host_finish(d->host);
        goto out_loop;
    }
    struct stat ast;
    const char *assets = ss->assets;
    if (stat(assets, &ast) == 0 && S_ISDIR(ast.st_mode)) {
        /* Every file counts (the empty extension matches all names). */
        static const char *const any[] = {"", NULL};
        WatchConfig aw = {.dir = assets, .extensions = any, .debounce_ms = opt->debounce_ms,
                          .note = on_watch_note};
        d->asset_watcher = watcher_create(&d->loop, &aw, on_asset_change, d, err, sizeof(err));
        if (!d->asset_watcher)
            fprintf(stderr, "hotrun: assets will not reload: %s\n", err);
    }
    fprintf(stderr, "hotrun: watching %s (%d directories); building...\n", src,
            watcher_dir_count(d->watcher));
    builder_request(d->builder);
    host_run(d->host);
    status = host_finish(d->host);
    echo_flush(2.0); /* the last compiler output, unless the terminal takes nothing */

out_loop:
    shutdown_dev(d->host, d);
    uv_run(&d->loop, UV_RUN_DEFAULT);
    if (uv_loop_close(&d->loop) != 0)
        fprintf(stderr, "hotrun: warning: libuv handles left open at exit\n");
    if (d->retired.handle)
        session_close_library(d->loader, &d->retired, true);
    if (d->cur.handle && d->keep_cur)
        d->cur.handle = NULL; /* said in shutdown_dev: its destructors failed in the probe */
    if (d->cur.handle)
        session_close_library(d->loader, &d->cur, true);
    host_destroy(d->host);
    d->host = NULL;
out_session:
    session_close(ss);
    if (d->kept_open) {
        /* exit() would run the destructors of the generations kept open (glibc's
         * _dl_fini), which the probe saw fail; everything of hotrun is closed by now. */
        fflush(NULL);
        _exit(status);
    }
    return status;
}
