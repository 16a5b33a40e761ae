/* plan.c: the build's look at the files, on a libuv pool thread (see builder_impl.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dev/builder_impl.h"
#include "dev/sources.h"
#include "util/error.h"
#include "util/fs.h"

static bool same_sources(const Strv *a, const Strv *b)
{
    if (a->n != b->n)
        return false;
    for (int i = 0; i < a->n; i++)
        if (strcmp(a->v[i], b->v[i]) != 0)
            return false;
    return true;
}

/* The build's look at the files: every source, its object's stamp (from memory when this
 * builder wrote or read it before: memo.c) and the inputs the stamp lists. Hundreds of files are thousands of system calls (6-9 ms for 204 sources here, some
 * of them waiting for a core while compilers run), so this runs on a libuv pool thread, not
 * on the frame thread. It touches only the file system, the builder's settings (fixed since
 * builder_create) and the build's own fields, which nothing else uses until plan_done. */
void builder_plan_work(uv_work_t *w)
{
    Builder *b = w->data;
    Strv rels = {0};
    sources_scan(b->src_dir, b->cache_dir, &rels);
    if (rels.n == 0)
        return;
    if (fs_mkdirs(b->obj_dir) < 0) {
        snprintf(b->plan_error, sizeof(b->plan_error), "cannot create the build cache %s: %s",
                 b->obj_dir, strerror(errno));
        strv_free(&rels);
        return;
    }
    /* The sources of the last plan, which pruned the rest: nothing to look for. */
    if (!same_sources(&rels, &b->known))
        sources_prune(b->obj_dir, &rels);
    b->src = xcalloc((size_t)rels.n, sizeof(Source));
    b->nsrc = b->res.objects = rels.n;
    StatCache stats = {0};
    for (int i = 0; i < b->nsrc; i++) {
        Source *s = &b->src[i];
        builder_source_init(b, s, rels.v[i], &stats);
        /* A directory that cannot be made: the compiler says so, in its own words. */
        if (s->stale)
            (void)fs_mkdirs_parent(s->obj);
    }
    stat_cache_free(&stats);
    strv_free(&rels);
}

