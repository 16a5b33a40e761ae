/* loader.h: opens each generation of the game library under its own name, checks its
 * descriptor, and really closes the old one. */
#ifndef HOTRUN_LOADER_H
#define HOTRUN_LOADER_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "hot.h"

typedef struct Loader Loader;

/* One open generation. */
typedef struct GameLib {
    void *handle;         /* from dlopen; NULL when closed */
    const HotGame *game;  /* the descriptor, inside the library */
    unsigned gen;         /* 1, 2, 3... */
    char path[PATH_MAX];  /* the private copy that was opened */
} GameLib;

/* Makes the private 0700 directory for library copies, and removes the directories that
 * hotrun processes which no longer run left behind. NULL and a sentence on failure. */
Loader *loader_create(char *err, size_t errlen);
/* Removes the private directory and anything left in it. NULL is fine. */
void loader_destroy(Loader *l);
const char *loader_dir(const Loader *l);

/* Copies `built` to the next generation's unique name, dlopens it (RTLD_NOW|RTLD_LOCAL),
 * finds and checks the descriptor. On failure nothing stays open or copied, `out` is
 * untouched and err has one sentence; returns 0 or -1. */
int loader_open(Loader *l, const char *built, GameLib *out, char *err, size_t errlen);
/* loader_open for a library that is never written in place, only replaced by a rename (the
 * builder's own): the generation's file is a hard link to it when both are on one file
 * system (loader_dir's: the builder links there in develop mode), else a copy. */
int loader_adopt(Loader *l, const char *built, GameLib *out, char *err, size_t errlen);
/* dlcloses the library and removes its copy; lib is zeroed. */
void loader_close(Loader *l, GameLib *lib);

/* Checks a descriptor found in a library: ABI, sizes, required fields. 0, or -1 and one
 * sentence (an ABI mismatch says to rebuild hotrun or the game). Used by the probe too. */
int loader_check_descriptor(const HotGame *g, char *err, size_t errlen);

/* The checked descriptor of an open library (`shown`: its name in the sentence). 0, or -1
 * and one sentence ("... has no hot_game descriptor: did you forget HOT_GAME(...)?", or
 * loader_check_descriptor's). Used by the probe too. */
int loader_game_of(void *handle, const char *shown, const HotGame **out, char *err,
                   size_t errlen);
/* dlopen, descriptor check, dlclose, in this process: for a library that runs no code of
 * its own when opened or closed. 0, or -1 and the probe's sentence. */
int loader_check_library(const char *path, char *err, size_t errlen);

/* Turns a dlopen failure into one sentence: an unresolved symbol, a file that is not a
 * shared library, a missing dependency. `opened` is the path given to dlopen (dlerror
 * starts with it), `shown` the name the user knows the library by. Used by the probe too. */
void loader_dlerror_sentence(const char *shown, const char *opened, const char *dlerr,
                             char *err, size_t errlen);

#endif
