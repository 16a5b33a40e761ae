/* asset_pack.c: assets appended to a release executable (see asset_pack.h). */
#include "core/asset_pack.h"

#include <errno.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAGIC "HOTPACK1"
#define TRAILER 24

typedef struct Entry {
    char *path;
    uint64_t offset, size;
} Entry;

struct AssetPack {
    FILE *f;
    Entry *entries;
    uint64_t count;
};

static void put_u32(FILE *f, uint32_t v)
{
    unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 24)};
    fwrite(b, 1, 4, f);
}

static void put_u64(FILE *f, uint64_t v)
{
    put_u32(f, (uint32_t)v);
    put_u32(f, (uint32_t)(v >> 32));
}

static uint32_t get_u32(const unsigned char *b)
{
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static uint64_t get_u64(const unsigned char *b)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | b[i];
    return v;
}

/* nftw has no user data: the walk's state lives here while it runs. */
static struct {
    FILE *out;
    size_t root_len;
    Entry *entries;
    uint64_t count, cap;
    int failed;
} walk;

static int add_file(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    const char *name = path + ftw->base;
    if (name[0] == '.' && ftw->level > 0)
        return type == FTW_D ? FTW_SKIP_SUBTREE : 0;
    if (type != FTW_F)
        return 0;
    FILE *in = fopen(path, "rb");
    if (!in) {
        walk.failed = errno;
        return FTW_STOP;
    }
    if (walk.count == walk.cap) {
        walk.cap = walk.cap ? walk.cap * 2 : 64;
        walk.entries = xrealloc(walk.entries, walk.cap * sizeof(Entry));
    }
    Entry *e = &walk.entries[walk.count++];
    e->path = xstrdup(path + walk.root_len + 1);
    e->offset = (uint64_t)ftell(walk.out);
    e->size = 0;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), in)) > 0) {
        fwrite(buf, 1, n, walk.out);
        e->size += n;
    }
    fclose(in);
    (void)st;
    return 0;
}

int asset_pack_append(const char *exe, const char *root, Err *err)
{
    FILE *out = fopen(exe, "ab");
    if (!out)
        return err_set(err, ERR_IO, "cannot open %s: %s", exe, strerror(errno));
    memset(&walk, 0, sizeof(walk));
    walk.out = out;
    walk.root_len = strlen(root);
    while (walk.root_len > 1 && root[walk.root_len - 1] == '/')
        walk.root_len--;
    int rc = nftw(root, add_file, 16, FTW_ACTIONRETVAL);
    int count = (int)walk.count;
    if (rc == 0 && !walk.failed) {
        uint64_t index = (uint64_t)ftell(out);
        for (uint64_t i = 0; i < walk.count; i++) {
            put_u32(out, (uint32_t)strlen(walk.entries[i].path));
            fwrite(walk.entries[i].path, 1, strlen(walk.entries[i].path), out);
            put_u64(out, walk.entries[i].offset);
            put_u64(out, walk.entries[i].size);
        }
        put_u64(out, index);
        put_u64(out, walk.count);
        fwrite(MAGIC, 1, 8, out);
    }
    bool bad = ferror(out) != 0;
    if (fclose(out) != 0)
        bad = true;
    for (uint64_t i = 0; i < walk.count; i++)
        free(walk.entries[i].path);
    free(walk.entries);
    if (rc != 0 || walk.failed)
        return err_set(err, ERR_IO, "cannot read the asset folder %s: %s", root,
                       strerror(walk.failed ? walk.failed : errno));
    if (bad)
        return err_set(err, ERR_IO, "cannot write the assets into %s", exe);
    return count;
}

AssetPack *asset_pack_open(const char *exe)
{
    FILE *f = fopen(exe, "rb");
    unsigned char t[TRAILER];
    if (!f || fseek(f, -TRAILER, SEEK_END) != 0 || fread(t, 1, TRAILER, f) != TRAILER ||
        memcmp(t + 16, MAGIC, 8) != 0) {
        if (f)
            fclose(f);
        return NULL;
    }
    uint64_t index = get_u64(t), count = get_u64(t + 8);
    long end = ftell(f);
    AssetPack *p = xcalloc(1, sizeof(*p));
    p->f = f;
    if (count > 1000000 || fseek(f, (long)index, SEEK_SET) != 0)
        goto bad;
    p->entries = xcalloc(count ? count : 1, sizeof(Entry));
    for (; p->count < count; p->count++) {
        unsigned char b[16];
        if (fread(b, 1, 4, f) != 4)
            goto bad;
        uint32_t n = get_u32(b);
        if (n == 0 || n > 4096)
            goto bad;
        Entry *e = &p->entries[p->count];
        e->path = xmalloc(n + 1);
        if (fread(e->path, 1, n, f) != n || fread(b, 1, 16, f) != 16) {
            free(e->path);
            goto bad;
        }
        e->path[n] = '\0';
        e->offset = get_u64(b);
        e->size = get_u64(b + 8);
        if (e->offset + e->size > (uint64_t)end) {
            free(e->path);
            goto bad;
        }
    }
    return p;
bad:
    asset_pack_close(p); /* a damaged pack: as if there were none */
    return NULL;
}

void asset_pack_close(AssetPack *p)
{
    if (!p)
        return;
    for (uint64_t i = 0; i < p->count; i++)
        free(p->entries[i].path);
    free(p->entries);
    if (p->f)
        fclose(p->f);
    free(p);
}

int asset_pack_read(void *ud, const char *path, void **bytes, size_t *len)
{
    AssetPack *p = ud;
    for (uint64_t i = 0; p && i < p->count; i++) {
        Entry *e = &p->entries[i];
        if (strcmp(e->path, path) != 0)
            continue;
        char *buf = malloc(e->size + 1);
        if (!buf)
            return ERR_NOMEM;
        if (fseek(p->f, (long)e->offset, SEEK_SET) != 0 ||
            fread(buf, 1, e->size, p->f) != e->size) {
            free(buf);
            return ERR_IO;
        }
        buf[e->size] = '\0';
        *bytes = buf;
        *len = e->size;
        return 0;
    }
    return ERR_NOTFOUND;
}
