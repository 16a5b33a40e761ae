/* probe.c: hotrun-probe LIB loads a freshly built game library in a throwaway process.
 *
 * glibc runs a library's constructors while holding its loader lock; a constructor that
 * crashes or hangs inside the host would leave that lock held and every later dlopen from
 * another thread blocked. So the builder runs this probe after each link, and the host only
 * opens libraries the probe loaded cleanly. The load runs under the crash guard, so a
 * constructor that crashes or hangs is named (function, file:line) before the probe exits.
 * Usage: hotrun-probe LIB [BUDGET_SECONDS]. Exit status: 0 loaded and checked; 2 refused
 * (one sentence on stderr); 3 a constructor crashed, hung or called exit (one sentence on
 * stderr; the probe's exit is its own, dev/exit_trap.c). */
#include <dlfcn.h>
#include <gnu/lib-names.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dev/guard.h"
#include "dev/loader.h"

typedef struct Load {
    const char *path;
    void *handle;
} Load;

static void load(void *ctx)
{
    Load *l = ctx;
    l->handle = dlopen(l->path, RTLD_NOW | RTLD_LOCAL);
}

int main(int argc, char **argv)
{
    if (argc != 2 && argc != 3) {
        fprintf(stderr, "usage: hotrun-probe LIB [BUDGET_SECONDS]\n");
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
    GuardFault fault;
    Load l = {path, NULL};
    guard_init(argc == 3 ? atof(argv[2]) : 2.0, true);
    if (guard_call(load, &l, &fault) < 0) {
        guard_describe(&fault, err, sizeof(err));
        fprintf(stderr, "the library's constructor %s: %s\n",
                fault.exit_call[0] ? "exited" : fault.timeout ? "hung" : "crashed", err);
        return 3;
    }
    void *handle = l.handle;
    if (!handle) {
        loader_dlerror_sentence(lib, path, dlerror(), err, sizeof(err));
        fprintf(stderr, "%s\n", err);
        return 2;
    }
    const HotGame *g;
    if (loader_game_of(handle, lib, &g, err, sizeof(err)) < 0) {
        fprintf(stderr, "%s\n", err);
        return 2;
    }
    /* Runs the destructors too: the host runs them when it closes this generation. */
    dlclose(handle);
    return 0;
}
