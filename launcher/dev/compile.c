/* compile.c: one source's compile for the builder (builder_impl.h): started with a snapshot
 * of its inputs, its stamp written after it, killed when a newer save changed them; and what
 * the builder makes of any child's end: its output echoed, its error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dev/builder_impl.h"
#include "dev/depfile.h"
#include "dev/diag.h"
#include "dev/echo.h"
#include "dev/tables.h"

void builder_source_free(Source *s)
{
    spawn_cancel(s->sp);
    s->sp = NULL;
    free(s->rel);
    free(s->obj);
    free(s->dep);
    free(s->stamp);
    strv_free(&s->argv);
    inputs_free(&s->snap);
}

void builder_source_init(Builder *b, Source *s, const char *rel, StatCache *stats)
{
    s->b = b;
    s->rel = xstrdup(rel);
    s->obj = str_fmt("%s/%s.o", b->obj_dir, s->rel);
    s->dep = str_fmt("%s/%s.d", b->obj_dir, s->rel);
    s->stamp = str_fmt("%s/%s.stamp", b->obj_dir, s->rel);
    toolchain_compile_argv(&b->tc, s->rel, s->obj, s->dep, false, &s->argv);
    s->hash = toolchain_argv_hash(&s->argv);
    s->stale = !memo_current(&b->memo, s->stamp, s->hash, stats) || access(s->obj, F_OK) != 0;
    /* tcc: a file that uses no schema table is compiled without them (the flag is not in
     * the hash: it follows from the file's text, which the stamp covers). */
    if (s->stale && toolchain_leaves_out_tables(&b->tc)) {
        char *abs = str_fmt("%s/%s", b->src_dir, s->rel);
        s->no_tables = !tables_needed(abs);
        free(abs);
        if (s->no_tables) {
            strv_free(&s->argv);
            toolchain_compile_argv(&b->tc, s->rel, s->obj, s->dep, true, &s->argv);
        }
    }
}

/* Records each input as it was before the compile started; headers the compile found for
 * the first time are stat'ed now and only trusted if older than it. */
void builder_record_inputs(Builder *b, Source *s)
{
    Strv deps = {0};
    if (depfile_read(s->dep, b->src_dir, &deps) == 0) {
        Inputs rec = {0};
        for (int i = 0; i < deps.n; i++) {
            const Input *old = inputs_find(&s->snap, deps.v[i]);
            int64_t mtime = 0, size = 0;
            if (old)
                inputs_add(&rec, old->path, old->mtime, old->size, old->valid);
            else if (stat_file(deps.v[i], &mtime, &size))
                inputs_add(&rec, deps.v[i], mtime, size, mtime < s->t0);
            else
                inputs_add(&rec, deps.v[i], 0, 0, false);
        }
        /* Without its stamp (a full disk) the object is compiled again by the next build:
         * slower, never stale, so the build itself goes on. */
        if (stamp_write(s->stamp, s->hash, &rec) == 0)
            memo_written(&b->memo, s->stamp, s->hash, &rec);
        else
            memo_removed(&b->memo, s->stamp);
        inputs_free(&rec);
    }
    strv_free(&deps);
}

/* The stamps put off until the link started (see builder_compiled). */
void builder_record_unrecorded(Builder *b)
{
    for (int k = 0; k < 2; k++) {
        Source *v = k ? b->early : b->src;
        int n = k ? b->nearly : b->nsrc;
        for (int i = 0; i < n; i++)
            if (v[i].unrecorded) {
                builder_record_inputs(b, &v[i]);
                inputs_free(&v[i].snap);
                v[i].unrecorded = false;
            }
    }
}

/* Starts the compile of s; false (nothing started) when it should wait a moment: an input
 * saved in the coarse clock's current tick would be recorded invalid and compiled again by
 * the next build. A save a few milliseconds before a build is the rule now that builds start
 * without waiting for a frame, so the compile waits for the next tick (at most RACY_WAITS
 * times a millisecond per build: a file stamped in the future must not stall the build). */
#define RACY_WAITS 10
bool builder_start_compile(Builder *b, Source *s)
{
    /* Snapshot the inputs the last compile knew of, before the compiler can read them. */
    char *src_abs = str_fmt("%s/%s", b->src_dir, s->rel);
    s->t0 = stamp_coarse_now();
    bool racy = !inputs_snapshot(&s->snap, src_abs, s->stamp, s->t0);
    free(src_abs);
    if (racy && b->racy_waits < RACY_WAITS) {
        b->racy_waits++;
        inputs_free(&s->snap);
        return false;
    }
    unlink(s->stamp); /* an interrupted compile must not leave a stamp behind */
    memo_removed(&b->memo, s->stamp);

    b->res.compiled++;
    if (!one_run_start(b, s))
        (void)builder_spawn_compile(b, s);
    return true;
}

bool builder_spawn_compile(Builder *b, Source *s)
{
    char err[512];
    SpawnOptions opt = {.argv = (const char *const *)s->argv.v, .cwd = b->src_dir,
                        .nice = b->nice, .timeout_s = b->timeout_s};
    s->sp = spawn_start(b->loop, &opt, builder_compiled, s, err, sizeof(err));
    if (!s->sp) {
        s->failed = true;
        snprintf(s->error, sizeof(s->error), "%s", err);
        inputs_free(&s->snap);
        return false;
    }
    b->active++;
    return true;
}

/* A newer save came: the compiles among v whose inputs it changed are killed (their
 * objects would be stale); true when one was. */
bool builder_kill_changed(Builder *b, Source *v, int n)
{
    bool killed = false;
    for (int i = 0; i < n; i++) {
        Source *s = &v[i];
        if (!s->sp || !inputs_changed(&s->snap))
            continue;
        spawn_cancel(s->sp);
        s->sp = NULL;
        s->killed = killed = true;
        inputs_free(&s->snap);
        b->active--;
    }
    return killed;
}

/* The child's output for the terminal: queued, never written here (echo.c). */
void builder_echo(Builder *b, const SpawnResult *r)
{
    if (!b->quiet)
        echo_write(r->output, r->output_len);
}

/* The error of a failed child: its first error line, else how it ended. */
void builder_child_error(const Builder *b, const SpawnResult *r, const char *what, char *dst,
                         size_t n)
{
    if (r->timed_out)
        snprintf(dst, n,
                 "%s ran past the build budget of %g s and was killed (--build-timeout); the "
                 "next save builds again",
                 what, b->timeout_s);
    else if (!diag_first_error(r->output, b->src_dir, b->obj_dir, dst, n))
        diag_exit(what, r->term_signal, r->exit_status, dst, n);
}
