/* pkgs.h: the third-party libraries a game names by pkg-config (--pkg NAME): their compile
 * and link flags for the game's builds, and keeping them loaded in hotrun for the whole run
 * so their own internal state (allocators, registries, error slots) survives every swap. */
#ifndef HOTRUN_DEV_PKGS_H
#define HOTRUN_DEV_PKGS_H

#include "util/error.h"

/* What pkg-config says for a set of libraries; both strings malloc'ed, "" when none. */
typedef struct PkgFlags {
    char *cflags; /* pkg-config --cflags */
    char *libs;   /* pkg-config --libs */
} PkgFlags;

/* Asks pkg-config about names[0..count). 0, or a negative ERR_* with one sentence naming
 * the library pkg-config does not know (and how to make it known). */
int pkgs_query(const char *const *names, int count, PkgFlags *out, Err *err);
void pkgs_free(PkgFlags *f);

/* dlopens every -lNAME of libs (found in its -L folders or the loader's path) RTLD_NOW |
 * RTLD_GLOBAL | RTLD_NODELETE, before any game library: never unloaded, so a game library
 * closed at a swap never takes the library's state with it. The C library's own parts
 * (libc, libm, libpthread, libdl, librt) are skipped: hotrun has them. Returns how many it
 * loaded, or a negative ERR_* with one sentence for the first it could not load. */
int pkgs_keep_loaded(const char *libs, Err *err);

#endif
