/* watcher.h: libuv fs events on every directory of the game's source tree, filtered to
 * sources and headers and debounced into one "changed" call per burst of saves. */
#ifndef HOTRUN_WATCHER_H
#define HOTRUN_WATCHER_H

#include <stdbool.h>
#include <stdint.h>

#include <uv.h>

typedef struct WatchConfig {
    const char *dir;                /* absolute root */
    const char *const *extensions;  /* NULL-terminated, e.g. {".c", ".h", NULL}; NULL: those */
    double debounce_ms;             /* quiet time after the last event */
} WatchConfig;

typedef struct Watcher Watcher;
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

#endif
