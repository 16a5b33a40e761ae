/* early.c: the compiles a save makes due, started with the build, not after its plan.
 *
 * The plan looks at every source, stamp and input on a pool thread before anything is
 * compiled: 1.5-3.5 ms for a game of 200 files, all of it added to the reload of a one-file
 * save. When the watcher says exactly which files a save wrote, the compiles they make due
 * start at once and the plan runs beside them: a saved .c source the last plan knew, and
 * for any other saved file (a header) the known sources whose last compile read it, as
 * their stamps in memory say (memo.c), up to `jobs` of them. The plan still decides: each
 * early compile stands for the plan's source of its name, whatever else it finds stale is
 * compiled before the link, and the link waits for the plan. A new or removed file, a
 * directory or a link, lost events: the plan first, as without this. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dev/builder_impl.h"
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

/* Where the file at abs (a real path, as the watcher names files) is as the compiler names
 * it, under src_dir (the inputs in a stamp are), when src_dir has links in it; else NULL. */
static char *tree_path(const Builder *b, const char *abs)
{
    size_t n = strlen(b->src_real);
    if (strcmp(b->src_real, b->src_dir) == 0 || strncmp(abs, b->src_real, n) != 0 ||
        abs[n] != '/')
        return NULL;
    return str_fmt("%s%s", b->src_dir, abs + n);
}

/* Adds to due the known sources a save of abs makes due: the source itself, else those
 * whose stamp lists it. */
static void add_due(Builder *b, const char *abs, Strv *due)
{
    const char *rel = known_rel(b, abs);
    if (rel) {
        strv_push_once(due, rel);
        return;
    }
    char *alt = tree_path(b, abs);
    for (int i = 0; i < b->known.n; i++) {
        char *stamp = str_fmt("%s/%s.stamp", b->obj_dir, b->known.v[i]);
        if (memo_lists(&b->memo, stamp, abs, alt))
            strv_push_once(due, b->known.v[i]);
        free(stamp);
    }
    free(alt);
}

void builder_early_start(Builder *b)
{
    if (!b->saved_all || b->saved.n == 0 || b->known.n == 0)
        return;
    uint64_t asked = uv_hrtime();
    Strv due = {0};
    for (int i = 0; i < b->saved.n; i++)
        add_due(b, b->saved.v[i], &due);
    if (due.n == 0)
        return;
    int n = due.n < b->jobs ? due.n : b->jobs; /* the rest after the plan */
    one_run_early(b);
    if (due.n != 1)
        b->one_run = false; /* tcc's one run is for one stale file */
    b->early = xcalloc((size_t)n, sizeof(Source));
    for (int i = 0; i < n; i++) {
        Source *s = &b->early[b->nearly];
        /* Stale as the plan would find it: a file closed unchanged is not compiled. */
        builder_source_init(b, s, due.v[i], NULL);
        if (s->stale)
            obj_dir_ready(s->obj);
        if (!s->stale || !builder_start_compile(b, s)) {
            builder_source_free(s); /* the plan decides about it */
            *s = (Source){0};
            continue;
        }
        b->nearly++;
    }
    strv_free(&due);
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
