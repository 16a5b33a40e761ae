/* builder.c: the scheduler of incremental builds on the caller's libuv loop:
 * plan (a pool thread looks at the files) -> compile (one compiler child per stale object,
 * several at once) -> link -> probe; nothing here blocks. Each step's knowledge lives in its
 * own module: sources (which files), stamp (what is up to date), toolchain (the commands),
 * depfile, diag (the error shown), compile and early (a source's compile), link (the link,
 * probe and checks after it), spawn (children), prober (the probe server), settle (the
 * library put in place, the stamp after the swap). */
#include "dev/builder.h"
#include "dev/builder_impl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dev/keeper.h"
#include "dev/prober.h"
#include "dev/sources.h"
#include "dev/spawn.h"
#include "dev/stamp.h"
#include "dev/tables.h"
#include "dev/toolchain.h"
#include "util/fs.h"

static void really_destroy(Builder *b);
static void on_kick(uv_timer_t *t);

/* ---- the end of a build ---------------------------------------------------------------- */

void builder_note_exit(Builder *b, const SpawnResult *r)
{
    if (r->end_ns > b->last_exit_ns)
        b->last_exit_ns = r->end_ns;
}

static void free_build(Builder *b)
{
    builder_keep_link_objs(b);
    builder_record_unrecorded(b);
    for (int i = 0; i < b->nsrc; i++)
        builder_source_free(&b->src[i]);
    free(b->src);
    b->src = NULL;
    for (int i = 0; i < b->nearly; i++)
        builder_source_free(&b->early[i]);
    free(b->early);
    b->early = NULL;
    b->nearly = 0;
    b->nsrc = b->next = b->active = 0;
    spawn_cancel(b->one);
    b->one = NULL;
    one_run_free(b);
    prober_cancel(b->prober);
    strv_free(&b->link_args);
}

/* The link's bookkeeping (settle.c), once the swap is long done, so that the next save's
 * build does not start with it (0.3 ms for tcc's staged library). */
#define SETTLE_AFTER_MS 100

static void on_settle_due(uv_timer_t *t)
{
    Builder *b = t->data;
    if (b->state == BUILD_IDLE || b->after_pending)
        builder_settle(b);
}

/* What a good build leaves once it is reported: its sources freed (0.1 ms at 200 files),
 * or tcc's trailing compile started (one_run.c). */
void builder_after_build(Builder *b)
{
    b->after_pending = false;
    if (b->state == BUILD_TRAILING)
        one_run_trail(b); /* the host has the library by now: a core is free again */
    else
        free_build(b);
    keeper_flush(); /* the reaped children's groups off the keeper's list (keeper.h) */
}

/* Idle, or the build queued meanwhile starts (from the loop). */
static void end_state(Builder *b)
{
    b->state = BUILD_IDLE;
    if (b->queued) {
        /* The one build queued while this one ran starts from the loop; a request made
         * from the done callback joins it. */
        b->queued = false;
        b->state = BUILD_KICKED;
        b->request_ns = b->queued_ns;
        uv_timer_start(&b->kick, on_kick, 0, 0);
    } else if (b->settle_pending) {
        /* A request before then replaces the timer, and its build settles first. */
        uv_timer_start(&b->kick, on_settle_due, SETTLE_AFTER_MS, 0);
    }
}

/* The build and what trailed it are over: idle, or the build queued meanwhile starts. */
void builder_end_build(Builder *b)
{
    free_build(b);
    end_state(b);
    keeper_flush(); /* the reaped children's groups off the keeper's list (keeper.h) */
}

void builder_finish(Builder *b, bool ok, const char *error)
{
    BuildResult *res = &b->res;
    uint64_t now = uv_hrtime();
    res->ok = ok;
    if (!ok && error && !res->first_error[0])
        snprintf(res->first_error, sizeof(res->first_error), "%s", error);
    res->done_ns = b->last_exit_ns ? b->last_exit_ns : now;
    res->ms = (double)(now - b->request_ns) / 1e6;
    res->superseded = b->queued;
    /* A failed build's children are stopped before it is reported; a good one's sources
     * (nothing of them runs any more) are freed after: 0.1 ms at 200 files, not between
     * the link and the swap. A request from the callback only starts a timer. */
    bool free_after = ok && !b->trail;
    if (b->trail)
        b->state = BUILD_TRAILING; /* one_run.c ends the build after the trailing compile */
    else if (free_after)
        end_state(b);
    else
        builder_end_build(b);
    BuildResult copy = *res;
    b->in_done = true;
    b->done(&copy, b->ud);
    b->in_done = false;
    if (b->destroyed) {
        really_destroy(b);
    } else if (b->state == BUILD_TRAILING || free_after) {
        if (!b->settle_by_host) {
            builder_after_build(b);
            return;
        }
        /* The host settles after the new code's first frame, which this would delay; at
         * the latest a request or the timer does (a library that could not be opened). */
        b->after_pending = true;
        if (b->state != BUILD_KICKED)
            uv_timer_start(&b->kick, on_settle_due, SETTLE_AFTER_MS, 0);
    }
}

/* ---- compile --------------------------------------------------------------------------- */

void builder_compiled(const SpawnResult *r, void *ud)
{
    Source *s = ud;
    Builder *b = s->b;
    s->sp = NULL;
    b->active--;
    builder_note_exit(b, r);
    if (!b->res.trace.compile_asked_ns || r->asked_ns < b->res.trace.compile_asked_ns) {
        b->res.trace.compile_asked_ns = r->asked_ns;
        b->res.trace.compile_started_ns = r->start_ns;
    }
    if (r->end_ns > b->res.trace.compiled_ns)
        b->res.trace.compiled_ns = r->end_ns;
    if (r->exit_status != 0 && s->no_tables && !r->timed_out && !b->queued &&
        tables_missing(r->output)) {
        /* It reaches a schema table through a macro of its own: once more with the
         * tables. The inputs were snapshotted before the first try, which stays the
         * conservative record. */
        s->no_tables = false;
        strv_free(&s->argv);
        toolchain_compile_argv(&b->tc, s->rel, s->obj, s->dep, false, &s->argv);
        if (builder_spawn_compile(b, s))
            return;
        builder_pump(b);
        return;
    }
    builder_echo(b, r);
    if (r->exit_status != 0) {
        s->failed = true;
        char what[600];
        snprintf(what, sizeof(what), r->timed_out ? "the compile of %s" : "%s", s->rel);
        builder_child_error(b, r, what, s->error, sizeof(s->error));
    } else if (b->state == BUILD_COMPILING && b->active == 0 && b->next >= b->nsrc &&
               !b->queued) {
        /* The last compile: the link starts first, its stamp is written while it runs. */
        s->unrecorded = true;
        builder_pump(b);
        return;
    } else {
        builder_record_inputs(b, s);
    }
    inputs_free(&s->snap);
    builder_pump(b);
}

static void on_racy_wait(uv_timer_t *t)
{
    builder_pump(t->data);
}

/* Keeps `jobs` compilers running; when the last one exited, links or reports the error.
 * Once a newer build is queued this one starts no more compiles and does not link: its
 * library would never be loaded. */
void builder_pump(Builder *b)
{
    if (b->state == BUILD_PLANNING)
        return; /* early compiles (early.c): the plan goes on */
    while (!b->queued && b->active < b->jobs && b->next < b->nsrc) {
        Source *s = &b->src[b->next];
        if (s->stale && !builder_start_compile(b, s)) {
            /* The kick timer is idle while a build runs: it brings us back in 1 ms. */
            uv_timer_start(&b->kick, on_racy_wait, 1, 0);
            return;
        }
        b->next++;
    }
    if (b->active > 0 || (b->next < b->nsrc && !b->queued))
        return;
    if (b->last_exit_ns > b->phase_ns)
        b->res.compile_ms = (double)(b->last_exit_ns - b->phase_ns) / 1e6;
    b->res.trace.compile_phase_ns = b->phase_ns;
    if (b->queued) {
        builder_finish(b, false, "superseded by a newer save");
        return;
    }
    for (int i = 0; i < b->nsrc; i++) {
        const Source *s = &b->src[i];
        const Source *f = s->failed ? s : s->twin && s->twin->failed ? s->twin : NULL;
        if (f) {
            builder_finish(b, false, f->error);
            return;
        }
    }
    if (b->one_run) { /* tcc compiled and linked (one_run.c): the library is there */
        b->res.one_run = true;
        b->state = BUILD_LINKING;
        builder_linked(b);
        return;
    }
    builder_start_link(b);
}

/* ---- a custom build command ------------------------------------------------------------ */

static void on_custom(const SpawnResult *r, void *ud)
{
    Builder *b = ud;
    b->one = NULL;
    builder_note_exit(b, r);
    builder_echo(b, r);
    b->res.compile_ms = (double)(r->end_ns - r->start_ns) / 1e6;
    char msg[512];
    if (r->exit_status != 0) {
        builder_child_error(b, r, "the build command", msg, sizeof(msg));
        builder_finish(b, false, msg);
        return;
    }
    if (access(b->out, R_OK) != 0) {
        snprintf(msg, sizeof(msg), "the build command did not produce %s", b->out);
        builder_finish(b, false, msg);
        return;
    }
    if (b->prober)
        builder_start_probe(b, b->out);
    else
        builder_finish(b, true, NULL);
}

/* ---- plan ------------------------------------------------------------------------------ */

static void plan_done(uv_work_t *w, int status)
{
    (void)status; /* never cancelled */
    Builder *b = w->data;
    if (b->destroyed) {
        really_destroy(b);
        return;
    }
    if (b->plan_error[0]) {
        builder_finish(b, false, b->plan_error);
        return;
    }
    if (b->nsrc == 0) {
        char msg[PATH_MAX + 32];
        snprintf(msg, sizeof(msg), "no .c files in %s", b->src_dir);
        builder_finish(b, false, msg);
        return;
    }
    builder_early_known(b);
    builder_early_merge(b);
    one_run_planned(b);
    if (b->queued && b->active == 0) {
        builder_finish(b, false, "superseded by a newer save"); /* it would read older files */
        return;
    }
    b->state = BUILD_COMPILING;
    b->res.trace.planned_ns = uv_hrtime();
    if (b->nearly == 0)
        b->phase_ns = b->res.trace.planned_ns;
    builder_pump(b);
}

static void start_build(Builder *b)
{
    builder_settle(b); /* the last link's stamp, before anything reads or compiles */
    b->res = (BuildResult){0};
    b->racy_waits = 0;
    b->last_exit_ns = 0;
    b->plan_error[0] = '\0';
    b->res.trace.request_ns = b->request_ns;
    /* Until a link: the cache's library (the one a current link stamp describes). */
    snprintf(b->res.lib, sizeof(b->res.lib), "%s", b->out);
    b->res.lib_renamed_only = !b->custom_command;
    b->phase_ns = uv_hrtime();

    if (b->custom_command) {
        b->state = BUILD_CUSTOM;
        const char *argv[] = {"/bin/sh", "-c", b->custom_command, NULL};
        SpawnOptions opt = {.argv = argv, .cwd = b->src_dir, .nice = b->nice,
                            .timeout_s = b->timeout_s};
        char err[512];
        b->one = spawn_start(b->loop, &opt, on_custom, b, err, sizeof(err));
        if (!b->one)
            builder_finish(b, false, err);
        return;
    }
    b->state = BUILD_PLANNING;
    builder_early_start(b);
    strv_free(&b->saved);
    b->saved_all = false;
    b->plan.data = b;
    int rc = uv_queue_work(b->loop, &b->plan, builder_plan_work, plan_done);
    if (rc != 0) {
        char msg[256];
        snprintf(msg, sizeof(msg), "cannot start the build: %s", uv_strerror(rc));
        builder_finish(b, false, msg);
    }
}

static void on_kick(uv_timer_t *t)
{
    Builder *b = t->data;
    if (b->state == BUILD_KICKED)
        start_build(b);
}

/* ---- public ---------------------------------------------------------------------------- */

static bool mkdir_new(const char *stage)
{
    char *dir = str_fmt("%s/new", stage);
    bool ok = mkdir(dir, 0700) == 0 || errno == EEXIST;
    free(dir);
    return ok;
}

Builder *builder_create(uv_loop_t *loop, const BuildConfig *cfg, BuildDone done, void *ud,
                        Err *err)
{
    if (!cfg || !cfg->src_dir || !cfg->cache_dir || !done ||
        (!cfg->custom_command && !cfg->include_dir)) {
        err_set(err, ERR_INVALID, "the build is missing its source, cache or include directory");
        return NULL;
    }
    if (cfg->custom_command && !cfg->custom_lib) {
        err_set(err, ERR_INVALID, "a custom build command needs the library it produces (--lib)");
        return NULL;
    }
    struct stat st;
    if (stat(cfg->src_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        err_set(err, ERR_NOTFOUND, "%s is not a directory", cfg->src_dir);
        return NULL;
    }
    Builder *b = xcalloc(1, sizeof(*b));
    int rc = uv_timer_init(loop, &b->kick);
    if (rc != 0) {
        free(b);
        err_set(err, ERR_IO, "cannot start the builder's timer: %s", uv_strerror(rc));
        return NULL;
    }
    b->kick.data = b;
    b->loop = loop;
    memo_init(&b->memo);
    b->done = done;
    b->ud = ud;
    b->src_dir = xstrdup(cfg->src_dir);
    char real[PATH_MAX];
    b->src_real = xstrdup(realpath(cfg->src_dir, real) ? real : cfg->src_dir);
    b->cache_dir = xstrdup(cfg->cache_dir);
    b->custom_command = cfg->custom_command ? xstrdup(cfg->custom_command) : NULL;
    b->probe_budget_s = cfg->probe_budget_s > 0 ? cfg->probe_budget_s : 2.0;
    b->probe_dtors_later = cfg->probe_dtors_later;
    b->timeout_s = cfg->build_timeout_s > 0 ? cfg->build_timeout_s : 0;
    b->quiet = cfg->quiet;
    b->jobs = cfg->jobs > 0 ? cfg->jobs : (int)uv_available_parallelism();
    b->nice = cfg->nice;
    ToolchainConfig tcfg = {.cc = cfg->cc, .cflags = cfg->cflags, .ldflags = cfg->ldflags,
                            .exe_link_args = cfg->exe_link_args, .include_dir = cfg->include_dir,
                            .release = cfg->release, .color = cfg->color,
                            .ask = !cfg->custom_command};
    char *answers = str_fmt("%s/toolchain.answers", cfg->cache_dir);
    tcfg.answers_file = answers;
    toolchain_init(&b->tc, &tcfg);
    free(answers);

    const char *mode = cfg->release ? "release" : "dev";
    b->obj_dir = str_fmt("%s/%s/obj", b->cache_dir, mode);
    if (b->custom_command)
        b->out = cfg->custom_lib[0] == '/' ? xstrdup(cfg->custom_lib)
                                           : str_fmt("%s/%s", b->src_dir, cfg->custom_lib);
    else if (cfg->release)
        b->out = cfg->exe_out ? xstrdup(cfg->exe_out) : str_fmt("%s/release/game", b->cache_dir);
    else
        b->out = str_fmt("%s/dev/game.so", b->cache_dir);
    b->out_tmp = str_fmt("%s.new", b->out);
    b->out_old = str_fmt("%s.old", b->out);
    b->staged = cfg->stage_dir && !cfg->custom_command && !cfg->release;
    b->settle_by_host = cfg->settle_by_host;
    b->lib = b->staged ? str_fmt("%s/game.so", cfg->stage_dir) : xstrdup(b->out);
    /* Staged, linked as new/game.so: a probe's sentence names the library game.so. */
    if (b->staged && mkdir_new(cfg->stage_dir))
        b->out_new = str_fmt("%s/new/game.so", cfg->stage_dir);
    else
        b->out_new = str_fmt("%s.new", b->lib);
    b->link_stamp = str_fmt("%s/%s/link.stamp", b->cache_dir, mode);
    if (cfg->probe && !cfg->release) {
        /* At the game's priority, not nice: a probe is a fork and a load the reload waits
         * for, and at nice 10 on a busy machine each of its wake-ups waited behind every
         * other program (probe 0.5 ms at load 14, 10-60 ms at load 20, bench-reload --ctor). */
        b->prober = prober_create(loop, cfg->probe, 0, b->probe_budget_s, err);
        if (!b->prober) {
            builder_destroy(b);
            return NULL;
        }
    }
    if (cfg->release && fs_mkdirs_parent(b->out) < 0) {
        err_set(err, ERR_IO, "cannot create the directory of %s: %s", b->out, strerror(errno));
        builder_destroy(b);
        return NULL;
    }
    return b;
}

/* A newer save came: compiles of files it changed are killed (their objects would be
 * stale), and so is a link, whose library would never be loaded. The others run on: the
 * next build uses their objects. The build then ends as superseded (see pump). */
static void kill_superseded(Builder *b)
{
    if (one_run_supersede(b))
        return;
    if (b->state == BUILD_PLANNING) {
        (void)builder_kill_changed(b, b->early, b->nearly); /* plan_done goes on */
    } else if (b->state == BUILD_COMPILING) {
        bool killed = builder_kill_changed(b, b->early, b->nearly);
        killed |= builder_kill_changed(b, b->src, b->nsrc);
        if (killed)
            builder_pump(b);
    } else if (b->state == BUILD_LINKING && b->one) {
        spawn_cancel(b->one);
        b->one = NULL;
        unlink(b->out_new);
        builder_finish(b, false, "superseded by a newer save");
    }
}

static void request(Builder *b);

void builder_request(Builder *b)
{
    if (b)
        b->saved_all = false;
    request(b);
}

void builder_request_saved(Builder *b, const Strv *saved)
{
    if (!b)
        return;
    /* The saves since the build that reads them was asked for: a request that starts or
     * queues a build starts the list, one that joins the build about to start or the one
     * queued behind a running build adds to it. */
    if (b->state == BUILD_IDLE || (b->state != BUILD_KICKED && !b->queued)) {
        strv_free(&b->saved);
        b->saved_all = true;
    }
    if (!saved)
        b->saved_all = false;
    for (int i = 0; b->saved_all && i < saved->n; i++)
        strv_push_once(&b->saved, saved->v[i]);
    request(b);
}

static void request(Builder *b)
{
    if (!b || b->destroyed || b->state == BUILD_KICKED)
        return; /* kicked: the build about to start reads the files as they are then */
    if (b->after_pending && !b->in_done)
        builder_after_build(b); /* a trailing compile the new build would wait for */
    uint64_t now = uv_hrtime();
    if (b->state != BUILD_IDLE) {
        if (!b->queued) {
            b->queued = true;
            b->queued_ns = now;
        }
        kill_superseded(b);
        return;
    }
    b->state = BUILD_KICKED;
    b->request_ns = now;
    uv_timer_start(&b->kick, on_kick, 0, 0);
}

bool builder_idle(const Builder *b)
{
    return !b || (b->state == BUILD_IDLE && !b->queued);
}

static void on_kick_closed(uv_handle_t *h)
{
    Builder *b = h->data;
    toolchain_free(&b->tc);
    free(b->src_dir);
    free(b->src_real);
    strv_free(&b->saved);
    strv_free(&b->known);
    memo_free(&b->memo);
    free(b->cache_dir);
    free(b->custom_command);
    free(b->obj_dir);
    free(b->out);
    free(b->out_new);
    free(b->out_old);
    free(b->out_tmp);
    free(b->lib);
    free(b->link_stamp);
    free(b);
}

static void really_destroy(Builder *b)
{
    b->after_pending = false; /* free_build below: no trailing compile now */
    builder_settle(b);
    free_build(b); /* kills what still runs; the children are reaped on the loop */
    prober_destroy(b->prober);
    b->prober = NULL;
    b->state = BUILD_IDLE;
    b->queued = false;
    uv_close((uv_handle_t *)&b->kick, on_kick_closed);
}

void builder_destroy(Builder *b)
{
    if (!b || b->destroyed)
        return;
    b->destroyed = true;
    if (!b->in_done && b->state != BUILD_PLANNING)
        really_destroy(b); /* else finish's caller or plan_done does it */
}
