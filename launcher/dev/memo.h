/* memo.h: the stamps one builder wrote or read, kept in memory, so that its plan reads no
 * stamp file it already knows (reading them was 2 of the 3.4 ms a plan of 205 sources took).
 *
 * The plan runs on a pool thread while early compiles (early.c) write and remove stamps on
 * the loop's thread, so every call takes the memo's lock. A stamp the loop's thread removed
 * is remembered as removed: a plan that read the file before cannot bring it back. */
#ifndef HOTRUN_DEV_MEMO_H
#define HOTRUN_DEV_MEMO_H

#include <stdbool.h>
#include <stdint.h>

#include <uv.h>

#include "dev/stamp.h"

typedef struct MemoEntry MemoEntry;

typedef struct Memo {
    uv_mutex_t lock;
    MemoEntry *v; /* open addressing on the path's hash; path NULL: a free slot */
    size_t n, cap;
} Memo;

void memo_init(Memo *m);
void memo_free(Memo *m);

/* The stamp at path was just written with hash and in (copied). */
void memo_written(Memo *m, const char *path, uint64_t hash, const Inputs *in);
/* The stamp at path was removed (or could not be written). */
void memo_removed(Memo *m, const char *path);

/* stamp_current through the memo: the stamp's hash and inputs from memory when it knows
 * them, else read from the file (and kept, unless the stamp was removed meanwhile); each
 * input stat'ed through cache (which may be NULL). */
bool memo_current(Memo *m, const char *path, uint64_t hash, StatCache *cache);
/* True when the memo knows the stamp at path and it lists input (or alt, when not NULL)
 * among the files its object was built from. Nothing is read from disk. */
bool memo_lists(Memo *m, const char *path, const char *input, const char *alt);

#endif
