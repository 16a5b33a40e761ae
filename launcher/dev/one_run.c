/* one_run.c: tcc's one-file edit, compiled and linked in one run.
 *
 * An edit of one file is what most saves are, and tcc can compile that file and link the
 * library with the other objects in one process: one process start, no object written and
 * read back, one start of its linker less (1-1.5 ms of a 6-8 ms build). The run starts
 * where the file's compile would (early.c's compile of a saved file, or the plan's one
 * stale file) and links the objects of the last plan; the plan confirms that nothing else
 * is stale and that those are its objects, else the run is dropped for the ordinary compile
 * and link. The file's object, depfile and stamp come from its ordinary compile, started
 * once the build was reported done (the host has the library by then) and waited for by
 * the next build (BUILD_TRAILING); the library's link stamp is written after it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dev/builder_impl.h"
#include "dev/echo.h"
#include "dev/tables.h"
#include "dev/toolchain.h"
#include "util/error.h"

void one_run_free(Builder *b)
{
    b->one_run = b->run_failed = b->trail_ok = b->link_pending = false;
    b->run_src = b->trail = NULL; /* their compiles are the sources' (builder_source_free) */
    free(b->run_output);
    b->run_output = NULL;
}

/* early.c drops it when it compiles more than one file. */
void one_run_early(Builder *b)
{
    b->one_run = toolchain_links_in_compile(&b->tc);
}

/* The ordinary compile of s instead of the run (killed if it still runs). */
static void fall_back(Builder *b, Source *s)
{
    if (b->one) {
        spawn_cancel(b->one);
        b->one = NULL;
        b->active--;
    }
    unlink(b->out_new);
    Source *src = b->run_src;
    one_run_free(b);
    if (src == s && s->rel)
        (void)builder_spawn_compile(b, s);
}

static bool plan_has_twin(const Builder *b, const Source *e)
{
    for (int i = 0; i < b->nsrc; i++)
        if (b->src[i].twin == e)
            return true;
    return false;
}

void one_run_planned(Builder *b)
{
    if (b->one_run && b->run_src) {
        /* A run started before the plan: right when the plan's sources are the objects it
         * linked, the run's file among them, and nothing else is stale or compiled early. */
        Source *e = b->run_src;
        bool right = plan_has_twin(b, e);
        for (int i = 0; right && i < b->nsrc; i++)
            right = !b->src[i].stale && (!b->src[i].twin || b->src[i].twin == e);
        if (right) {
            char **objs = xmalloc(sizeof(char *) * (size_t)b->nsrc);
            for (int i = 0; i < b->nsrc; i++)
                objs[i] = b->src[i].obj;
            right = builder_link_hash(b, objs, b->nsrc) == b->link_hash;
            free(objs);
        }
        if (!right) {
            fall_back(b, plan_has_twin(b, e) ? e : NULL);
        } else if (b->run_failed) { /* the file's error, kept until now */
            e->failed = true;
            if (!b->quiet && b->run_output)
                echo_write(b->run_output, strlen(b->run_output));
            inputs_free(&e->snap);
        }
        return;
    }
    b->one_run = false;
    if (!toolchain_links_in_compile(&b->tc) || b->nearly > 0)
        return;
    int stale = 0;
    for (int i = 0; i < b->nsrc; i++)
        stale += b->src[i].stale;
    b->one_run = stale == 1;
}

/* The file's object after the run: its own compile (with its depfile), as the ordinary
 * build would have run it. A failure (a full disk, say) leaves no stamp: the next build
 * compiles the file again, and links again. */
static void on_trailed(const SpawnResult *r, void *ud)
{
    Source *s = ud;
    Builder *b = s->b;
    s->sp = NULL;
    b->trail = NULL;
    if (r->exit_status == 0) { /* its output is the run's, shown already */
        builder_record_inputs(b, s);
        b->trail_ok = true;
        if (b->link_pending)
            builder_keep_link(b);
    }
    inputs_free(&s->snap);
    if (b->state == BUILD_TRAILING)
        builder_end_build(b);
}

void one_run_trail(Builder *b)
{
    Source *s = b->trail;
    if (!s || s->sp)
        return;
    char err[512];
    SpawnOptions opt = {.argv = (const char *const *)s->argv.v, .cwd = b->src_dir,
                        .nice = b->nice, .timeout_s = b->timeout_s};
    s->sp = spawn_start(b->loop, &opt, on_trailed, s, err, sizeof(err));
    if (!s->sp) { /* no stamp: the next build compiles the file */
        inputs_free(&s->snap);
        b->trail = NULL;
        builder_end_build(b);
    }
}

bool one_run_defers_link_stamp(Builder *b)
{
    if (!b->one_run || b->trail_ok)
        return false;
    b->link_pending = b->trail != NULL; /* a killed trailing compile: no link stamp */
    return true;
}

static void on_run(const SpawnResult *r, void *ud)
{
    Source *s = ud;
    Builder *b = s->b;
    b->one = NULL;
    b->active--;
    if (r->end_ns > b->last_exit_ns)
        b->last_exit_ns = r->end_ns;
    b->res.trace.compile_asked_ns = r->asked_ns;
    b->res.trace.compile_started_ns = r->start_ns;
    b->res.trace.compiled_ns = r->end_ns;
    if (r->exit_status == 0) {
        builder_echo(b, r); /* the file's warnings */
        b->trail = s;       /* its object's compile starts once the build is done */
    } else if (s->no_tables && !r->timed_out && !b->queued && tables_missing(r->output)) {
        /* It reaches a schema table through a macro of its own: the ordinary compile with
         * the tables, then the link. */
        s->no_tables = false;
        strv_free(&s->argv);
        toolchain_compile_argv(&b->tc, s->rel, s->obj, s->dep, false, &s->argv);
        fall_back(b, s);
        if (s->sp)
            return;
    } else {
        /* The file's error (the run compiles before it links), as its compile says it;
         * before the plan is done it is kept until the plan confirms the run. */
        char what[600];
        snprintf(what, sizeof(what), r->timed_out ? "the compile of %s" : "%s", s->rel);
        builder_child_error(b, r, what, s->error, sizeof(s->error));
        unlink(b->out_new);
        if (b->state == BUILD_PLANNING) {
            b->run_failed = true;
            b->run_output = xstrdup(r->output);
        } else {
            s->failed = true;
            builder_echo(b, r);
            inputs_free(&s->snap);
        }
    }
    builder_pump(b);
}

/* The link command (and its hash) is the ordinary link's of the last plan's sources: the
 * link stamp says what the library is made of once the file's object is there. */
bool one_run_start(Builder *b, Source *s)
{
    if (!b->one_run || b->one || b->run_src)
        return false;
    int edited = -1;
    char **objs = xmalloc(sizeof(char *) * (size_t)(b->known.n + 1));
    for (int i = 0; i < b->known.n; i++) {
        objs[i] = str_fmt("%s/%s.o", b->obj_dir, b->known.v[i]);
        if (strcmp(b->known.v[i], s->rel) == 0)
            edited = i;
    }
    bool started = false;
    if (edited >= 0) {
        strv_free(&b->link_args);
        toolchain_link_argv(&b->tc, b->out_new, objs, b->known.n, &b->link_args);
        b->link_hash = builder_link_hash(b, objs, b->known.n);
        Strv argv = {0};
        toolchain_compile_link_argv(&b->tc, b->out_new, objs, b->known.n, edited, s->rel,
                                    s->no_tables, &argv);
        unlink(b->link_stamp);
        char err[512];
        SpawnOptions opt = {.argv = (const char *const *)argv.v, .cwd = b->src_dir,
                            .nice = b->nice, .timeout_s = b->timeout_s};
        b->one = spawn_start(b->loop, &opt, on_run, s, err, sizeof(err));
        strv_free(&argv);
        started = b->one != NULL; /* else the ordinary compile says what is wrong */
    }
    for (int i = 0; i < b->known.n; i++)
        free(objs[i]);
    free(objs);
    b->one_run = started;
    if (!started)
        return false;
    b->run_src = s;
    b->active++;
    return true;
}

/* A newer save (the request is queued): a run is killed (its library would never be
 * loaded), and so is the trailing compile of a file that changed since (its object would
 * be stale: the next build compiles it). A build that trails waits for its compile. */
bool one_run_supersede(Builder *b)
{
    if (b->trail && inputs_changed(&b->trail->snap)) {
        spawn_cancel(b->trail->sp);
        b->trail->sp = NULL;
        inputs_free(&b->trail->snap);
        b->trail = NULL;
        if (b->state == BUILD_TRAILING) {
            builder_end_build(b);
            return true;
        }
    }
    if (b->state == BUILD_TRAILING)
        return true;
    if (b->one_run && b->one &&
        (b->state == BUILD_COMPILING || b->state == BUILD_PLANNING)) {
        spawn_cancel(b->one);
        b->one = NULL;
        b->active--;
        b->one_run = false;
        if (b->state == BUILD_COMPILING)
            builder_pump(b); /* ends the build as superseded */
        return true;
    }
    return false;
}
