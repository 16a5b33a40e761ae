/* watcher.c: one libuv fs event handle per directory of the source tree (inotify is not
 * recursive, and libuv ignores UV_FS_EVENT_RECURSIVE on Linux), names filtered to sources
 * and headers, and a debounce timer that turns a burst of events into one call.
 *
 * Why a debounce and not one call per event: libuv reports the truncate of an in-place
 * save before the write has finished in most saves, and a temp-file-and-rename save gives
 * several events. Every save pattern ends in events on the final name (a rename's target
 * is reported by its new name), so after the quiet time the tree holds the final content.
 * Idle, nothing runs: no polling, no timer.
 *
 * The quiet time ends only after a poll for I/O found no new event: libuv runs due timers
 * before it polls, so when the host runs the loop once per frame (UV_RUN_NOWAIT, ~16 ms
 * apart), the events of the last frame are still unread when the timer fires, and reporting
 * then would split one burst of saves into a build per frame. */
#include "dev/watcher.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/error.h"
#include "util/strings.h"

#define DEFAULT_DEBOUNCE_MS 8
/* Saves that come soon after a reported change are a burst (a save-all, a checkout, a
 * script): they wait this much longer, so the burst ends in one more build, not several,
 * while a lone save still waits only the debounce. */
#define BURST_WINDOW_MS 250
#define BURST_QUIET_MS 30

typedef struct Dir {
    uv_fs_event_t handle;
    struct Watcher *w;
    char *path;
} Dir;

struct Watcher {
    uv_loop_t *loop;
    char **ext; /* NULL-terminated, owned */
    uint64_t debounce_ms;
    WatchChanged changed;
    void *ud;
    uv_timer_t quiet; /* runs only between the first event of a burst and its end */
    uv_check_t settle; /* after the quiet time: reports if this iteration's poll was empty */
    uv_idle_t nowait;  /* active with settle, so that poll does not block before it */
    bool pending;
    bool due; /* the quiet time passed and no event came since */
    uint64_t first_ns;
    uint64_t last_report_ns; /* when the last change was reported; 0: never */
    Dir **dirs; /* the watched directories, in no order */
    int ndirs, cap;
    int open_handles; /* the watcher is freed when the last one closed */
    bool destroyed;
};

static char *join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (p) {
        memcpy(p, dir, a);
        p[a] = '/';
        memcpy(p + a + 1, name, b + 1);
    }
    return p;
}

/* Editor temp, backup, lock and swap files: never a source, whatever their extension. */
static bool editor_file(const char *name)
{
    static const char *const suffixes[] = {
        "~", "#", ".swp", ".swx", ".swo", ".tmp", ".bak", "___jb_tmp___", "___jb_old___"};
    if (name[0] == '.' || name[0] == '#') /* .#foo.c (emacs), .foo.c.swp, .goutputstream-* */
        return true;
    if (strcmp(name, "4913") == 0) /* vim's probe for a writable directory */
        return true;
    for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
        if (str_ends_with(name, suffixes[i]))
            return true;
    return false;
}

static bool counts(const Watcher *w, const char *name)
{
    if (!name || editor_file(name))
        return false;
    for (int i = 0; w->ext[i]; i++)
        if (str_ends_with(name, w->ext[i]))
            return true;
    return false;
}

static void maybe_free(Watcher *w)
{
    if (!w->destroyed || w->open_handles > 0)
        return;
    for (int i = 0; w->ext[i]; i++)
        free(w->ext[i]);
    free(w->ext);
    free(w->dirs);
    free(w);
}

static void on_dir_closed(uv_handle_t *h)
{
    Dir *d = h->data;
    Watcher *w = d->w;
    free(d->path);
    free(d);
    w->open_handles--;
    maybe_free(w);
}

static void on_handle_closed(uv_handle_t *h)
{
    Watcher *w = h->data;
    w->open_handles--;
    maybe_free(w);
}

static int find_dir(const Watcher *w, const char *path)
{
    for (int i = 0; i < w->ndirs; i++)
        if (strcmp(w->dirs[i]->path, path) == 0)
            return i;
    return -1;
}

/* Stops watching path and every directory under it. */
static void release_tree(Watcher *w, const char *path)
{
    size_t n = strlen(path);
    for (int i = 0; i < w->ndirs;) {
        Dir *d = w->dirs[i];
        if (strncmp(d->path, path, n) == 0 && (d->path[n] == '\0' || d->path[n] == '/')) {
            w->dirs[i] = w->dirs[--w->ndirs];
            uv_close((uv_handle_t *)&d->handle, on_dir_closed);
        } else {
            i++;
        }
    }
}

static void on_quiet(uv_timer_t *t);

static void note_change(Watcher *w)
{
    w->due = false;
    if (!w->pending) {
        w->pending = true;
        w->first_ns = uv_hrtime();
    }
    uint64_t quiet = w->debounce_ms;
    if (w->last_report_ns && uv_hrtime() - w->last_report_ns < BURST_WINDOW_MS * 1000000ull &&
        quiet < BURST_QUIET_MS)
        quiet = BURST_QUIET_MS;
    uv_timer_start(&w->quiet, on_quiet, quiet, 0); /* restarts the quiet time */
}

static void on_nowait(uv_idle_t *h)
{
    (void)h;
}

/* Runs after the poll of the iteration whose timers ended the quiet time. */
static void on_settle(uv_check_t *h)
{
    Watcher *w = h->data;
    uv_check_stop(&w->settle);
    uv_idle_stop(&w->nowait);
    if (!w->due)
        return; /* the poll brought an event: the quiet time started again */
    w->due = false;
    w->pending = false;
    w->last_report_ns = uv_hrtime();
    w->changed(w->ud, w->first_ns);
}

static void on_quiet(uv_timer_t *t)
{
    Watcher *w = t->data;
    w->due = true;
    uv_check_start(&w->settle, on_settle);
    uv_idle_start(&w->nowait, on_nowait);
}

static int add_tree(Watcher *w, const char *path, bool *sources);

static void on_event(uv_fs_event_t *h, const char *filename, int events, int status)
{
    Dir *d = h->data;
    Watcher *w = d->w;
    if (status < 0)
        return;
    bool change = counts(w, filename);
    if (events & UV_RENAME) {
        /* Created, deleted or moved: a directory may have come or gone, this one too. */
        struct stat st;
        if (stat(d->path, &st) != 0 || !S_ISDIR(st.st_mode)) {
            release_tree(w, d->path); /* d is closing: do not touch it below */
            if (change)
                note_change(w);
            return;
        }
        if (filename && filename[0] != '.') {
            char *child = join(d->path, filename);
            if (child && lstat(child, &st) == 0 && S_ISDIR(st.st_mode)) {
                bool sources = false;
                if (find_dir(w, child) < 0)
                    add_tree(w, child, &sources);
                /* Files made in it before its watch started gave no event of their own
                 * (mkdir -p a/b && echo > a/b/x.c): finding one is the change. */
                change |= sources;
            } else if (child) {
                release_tree(w, child);
            }
            free(child);
        }
    }
    if (change)
        note_change(w);
}

/* Watches path and the directories under it (hidden ones left out: .git and the like).
 * The watch starts before the listing so that nothing made in between is missed. Sets
 * *sources when a file that counts is found. 0, or a negative libuv error. */
static int add_tree(Watcher *w, const char *path, bool *sources)
{
    if (find_dir(w, path) >= 0)
        return 0;
    Dir *d = calloc(1, sizeof(*d));
    char *copy = d ? strdup(path) : NULL;
    if (!copy) {
        free(d);
        return UV_ENOMEM;
    }
    d->w = w;
    d->path = copy;
    d->handle.data = d;
    uv_fs_event_init(w->loop, &d->handle);
    w->open_handles++;
    int rc = uv_fs_event_start(&d->handle, on_event, path, 0);
    if (rc == 0 && w->ndirs == w->cap) {
        int cap = w->cap ? w->cap * 2 : 16;
        Dir **dirs = realloc(w->dirs, (size_t)cap * sizeof(Dir *));
        if (dirs) {
            w->dirs = dirs;
            w->cap = cap;
        } else {
            rc = UV_ENOMEM;
        }
    }
    if (rc != 0) {
        uv_close((uv_handle_t *)&d->handle, on_dir_closed);
        return rc;
    }
    w->dirs[w->ndirs++] = d;

    DIR *dir = opendir(path);
    if (!dir)
        return 0; /* gone already: its parent's event releases it */
    int result = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (counts(w, e->d_name)) {
            *sources = true;
            continue;
        }
        if (e->d_name[0] == '.' || (e->d_type != DT_DIR && e->d_type != DT_UNKNOWN))
            continue;
        char *child = join(path, e->d_name);
        struct stat st;
        if (child && lstat(child, &st) == 0 && S_ISDIR(st.st_mode)) {
            int rc2 = add_tree(w, child, sources);
            if (rc2 != 0 && result == 0)
                result = rc2;
        }
        free(child);
    }
    closedir(dir);
    return result;
}

Watcher *watcher_create(uv_loop_t *loop, const WatchConfig *cfg, WatchChanged changed, void *ud,
                        char *err, size_t errlen)
{
    struct stat st;
    if (!cfg || !cfg->dir || !changed) {
        snprintf(err, errlen, "the watcher needs a directory and a callback");
        return NULL;
    }
    if (stat(cfg->dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "%s is not a directory", cfg->dir);
        return NULL;
    }
    Watcher *w = xcalloc(1, sizeof(*w));
    static const char *const defaults[] = {".c", ".h", NULL};
    const char *const *ext = cfg->extensions ? cfg->extensions : defaults;
    int next = 0;
    while (ext[next])
        next++;
    w->ext = xcalloc((size_t)next + 1, sizeof(char *));
    for (int i = 0; i < next; i++)
        w->ext[i] = xstrdup(ext[i]);
    w->loop = loop;
    w->changed = changed;
    w->ud = ud;
    double ms = cfg->debounce_ms > 0 ? cfg->debounce_ms : DEFAULT_DEBOUNCE_MS;
    w->debounce_ms = (uint64_t)ms + ((double)(uint64_t)ms < ms);
    uv_timer_init(loop, &w->quiet);
    uv_check_init(loop, &w->settle);
    uv_idle_init(loop, &w->nowait);
    w->quiet.data = w->settle.data = w->nowait.data = w;
    w->open_handles = 3;

    bool sources = false;
    int rc = add_tree(w, cfg->dir, &sources);
    if (rc != 0) {
        if (rc == UV_ENOSPC)
            snprintf(err, errlen,
                     "cannot watch every directory of %s: the inotify limit is reached "
                     "(raise fs.inotify.max_user_watches)",
                     cfg->dir);
        else
            snprintf(err, errlen, "cannot watch %s: %s", cfg->dir, uv_strerror(rc));
        watcher_destroy(w);
        return NULL;
    }
    return w;
}

void watcher_destroy(Watcher *w)
{
    if (!w || w->destroyed)
        return;
    w->destroyed = true;
    for (int i = 0; i < w->ndirs; i++)
        uv_close((uv_handle_t *)&w->dirs[i]->handle, on_dir_closed);
    w->ndirs = 0;
    uv_close((uv_handle_t *)&w->quiet, on_handle_closed);
    uv_close((uv_handle_t *)&w->settle, on_handle_closed);
    uv_close((uv_handle_t *)&w->nowait, on_handle_closed);
}

int watcher_dir_count(const Watcher *w)
{
    return w ? w->ndirs : 0;
}

bool watcher_pending(const Watcher *w)
{
    return w && w->pending;
}
