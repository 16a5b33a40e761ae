/* check.c: one guarded load of a game library (see check.h). glibc runs a library's
 * constructors inside dlopen while holding its loader lock; this runs them under the crash
 * guard, so a constructor that crashes or hangs is named (function, file:line). */
#include "probe/check.h"

#include <dlfcn.h>
#include <gnu/lib-names.h>
#include <limits.h>
#include <stdio.h>
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

void probe_prepare(void)
{
    /* The host has libm in its global scope (it links it, SDL needs it); a game library
     * linked without -lm, or with -nostdlib, relies on that, so give it the same here. */
    dlopen(LIBM_SO, RTLD_NOW | RTLD_GLOBAL);
}

void probe_arm(double budget_s)
{
    guard_watch_by_timer(); /* one thread: no watchdog thread to slow the load down */
    guard_init(budget_s > 0 ? budget_s : 2.0, true);
}

/* "the library's constructor crashed: SIGSEGV (address 0x0) in ctor (a.c:3) of game.so". */
static void fault_sentence(const GuardFault *f, const char *what, char *msg, size_t n)
{
    char err[1024];
    guard_describe(f, err, sizeof(err));
    snprintf(msg, n, "the library's %s %s: %s", what,
             f->exit_call[0] ? "exited" : f->timeout ? "hung" : "crashed", err);
}

int probe_load(const char *lib, void **handle, char *msg, size_t n)
{
    *handle = NULL;
    /* A name without a slash would be searched for in the library path, not here. */
    char path[PATH_MAX];
    snprintf(path, sizeof(path), "%s%s", strchr(lib, '/') ? "" : "./", lib);

    GuardFault fault;
    Load l = {path, NULL};
    if (guard_call(load, &l, &fault) < 0) {
        fault_sentence(&fault, "constructor", msg, n);
        return PROBE_CRASHED;
    }
    if (!l.handle) {
        loader_dlerror_sentence(lib, path, dlerror(), msg, n);
        return PROBE_REFUSED;
    }
    const HotGame *g;
    if (loader_game_of(l.handle, lib, &g, msg, n) < 0)
        return PROBE_REFUSED; /* left open: the process ends without running more of it */
    *handle = l.handle;
    return PROBE_OK;
}

static void unload(void *ctx)
{
    dlclose(ctx);
}

int probe_unload(void *handle, char *msg, size_t n)
{
    GuardFault fault;
    if (guard_call(unload, handle, &fault) < 0) {
        fault_sentence(&fault, "destructor", msg, n);
        return PROBE_CRASHED;
    }
    return PROBE_OK;
}

int probe_check(const char *lib, char *msg, size_t n)
{
    void *handle;
    int code = probe_load(lib, &handle, msg, n);
    /* Runs the destructors too: the host runs them when it closes this generation. */
    return code == PROBE_OK ? probe_unload(handle, msg, n) : code;
}
