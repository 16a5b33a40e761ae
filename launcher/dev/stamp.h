/* stamp.h: what an object (or the library) was built from, recorded after the build and
 * compared before the next: each input's (mtime, size), and the command's hash.
 *
 * An object is up to date only if every input (its .c and each header its depfile lists)
 * still has the (mtime, size) recorded in its stamp. An input whose mtime is at or after the
 * compile's start (the coarse clock the kernel stamps files with) is recorded as invalid,
 * because a second save in the same clock tick with the same size would not be seen
 * (multigrain timestamps excepted, see stamp_mtime_trusted): the next build compiles it
 * again, so no save is ever lost. */
#ifndef HOTRUN_DEV_STAMP_H
#define HOTRUN_DEV_STAMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One input as recorded in a stamp. */
typedef struct Input {
    char *path;
    int64_t mtime, size;
    bool valid;
} Input;

typedef struct Inputs {
    Input *v;
    int n, cap;
} Inputs;

void inputs_add(Inputs *in, const char *path, int64_t mtime, int64_t size, bool valid);
/* The input of that path, or NULL. */
const Input *inputs_find(const Inputs *in, const char *path);
void inputs_free(Inputs *in);

/* stat's mtime (ns) and size; false when the file cannot be stat'ed. */
bool stat_file(const char *path, int64_t *mtime, int64_t *size);
/* The clock the kernel stamps files with (coarse, ns): a file written after this call gets
 * an mtime at or after its value. */
int64_t stamp_coarse_now(void);
/* Whether an input stat'ed before a compile that starts at coarse time t0 can be trusted by
 * its (mtime, size): a later save must get another mtime. */
bool stamp_mtime_trusted(const char *path, int64_t mtime, int64_t t0);
/* True when path's filesystem stamps with multigrain timestamps (Linux 6.13 or later, and
 * ext4, xfs, btrfs or tmpfs): once a file's times were looked at, its next change gets
 * another mtime, even within one tick of the coarse clock. */
bool stamp_multigrain(const char *path);

/* Appends to snap the source src_abs and the inputs the stamp at stamp_path lists, each as
 * stat'ed now, for a compile starting at coarse time t0. False when one of them cannot be
 * trusted yet (saved in t0's tick: see stamp_mtime_trusted). */
bool inputs_snapshot(Inputs *snap, const char *src_abs, const char *stamp_path, int64_t t0);
/* True when a file of in is gone or differs from its recorded mtime and size. */
bool inputs_changed(const Inputs *in);

/* Writes a stamp (under a temporary name, then renamed). 0, or ERR_IO with errno set. */
int stamp_write(const char *path, uint64_t hash, const Inputs *in);
/* Reads a complete stamp, appending its inputs to in. 0, or ERR_NOTFOUND / ERR_CORRUPT (a
 * stamp cut short by a crash never passes for a complete one). */
int stamp_read(const char *path, uint64_t *hash, Inputs *in);

/* The stats of one look at the tree: the headers most objects share are stat'ed once, not
 * once per object (a big game has hundreds). {0} is an empty cache. */
typedef struct StatCache {
    Input *v; /* path NULL: a free slot; valid: the file exists */
    size_t n, cap;
} StatCache;

/* stat_file through the cache (cache NULL: straight). */
bool stat_cached(StatCache *c, const char *path, int64_t *mtime, int64_t *size);
void stat_cache_free(StatCache *c);

/* True when the stamp at path exists with this hash and lists at least one input, every
 * one of them valid and unchanged. in receives the stamp's inputs (the caller frees them). */
bool stamp_current(const char *path, uint64_t hash, Inputs *in, StatCache *cache);

#endif
