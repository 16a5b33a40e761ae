/* settle.c: where a good link puts the library, and what it leaves for after the swap.
 *
 * Between the linker's exit and the new code's first frame only the swap should run. So
 * the link stamp (a stat of every object and a file written: 0.2 ms at 200 objects), the
 * removal of the library it replaced (freeing its blocks: 0.3 ms) and, when the library
 * is staged in the loader's folder, the cache's copy of it (for the next start) wait for
 * builder_settle. Nothing can change an object before then but this builder's next
 * compile, and the next build settles first. */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "dev/builder_impl.h"
#include "dev/keeper.h"
#include "util/fs.h"

/* Puts file (complete, beside out) in out's place without replacing a file: over an
 * existing one, ext4 (auto_da_alloc) starts writing the new one to disk before the rename,
 * 4 ms for a big game's library. The old one is moved aside to out_old, which
 * builder_settle removes; a release executable is the user's file: nothing is left beside
 * it. 0, or -1 with errno. */
static int replace_out(Builder *b, const char *file)
{
    if (b->tc.release || rename(b->out, b->out_old) != 0)
        unlink(b->out);
    return rename(file, b->out);
}

int builder_place_library(Builder *b)
{
    if (!b->staged)
        return replace_out(b, b->out_new);
    /* The last one is unlinked, not replaced: the loader's folder is on ext4 too when there
     * is no XDG_RUNTIME_DIR (/tmp/hotrun-UID), where a rename over it would start writing
     * the new file to disk; and its file lives on as long as a generation is linked to it,
     * so freeing nothing costs nothing. */
    unlink(b->lib);
    return rename(b->out_new, b->lib);
}

void builder_keep_link(Builder *b)
{
    b->settle_pending = true;
    b->settle_hash = b->link_hash;
    strv_free(&b->settle_objs);
    b->settle_objs_in_src = true; /* copied when the sources are freed, or used then */
}

void builder_keep_link_objs(Builder *b)
{
    if (!b->settle_objs_in_src)
        return;
    b->settle_objs_in_src = false;
    for (int i = 0; i < b->nsrc; i++)
        strv_push(&b->settle_objs, b->src[i].obj);
}

void builder_settle(Builder *b)
{
    keeper_flush(); /* the reaped children's groups off the keeper's list (keeper.h) */
    if (b)
        builder_keep_link_objs(b); /* before the sources are freed */
    if (b && b->after_pending)
        builder_after_build(b);
    if (!b || !b->settle_pending)
        return;
    b->settle_pending = false;
    if (b->staged && (fs_copy_file(b->lib, b->out_tmp, 0755) < 0 ||
                      replace_out(b, b->out_tmp) < 0)) {
        unlink(b->out_tmp); /* no stamp: the next start links again */
        unlink(b->out);
        strv_free(&b->settle_objs);
        return;
    }
    /* The link stamp: the link command's hash, each object and the output as linked. */
    Inputs in = {0};
    int64_t mtime = 0, size = 0;
    for (int i = 0; i < b->settle_objs.n; i++) {
        bool ok = stat_file(b->settle_objs.v[i], &mtime, &size);
        inputs_add(&in, b->settle_objs.v[i], mtime, size, ok);
    }
    bool ok = stat_file(b->out, &mtime, &size);
    inputs_add(&in, b->out, mtime, size, ok);
    /* Without it the next build links again: slower, never wrong. */
    (void)stamp_write(b->link_stamp, b->settle_hash, &in);
    inputs_free(&in);
    strv_free(&b->settle_objs);
    unlink(b->out_old);
}
