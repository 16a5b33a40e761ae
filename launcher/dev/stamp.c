/* stamp.c: stamps (what an object was built from) and the stat cache of one build. */
#include "dev/stamp.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>

#include "util/error.h"
#include "util/hash.h"
#include "util/strings.h"

#define STAMP_MAGIC "hotrun-stamp 1"

void inputs_add(Inputs *in, const char *path, int64_t mtime, int64_t size, bool valid)
{
    if (in->n == in->cap) {
        in->cap = in->cap ? in->cap * 2 : 16;
        in->v = xrealloc(in->v, (size_t)in->cap * sizeof(Input));
    }
    in->v[in->n++] = (Input){xstrdup(path), mtime, size, valid};
}

const Input *inputs_find(const Inputs *in, const char *path)
{
    for (int i = 0; i < in->n; i++)
        if (strcmp(in->v[i].path, path) == 0)
            return &in->v[i];
    return NULL;
}

void inputs_free(Inputs *in)
{
    for (int i = 0; i < in->n; i++)
        free(in->v[i].path);
    free(in->v);
    *in = (Inputs){0};
}

bool stat_file(const char *path, int64_t *mtime, int64_t *size)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return false;
    *mtime = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
    *size = (int64_t)st.st_size;
    return true;
}

int64_t stamp_coarse_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME_COARSE, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Linux 6.13 and later give ext4, xfs, btrfs and tmpfs multigrain timestamps: a file whose
 * times were looked at (any stat) gets, at its next change, a time after the one seen, a
 * fine-grained one when the coarse clock has not moved on. Older kernels stamp with the
 * coarse clock alone. */
static bool multigrain_kernel(void)
{
    static int known = -1;
    if (known < 0) {
        struct utsname u;
        int major = 0, minor = 0;
        known = uname(&u) == 0 && sscanf(u.release, "%d.%d", &major, &minor) == 2 &&
                (major > 6 || (major == 6 && minor >= 13));
    }
    return known;
}

bool stamp_multigrain(const char *path)
{
    struct statfs fs;
    if (!multigrain_kernel() || statfs(path, &fs) != 0)
        return false;
    return fs.f_type == EXT4_SUPER_MAGIC || fs.f_type == XFS_SUPER_MAGIC ||
           fs.f_type == BTRFS_SUPER_MAGIC || fs.f_type == TMPFS_MAGIC;
}

/* Older than t0: yes, a later save gets t0 or more. Equal or newer: on a filesystem with
 * multigrain timestamps, yes: our stat (the snapshot's) marked the file, so its next change
 * gets another mtime, whatever the coarse clock says; elsewhere an equal one could be kept
 * by a second save in the same tick (and a newer one only comes from another machine's
 * clock, a network filesystem's). Without this a build that follows a save by less than a
 * tick of the coarse clock (4 ms, and it lags) would wait for the next tick (see the
 * builder's start_compile): a file written in pieces gets the coarse time at its last write,
 * an editor's whole save mostly a fine one. */
bool stamp_mtime_trusted(const char *path, int64_t mtime, int64_t t0)
{
    return mtime < t0 || stamp_multigrain(path);
}

bool inputs_snapshot(Inputs *snap, const char *src_abs, const char *stamp_path, int64_t t0)
{
    Inputs old = {0};
    uint64_t h;
    int64_t mtime, size;
    if (stat_file(src_abs, &mtime, &size))
        inputs_add(snap, src_abs, mtime, size, stamp_mtime_trusted(src_abs, mtime, t0));
    if (stamp_read(stamp_path, &h, &old) == 0)
        for (int i = 0; i < old.n; i++)
            if (strcmp(old.v[i].path, src_abs) != 0 && stat_file(old.v[i].path, &mtime, &size))
                inputs_add(snap, old.v[i].path, mtime, size,
                           stamp_mtime_trusted(old.v[i].path, mtime, t0));
    inputs_free(&old);
    bool trusted = true;
    for (int i = 0; i < snap->n; i++)
        trusted &= snap->v[i].valid;
    return trusted;
}

bool inputs_changed(const Inputs *in)
{
    for (int i = 0; i < in->n; i++) {
        int64_t mtime = 0, size = 0;
        if (!stat_file(in->v[i].path, &mtime, &size) || mtime != in->v[i].mtime ||
            size != in->v[i].size)
            return true;
    }
    return false;
}

/* A stamp: the magic with the command hash, one input per line, then "end". */
int stamp_write(const char *path, uint64_t hash, const Inputs *in)
{
    char *tmp = str_fmt("%s.new", path);
    FILE *f = fopen(tmp, "w");
    if (!f) {
        free(tmp);
        return ERR_IO;
    }
    fprintf(f, STAMP_MAGIC " %016llx\n", (unsigned long long)hash);
    for (int i = 0; i < in->n; i++)
        fprintf(f, "%lld %lld %d %s\n", (long long)in->v[i].mtime, (long long)in->v[i].size,
                in->v[i].valid ? 1 : 0, in->v[i].path);
    fputs("end\n", f);
    bool written = !ferror(f);
    int rc = fclose(f) == 0 && written && rename(tmp, path) == 0 ? 0 : ERR_IO;
    if (rc) {
        int saved = errno;
        unlink(tmp);
        errno = saved;
    }
    free(tmp);
    return rc;
}

int stamp_read(const char *path, uint64_t *hash, Inputs *in)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return ERR_NOTFOUND;
    char line[PATH_MAX + 128];
    unsigned long long h;
    bool complete = false;
    if (fgets(line, sizeof(line), f) && sscanf(line, STAMP_MAGIC " %llx", &h) == 1) {
        *hash = h;
        while (fgets(line, sizeof(line), f)) {
            if (strcmp(line, "end\n") == 0) {
                complete = true;
                break;
            }
            long long mtime, size;
            int valid, off = 0;
            if (sscanf(line, "%lld %lld %d %n", &mtime, &size, &valid, &off) != 3 || !off)
                break;
            line[strcspn(line, "\n")] = '\0';
            inputs_add(in, line + off, mtime, size, valid != 0);
        }
    }
    fclose(f);
    if (!complete) {
        inputs_free(in);
        return ERR_CORRUPT;
    }
    return 0;
}

/* Open addressing on the path's hash; at most half full. */
static Input *stat_slot(StatCache *c, const char *path)
{
    size_t i = hash_str(path) & (c->cap - 1);
    while (c->v[i].path && strcmp(c->v[i].path, path) != 0)
        i = (i + 1) & (c->cap - 1);
    return &c->v[i];
}

bool stat_cached(StatCache *c, const char *path, int64_t *mtime, int64_t *size)
{
    if (!c)
        return stat_file(path, mtime, size);
    if ((c->n + 1) * 2 > c->cap) { /* grow and rehash */
        size_t cap = c->cap ? c->cap * 2 : 256;
        StatCache grown = {xcalloc(cap, sizeof(Input)), c->n, cap};
        for (size_t i = 0; i < c->cap; i++)
            if (c->v[i].path)
                *stat_slot(&grown, c->v[i].path) = c->v[i];
        free(c->v);
        *c = grown;
    }
    Input *e = stat_slot(c, path);
    if (!e->path) {
        e->path = xstrdup(path);
        e->valid = stat_file(path, &e->mtime, &e->size);
        c->n++;
    }
    *mtime = e->mtime;
    *size = e->size;
    return e->valid;
}

void stat_cache_free(StatCache *c)
{
    for (size_t i = 0; i < c->cap; i++)
        free(c->v[i].path);
    free(c->v);
    *c = (StatCache){0};
}

bool stamp_current(const char *path, uint64_t hash, Inputs *in, StatCache *cache)
{
    uint64_t h;
    if (stamp_read(path, &h, in) != 0 || h != hash)
        return false;
    for (int i = 0; i < in->n; i++) {
        int64_t mtime, size;
        if (!in->v[i].valid || !stat_cached(cache, in->v[i].path, &mtime, &size) ||
            mtime != in->v[i].mtime || size != in->v[i].size)
            return false;
    }
    return in->n > 0;
}
