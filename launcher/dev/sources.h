/* sources.h: the game's .c files, and what the cache keeps of files that are gone. */
#ifndef HOTRUN_DEV_SOURCES_H
#define HOTRUN_DEV_SOURCES_H

#include "util/strings.h"

/* Appends every .c under src_dir, recursively, relative to it and sorted (hidden
 * directories and skip_dir, the cache when it is inside the sources, are left out). */
void sources_scan(const char *src_dir, const char *skip_dir, Strv *out);
/* Removes the objects, depfiles and stamps under obj_dir whose source (relative path, in
 * the sorted list rels) is gone. */
void sources_prune(const char *obj_dir, const Strv *rels);

#endif
