/* once.c: hotrun --once, the CI smoke test: build headless, load, run frames, and halfway
 * one full round trip of the state through an image and a fresh copy of the library. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/modes.h"
#include "cli/session.h"
#include "core/events.h"
#include "core/host.h"
#include "core/swap.h"
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

/* The round trip's close step: the old library must really be gone afterwards. */
typedef struct RoundTrip {
    Loader *loader;
    GameLib *lib;
    bool still_mapped;
    char old_path[PATH_MAX];
} RoundTrip;

static void close_for_round_trip(void *ud)
{
    RoundTrip *rt = ud;
    snprintf(rt->old_path, sizeof(rt->old_path), "%s", rt->lib->path);
    loader_close(rt->loader, rt->lib);
    rt->still_mapped = still_mapped(rt->old_path);
}

/* The swap protocol without the game's hooks, to a fresh copy of the same library: the
 * image that comes out of the new copy must equal the one that went in. */
static int round_trip(Host *h, Loader *loader, GameLib *lib, const char *built, char *err,
                      size_t errlen)
{
    StateImage a = {0}, b = {0};
    GameLib next;
    if (loader_open(loader, built, &next, err, errlen) < 0)
        return -1;
    RoundTrip rt = {.loader = loader, .lib = lib};
    SwapRequest rq = {.next = next.game, .gen = next.gen, .close_old = close_for_round_trip,
                      .ud = &rt, .hooks = false, .carried = &a};
    StateReport report;
    SwapTimes times;
    Err e = {0};
    int rc = swap_run(h, &rq, &report, &times, &e);
    if (host_game(h) == next.game)
        *lib = next;
    else
        loader_close(loader, &next); /* refused before anything changed */
    if (rc < 0) {
        snprintf(err, errlen, "%s", err_text(&e, rc));
        goto out;
    }
    if (rt.still_mapped) {
        snprintf(err, errlen, "the old library %s is still mapped after dlclose", rt.old_path);
        rc = -1;
        goto out;
    }
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
    Session s;
    char err[1024];
    int status = 1;
    if (session_open(&s, opt) < 0) {
        session_close(&s);
        return 1;
    }
    long first = opt->frames / 2, second = opt->frames - first;
    Host *h;
    if (session_start_host(&s, opt, &h) < 0) {
        if (!h) {
            session_close(&s);
            return 1;
        }
        goto out;
    }
    if (host_run_frames(h, first) != 0) /* e.g. a bad --press: already said */
        goto out;
    if (!host_faults(h) &&
        round_trip(h, s.loader, &s.lib, s.build.lib, err, sizeof(err)) < 0) {
        fprintf(stderr, "hotrun: swap round trip failed: %s\n", err);
        goto out;
    }
    if (!host_faults(h) && host_run_frames(h, second) != 0)
        goto out;
    if (host_faults(h)) {
        fprintf(stderr, "hotrun: --once failed: the game faulted (see above)\n");
        goto out;
    }
    status = 0;
out:
    host_set_exit_status(h, status);
    status = host_finish(h); /* --state-out may still fail */
    if (status == 0)
        fprintf(stderr, "hotrun: --once passed: %llu frames, %d objects, swap round trip ok\n",
                (unsigned long long)host_frames(h), s.build.objects);
    host_destroy(h);
    session_close(&s);
    return status;
}
