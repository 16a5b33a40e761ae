/* compdb.h: compile_commands.json, the compile database clangd, ccls and other editors'
 * language servers read: one entry per source with the exact command hotrun ran for it. */
#ifndef HOTRUN_DEV_COMPDB_H
#define HOTRUN_DEV_COMPDB_H

#include "util/error.h"

typedef struct CompdbEntry {
    const char *file;         /* the source, absolute */
    const char *const *argv;  /* the compiler's argv, NULL-terminated; borrowed */
} CompdbEntry;

/* Writes path (through a temporary file and a rename, so an editor never reads half of it)
 * with the entries, each run in directory. A file that already holds exactly this is not
 * touched: editors re-index when it changes. 0 (or 1 when it was written), or a negative
 * ERR_* with one sentence. */
int compdb_write(const char *path, const char *directory, const CompdbEntry *entries,
                 int count, Err *err);

#endif
