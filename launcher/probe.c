/* probe.c: hotrun-probe LIB loads a freshly built game library in a throwaway process.
 *
 * glibc runs a library's constructors while holding its loader lock; a constructor that
 * crashes or hangs inside the host would leave that lock held and every later dlopen from
 * another thread blocked. So the builder runs this probe after each link, and the host only
 * opens libraries the probe loaded cleanly. Exit status: 0 loaded and checked; 2 refused
 * (one sentence on stderr); killed by a signal when a constructor or destructor crashed. */
#include <dlfcn.h>
#include <gnu/lib-names.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "loader.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: hotrun-probe LIB\n");
        return 2;
    }
    const char *lib = argv[1];
    /* The host has libm in its global scope (it links it, SDL needs it); a game library
     * linked without -lm, or with -nostdlib, relies on that, so give it the same here. */
    dlopen(LIBM_SO, RTLD_NOW | RTLD_GLOBAL);

    /* A name without a slash would be searched for in the library path, not here. */
    char path[PATH_MAX];
    snprintf(path, sizeof(path), "%s%s", strchr(lib, '/') ? "" : "./", lib);

    char err[1024];
    void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        loader_dlerror_sentence(lib, path, dlerror(), err, sizeof(err));
        fprintf(stderr, "%s\n", err);
        return 2;
    }
    const HotGame *g = dlsym(handle, HOT_GAME_SYMBOL);
    if (!g) {
        fprintf(stderr, "%s has no %s descriptor: did you forget HOT_GAME(...)?\n", lib,
                HOT_GAME_SYMBOL);
        return 2;
    }
    if (loader_check_descriptor(g, err, sizeof(err)) < 0) {
        fprintf(stderr, "%s\n", err);
        return 2;
    }
    /* Runs the destructors too: the host runs them when it closes this generation. */
    dlclose(handle);
    return 0;
}
