/* memo.c: the stamps one builder wrote or read, kept in memory (see memo.h). */
#include "dev/memo.h"

#include <stdlib.h>
#include <string.h>

#include "util/error.h"
#include "util/hash.h"
#include "util/strings.h"

struct MemoEntry {
    char *path; /* NULL: a free slot */
    bool known;   /* hash and in are the stamp's */
    bool removed; /* the stamp was removed: its file may not be read back in */
    uint64_t hash;
    Inputs in;
};

void memo_init(Memo *m)
{
    *m = (Memo){0};
    if (uv_mutex_init(&m->lock) != 0)
        abort(); /* as out of memory: nothing of the builder works without it */
}

void memo_free(Memo *m)
{
    for (size_t i = 0; i < m->cap; i++) {
        free(m->v[i].path);
        inputs_free(&m->v[i].in);
    }
    free(m->v);
    uv_mutex_destroy(&m->lock);
    *m = (Memo){0};
}

static MemoEntry *slot(MemoEntry *v, size_t cap, const char *path)
{
    size_t i = hash_str(path) & (cap - 1);
    while (v[i].path && strcmp(v[i].path, path) != 0)
        i = (i + 1) & (cap - 1);
    return &v[i];
}

/* The entry of path, made (empty, not removed) when there is none; under the lock. */
static MemoEntry *entry(Memo *m, const char *path)
{
    if ((m->n + 1) * 2 > m->cap) { /* at most half full: grow and rehash */
        size_t cap = m->cap ? m->cap * 2 : 256;
        MemoEntry *v = xcalloc(cap, sizeof(MemoEntry));
        for (size_t i = 0; i < m->cap; i++)
            if (m->v[i].path)
                *slot(v, cap, m->v[i].path) = m->v[i];
        free(m->v);
        m->v = v;
        m->cap = cap;
    }
    MemoEntry *e = slot(m->v, m->cap, path);
    if (!e->path) {
        e->path = xstrdup(path);
        m->n++;
    }
    return e;
}

static void copy_inputs(Inputs *dst, const Inputs *src)
{
    inputs_free(dst);
    for (int i = 0; i < src->n; i++)
        inputs_add(dst, src->v[i].path, src->v[i].mtime, src->v[i].size, src->v[i].valid);
}

void memo_written(Memo *m, const char *path, uint64_t hash, const Inputs *in)
{
    uv_mutex_lock(&m->lock);
    MemoEntry *e = entry(m, path);
    e->known = true;
    e->removed = false;
    e->hash = hash;
    copy_inputs(&e->in, in);
    uv_mutex_unlock(&m->lock);
}

void memo_removed(Memo *m, const char *path)
{
    uv_mutex_lock(&m->lock);
    MemoEntry *e = entry(m, path);
    e->known = false;
    e->removed = true;
    inputs_free(&e->in);
    uv_mutex_unlock(&m->lock);
}

/* stamp_current's test of a stamp's hash and inputs. */
static bool current(uint64_t had, const Inputs *in, uint64_t hash, StatCache *cache)
{
    if (had != hash)
        return false;
    for (int i = 0; i < in->n; i++) {
        int64_t mtime, size;
        if (!in->v[i].valid || !stat_cached(cache, in->v[i].path, &mtime, &size) ||
            mtime != in->v[i].mtime || size != in->v[i].size)
            return false;
    }
    return in->n > 0;
}

bool memo_lists(Memo *m, const char *path, const char *input, const char *alt)
{
    bool found = false;
    uv_mutex_lock(&m->lock);
    MemoEntry *e = m->cap ? slot(m->v, m->cap, path) : NULL;
    if (e && e->path && e->known)
        for (int i = 0; i < e->in.n && !found; i++)
            found = strcmp(e->in.v[i].path, input) == 0 || (alt && strcmp(e->in.v[i].path, alt) == 0);
    uv_mutex_unlock(&m->lock);
    return found;
}

bool memo_current(Memo *m, const char *path, uint64_t hash, StatCache *cache)
{
    uv_mutex_lock(&m->lock);
    MemoEntry *e = m->cap ? slot(m->v, m->cap, path) : NULL;
    if (e && e->path && e->known) {
        bool ok = current(e->hash, &e->in, hash, cache);
        uv_mutex_unlock(&m->lock);
        return ok;
    }
    bool removed = e && e->path && e->removed;
    uv_mutex_unlock(&m->lock);
    if (removed)
        return false; /* removed, and not written since */

    Inputs in = {0};
    uint64_t had;
    if (stamp_read(path, &had, &in) != 0)
        return false;
    bool ok = current(had, &in, hash, cache);
    uv_mutex_lock(&m->lock);
    e = entry(m, path);
    if (!e->known && !e->removed) { /* nothing newer came meanwhile */
        e->known = true;
        e->hash = had;
        e->in = in;
        in = (Inputs){0};
    }
    uv_mutex_unlock(&m->lock);
    inputs_free(&in);
    return ok;
}
