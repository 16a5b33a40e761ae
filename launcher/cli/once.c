/* once.c: hotrun --once, the CI smoke test: build headless, load, run frames, and halfway
 * one full round trip of the state through an image and a fresh copy of the library. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/modes.h"
#include "core/events.h"
#include "dev/guard.h"
#include "core/host.h"
#include "dev/loader.h"

/* True when a library file of this path is still mapped into the process. */
static bool still_mapped(const char *path)
{
    FILE *maps = fopen("/proc/self/maps", "r");
    char line[PATH_MAX + 128];
    bool found = false;
    while (maps && fgets(line, sizeof(line), maps))
        found = found || strstr(line, path) != NULL;
    if (maps)
        fclose(maps);
    return found;
}

/* encode -> close -> open a fresh copy -> decode -> encode; the images must match. */
static int round_trip(Host *h, Loader *loader, GameLib *lib, const char *built, char *err,
                      size_t errlen)
{
    StateImage a = {0}, b = {0};
    int rc = host_encode(h, &a);
    if (rc < 0) {
        snprintf(err, errlen, "encoding the state failed: %s", state_strerror(rc));
        goto out;
    }
    char old_path[PATH_MAX];
    snprintf(old_path, sizeof(old_path), "%s", lib->path);
    state_free(h->state);
    h->state = NULL;
    loader_close(loader, lib);
    if (still_mapped(old_path)) {
        snprintf(err, errlen, "the old library %s is still mapped after dlclose", old_path);
        rc = -1;
        goto out;
    }
    if (loader_open(loader, built, lib, err, errlen) < 0) {
        rc = -1;
        goto out;
    }
    h->game = lib->game;
    h->gen = lib->gen;
    h->state = state_alloc(h->game->state);
    StateReport report;
    rc = h->state ? state_decode(h->game->state, &a, h->state, &report) : STATE_ENOMEM;
    if (rc == 0)
        rc = host_encode(h, &b);
    if (rc < 0) {
        snprintf(err, errlen, "decoding the state into the fresh library failed: %s",
                 state_strerror(rc));
        goto out;
    }
    if (a.size != b.size || memcmp(a.data, b.data, a.size) != 0) {
        snprintf(err, errlen,
                 "the state changed in the round trip (%zu bytes before, %zu after): a field "
                 "does not survive encode/decode",
                 a.size, b.size);
        rc = -1;
        goto out;
    }
    fprintf(stderr, "hotrun: round trip of %zu bytes of state through gen %u: identical\n",
            a.size, lib->gen);
out:
    state_image_free(&a);
    state_image_free(&b);
    return rc < 0 ? -1 : 0;
}

int once_main(const Options *opt)
{
    static Host host; /* static: the guard may jump while frames reference it */
    Host *h = &host;
    char err[1024];
    BuildConfig cfg;
    BuildStore store;
    BuildResult r;
    GameLib lib = {0};
    Loader *loader = NULL;
    int status = 1;

    if (dev_build_config(opt, false, &cfg, &store, err, sizeof(err)) < 0) {
        fprintf(stderr, "hotrun: %s\n", err);
        dev_build_store_free(&store);
        return 1;
    }
    if (events_open(opt->events) < 0) {
        fprintf(stderr, "hotrun: cannot write events to %s: %s\n", opt->events,
                strerror(errno));
        goto out_store;
    }
    memset(&r, 0, sizeof(r));
    if (builder_build_now(&cfg, &r, err, sizeof(err)) < 0 && !r.first_error[0])
        snprintf(r.first_error, sizeof(r.first_error), "%s", err);
    dev_emit_build(&r);
    if (!r.ok) {
        dev_report_build(&r);
        goto out_events;
    }
    int grc = guard_init(opt->budget_s, !opt->no_guard);
    if (grc < 0) {
        fprintf(stderr, "hotrun: cannot install the crash guard: %s (try --no-guard)\n",
                strerror(-grc));
        goto out_events;
    }
    loader = loader_create(err, sizeof(err));
    if (!loader || loader_open(loader, r.lib, &lib, err, sizeof(err)) < 0) {
        fprintf(stderr, "hotrun: %s\n", err);
        goto out_loader;
    }
    HostHooks hooks = {.call = dev_guarded_call};
    Options first = *opt, second = *opt;
    first.frames = opt->frames / 2;
    second.frames = opt->frames - first.frames;
    if (host_init(h, &first, &hooks, err, sizeof(err)) < 0 ||
        host_start(h, lib.game, lib.gen, err, sizeof(err)) < 0) {
        fprintf(stderr, "hotrun: %s\n", err);
        goto out_host;
    }
    if (host_run(h) != 0) /* e.g. a bad --press: already said */
        goto out_host;
    if (!h->faults && round_trip(h, loader, &lib, r.lib, err, sizeof(err)) < 0) {
        fprintf(stderr, "hotrun: swap round trip failed: %s\n", err);
        goto out_host;
    }
    h->opt = &second;
    if (!h->faults && host_run(h) != 0)
        goto out_host;
    if (h->faults) {
        fprintf(stderr, "hotrun: --once failed: the game faulted (see above)\n");
        goto out_host;
    }
    status = 0;
out_host:
    h->exit_status = status;
    h->opt = opt;
    status = host_finish(h); /* --state-out may still fail */
    if (status == 0)
        fprintf(stderr, "hotrun: --once passed: %llu frames, %d objects, swap round trip ok\n",
                (unsigned long long)h->frame, r.objects);
out_loader:
    if (lib.handle)
        loader_close(loader, &lib);
    loader_destroy(loader);
    guard_shutdown();
out_events:
    events_close();
out_store:
    dev_build_store_free(&store);
    return status;
}
