/* early.c: the compile of a saved source started with the build, not after its plan.
 *
 * The plan looks at every source, stamp and input on a pool thread before anything is
 * compiled: 3-9 ms for a game of 200 files, all of it added to the reload of a one-file
 * save. When the watcher says exactly which files a save wrote and they are sources the
 * last plan knew (.c files only: a header's includers are for the plan to find), their
 * compiles start at once and the plan runs beside them. The plan still decides: each early
 * compile stands for the plan's source of its name, whatever else it finds stale is
 * compiled before the link, and the link waits for the plan. A header, a new or removed
 * file, a directory or a link, lost events, more files than compile slots: the plan first,
 * as without this. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dev/builder_impl.h"
#include "dev/tables.h"
#include "util/fs.h"

/* The name under src_dir (as the plan has it) of the file at abs when it is a .c source
 * of the last plan; else NULL. abs is a real path, as the watcher has it. */
static const char *known_rel(const Builder *b, const char *abs)
{
    const char *roots[] = {b->src_real, b->src_dir};
    for (int r = 0; r < 2; r++) {
        size_t n = strlen(roots[r]);
        if (strncmp(abs, roots[r], n) != 0 || abs[n] != '/')
            continue;
        const char *rel = abs + n + 1;
        size_t len = strlen(rel);
        if (len < 3 || strcmp(rel + len - 2, ".c") != 0)
            return NULL;
        for (int i = 0; i < b->known.n; i++)
            if (strcmp(b->known.v[i], rel) == 0)
                return b->known.v[i];
        return NULL;
    }
    return NULL;
}

/* The directory of obj exists (one stat in the usual case), made when it does not. */
static void obj_dir_ready(const char *obj)
{
    const char *slash = strrchr(obj, '/');
    if (!slash)
        return;
    char *dir = str_fmt("%.*s", (int)(slash - obj), obj);
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        (void)fs_mkdirs(dir); /* one that cannot be made: the compiler says so */
    free(dir);
}

void builder_early_start(Builder *b)
{
    if (!b->saved_all || b->saved.n == 0 || b->saved.n > b->jobs || b->known.n == 0)
        return;
    for (int i = 0; i < b->saved.n; i++)
        if (!known_rel(b, b->saved.v[i]))
            return;
    uint64_t asked = uv_hrtime();
    one_run_early(b);
    b->early = xcalloc((size_t)b->saved.n, sizeof(Source));
    for (int i = 0; i < b->saved.n; i++) {
        Source *s = &b->early[b->nearly];
        s->b = b;
        s->rel = xstrdup(known_rel(b, b->saved.v[i]));
        s->obj = str_fmt("%s/%s.o", b->obj_dir, s->rel);
        s->dep = str_fmt("%s/%s.d", b->obj_dir, s->rel);
        s->stamp = str_fmt("%s/%s.stamp", b->obj_dir, s->rel);
        toolchain_compile_argv(&b->tc, s->rel, s->obj, s->dep, false, &s->argv);
        s->hash = toolchain_argv_hash(&s->argv);
        /* Stale as the plan would find it: a file closed unchanged is not compiled. */
        s->stale = !memo_current(&b->memo, s->stamp, s->hash, NULL) || access(s->obj, F_OK) != 0;
        if (s->stale)
            obj_dir_ready(s->obj);
        /* tcc: without hot.h's schema tables when the file uses none, as the plan does. */
        if (s->stale && toolchain_leaves_out_tables(&b->tc)) {
            s->no_tables = !tables_needed(b->saved.v[i]);
            if (s->no_tables) {
                strv_free(&s->argv);
                toolchain_compile_argv(&b->tc, s->rel, s->obj, s->dep, true, &s->argv);
            }
        }
        if (!s->stale || !builder_start_compile(b, s)) {
            builder_source_free(s); /* the plan decides about it */
            *s = (Source){0};
            continue;
        }
        b->nearly++;
    }
    if (b->nearly > 0)
        b->phase_ns = asked; /* the compile phase starts here, not when the plan is done */
}

static Source *plan_source(Builder *b, const char *rel)
{
    for (int i = 0; i < b->nsrc; i++)
        if (strcmp(b->src[i].rel, rel) == 0)
            return &b->src[i];
    return NULL;
}

void builder_early_merge(Builder *b)
{
    for (int i = 0; i < b->nearly; i++) {
        Source *e = &b->early[i];
        Source *s = plan_source(b, e->rel);
        if (s) {
            s->stale = false;
            s->twin = e;
            continue;
        }
        /* Removed (or no longer a source) while the plan looked: its object is no use. */
        if (e->sp) {
            spawn_cancel(e->sp);
            e->sp = NULL;
            b->active--;
        }
        e->failed = false;
        e->unrecorded = false;
        inputs_free(&e->snap);
    }
}

void builder_early_known(Builder *b)
{
    strv_free(&b->known);
    for (int i = 0; i < b->nsrc; i++)
        strv_push(&b->known, b->src[i].rel);
}
