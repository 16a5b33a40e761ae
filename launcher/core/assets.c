/* assets.c: the asset registry (see assets.h). A change is found by looking at each
 * asset's file (device, inode, size, modification time) when the watcher says the folder
 * changed: cheap for the few hundred files a game has, and it needs no list of names from
 * the watcher. */
#include "core/assets.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/events.h"
#include "util/clock.h"

typedef struct Entry {
    char *path;          /* relative to the root; NULL for a host-made object */
    void *obj;           /* NULL: placeholder */
    uint32_t version;    /* successful loads from the file */
    bool seen;           /* the file existed at the last look */
    dev_t dev;
    ino_t ino;
    off_t size;
    struct timespec mtime;
} Entry;

typedef struct Kind {
    AssetKindOps ops;
    Entry *entries;      /* id = index + 1 */
    uint32_t count, cap;
} Kind;

struct Assets {
    char root[PATH_MAX];
    Kind kinds[ASSET_KINDS];
    void (*report)(void *ud, const char *line);
    void *report_ud;
    int (*read)(void *ud, const char *path, void **bytes, size_t *len);
    void *read_ud;
};

Assets *assets_create(const char *root)
{
    Assets *a = xcalloc(1, sizeof(*a));
    assets_set_root(a, root);
    return a;
}

void assets_destroy(Assets *a)
{
    if (!a)
        return;
    for (int k = 0; k < ASSET_KINDS; k++) {
        Kind *kd = &a->kinds[k];
        for (uint32_t i = 0; i < kd->count; i++) {
            if (kd->entries[i].obj && kd->ops.unload)
                kd->ops.unload(kd->ops.ud, kd->entries[i].obj);
            free(kd->entries[i].path);
        }
        free(kd->entries);
    }
    free(a);
}

void assets_set_root(Assets *a, const char *root)
{
    snprintf(a->root, sizeof(a->root), "%s", root ? root : "");
}

const char *assets_root(const Assets *a)
{
    return a->root;
}

void assets_set_kind(Assets *a, AssetKind kind, const AssetKindOps *ops)
{
    if ((unsigned)kind < ASSET_KINDS && ops)
        a->kinds[kind].ops = *ops;
}

void assets_set_report(Assets *a, void (*report)(void *ud, const char *line), void *ud)
{
    a->report = report;
    a->report_ud = ud;
}

void assets_set_reader(Assets *a, int (*read)(void *ud, const char *path, void **bytes,
                                              size_t *len),
                       void *ud)
{
    a->read = read;
    a->read_ud = ud;
}

static void say(Assets *a, const char *fmt, ...) HOT_PRINTF(2, 3);
static void say(Assets *a, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    if (a->report)
        a->report(a->report_ud, line);
    else
        fprintf(stderr, "hotrun: %s\n", line);
}

static const char *noun(const Kind *kd)
{
    return kd->ops.noun ? kd->ops.noun : "asset";
}

/* A path inside the asset folder: relative, no "..", no empty or "." parts. */
static bool safe_path(const char *p)
{
    if (!p[0] || p[0] == '/')
        return false;
    for (const char *s = p; *s;) {
        const char *e = strchr(s, '/');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        if (n == 0 || (n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.'))
            return false;
        s += n + (e ? 1 : 0);
    }
    return true;
}

static void full_path(const Assets *a, const char *rel, char *out, size_t size)
{
    snprintf(out, size, "%s/%s", a->root, rel);
}

/* Reads a whole file into a malloc'ed buffer (one spare byte, NUL). 0 or ERR_NOTFOUND,
 * ERR_NOMEM, ERR_IO with a sentence in err. */
static int read_file(const char *path, void **bytes, size_t *len, Err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return errno == ENOENT ? err_set(err, ERR_NOTFOUND, "no such file")
                               : err_set(err, ERR_IO, "cannot read it: %s", strerror(errno));
    char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n + 1 >= cap) {
            cap = cap ? cap * 2 : 65536;
            char *b = realloc(buf, cap);
            if (!b) {
                free(buf);
                fclose(f);
                return err_set(err, ERR_NOMEM, "out of memory reading it");
            }
            buf = b;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return err_set(err, ERR_IO, "cannot read it: %s", strerror(EIO));
    }
    buf[n] = '\0';
    *bytes = buf;
    *len = n;
    return 0;
}

static void look(const Assets *a, Entry *e, struct stat *st, bool *exists)
{
    char path[PATH_MAX + 512];
    full_path(a, e->path, path, sizeof(path));
    *exists = !a->read && stat(path, st) == 0 && S_ISREG(st->st_mode);
}

static void remember(Entry *e, const struct stat *st, bool exists)
{
    e->seen = exists;
    if (!exists)
        return;
    e->dev = st->st_dev;
    e->ino = st->st_ino;
    e->size = st->st_size;
    e->mtime = st->st_mtim;
}

static void emit(const Kind *kd, const Entry *e, bool ok, bool reload, const AssetTimes *t,
                 const char *error)
{
    if (!events_enabled())
        return;
    EventLine ev;
    ev_begin(&ev, "asset");
    ev_str(&ev, "path", e->path);
    ev_str(&ev, "kind", noun(kd));
    ev_bool(&ev, "ok", ok);
    ev_bool(&ev, "reload", reload);
    ev_num(&ev, "ms", t->total);
    ev_num(&ev, "read_ms", t->read);
    ev_num(&ev, "decode_ms", t->decode);
    ev_num(&ev, "upload_ms", t->upload);
    ev_int(&ev, "version", e->version);
    ev_str(&ev, "error", error);
    ev_int(&ev, "ns", (long long)clock_now_ns()); /* the new asset is in place */
    ev_end(&ev);
}

/* Loads (or reloads) one entry from its file. True when a new object is in place. */
static bool load_entry(Assets *a, Kind *kd, Entry *e, bool reload)
{
    AssetTimes t = {0};
    Err err = {{0}};
    double t0 = (clock_now_s() * 1e3);
    void *bytes = NULL;
    size_t len = 0;
    int rc;
    if (!safe_path(e->path)) {
        say(a, "%s '%s': not a path inside the asset folder (use a relative path without "
               "'..'); drawing a placeholder", noun(kd), e->path);
        emit(kd, e, false, reload, &t, "not a path inside the asset folder");
        return false;
    }
    if (a->read) {
        rc = a->read(a->read_ud, e->path, &bytes, &len);
        if (rc < 0)
            err_set(&err, rc, "%s", rc == ERR_NOTFOUND ? "no such file" : err_str(rc));
    } else {
        char path[PATH_MAX + 512];
        full_path(a, e->path, path, sizeof(path));
        rc = read_file(path, &bytes, &len, &err);
    }
    t.read = (clock_now_s() * 1e3) - t0;
    void *obj = NULL;
    if (rc == 0 && kd->ops.load)
        obj = kd->ops.load(kd->ops.ud, bytes, len, e->obj, &t, &err);
    else if (rc == 0)
        err_set(&err, ERR_UNSUPPORTED, "no loader for this kind of asset");
    free(bytes);
    t.total = (clock_now_s() * 1e3) - t0;
    if (!obj) {
        const char *why = err_text(&err, rc < 0 ? rc : ERR_INVALID);
        if (reload)
            say(a, "%s %s: %s; keeping the previous one", noun(kd), e->path, why);
        else
            say(a, "%s %s: %s (asset folder %s); %s until it is fixed", noun(kd), e->path,
                why, a->root[0] ? a->root : "none",
                kd == &a->kinds[ASSET_FONT]    ? "drawing with the built-in font"
                : kd == &a->kinds[ASSET_TEXTURE] ? "drawing a placeholder"
                : kd == &a->kinds[ASSET_SOUND] || kd == &a->kinds[ASSET_MUSIC]
                    ? "silent"
                    : "using nothing");
        emit(kd, e, false, reload, &t, why);
        return false;
    }
    if (e->obj && kd->ops.unload)
        kd->ops.unload(kd->ops.ud, e->obj);
    e->obj = obj;
    e->version++;
    emit(kd, e, true, reload, &t, NULL);
    if (reload)
        say(a, "%s %s reloaded in %.1f ms", noun(kd), e->path, t.total);
    return true;
}

static Entry *new_entry(Kind *kd, uint32_t *id)
{
    if (kd->count == kd->cap) {
        kd->cap = kd->cap ? kd->cap * 2 : 32;
        kd->entries = xrealloc(kd->entries, kd->cap * sizeof(Entry));
    }
    Entry *e = &kd->entries[kd->count++];
    memset(e, 0, sizeof(*e));
    *id = kd->count;
    return e;
}

uint32_t assets_load(Assets *a, AssetKind kind, const char *path)
{
    if (!a || (unsigned)kind >= ASSET_KINDS || !path || !path[0])
        return 0;
    Kind *kd = &a->kinds[kind];
    while (path[0] == '.' && path[1] == '/')
        path += 2;
    for (uint32_t i = 0; i < kd->count; i++)
        if (kd->entries[i].path && strcmp(kd->entries[i].path, path) == 0)
            return i + 1;
    uint32_t id;
    Entry *e = new_entry(kd, &id);
    e->path = xstrdup(path);
    struct stat st;
    bool exists = false;
    if (safe_path(path))
        look(a, e, &st, &exists);
    remember(e, &st, exists);
    load_entry(a, kd, e, false);
    return id;
}

uint32_t assets_add(Assets *a, AssetKind kind, void *obj)
{
    if (!a || (unsigned)kind >= ASSET_KINDS || !obj)
        return 0;
    uint32_t id;
    Entry *e = new_entry(&a->kinds[kind], &id);
    e->obj = obj;
    return id;
}

static const Entry *entry(const Assets *a, AssetKind kind, uint32_t id)
{
    if (!a || (unsigned)kind >= ASSET_KINDS || id == 0 || id > a->kinds[kind].count)
        return NULL;
    return &a->kinds[kind].entries[id - 1];
}

void *assets_get(const Assets *a, AssetKind kind, uint32_t id)
{
    const Entry *e = entry(a, kind, id);
    return e ? e->obj : NULL;
}

uint32_t assets_version(const Assets *a, AssetKind kind, uint32_t id)
{
    const Entry *e = entry(a, kind, id);
    return e ? e->version : 0;
}

const char *assets_path(const Assets *a, AssetKind kind, uint32_t id)
{
    const Entry *e = entry(a, kind, id);
    return e ? e->path : NULL;
}

int assets_check(Assets *a)
{
    int reloaded = 0;
    if (!a || a->read)
        return 0;
    for (int k = 0; k < ASSET_KINDS; k++) {
        Kind *kd = &a->kinds[k];
        for (uint32_t i = 0; i < kd->count; i++) {
            Entry *e = &kd->entries[i];
            if (!e->path || !safe_path(e->path))
                continue;
            struct stat st;
            bool exists;
            look(a, e, &st, &exists);
            bool changed = exists != e->seen ||
                           (exists && (st.st_dev != e->dev || st.st_ino != e->ino ||
                                       st.st_size != e->size ||
                                       st.st_mtim.tv_sec != e->mtime.tv_sec ||
                                       st.st_mtim.tv_nsec != e->mtime.tv_nsec));
            remember(e, &st, exists);
            /* A file that went away keeps its last good object; it reloads on return. */
            if (changed && exists)
                reloaded += load_entry(a, kd, e, e->version > 0 || e->obj);
        }
    }
    return reloaded;
}

bool assets_kind_of(HotType type, AssetKind *kind)
{
    switch (type) {
    case HOT_TEXTURE: *kind = ASSET_TEXTURE; return true;
    case HOT_FONT: *kind = ASSET_FONT; return true;
    case HOT_SOUND: *kind = ASSET_SOUND; return true;
    case HOT_MUSIC: *kind = ASSET_MUSIC; return true;
    case HOT_DATA: *kind = ASSET_DATA; return true;
    default: return false;
    }
}

const char *assets_resolve_path(void *ud, HotType type, uint32_t id)
{
    AssetKind k;
    return assets_kind_of(type, &k) ? assets_path(ud, k, id) : NULL;
}

uint32_t assets_resolve_id(void *ud, HotType type, const char *path)
{
    AssetKind k;
    return assets_kind_of(type, &k) ? assets_load(ud, k, path) : 0;
}

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

void assets_default_root(const char *src_dir, char *out, size_t size)
{
    char in[PATH_MAX + 16], beside[PATH_MAX + 16];
    snprintf(in, sizeof(in), "%s/assets", src_dir);
    snprintf(beside, sizeof(beside), "%s", src_dir);
    char *slash = strrchr(beside, '/');
    if (slash && slash != beside) {
        snprintf(slash, sizeof(beside) - (size_t)(slash - beside), "/assets");
        if (!is_dir(in) && is_dir(beside)) {
            snprintf(out, size, "%s", beside);
            return;
        }
    }
    snprintf(out, size, "%s", in);
}
