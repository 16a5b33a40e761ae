/* watcher.h: an inotify watch (polled by libuv) on every directory of the game's source
 * tree, filtered to sources and headers, one "changed" call per save: at once when the
 * save's end is known (its writer closed the file, or renamed it into place), after a quiet
 * time when not, one call for a burst of saves. Links in the tree are followed; a removed
 * or renamed tree is said, and watched again when it is back. */
#ifndef HOTRUN_WATCHER_H
#define HOTRUN_WATCHER_H

#include <stdbool.h>
#include <stdint.h>

#include <uv.h>

#include "util/strings.h"

typedef struct Watcher Watcher;
/* One sentence about the tree (removed, renamed, back, a link that loops), to be shown. */
typedef void (*WatchNote)(void *ud, const char *sentence);

typedef struct WatchConfig {
    const char *dir;                /* absolute root */
    const char *const *extensions;  /* NULL-terminated, e.g. {".c", ".h", NULL}; NULL: those */
    double debounce_ms;             /* the least quiet time when a save's end is not known */
    WatchNote note;                 /* may be NULL */
} WatchConfig;

/* first_event_ns: uv_hrtime() of the first event of the burst. */
typedef void (*WatchChanged)(void *ud, uint64_t first_event_ns);

Watcher *watcher_create(uv_loop_t *loop, const WatchConfig *cfg, WatchChanged changed,
                        void *ud, char *err, size_t errlen);
/* Closes every handle; the loop must run once more to finish. NULL is fine. */
void watcher_destroy(Watcher *w);
/* Directories watched now. */
int watcher_dir_count(const Watcher *w);
/* True while a burst of changes is waiting for its quiet time: a change call will follow. */
bool watcher_pending(const Watcher *w);
/* Inside the change call: the files (real absolute paths) whose saves it reports, when
 * that is all that changed since the last call; NULL when the watcher cannot say (a
 * directory or link came or went, a file went away or was given up on while open, events
 * were lost, the tree came back). Borrowed; valid until the call returns. */
const Strv *watcher_saved(const Watcher *w);

#endif
