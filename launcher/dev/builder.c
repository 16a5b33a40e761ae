/* builder.c: incremental builds of the game on the caller's libuv loop: one compiler child
 * per stale object (several at once), one link, then the probe; nothing here blocks.
 *
 * An object is up to date only if every input (its .c and each header its depfile lists)
 * still has the (mtime, size) recorded in its stamp. The .c and the headers already known
 * are stat'ed before the compiler starts, so a save during the compile leaves a stamp that
 * no longer matches; an input whose mtime is at or after the compile's start (the coarse
 * clock the kernel stamps files with) is recorded as invalid, because a second save in the
 * same clock tick with the same size would not be seen (fine-grained timestamps excepted,
 * see mtime_trusted). Either way the next build compiles that object again: no save is ever
 * lost. */
#include "dev/builder.h"

#include <dirent.h>
#include <dlfcn.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/magic.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>

#include "dev/loader.h"
#include "dev/spawn.h"
#include "util/error.h"
#include "util/fs.h"
#include "util/hash.h"
#include "util/strings.h"
#include "util/which.h"

#define STAMP_MAGIC "hotrun-stamp 1"

/* One input of an object, as recorded in a stamp. */
typedef struct Input {
    char *path;
    int64_t mtime, size;
    bool valid;
} Input;

typedef struct Inputs {
    Input *v;
    int n, cap;
} Inputs;

typedef struct Builder Builder;

typedef struct Source {
    Builder *b;
    char *rel;               /* relative to src_dir, as the compiler is given it */
    char *obj, *dep, *stamp; /* absolute, in the cache */
    Strv argv;               /* the compile command */
    uint64_t hash;           /* of argv: a flags change makes the stamp stale */
    bool stale;
    Spawn *sp;   /* the compiler, while it runs */
    int64_t t0;  /* coarse realtime when the compile started */
    Inputs snap; /* inputs stat'ed just before the compile */
    bool failed;
    char error[512];
} Source;

typedef enum Phase { PHASE_NONE, PHASE_COMPILE, PHASE_LINK, PHASE_PROBE, PHASE_CUSTOM } Phase;

struct Builder {
    uv_loop_t *loop;
    char *src_dir, *cache_dir, *include_dir, *custom_command, *custom_lib, *probe, *exe_out;
    Strv cc, cflags, ldflags, exe_link_args;
    int jobs, nice;
    bool color, release, quiet, tcc;
    bool toplevel_reorder; /* the compiler is gcc: see compile_argv */
    double probe_budget_s;
    char *libtcc1; /* tcc's helper archive, when cc is tcc */
    char *libgcc;  /* gcc's (or clang's) helper archive, for a link by ld itself */
    char *ld;      /* develop builds (not tcc's) link through ld if there is one (link_argv) */
    char *obj_dir, *out, *out_new, *link_stamp;

    BuildDone done;
    void *ud;
    uv_timer_t kick; /* starts a requested build from the loop, never inline */
    bool kick_pending, running, queued, in_done, destroyed;
    bool planning; /* plan_work runs on a pool thread: the build's fields are its own */
    uv_work_t plan;
    uint64_t request_ns, queued_ns;

    /* The build in progress. */
    Phase phase;
    Source *src;
    int nsrc, next, active;
    Spawn *one; /* the link, the probe or the custom command */
    Strv link_args;
    uint64_t link_hash;
    uint64_t phase_ns, last_exit_ns;
    int racy_waits; /* compiles put off this build (see start_compile) */
    BuildResult res;
};

/* ---- small helpers ------------------------------------------------------------------ */

/* FNV-1a over the arguments, each with its terminating NUL. The diagnostics colour flag is
 * left out: it follows whether stderr is a terminal and changes how errors look, not the
 * output, so it must not make every object stale. */
static uint64_t strv_hash(const Strv *a)
{
    uint64_t h = HASH_FNV1A_INIT;
    for (int i = 0; i < a->n; i++)
        if (strncmp(a->v[i], "-fdiagnostics-color", 19) != 0)
            h = hash_bytes(h, a->v[i], strlen(a->v[i]) + 1);
    return h;
}

static void inputs_add(Inputs *in, const char *path, int64_t mtime, int64_t size, bool valid)
{
    if (in->n == in->cap) {
        in->cap = in->cap ? in->cap * 2 : 16;
        in->v = realloc(in->v, (size_t)in->cap * sizeof(Input));
        if (!in->v)
            abort();
    }
    in->v[in->n++] = (Input){xstrdup(path), mtime, size, valid};
}

static void inputs_free(Inputs *in)
{
    for (int i = 0; i < in->n; i++)
        free(in->v[i].path);
    free(in->v);
    *in = (Inputs){0};
}

static bool stat_file(const char *path, int64_t *mtime, int64_t *size)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return false;
    *mtime = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
    *size = (int64_t)st.st_size;
    return true;
}

/* The clock the kernel stamps files with (coarse): a file written after this call gets an
 * mtime at or after its value. */
static int64_t coarse_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME_COARSE, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Whether an input stat'ed before a compile that starts at coarse time t0 can be trusted by
 * its (mtime, size): a later save must get another mtime. Older than t0: yes, a later save
 * gets t0 or more. Equal: a second save in the same tick could keep it. Newer: only fine
 * timestamps can be ahead of the coarse clock (the multigrain timestamps of Linux 6.13 on
 * ext4, xfs, btrfs and tmpfs), and our stat marked the file, so its next change gets a new
 * fine one; this is trusted on those local filesystems only (a network one may stamp with
 * another machine's coarse clock). Without it a build that follows a save by less than a
 * tick of that clock (4 ms, and it lags) would wait for the next tick (see start_compile). */
static bool mtime_trusted(const char *path, int64_t mtime, int64_t t0)
{
    if (mtime != t0) {
        struct statfs fs;
        if (mtime < t0)
            return true;
        if (statfs(path, &fs) == 0)
            return fs.f_type == EXT4_SUPER_MAGIC || fs.f_type == XFS_SUPER_MAGIC ||
                   fs.f_type == BTRFS_SUPER_MAGIC || fs.f_type == TMPFS_MAGIC;
    }
    return false;
}

/* ---- stamps -------------------------------------------------------------------------- */

/* A stamp: the magic with the command hash, one input per line, then "end" (a stamp cut
 * short by a crash never passes for a complete one). */
static int stamp_write(const char *path, uint64_t hash, const Inputs *in)
{
    char *tmp = str_fmt("%s.new", path);
    FILE *f = fopen(tmp, "w");
    if (!f) {
        free(tmp);
        return -1;
    }
    fprintf(f, STAMP_MAGIC " %016llx\n", (unsigned long long)hash);
    for (int i = 0; i < in->n; i++)
        fprintf(f, "%lld %lld %d %s\n", (long long)in->v[i].mtime, (long long)in->v[i].size,
                in->v[i].valid ? 1 : 0, in->v[i].path);
    fputs("end\n", f);
    int rc = fclose(f) == 0 && rename(tmp, path) == 0 ? 0 : -1;
    if (rc)
        unlink(tmp);
    free(tmp);
    return rc;
}

static int stamp_read(const char *path, uint64_t *hash, Inputs *in)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
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
        return -1;
    }
    return 0;
}

/* The stats of one look at the tree: the headers most objects share are stat'ed once, not
 * once per object (a big game has hundreds). Open addressing on the path's hash. */
typedef struct StatCache {
    Input *v; /* path NULL: a free slot; valid: the file exists */
    size_t n, cap;
} StatCache;

static Input *stat_slot(StatCache *c, const char *path)
{
    size_t i = hash_str(path) & (c->cap - 1);
    while (c->v[i].path && strcmp(c->v[i].path, path) != 0)
        i = (i + 1) & (c->cap - 1);
    return &c->v[i];
}

static bool stat_cached(StatCache *c, const char *path, int64_t *mtime, int64_t *size)
{
    if (!c)
        return stat_file(path, mtime, size);
    if ((c->n + 1) * 2 > c->cap) { /* at most half full: grow and rehash */
        StatCache grown = {calloc(c->cap ? c->cap * 2 : 256, sizeof(Input)), c->n,
                           c->cap ? c->cap * 2 : 256};
        if (!grown.v)
            abort();
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

static void stat_cache_free(StatCache *c)
{
    for (size_t i = 0; i < c->cap; i++)
        free(c->v[i].path);
    free(c->v);
    *c = (StatCache){0};
}

/* True when the stamp's hash matches and every input it lists is valid and unchanged. */
static bool stamp_current(const char *path, uint64_t hash, Inputs *in, StatCache *cache)
{
    uint64_t h;
    if (stamp_read(path, &h, in) != 0)
        return false;
    if (h != hash)
        return false;
    for (int i = 0; i < in->n; i++) {
        int64_t mtime, size;
        if (!in->v[i].valid || !stat_cached(cache, in->v[i].path, &mtime, &size) ||
            mtime != in->v[i].mtime || size != in->v[i].size)
            return false;
    }
    return in->n > 0;
}

/* ---- depfiles ------------------------------------------------------------------------ */

/* Appends the prerequisites of a make-style depfile ("obj: a.c b.h \<newline> c.h") to
 * out, as absolute paths (relative ones are relative to src_dir, the compiler's cwd). */
static int depfile_read(const char *path, const char *src_dir, Strv *out)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char tok[PATH_MAX];
    size_t n = 0;
    bool target_done = false;
    int c;
    for (;;) {
        c = fgetc(f);
        bool end = c == EOF || c == ' ' || c == '\t' || c == '\n' || c == '\r';
        if (c == '\\') {
            int d = fgetc(f);
            if (d == '\n' || d == '\r')
                end = true; /* line continuation */
            else if (d == ' ' || d == '#' || d == '\\')
                c = d; /* escaped character */
            else if (d != EOF)
                ungetc(d, f);
        } else if (c == '$') {
            int d = fgetc(f);
            if (d != '$' && d != EOF)
                ungetc(d, f);
        }
        if (!end) {
            if (n + 1 < sizeof(tok))
                tok[n++] = (char)c;
            continue;
        }
        if (n) {
            tok[n] = '\0';
            if (!target_done) {
                if (tok[n - 1] == ':')
                    target_done = true;
            } else if (strcmp(tok, ":") != 0) {
                if (tok[0] == '/') {
                    strv_push(out, tok);
                } else {
                    char *abs = str_fmt("%s/%s", src_dir, tok);
                    strv_push(out, abs);
                    free(abs);
                }
            }
            n = 0;
        }
        if (c == EOF)
            break;
    }
    fclose(f);
    return target_done ? 0 : -1;
}

/* ---- diagnostics --------------------------------------------------------------------- */

static void strip_ansi(char *s)
{
    char *w = s;
    for (char *r = s; *r;) {
        if (*r == '\033' && r[1] == '[') {
            r += 2;
            while (*r && !(*r >= '@' && *r <= '~'))
                r++;
            if (*r)
                r++;
        } else if (*r == '\033' && r[1] == ']') { /* OSC, e.g. hyperlinks */
            r += 2;
            while (*r && *r != '\a' && !(*r == '\033' && r[1] == '\\'))
                r++;
            r += *r == '\a' ? 1 : *r ? 2 : 0;
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
}

/* How much a line looks like the error to show: a compiler error or a linker's undefined
 * or duplicate symbol beats a line that merely mentions an error, which beats any text;
 * the drivers' own "ld returned 1" summaries are only text. */
static int line_score(const char *l)
{
    if (strstr(l, "collect2:") || strstr(l, "linker command failed"))
        return 1;
    if (strstr(l, "error:") || strstr(l, "undefined reference") ||
        strstr(l, "multiple definition"))
        return 3;
    if (strstr(l, "error") || strstr(l, "Error") || strstr(l, "ld:"))
        return 2;
    return *l ? 1 : 0;
}

/* The first most error-like line of out, without colours, with the source and object
 * directories left out of paths. */
static bool first_error(const Builder *b, const char *out, char *dst, size_t n)
{
    char line[1024];
    int best = 0;
    for (const char *p = out; *p;) {
        size_t len = strcspn(p, "\n");
        snprintf(line, sizeof(line), "%.*s", (int)(len < sizeof(line) ? len : sizeof(line) - 1),
                 p);
        p += len + (p[len] == '\n');
        strip_ansi(line);
        line[strcspn(line, "\r")] = '\0';
        int score = line_score(line);
        if (score <= best)
            continue;
        best = score;
        size_t slen = strlen(b->src_dir), olen = strlen(b->obj_dir);
        char *w = dst;
        for (const char *r = line; *r && (size_t)(w - dst) + 1 < n;) {
            if (strncmp(r, b->src_dir, slen) == 0 && r[slen] == '/')
                r += slen + 1;
            else if (strncmp(r, b->obj_dir, olen) == 0 && r[olen] == '/')
                r += olen + 1;
            else
                *w++ = *r++;
        }
        *w = '\0';
        if (best == 3)
            break;
    }
    return best > 0;
}

static void describe_exit(const SpawnResult *r, const char *what, char *dst, size_t n)
{
    const char *sig = r->term_signal ? sigabbrev_np(r->term_signal) : NULL;
    if (r->term_signal)
        snprintf(dst, n, "%s was killed by SIG%s", what, sig ? sig : "?");
    else
        snprintf(dst, n, "%s exited with status %d", what, r->exit_status);
}

static void echo(Builder *b, const SpawnResult *r)
{
    if (b->quiet)
        return;
    for (size_t off = 0; off < r->output_len;) {
        ssize_t w = write(2, r->output + off, r->output_len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break;
        off += (size_t)w;
    }
}

static void note_exit(Builder *b, const SpawnResult *r)
{
    if (r->end_ns > b->last_exit_ns)
        b->last_exit_ns = r->end_ns;
}

/* ---- the build ----------------------------------------------------------------------- */

static void start_link(Builder *b);
static void start_probe(Builder *b, const char *lib);
static void pump(Builder *b);

static void free_build(Builder *b)
{
    for (int i = 0; i < b->nsrc; i++) {
        Source *s = &b->src[i];
        spawn_cancel(s->sp);
        free(s->rel);
        free(s->obj);
        free(s->dep);
        free(s->stamp);
        strv_free(&s->argv);
        inputs_free(&s->snap);
    }
    free(b->src);
    b->src = NULL;
    b->nsrc = b->next = b->active = 0;
    spawn_cancel(b->one);
    b->one = NULL;
    strv_free(&b->link_args);
    b->phase = PHASE_NONE;
}

static void really_destroy(Builder *b);
static void on_kick(uv_timer_t *t);

static void finish(Builder *b, bool ok, const char *error)
{
    BuildResult *res = &b->res;
    uint64_t now = uv_hrtime();
    res->ok = ok;
    if (!ok && error && !res->first_error[0])
        snprintf(res->first_error, sizeof(res->first_error), "%s", error);
    res->done_ns = b->last_exit_ns ? b->last_exit_ns : now;
    res->ms = (double)(now - b->request_ns) / 1e6;
    res->superseded = b->queued;
    free_build(b);
    b->running = false;
    if (b->queued) {
        /* The one build queued while this one ran starts from the loop; a request made
         * from the callback below joins it. */
        b->queued = false;
        b->kick_pending = true;
        b->request_ns = b->queued_ns;
        uv_timer_start(&b->kick, on_kick, 0, 0);
    }
    BuildResult copy = *res;
    b->in_done = true;
    b->done(&copy, b->ud);
    b->in_done = false;
    if (b->destroyed)
        really_destroy(b);
}

static int cmp_source(const void *x, const void *y)
{
    return strcmp(((const Source *)x)->rel, ((const Source *)y)->rel);
}

static bool skip_dir(Builder *b, const char *abs, const char *name)
{
    if (name[0] == '.')
        return true;
    size_t n = strlen(b->cache_dir);
    return strncmp(abs, b->cache_dir, n) == 0 && (abs[n] == '\0' || abs[n] == '/');
}

/* Every .c under src_dir/rel, recursively (hidden directories and the cache excluded). */
static void scan(Builder *b, const char *rel, Source **v, int *n, int *cap)
{
    char *abs = rel[0] ? str_fmt("%s/%s", b->src_dir, rel) : xstrdup(b->src_dir);
    DIR *d = opendir(abs);
    if (!d) {
        free(abs);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *child_rel = rel[0] ? str_fmt("%s/%s", rel, e->d_name) : xstrdup(e->d_name);
        char *child_abs = str_fmt("%s/%s", abs, e->d_name);
        /* The directory entry knows its type; only links and odd filesystems need a stat
         * (one saved per file: hundreds in a big game, each build). */
        struct stat st = {.st_mode = e->d_type == DT_DIR ? S_IFDIR : S_IFREG};
        bool known = e->d_type == DT_DIR || e->d_type == DT_REG;
        if (known || stat(child_abs, &st) == 0) {
            if (S_ISDIR(st.st_mode) && e->d_type != DT_LNK) {
                if (!skip_dir(b, child_abs, e->d_name))
                    scan(b, child_rel, v, n, cap);
            } else if (S_ISREG(st.st_mode) && str_ends_with(e->d_name, ".c")) {
                if (*n == *cap) {
                    *cap = *cap ? *cap * 2 : 32;
                    *v = realloc(*v, (size_t)*cap * sizeof(Source));
                    if (!*v)
                        abort();
                }
                (*v)[(*n)++] = (Source){.b = b, .rel = xstrdup(child_rel)};
            }
        }
        free(child_rel);
        free(child_abs);
    }
    closedir(d);
    free(abs);
}

static bool has_source(Builder *b, const char *rel)
{
    Source key = {.rel = (char *)rel};
    return bsearch(&key, b->src, (size_t)b->nsrc, sizeof(Source), cmp_source) != NULL;
}

/* Removes objects, depfiles and stamps whose source is gone. */
static void prune(Builder *b, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    size_t root = strlen(b->obj_dir) + 1;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *path = str_fmt("%s/%s", dir, e->d_name);
        struct stat st;
        if (e->d_type == DT_DIR ||
            (e->d_type == DT_UNKNOWN && lstat(path, &st) == 0 && S_ISDIR(st.st_mode))) {
            prune(b, path);
        } else {
            static const char *const suffixes[] = {".o", ".d", ".stamp", ".stamp.new"};
            for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
                if (!str_ends_with(path, suffixes[i]))
                    continue;
                char *rel =
                    str_fmt("%.*s", (int)(strlen(path) - root - strlen(suffixes[i])), path + root);
                if (!has_source(b, rel))
                    unlink(path);
                free(rel);
                break;
            }
        }
        free(path);
    }
    closedir(d);
}

static void compile_argv(Builder *b, Source *s)
{
    Strv *a = &s->argv;
    strv_push_all(a, &b->cc);
    strv_push(a, "-c");
    strv_push(a, "-std=gnu11");
    if (b->release) {
        strv_push(a, "-O2");
        strv_push(a, "-fPIE");
    } else {
        strv_push(a, "-O0");
        strv_push(a, "-g");
        strv_push(a, "-fPIC");
        /* The game's own calls bind inside the library (a game function named like one
         * of libc's or SDL's stays the game's); HOT_EXPORT marks the descriptor. */
        strv_push(a, "-fvisibility=hidden");
        /* gcc at -O0 writes out every static const object and static function, used or
         * not: hot.h's schema tables then land in every file that includes a HOT_STATE
         * header (0.5 MB of relocated data for 204 files, 2.5 ms of every dlopen and
         * dlclose). With this (on at -O1 and up) only the file with HOT_GAME keeps them. */
        if (b->toplevel_reorder)
            strv_push(a, "-ftoplevel-reorder");
    }
    if (b->color && !b->tcc)
        strv_push(a, "-fdiagnostics-color=always");
    char *inc = str_fmt("-I%s", b->include_dir);
    strv_push(a, inc);
    free(inc);
    strv_push_all(a, &b->cflags);
    strv_push(a, b->tcc ? "-MD" : "-MMD"); /* tcc's -MD already leaves out system headers */
    strv_push(a, "-MF");
    strv_push(a, s->dep);
    strv_push(a, "-o");
    strv_push(a, s->obj);
    strv_push(a, s->rel);
}

static void on_compiled(const SpawnResult *r, void *ud)
{
    Source *s = ud;
    Builder *b = s->b;
    s->sp = NULL;
    b->active--;
    note_exit(b, r);
    echo(b, r);
    if (r->exit_status != 0) {
        s->failed = true;
        if (!first_error(b, r->output, s->error, sizeof(s->error)))
            describe_exit(r, s->rel, s->error, sizeof(s->error));
    } else {
        /* Record each input as it was before the compile started; headers the compile
         * found for the first time are stat'ed now and only trusted if older than it. */
        Strv deps = {0};
        if (depfile_read(s->dep, b->src_dir, &deps) == 0) {
            Inputs rec = {0};
            for (int i = 0; i < deps.n; i++) {
                const Input *old = NULL;
                for (int j = 0; j < s->snap.n && !old; j++)
                    if (strcmp(s->snap.v[j].path, deps.v[i]) == 0)
                        old = &s->snap.v[j];
                int64_t mtime = 0, size = 0;
                if (old)
                    inputs_add(&rec, old->path, old->mtime, old->size, old->valid);
                else if (stat_file(deps.v[i], &mtime, &size))
                    inputs_add(&rec, deps.v[i], mtime, size, mtime < s->t0);
                else
                    inputs_add(&rec, deps.v[i], 0, 0, false);
            }
            stamp_write(s->stamp, s->hash, &rec);
            inputs_free(&rec);
        }
        strv_free(&deps);
    }
    inputs_free(&s->snap);
    pump(b);
}

/* Starts the compile of s; false (nothing started) when it should wait a moment: an input
 * saved in the coarse clock's current tick would be recorded invalid and compiled again by
 * the next build. A save a few milliseconds before a build is the rule now that builds start
 * without waiting for a frame, so the compile waits for the next tick (at most RACY_WAITS
 * times a millisecond per build: a file stamped in the future must not stall the build). */
#define RACY_WAITS 10
static bool start_compile(Builder *b, Source *s)
{
    /* Snapshot the inputs the last compile knew of, before the compiler can read them. */
    Inputs old = {0};
    uint64_t h;
    char *src_abs = str_fmt("%s/%s", b->src_dir, s->rel);
    s->t0 = coarse_now();
    int64_t mtime, size;
    if (stat_file(src_abs, &mtime, &size))
        inputs_add(&s->snap, src_abs, mtime, size, mtime_trusted(src_abs, mtime, s->t0));
    if (stamp_read(s->stamp, &h, &old) == 0)
        for (int i = 0; i < old.n; i++)
            if (strcmp(old.v[i].path, src_abs) != 0 && stat_file(old.v[i].path, &mtime, &size))
                inputs_add(&s->snap, old.v[i].path, mtime, size,
                           mtime_trusted(old.v[i].path, mtime, s->t0));
    inputs_free(&old);
    free(src_abs);
    bool racy = false;
    for (int i = 0; i < s->snap.n; i++)
        racy |= !s->snap.v[i].valid;
    if (racy && b->racy_waits < RACY_WAITS) {
        b->racy_waits++;
        inputs_free(&s->snap);
        return false;
    }
    unlink(s->stamp); /* an interrupted compile must not leave a stamp behind */

    b->res.compiled++;
    char err[512];
    SpawnOptions opt = {.argv = (const char *const *)s->argv.v, .cwd = b->src_dir,
                        .nice = b->nice};
    s->sp = spawn_start(b->loop, &opt, on_compiled, s, err, sizeof(err));
    if (!s->sp) {
        s->failed = true;
        snprintf(s->error, sizeof(s->error), "%s", err);
        inputs_free(&s->snap);
        return true;
    }
    b->active++;
    return true;
}

static void on_racy_wait(uv_timer_t *t)
{
    pump(t->data);
}

static void pump(Builder *b)
{
    while (b->active < b->jobs && b->next < b->nsrc) {
        Source *s = &b->src[b->next];
        if (s->stale && !start_compile(b, s)) {
            /* The kick timer is idle while a build runs: it brings us back in 1 ms. */
            uv_timer_start(&b->kick, on_racy_wait, 1, 0);
            return;
        }
        b->next++;
    }
    if (b->active > 0 || b->next < b->nsrc)
        return;
    if (b->last_exit_ns > b->phase_ns)
        b->res.compile_ms = (double)(b->last_exit_ns - b->phase_ns) / 1e6;
    for (int i = 0; i < b->nsrc; i++)
        if (b->src[i].failed) {
            finish(b, false, b->src[i].error);
            return;
        }
    start_link(b);
}

/* ---- link and probe ------------------------------------------------------------------ */

/* True when the link can skip the compiler driver: every extra link flag means the same
 * to ld (-l, -L, -Wl,) and no compile flag needs the driver's own link steps (LTO plugins,
 * another target, sanitizer runtimes, profiling). */
static bool ld_can_link(const Builder *b)
{
    if (!b->ld || b->release || b->tcc || !b->libgcc)
        return false;
    for (int i = 0; i < b->ldflags.n; i++) {
        const char *f = b->ldflags.v[i];
        if (strncmp(f, "-l", 2) != 0 && strncmp(f, "-L", 2) != 0 && strncmp(f, "-Wl,", 4) != 0)
            return false;
    }
    static const char *const driver_flags[] = {"-flto",     "-m32",       "-mx32",
                                               "-m16",      "-fsanitize", "--coverage",
                                               "-fprofile", "-pg",        "-fopenmp"};
    for (int i = 0; i < b->cflags.n; i++)
        for (size_t k = 0; k < sizeof(driver_flags) / sizeof(driver_flags[0]); k++)
            if (strncmp(b->cflags.v[i], driver_flags[k], strlen(driver_flags[k])) == 0)
                return false;
    return true;
}

/* The link command. A game library is linked without the default libraries: the host has
 * libc and libm loaded (in its global scope, where the game's calls resolve at dlopen; the
 * probe loads libm the same way), and skipping their linker scripts and symbol tables makes
 * the link several times faster (ld.bfd: 20-25 ms with them, 9 with libm alone, 4 without).
 * libgcc supplies the compiler's helper functions (popcount, 128-bit division). A develop
 * build runs ld itself rather than the compiler driver: the driver and collect2 are two more
 * programs to start for each link, a third of a small game's link time. tcc links itself,
 * faster than ld (3 times with a big game's debug information), but writes no GNU_STACK
 * header, which makes the loader give the process an executable stack (or, with newer
 * glibc, refuse the library): add_gnu_stack adds it after the link. */
static void link_argv(Builder *b, Strv *a)
{
    bool use_ld = ld_can_link(b);
    if (use_ld) {
        strv_push(a, b->ld);
        strv_push(a, "-shared");
        strv_push(a, "-z");
        strv_push(a, "noexecstack");
        strv_push(a, "--eh-frame-hdr"); /* as the driver does: unwinders find the tables */
    } else {
        strv_push_all(a, &b->cc);
        if (!b->release) {
            strv_push(a, "-shared");
            strv_push(a, "-nostdlib");
            if (!b->tcc)
                strv_push(a, "-Wl,-z,noexecstack");
        }
    }
    strv_push(a, "-o");
    strv_push(a, b->out_new);
    for (int i = 0; i < b->nsrc; i++)
        strv_push(a, b->src[i].obj);
    for (int i = 0; i < b->ldflags.n; i++) {
        const char *f = b->ldflags.v[i];
        if (use_ld && strncmp(f, "-Wl,", 4) == 0) {
            /* The driver's -Wl,a,b is ld's a b. */
            char *copy = xstrdup(f + 4), *save = NULL;
            for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save))
                strv_push(a, t);
            free(copy);
        } else {
            strv_push(a, f);
        }
    }
    if (b->release) {
        strv_push_all(a, &b->exe_link_args);
        return;
    }
    if (b->tcc && b->libtcc1)
        strv_push(a, b->libtcc1);
    if (!b->tcc)
        strv_push(a, use_ld ? b->libgcc : "-lgcc");
}

/* The link stamp: the link command's hash, each object and the output as linked. */
static void link_inputs(Builder *b, Inputs *in)
{
    for (int i = 0; i < b->nsrc; i++) {
        int64_t mtime = 0, size = 0;
        bool ok = stat_file(b->src[i].obj, &mtime, &size);
        inputs_add(in, b->src[i].obj, mtime, size, ok);
    }
    int64_t mtime = 0, size = 0;
    bool ok = stat_file(b->out, &mtime, &size);
    inputs_add(in, b->out, mtime, size, ok);
}

static void link_succeeded(Builder *b)
{
    Inputs in = {0};
    link_inputs(b, &in);
    stamp_write(b->link_stamp, b->link_hash, &in);
    inputs_free(&in);
    finish(b, true, NULL);
}

/* True unless the library certainly runs none of its own code when it is opened or
 * closed: no constructors or destructors (DT_INIT, DT_FINI and their arrays), no ifunc
 * resolvers (IRELATIVE relocations, STT_GNU_IFUNC symbols) and no needed libraries (theirs
 * could run). The probe exists to run such code outside the host; a library without any is
 * checked in this process instead (check_here), which saves starting a process per build
 * (1-2 ms of every reload). Anything unexpected in the file counts as code. */
static bool runs_code_when_loaded(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || (size_t)st.st_size < sizeof(Elf64_Ehdr)) {
        if (fd >= 0)
            close(fd);
        return true;
    }
    size_t size = (size_t)st.st_size;
    const unsigned char *m = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (m == MAP_FAILED)
        return true;
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)m;
    unsigned irelative = eh->e_machine == EM_X86_64    ? R_X86_64_IRELATIVE
                         : eh->e_machine == EM_AARCH64 ? R_AARCH64_IRELATIVE
                                                       : 0;
    bool runs = memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 ||
                eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB ||
                eh->e_type != ET_DYN || !irelative || eh->e_shentsize != sizeof(Elf64_Shdr) ||
                eh->e_shnum == 0 || eh->e_shoff > size ||
                (size - eh->e_shoff) / sizeof(Elf64_Shdr) < eh->e_shnum;
    int dynamic = 0;
    for (unsigned i = 0; !runs && i < eh->e_shnum; i++) {
        const Elf64_Shdr *sh = (const Elf64_Shdr *)(m + eh->e_shoff) + i;
        if (sh->sh_type == SHT_NOBITS || sh->sh_offset > size ||
            sh->sh_size > size - sh->sh_offset)
            continue;
        const unsigned char *p = m + sh->sh_offset;
        if (sh->sh_type == SHT_DYNAMIC) {
            dynamic++;
            for (size_t k = 0; k + sizeof(Elf64_Dyn) <= sh->sh_size; k += sizeof(Elf64_Dyn)) {
                const Elf64_Dyn *d = (const Elf64_Dyn *)(p + k);
                if (d->d_tag == DT_NULL)
                    break;
                if (d->d_tag == DT_INIT || d->d_tag == DT_FINI || d->d_tag == DT_NEEDED ||
                    d->d_tag == DT_PREINIT_ARRAY ||
                    ((d->d_tag == DT_INIT_ARRAYSZ || d->d_tag == DT_FINI_ARRAYSZ) &&
                     d->d_un.d_val))
                    runs = true;
            }
        } else if (sh->sh_type == SHT_RELA || sh->sh_type == SHT_REL) {
            size_t step = sh->sh_type == SHT_RELA ? sizeof(Elf64_Rela) : sizeof(Elf64_Rel);
            for (size_t k = 0; k + step <= sh->sh_size && !runs; k += step)
                runs = ELF64_R_TYPE(((const Elf64_Rel *)(p + k))->r_info) == irelative;
        } else if (sh->sh_type == SHT_DYNSYM) {
            for (size_t k = 0; k + sizeof(Elf64_Sym) <= sh->sh_size && !runs;
                 k += sizeof(Elf64_Sym))
                runs = ELF64_ST_TYPE(((const Elf64_Sym *)(p + k))->st_info) == STT_GNU_IFUNC;
        }
    }
    munmap((void *)m, size);
    return runs || dynamic != 1;
}

/* The probe's checks without its process, for a library that runs no code of its own when
 * opened or closed (nothing of it can crash or hang here): it loads with every symbol
 * resolved and its descriptor is one this hotrun runs. The same sentences as the probe's. */
static void check_here(Builder *b)
{
    uint64_t t0 = uv_hrtime();
    char msg[512] = "";
    dlerror();
    void *h = dlopen(b->out, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        loader_dlerror_sentence(b->out, b->out, dlerror(), msg, sizeof(msg));
    } else {
        const HotGame *g = dlsym(h, HOT_GAME_SYMBOL);
        if (!g)
            snprintf(msg, sizeof(msg), "%s has no %s descriptor: did you forget HOT_GAME(...)?",
                     b->out, HOT_GAME_SYMBOL);
        else
            loader_check_descriptor(g, msg, sizeof(msg));
        dlclose(h);
    }
    b->res.probe_ms = (double)(uv_hrtime() - t0) / 1e6;
    if (msg[0])
        finish(b, false, msg);
    else
        link_succeeded(b);
}

/* Gives a library tcc linked a PT_GNU_STACK header (read and write, no execute): a copy of
 * the program headers with it appended at the end of the file, where the ELF header then
 * points. glibc's loader reads program headers wherever they are (it keeps a copy of those
 * outside the loaded segments). 0, or -1 when the file is not what tcc writes. */
static int add_gnu_stack(const char *path)
{
    int fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return -1;
    Elf64_Ehdr eh;
    Elf64_Phdr ph[64];
    struct stat st;
    int rc = -1;
    if (pread(fd, &eh, sizeof(eh), 0) != (ssize_t)sizeof(eh) || fstat(fd, &st) != 0 ||
        memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 || eh.e_ident[EI_CLASS] != ELFCLASS64 ||
        eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phnum == 0 || eh.e_phnum >= 64)
        goto out;
    size_t size = eh.e_phnum * sizeof(Elf64_Phdr);
    if (pread(fd, ph, size, (off_t)eh.e_phoff) != (ssize_t)size)
        goto out;
    for (int i = 0; i < eh.e_phnum; i++)
        if (ph[i].p_type == PT_GNU_STACK) {
            rc = 0; /* already there */
            goto out;
        }
    ph[eh.e_phnum] = (Elf64_Phdr){.p_type = PT_GNU_STACK, .p_flags = PF_R | PF_W, .p_align = 16};
    off_t at = (st.st_size + 7) & ~(off_t)7;
    size += sizeof(Elf64_Phdr);
    eh.e_phoff = (Elf64_Off)at;
    eh.e_phnum++;
    if (pwrite(fd, ph, size, at) == (ssize_t)size &&
        pwrite(fd, &eh, sizeof(eh), 0) == (ssize_t)sizeof(eh))
        rc = 0;
out:
    close(fd);
    return rc;
}

static void on_linked(const SpawnResult *r, void *ud)
{
    Builder *b = ud;
    b->one = NULL;
    note_exit(b, r);
    echo(b, r);
    b->res.link_ms = (double)(r->end_ns - r->start_ns) / 1e6;
    if (r->exit_status != 0) {
        char msg[512];
        if (!first_error(b, r->output, msg, sizeof(msg)))
            describe_exit(r, "the linker", msg, sizeof(msg));
        unlink(b->out_new);
        finish(b, false, msg);
        return;
    }
    if (b->tcc && !b->release && add_gnu_stack(b->out_new) < 0) {
        char msg[512];
        snprintf(msg, sizeof(msg), "cannot give %s a non-executable stack header", b->out_new);
        unlink(b->out_new);
        finish(b, false, msg);
        return;
    }
    /* Linked under a temporary name and renamed: the library is never half-written. The old
     * one is removed first: over an existing file, ext4 (auto_da_alloc) starts writing the
     * new one to disk before the rename, 4 ms for a big game's library. */
    unlink(b->out);
    if (rename(b->out_new, b->out) != 0) {
        char msg[512];
        snprintf(msg, sizeof(msg), "cannot rename the linked file to %s: %s", b->out,
                 strerror(errno));
        finish(b, false, msg);
        return;
    }
    if (!b->probe || b->release)
        link_succeeded(b);
    else if (runs_code_when_loaded(b->out))
        start_probe(b, b->out);
    else
        check_here(b);
}

static void start_link(Builder *b)
{
    strv_free(&b->link_args);
    link_argv(b, &b->link_args);
    b->link_hash = strv_hash(&b->link_args);
    Inputs in = {0};
    bool current =
        b->res.compiled == 0 && stamp_current(b->link_stamp, b->link_hash, &in, NULL);
    inputs_free(&in);
    if (current) {
        finish(b, true, NULL); /* nothing changed: the library as it is */
        return;
    }
    unlink(b->link_stamp);
    b->phase = PHASE_LINK;
    char err[512];
    SpawnOptions opt = {.argv = (const char *const *)b->link_args.v, .cwd = b->src_dir,
                        .nice = b->nice};
    b->one = spawn_start(b->loop, &opt, on_linked, b, err, sizeof(err));
    if (!b->one)
        finish(b, false, err);
}

static void on_probed(const SpawnResult *r, void *ud)
{
    Builder *b = ud;
    b->one = NULL;
    note_exit(b, r);
    b->res.probe_ms = (double)(r->end_ns - r->start_ns) / 1e6;
    if (r->exit_status == 0) {
        if (b->phase == PHASE_CUSTOM)
            finish(b, true, NULL);
        else
            link_succeeded(b);
        return;
    }
    char msg[512];
    if (r->timed_out) {
        b->res.probe_crashed = true;
        snprintf(msg, sizeof(msg), "the library's constructor hung for more than %g s",
                 b->probe_budget_s);
    } else if (r->term_signal) {
        b->res.probe_crashed = true;
        const char *sig = sigabbrev_np(r->term_signal);
        snprintf(msg, sizeof(msg), "the library's constructor crashed: SIG%s", sig ? sig : "?");
    } else {
        /* The probe's one sentence: its first line with text. Exit 3: it named the
         * constructor that crashed or hung. */
        b->res.probe_crashed = r->exit_status == 3;
        msg[0] = '\0';
        for (const char *p = r->output; *p && !msg[0];) {
            size_t len = strcspn(p, "\n");
            snprintf(msg, sizeof(msg), "%.*s", (int)(len < sizeof(msg) ? len : sizeof(msg) - 1),
                     p);
            strip_ansi(msg);
            p += len + (p[len] == '\n');
        }
        if (!msg[0])
            describe_exit(r, "the probe", msg, sizeof(msg));
    }
    finish(b, false, msg);
}

static void start_probe(Builder *b, const char *lib)
{
    if (b->phase != PHASE_CUSTOM)
        b->phase = PHASE_PROBE;
    /* The probe's own watchdog names a hanging constructor; the kill is the backstop. */
    char budget[32];
    snprintf(budget, sizeof(budget), "%g", b->probe_budget_s);
    const char *argv[] = {b->probe, lib, budget, NULL};
    SpawnOptions opt = {.argv = argv, .timeout_s = b->probe_budget_s + 1.0, .nice = b->nice};
    char err[512];
    b->one = spawn_start(b->loop, &opt, on_probed, b, err, sizeof(err));
    if (!b->one)
        finish(b, false, err);
}

static void on_custom(const SpawnResult *r, void *ud)
{
    Builder *b = ud;
    b->one = NULL;
    note_exit(b, r);
    echo(b, r);
    b->res.compile_ms = (double)(r->end_ns - r->start_ns) / 1e6;
    char msg[512];
    if (r->exit_status != 0) {
        if (!first_error(b, r->output, msg, sizeof(msg)))
            describe_exit(r, "the build command", msg, sizeof(msg));
        finish(b, false, msg);
        return;
    }
    if (access(b->out, R_OK) != 0) {
        snprintf(msg, sizeof(msg), "the build command did not produce %s", b->out);
        finish(b, false, msg);
        return;
    }
    if (b->probe)
        start_probe(b, b->out);
    else
        finish(b, true, NULL);
}

/* The build's look at the files: every source, its object's stamp and the inputs the stamp
 * lists. Hundreds of files are thousands of system calls (6-9 ms for 204 sources here, some
 * of them waiting for a core while compilers run), so this runs on a libuv pool thread, not
 * on the frame thread. It touches only the file system, the builder's settings (fixed since
 * builder_create) and the build's own fields, which nothing else uses until plan_done. */
static void plan_work(uv_work_t *w)
{
    Builder *b = w->data;
    int cap = 0;
    scan(b, "", &b->src, &b->nsrc, &cap);
    if (b->nsrc == 0)
        return;
    qsort(b->src, (size_t)b->nsrc, sizeof(Source), cmp_source);
    fs_mkdirs(b->obj_dir);
    prune(b, b->obj_dir);
    b->res.objects = b->nsrc;
    StatCache stats = {0};
    for (int i = 0; i < b->nsrc; i++) {
        Source *s = &b->src[i];
        s->obj = str_fmt("%s/%s.o", b->obj_dir, s->rel);
        s->dep = str_fmt("%s/%s.d", b->obj_dir, s->rel);
        s->stamp = str_fmt("%s/%s.stamp", b->obj_dir, s->rel);
        compile_argv(b, s);
        s->hash = strv_hash(&s->argv);
        Inputs in = {0};
        s->stale = !stamp_current(s->stamp, s->hash, &in, &stats) || access(s->obj, F_OK) != 0;
        inputs_free(&in);
        if (s->stale)
            fs_mkdirs_parent(s->obj);
    }
    stat_cache_free(&stats);
}

static void plan_done(uv_work_t *w, int status)
{
    (void)status; /* never cancelled */
    Builder *b = w->data;
    b->planning = false;
    if (b->destroyed) {
        really_destroy(b);
        return;
    }
    if (b->nsrc == 0) {
        char msg[PATH_MAX + 32];
        snprintf(msg, sizeof(msg), "no .c files in %s", b->src_dir);
        finish(b, false, msg);
        return;
    }
    b->phase = PHASE_COMPILE;
    b->phase_ns = uv_hrtime();
    pump(b);
}

static void start_build(Builder *b)
{
    b->res = (BuildResult){0};
    b->racy_waits = 0;
    b->last_exit_ns = 0;
    b->running = true;
    snprintf(b->res.lib, sizeof(b->res.lib), "%s", b->out);
    b->phase_ns = uv_hrtime();

    if (b->custom_command) {
        b->phase = PHASE_CUSTOM;
        const char *argv[] = {"/bin/sh", "-c", b->custom_command, NULL};
        SpawnOptions opt = {.argv = argv, .cwd = b->src_dir, .nice = b->nice};
        char err[512];
        b->one = spawn_start(b->loop, &opt, on_custom, b, err, sizeof(err));
        if (!b->one)
            finish(b, false, err);
        return;
    }
    b->planning = true;
    b->plan.data = b;
    int rc = uv_queue_work(b->loop, &b->plan, plan_work, plan_done);
    if (rc != 0) {
        b->planning = false;
        finish(b, false, uv_strerror(rc));
    }
}

static void on_kick(uv_timer_t *t)
{
    Builder *b = t->data;
    b->kick_pending = false;
    start_build(b);
}

/* ---- public -------------------------------------------------------------------------- */

/* tcc names its helper archive in -print-search-dirs ("libtcc1:" then the path). */
static char *tcc_helper_archive(const char *tcc)
{
    const char *argv[] = {tcc, "-print-search-dirs", NULL};
    SpawnOptions opt = {.argv = argv, .timeout_s = 5};
    SpawnResult r;
    char err[256];
    if (spawn_run(&opt, &r, err, sizeof(err)) != 0)
        return NULL;
    char *found = NULL;
    const char *p = strstr(r.output, "libtcc1:");
    if (p && r.exit_status == 0) {
        p += strlen("libtcc1:");
        p += strspn(p, " \t\r\n");
        size_t n = strcspn(p, "\r\n");
        if (n)
            found = str_fmt("%.*s", (int)n, p);
    }
    free((char *)r.output);
    return found;
}

/* Asks the compiler for its helper archive (libgcc.a, or clang's builtins: for a link by ld
 * itself) with gcc's -ftoplevel-reorder on the same command line: gcc (which knows the
 * flag) prints the path alone, clang refuses the flag, and then the question is asked again
 * without it. Sets b->libgcc (NULL: none that exists) and b->toplevel_reorder. */
static void ask_compiler(Builder *b)
{
    for (int with_flag = 1; with_flag >= 0; with_flag--) {
        Strv argv = {0};
        strv_push_all(&argv, &b->cc);
        if (with_flag)
            strv_push(&argv, "-ftoplevel-reorder");
        strv_push(&argv, "-print-libgcc-file-name");
        SpawnOptions opt = {.argv = (const char *const *)argv.v, .timeout_s = 5};
        SpawnResult r;
        char err[256];
        bool answered = false;
        if (spawn_run(&opt, &r, err, sizeof(err)) == 0) {
            size_t n = strcspn(r.output, "\r\n");
            /* One line, a path: anything else (an error about the flag) is a refusal. */
            answered = r.exit_status == 0 && n && r.output[0] == '/' &&
                       strspn(r.output + n, "\r\n") == strlen(r.output + n);
            if (answered) {
                b->libgcc = str_fmt("%.*s", (int)n, r.output);
                if (access(b->libgcc, R_OK) != 0) {
                    free(b->libgcc);
                    b->libgcc = NULL;
                }
            }
            free((char *)r.output);
        }
        strv_free(&argv);
        if (answered) {
            b->toplevel_reorder = with_flag;
            return;
        }
    }
}

Builder *builder_create(uv_loop_t *loop, const BuildConfig *cfg, BuildDone done, void *ud,
                        char *err, size_t errlen)
{
    if (!cfg || !cfg->src_dir || !cfg->cache_dir || !done ||
        (!cfg->custom_command && !cfg->include_dir)) {
        snprintf(err, errlen, "The build is missing its source, cache or include directory.");
        return NULL;
    }
    if (cfg->custom_command && !cfg->custom_lib) {
        snprintf(err, errlen, "A custom build command needs the library it produces (--lib).");
        return NULL;
    }
    struct stat st;
    if (stat(cfg->src_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "%s is not a directory.", cfg->src_dir);
        return NULL;
    }
    Builder *b = calloc(1, sizeof(*b));
    if (!b) {
        snprintf(err, errlen, "Out of memory.");
        return NULL;
    }
    b->loop = loop;
    b->done = done;
    b->ud = ud;
    b->src_dir = xstrdup(cfg->src_dir);
    b->cache_dir = xstrdup(cfg->cache_dir);
    b->include_dir = cfg->include_dir ? xstrdup(cfg->include_dir) : NULL;
    b->custom_command = cfg->custom_command ? xstrdup(cfg->custom_command) : NULL;
    b->probe = cfg->probe ? xstrdup(cfg->probe) : NULL;
    b->probe_budget_s = cfg->probe_budget_s > 0 ? cfg->probe_budget_s : 2.0;
    b->color = cfg->color;
    b->release = cfg->release;
    b->quiet = cfg->quiet;
    b->jobs = cfg->jobs > 0 ? cfg->jobs : (int)uv_available_parallelism();
    b->nice = cfg->nice;
    strv_push_words(&b->cc, cfg->cc && *cfg->cc ? cfg->cc : "cc");
    if (b->cc.n == 0)
        strv_push(&b->cc, "cc");
    strv_push_list(&b->cflags, cfg->cflags);
    strv_push_list(&b->ldflags, cfg->ldflags);
    strv_push_list(&b->exe_link_args, cfg->exe_link_args);

    /* tcc is recognised by name, the last word of cc (after a wrapper such as ccache). */
    const char *last = b->cc.v[b->cc.n - 1];
    const char *base = strrchr(last, '/') ? strrchr(last, '/') + 1 : last;
    b->tcc = strstr(base, "tcc") != NULL;
    if (!b->custom_command && !b->release) {
        if (b->tcc) {
            b->libtcc1 = tcc_helper_archive(last);
        } else {
            ask_compiler(b);
            char ld[PATH_MAX];
            b->ld = which("ld", ld, sizeof(ld)) == 0 ? xstrdup(ld) : NULL;
        }
    }

    const char *mode = b->release ? "release" : "dev";
    b->obj_dir = str_fmt("%s/%s/obj", b->cache_dir, mode);
    if (b->custom_command)
        b->out = cfg->custom_lib[0] == '/' ? xstrdup(cfg->custom_lib)
                                           : str_fmt("%s/%s", b->src_dir, cfg->custom_lib);
    else if (b->release)
        b->out = cfg->exe_out ? xstrdup(cfg->exe_out) : str_fmt("%s/release/game", b->cache_dir);
    else
        b->out = str_fmt("%s/dev/game.so", b->cache_dir);
    b->out_new = str_fmt("%s.new", b->out);
    b->link_stamp = str_fmt("%s/%s/link.stamp", b->cache_dir, mode);
    if (b->release)
        fs_mkdirs_parent(b->out);

    uv_timer_init(loop, &b->kick);
    b->kick.data = b;
    return b;
}

void builder_request(Builder *b)
{
    if (!b || b->destroyed)
        return;
    uint64_t now = uv_hrtime();
    if (b->kick_pending)
        return; /* the build about to start reads the files as they are then */
    if (b->running) {
        if (!b->queued) {
            b->queued = true;
            b->queued_ns = now;
        }
        return;
    }
    b->kick_pending = true;
    b->request_ns = now;
    uv_timer_start(&b->kick, on_kick, 0, 0);
}

bool builder_idle(const Builder *b)
{
    return !b || (!b->running && !b->kick_pending && !b->queued);
}

static void on_kick_closed(uv_handle_t *h)
{
    Builder *b = h->data;
    strv_free(&b->cc);
    strv_free(&b->cflags);
    strv_free(&b->ldflags);
    strv_free(&b->exe_link_args);
    free(b->src_dir);
    free(b->cache_dir);
    free(b->include_dir);
    free(b->custom_command);
    free(b->probe);
    free(b->libtcc1);
    free(b->libgcc);
    free(b->ld);
    free(b->obj_dir);
    free(b->out);
    free(b->out_new);
    free(b->link_stamp);
    free(b);
}

static void really_destroy(Builder *b)
{
    free_build(b); /* kills what still runs; the children are reaped on the loop */
    b->running = b->queued = false;
    uv_close((uv_handle_t *)&b->kick, on_kick_closed);
}

void builder_destroy(Builder *b)
{
    if (!b || b->destroyed)
        return;
    b->destroyed = true;
    if (!b->in_done && !b->planning)
        really_destroy(b); /* else finish's caller or plan_done does it */
}

typedef struct NowState {
    BuildResult *result;
    bool done;
} NowState;

static void now_done(const BuildResult *r, void *ud)
{
    NowState *st = ud;
    *st->result = *r;
    st->done = true;
}

int builder_build_now(const BuildConfig *cfg, BuildResult *result, char *err, size_t errlen)
{
    *result = (BuildResult){0};
    uv_loop_t loop;
    if (uv_loop_init(&loop) != 0) {
        snprintf(err, errlen, "Cannot start an event loop for the build.");
        return -1;
    }
    NowState st = {result, false};
    Builder *b = builder_create(&loop, cfg, now_done, &st, err, errlen);
    if (b) {
        builder_request(b);
        uv_run(&loop, UV_RUN_DEFAULT);
        builder_destroy(b);
        uv_run(&loop, UV_RUN_DEFAULT);
    }
    uv_loop_close(&loop);
    if (!b)
        return -1;
    if (!st.done) {
        snprintf(err, errlen, "The build did not finish.");
        return -1;
    }
    if (!result->ok) {
        snprintf(err, errlen, "%s", result->first_error);
        return -1;
    }
    return 0;
}
