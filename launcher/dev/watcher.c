/* watcher.c: the source tree watched through an inotify descriptor of hotrun's own, polled
 * by the libuv loop (uv_poll_t): one watch per directory (inotify is not recursive), names
 * filtered to sources and headers, one "changed" call per save.
 *
 * When a save ends is known, not guessed: a writer closing a file it wrote
 * (IN_CLOSE_WRITE) or a file renamed onto its name (IN_MOVED_TO) ends it, and the call comes
 * at once, with no debounce. libuv's fs events cannot do this (they report neither close).
 * A file written and not closed yet holds the call back, so a file written in pieces builds
 * once, after its writer closed it; a writer that keeps its file open is given up on after
 * OPEN_QUIET_MS without an event. A file that went away (a backup rename, an unlink before
 * a rewrite) waits a short quiet time for its new version. Saves soon after a call are a
 * burst (a save-all, a checkout, a script): they wait a quiet time, so the burst ends in one
 * more build, not several.
 *
 * The tree may move: the root's parent is watched for the root's name, so a removed or
 * renamed root is said once (through WatchConfig.note) and watching resumes when a
 * directory of that name is back. Symbolic links inside the tree are followed: a linked
 * directory is watched where it really is (a link to a directory that contains it is a
 * loop, refused with a sentence), a linked file through a watch on its real directory
 * limited to its real name, so an in-place save of a header outside the tree is seen. */
#include "dev/watcher.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dev/filenames.h"
#include "util/error.h"
#include "util/strings.h"

#define DEFAULT_DEBOUNCE_MS 2
#define BURST_WINDOW_MS 250 /* saves this soon after a call or a save are a burst ... */
#define BURST_QUIET_MS 30   /* ... which ends after this much quiet */
#define GONE_QUIET_MS 30    /* a file went away: its new version usually follows at once */
#define OPEN_QUIET_MS 500   /* a file written and still open: its writer may keep it open */

#define TREE_MASK                                                                              \
    (IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_MODIFY | IN_CLOSE_WRITE |       \
     IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)
#define PARENT_MASK (IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ONLYDIR)

typedef struct Dir {
    int wd;
    char *path;  /* real path */
    char *via;   /* the link in the tree that brought it here, or NULL */
    Strv only;   /* empty: every name that counts; else these names alone (linked files) */
} Dir;

struct Watcher {
    uv_loop_t *loop;
    int fd;
    uv_poll_t poll;
    char **ext; /* NULL-terminated, owned */
    uint64_t debounce_ms;
    WatchChanged changed;
    WatchNote note;
    void *ud;
    char *root, *parent, *base; /* the root as given, its parent and name */
    int parent_wd;
    bool root_gone;
    uint32_t moved_cookie; /* the root left its parent by a rename with this cookie */
    uv_timer_t quiet; /* runs while a change waits for its quiet time */
    uv_check_t settle; /* after the quiet time: reports if this iteration's poll was empty */
    uv_idle_t nowait;  /* active with settle, so that poll does not block before it */
    bool pending;
    bool due;  /* the quiet time passed and no event came since */
    uint64_t first_ns;
    uint64_t last_report_ns; /* when the last change was reported; 0: never */
    uint64_t last_save_ns;   /* when the last whole save (a close, a rename) was read */
    Strv dirty; /* files written and not closed yet */
    Strv saved; /* files whose saves ended since the last call (closed, renamed into place) */
    bool inexact; /* something else changed since the last call: saved is not all of it */
    Strv gone;  /* files that went away since the last call and did not come back */
    Strv loops; /* links already said to be loops */
    Dir **dirs;
    int ndirs, cap;
    int open_handles; /* the watcher is freed when the last one closed */
    bool destroyed;
};

static void say(Watcher *w, const char *fmt, const char *a, const char *b)
{
    if (!w->note)
        return;
    char msg[PATH_MAX * 2 + 256];
    snprintf(msg, sizeof(msg), fmt, a, b ? b : "");
    w->note(w->ud, msg);
}

static bool counts(const Watcher *w, const char *name)
{
    return filenames_counts((const char *const *)w->ext, name);
}

/* True when path is dir or inside it. */
static bool under(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/' ||
                                          (n == 1 && dir[0] == '/'));
}

static void maybe_free(Watcher *w)
{
    if (!w->destroyed || w->open_handles > 0)
        return;
    for (int i = 0; w->ext[i]; i++)
        free(w->ext[i]);
    free(w->ext);
    free(w->dirs);
    free(w->root);
    free(w->parent);
    free(w->base);
    strv_free(&w->dirty);
    strv_free(&w->gone);
    strv_free(&w->saved);
    strv_free(&w->loops);
    if (w->fd >= 0)
        close(w->fd);
    free(w);
}

static void on_handle_closed(uv_handle_t *h)
{
    Watcher *w = h->data;
    w->open_handles--;
    maybe_free(w);
}

static Dir *dir_of_wd(const Watcher *w, int wd)
{
    for (int i = 0; i < w->ndirs; i++)
        if (w->dirs[i]->wd == wd)
            return w->dirs[i];
    return NULL;
}

static int find_dir(const Watcher *w, const char *path)
{
    for (int i = 0; i < w->ndirs; i++)
        if (strcmp(w->dirs[i]->path, path) == 0)
            return i;
    return -1;
}

static void free_dir(Watcher *w, Dir *d, bool unwatch)
{
    /* Another Dir may share the watch (one inode, one wd): only the last one removes it. */
    bool shared = false;
    for (int i = 0; i < w->ndirs; i++)
        shared |= w->dirs[i] != d && w->dirs[i]->wd == d->wd;
    if (unwatch && !shared && d->wd != w->parent_wd)
        inotify_rm_watch(w->fd, d->wd);
    free(d->path);
    free(d->via);
    strv_free(&d->only);
    free(d);
}

/* Stops watching path and every directory under it, and what links in it brought. */
static void release_tree(Watcher *w, const char *path)
{
    for (int i = 0; i < w->ndirs;) {
        Dir *d = w->dirs[i];
        if ((d->only.n == 0 && under(d->path, path)) || (d->via && under(d->via, path))) {
            w->dirs[i] = w->dirs[--w->ndirs];
            free_dir(w, d, true);
            i = 0; /* what d's link brought goes too */
        } else {
            i++;
        }
    }
}

static void on_quiet(uv_timer_t *t);

/* A change that waits ms for quiet (0: the end of the save is known: at once). */
static void schedule(Watcher *w, uint64_t ms)
{
    w->due = false;
    if (!w->pending) {
        w->pending = true;
        w->first_ns = uv_hrtime();
    }
    if (ms == 0) {
        uv_timer_stop(&w->quiet);
        on_quiet(&w->quiet);
    } else {
        uv_timer_start(&w->quiet, on_quiet, ms, 0); /* restarts the quiet time */
    }
}

static void on_nowait(uv_idle_t *h)
{
    (void)h;
}

/* Runs after the poll of the iteration whose timers ended the quiet time: libuv runs due
 * timers before it polls, so when the host runs the loop once per frame, the events of
 * the last frame are only read now; reporting before would split one burst in two. */
static void on_settle(uv_check_t *h)
{
    Watcher *w = h->data;
    uv_check_stop(&w->settle);
    uv_idle_stop(&w->nowait);
    if (!w->due)
        return; /* the poll brought an event: the quiet time started again */
    w->due = false;
    w->pending = false;
    /* Given up on: a writer that keeps its file open, a file that never came back. */
    if (w->dirty.n > 0 || w->gone.n > 0)
        w->inexact = true;
    strv_free(&w->dirty);
    strv_free(&w->gone);
    if (w->root_gone)
        return; /* nothing to build: said when it went, built when it is back */
    w->last_report_ns = uv_hrtime();
    w->changed(w->ud, w->first_ns);
    strv_free(&w->saved);
    w->inexact = false;
}

static void on_quiet(uv_timer_t *t)
{
    Watcher *w = t->data;
    w->due = true;
    uv_check_start(&w->settle, on_settle);
    uv_idle_start(&w->nowait, on_nowait);
}

static int add_tree(Watcher *w, const char *path, const char *via, bool *sources);

/* A symbolic link in the tree (at `link`): its directory watched where it really is, or
 * its file through a watch of its real directory limited to its real name. A dangling link
 * is nothing yet (its creation later is an event of the link's directory). */
static void follow_link(Watcher *w, const char *dir, const char *link, bool *sources)
{
    char real[PATH_MAX], here[PATH_MAX];
    struct stat st;
    if (!realpath(link, real) || stat(real, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        if (realpath(dir, here) && under(here, real)) {
            if (!strv_has(&w->loops, link)) {
                strv_push(&w->loops, link);
                say(w, "%s links to %s, a folder that contains it: not followed (a loop).",
                    link, real);
            }
            return;
        }
        if (find_dir(w, real) < 0)
            (void)add_tree(w, real, link, sources);
        return;
    }
    if (!S_ISREG(st.st_mode))
        return;
    char *slash = strrchr(real, '/');
    *slash = '\0';
    const char *name = slash + 1, *rdir = real[0] ? real : "/";
    int at = find_dir(w, rdir);
    if (at >= 0 && w->dirs[at]->only.n == 0)
        return; /* its directory is watched for it already */
    int wd = inotify_add_watch(w->fd, rdir, TREE_MASK | IN_MASK_ADD);
    if (wd < 0)
        return;
    if (at < 0) {
        Dir *d = xcalloc(1, sizeof(*d));
        d->wd = wd;
        d->path = xstrdup(rdir);
        d->via = xstrdup(link);
        if (w->ndirs == w->cap) {
            w->cap = w->cap ? w->cap * 2 : 16;
            w->dirs = xrealloc(w->dirs, (size_t)w->cap * sizeof(Dir *));
        }
        w->dirs[w->ndirs++] = d;
        at = w->ndirs - 1;
    }
    strv_push_once(&w->dirs[at]->only, name);
    *sources |= counts(w, link);
}

/* Watches path (a real directory) and the directories under it (hidden ones left out: .git
 * and the like), following links. The watch starts before the listing so that nothing made
 * in between is missed. Sets *sources when a file that counts is found. 0, or -errno. */
static int add_tree(Watcher *w, const char *path, const char *via, bool *sources)
{
    if (find_dir(w, path) >= 0)
        return 0;
    int wd = inotify_add_watch(w->fd, path, TREE_MASK);
    if (wd < 0)
        return errno == ENOENT || errno == ENOTDIR ? 0 : -errno; /* gone already */
    Dir *d = xcalloc(1, sizeof(*d));
    d->wd = wd;
    d->path = xstrdup(path);
    d->via = via ? xstrdup(via) : NULL;
    if (w->ndirs == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 16;
        w->dirs = xrealloc(w->dirs, (size_t)w->cap * sizeof(Dir *));
    }
    w->dirs[w->ndirs++] = d;

    DIR *dir = opendir(path);
    if (!dir)
        return 0;
    int result = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        bool link = e->d_type == DT_LNK;
        if (counts(w, e->d_name) && !link) {
            *sources = true;
            continue;
        }
        if (e->d_name[0] == '.' ||
            (e->d_type != DT_DIR && e->d_type != DT_UNKNOWN && !link))
            continue;
        char *child = str_fmt("%s/%s", strcmp(path, "/") ? path : "", e->d_name);
        struct stat st;
        if (lstat(child, &st) == 0 && S_ISLNK(st.st_mode)) {
            follow_link(w, path, child, sources);
        } else if (S_ISDIR(st.st_mode)) {
            int rc = add_tree(w, child, via, sources);
            if (rc != 0 && result == 0)
                result = rc;
        }
        free(child);
    }
    closedir(dir);
    return result;
}

/* The root is back (made again, or renamed back): watched again, and built if it has
 * sources. */
static void root_back(Watcher *w)
{
    struct stat st;
    if (!w->root_gone || stat(w->root, &st) != 0 || !S_ISDIR(st.st_mode))
        return;
    w->root_gone = false;
    w->inexact = true;
    bool sources = false;
    char real[PATH_MAX];
    (void)add_tree(w, realpath(w->root, real) ? real : w->root, NULL, &sources);
    say(w, "%s is back: watching it again.", w->root, NULL);
    if (sources)
        schedule(w, w->debounce_ms > BURST_QUIET_MS ? w->debounce_ms : BURST_QUIET_MS);
}

static void root_left(Watcher *w, const char *sentence, const char *to)
{
    if (w->root_gone)
        return;
    w->root_gone = true;
    w->inexact = true;
    for (int i = 0; i < w->ndirs; i++)
        free_dir(w, w->dirs[i], true);
    w->ndirs = 0;
    strv_free(&w->dirty);
    strv_free(&w->gone);
    say(w, sentence, w->root, to);
}

/* An event of the root's parent: only the root's name matters. */
static void parent_event(Watcher *w, const struct inotify_event *ev)
{
    if (!ev->len || strcmp(ev->name, w->base) != 0) {
        if ((ev->mask & IN_MOVED_TO) && w->moved_cookie && ev->cookie == w->moved_cookie) {
            char *to = str_fmt("%s/%s", w->parent, ev->name);
            w->moved_cookie = 0;
            root_left(w, "%s was renamed to %s: the game goes on with the code it has, "
                         "nothing is watched until the old name is back; restart hotrun on "
                         "the new name to follow it.",
                      to);
            free(to);
        }
        return;
    }
    if (ev->mask & (IN_CREATE | IN_MOVED_TO)) {
        root_back(w);
    } else if (ev->mask & IN_MOVED_FROM) {
        /* Renamed within the parent: the new name comes with the same cookie, in this
         * read (else it was moved out of the parent: see on_readable). */
        w->moved_cookie = ev->cookie;
    } else if (ev->mask & IN_DELETE) {
        root_left(w, "%s was removed: the game goes on with the code it has, and watching "
                     "resumes when it is back.%s",
                  NULL);
    }
}

/* What one event of a watched directory means for the next call. */
static void dir_event(Watcher *w, Dir *d, const struct inotify_event *ev, bool *complete,
                      bool *changed)
{
    /* The root's going is its parent's event; a subdirectory's, its parent directory's. */
    if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF))
        return;
    if (!ev->len)
        return;
    const char *name = ev->name;
    char *path = str_fmt("%s/%s", d->path, name);
    if (d->only.n > 0) {
        if (!strv_has(&d->only, name)) {
            free(path);
            return;
        }
    } else if (ev->mask & IN_ISDIR) {
        if (name[0] != '.') {
            if (ev->mask & (IN_CREATE | IN_MOVED_TO)) {
                bool sources = false;
                add_tree(w, path, d->via, &sources);
                /* Files made in it before its watch started gave no event of their own
                 * (mkdir -p a/b && echo > a/b/x.c): finding one is the change, after a
                 * quiet time (one of them may still be being written). */
                *changed |= sources;
                w->inexact |= sources;
            } else if (ev->mask & (IN_DELETE | IN_MOVED_FROM)) {
                release_tree(w, path);
                *changed = w->inexact = true;
            }
        }
        free(path);
        return;
    } else {
        struct stat st;
        if ((ev->mask & (IN_CREATE | IN_MOVED_TO)) && name[0] != '.' && lstat(path, &st) == 0 &&
            S_ISLNK(st.st_mode)) {
            bool sources = false;
            follow_link(w, d->path, path, &sources);
            if (sources || counts(w, name))
                *complete = *changed = w->inexact = true;
            free(path);
            return;
        }
        if (ev->mask & (IN_DELETE | IN_MOVED_FROM))
            release_tree(w, path); /* a link to a directory, say */
        if (!counts(w, name)) {
            free(path);
            return;
        }
    }
    *changed = true;
    if (d->via || d->only.n > 0)
        w->inexact = true; /* the tree names it by its link, not by this path */
    if (ev->mask & (IN_MODIFY | IN_CREATE)) {
        strv_push_once(&w->dirty, path); /* written: the close ends it */
        strv_remove(&w->gone, path);
    } else if (ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) {
        strv_remove(&w->dirty, path);
        strv_remove(&w->gone, path);
        strv_push_once(&w->saved, path);
        *complete = true;
    } else if (ev->mask & (IN_DELETE | IN_MOVED_FROM)) {
        strv_remove(&w->dirty, path);
        strv_push_once(&w->gone, path);
    }
    free(path);
}

static void on_readable(uv_poll_t *h, int status, int events)
{
    (void)events;
    Watcher *w = h->data;
    if (status < 0)
        return;
    _Alignas(struct inotify_event) char buf[16384];
    bool complete = false, changed = false;
    for (;;) {
        ssize_t n = read(w->fd, buf, sizeof(buf));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        for (char *p = buf; p < buf + n;) {
            const struct inotify_event *ev = (const struct inotify_event *)p;
            p += sizeof(*ev) + ev->len;
            if (ev->mask & IN_Q_OVERFLOW) {
                /* Events were lost: build what is there. */
                complete = changed = w->inexact = true;
                continue;
            }
            Dir *d = dir_of_wd(w, ev->wd);
            if (ev->wd == w->parent_wd && w->parent_wd >= 0) {
                parent_event(w, ev);
                if (ev->mask & IN_IGNORED)
                    w->parent_wd = -1; /* the parent itself went */
                if (!d || (ev->mask & IN_IGNORED))
                    continue; /* else the parent holds a linked file too */
            }
            if (ev->mask & IN_IGNORED) {
                for (int i = 0; i < w->ndirs; i++)
                    if (w->dirs[i]->wd == ev->wd) {
                        Dir *gone = w->dirs[i];
                        w->dirs[i--] = w->dirs[--w->ndirs];
                        free_dir(w, gone, false);
                    }
                continue;
            }
            /* One inode watched twice (a tree directory that a link's file lives in) shares
             * one wd: the first Dir of it stands for both. */
            if (d)
                dir_event(w, d, ev, &complete, &changed);
        }
    }
    if (w->moved_cookie) {
        /* The rename's other half did not come in this read: moved out of the parent. */
        w->moved_cookie = 0;
        root_left(w, "%s was moved away: the game goes on with the code it has, and watching "
                     "resumes when it is back.%s",
                  NULL);
    }
    if (!changed || w->root_gone)
        return;
    uint64_t quiet = 0;
    uint64_t burst = w->debounce_ms > BURST_QUIET_MS ? w->debounce_ms : BURST_QUIET_MS;
    if (w->dirty.n > 0)
        quiet = w->debounce_ms > OPEN_QUIET_MS ? w->debounce_ms : OPEN_QUIET_MS;
    else if (w->gone.n > 0 || !complete) /* a file gone, a directory come or gone */
        quiet = w->debounce_ms > GONE_QUIET_MS ? w->debounce_ms : GONE_QUIET_MS;
    else if ((w->last_report_ns &&
              uv_hrtime() - w->last_report_ns < BURST_WINDOW_MS * 1000000ull) ||
             (w->last_save_ns &&
              uv_hrtime() - w->last_save_ns < BURST_WINDOW_MS * 1000000ull))
        quiet = burst;
    if (complete)
        w->last_save_ns = uv_hrtime();
    schedule(w, quiet);
}

Watcher *watcher_create(uv_loop_t *loop, const WatchConfig *cfg, WatchChanged changed, void *ud,
                        char *err, size_t errlen)
{
    struct stat st;
    if (!cfg || !cfg->dir || !changed) {
        snprintf(err, errlen, "the watcher needs a directory and a callback");
        return NULL;
    }
    char real[PATH_MAX];
    if (stat(cfg->dir, &st) != 0 || !S_ISDIR(st.st_mode) || !realpath(cfg->dir, real)) {
        snprintf(err, errlen, "%s is not a directory", cfg->dir);
        return NULL;
    }
    int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "cannot watch %s: %s", cfg->dir, strerror(errno));
        return NULL;
    }
    Watcher *w = xcalloc(1, sizeof(*w));
    w->fd = fd;
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
    w->note = cfg->note;
    w->ud = ud;
    double ms = cfg->debounce_ms > 0 ? cfg->debounce_ms : DEFAULT_DEBOUNCE_MS;
    w->debounce_ms = (uint64_t)ms + ((double)(uint64_t)ms < ms);
    w->root = xstrdup(real);
    char *slash = strrchr(w->root, '/');
    w->parent = slash == w->root ? xstrdup("/") : str_fmt("%.*s", (int)(slash - w->root), w->root);
    w->base = xstrdup(slash + 1);
    w->parent_wd = w->base[0] ? inotify_add_watch(fd, w->parent, PARENT_MASK) : -1;
    uv_timer_init(loop, &w->quiet);
    uv_check_init(loop, &w->settle);
    uv_idle_init(loop, &w->nowait);
    uv_poll_init(loop, &w->poll, fd);
    w->quiet.data = w->settle.data = w->nowait.data = w->poll.data = w;
    w->open_handles = 4;
    uv_poll_start(&w->poll, UV_READABLE, on_readable);

    bool sources = false;
    int rc = add_tree(w, w->root, NULL, &sources);
    if (rc != 0) {
        if (rc == -ENOSPC)
            snprintf(err, errlen,
                     "cannot watch every directory of %s: the inotify limit is reached "
                     "(raise fs.inotify.max_user_watches)",
                     cfg->dir);
        else
            snprintf(err, errlen, "cannot watch %s: %s", cfg->dir, strerror(-rc));
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
        free_dir(w, w->dirs[i], false);
    w->ndirs = 0;
    uv_close((uv_handle_t *)&w->poll, on_handle_closed);
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

const Strv *watcher_saved(const Watcher *w)
{
    return w && !w->inexact ? &w->saved : NULL;
}
