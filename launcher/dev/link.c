/* link.c: a build's link and what follows it: the stack header and the game's own
 * bindings (tcc), the probe of a library that runs code when loaded (before it takes its
 * place), the rename into place (settle.c), the in-process check of one that runs none. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dev/builder_impl.h"
#include "dev/elf.h"
#include "dev/loader.h"
#include "dev/prober.h"
#include "dev/spawn.h"
#include "dev/stamp.h"
#include "dev/toolchain.h"

static void placed(Builder *b, bool probed);

/* The link stamp waits for builder_settle (settle.c), and for tcc's trailing compile. */
static void link_succeeded(Builder *b)
{
    if (!one_run_defers_link_stamp(b))
        builder_keep_link(b);
    builder_finish(b, true, NULL);
}
static void on_probed(const ProbeAnswer *a, void *ud)
{
    Builder *b = ud;
    if (a->end_ns > b->last_exit_ns)
        b->last_exit_ns = a->end_ns;
    b->res.probe_ms = (double)(a->end_ns - a->start_ns) / 1e6;
    b->res.probe_ticket = a->ticket;
    if (a->ok) {
        if (b->custom_command)
            builder_finish(b, true, NULL);
        else
            placed(b, true);
        return;
    }
    if (!b->custom_command)
        unlink(b->out_new);
    b->res.probe_crashed = a->crashed;
    builder_finish(b, false, a->error);
}

void builder_start_probe(Builder *b, const char *lib)
{
    b->state = BUILD_PROBING;
    /* The probe's own watchdog names a hanging constructor; the server's kill is the
     * backstop, and the prober's after that. */
    if (prober_probe(b->prober, lib, b->probe_budget_s, b->probe_dtors_later, on_probed, b) < 0)
        builder_finish(b, false, "the probe is still busy with the last build");
}

int builder_probe_dtors(Builder *b, unsigned long ticket, double wait_s, char *msg, size_t n)
{
    return prober_dtors(b ? b->prober : NULL, ticket, wait_s, msg, n);
}

void builder_probe_forget(Builder *b, unsigned long ticket)
{
    prober_forget(b ? b->prober : NULL, ticket);
}

/* The probe's checks without its process, for a library that runs no code of its own when
 * opened or closed (nothing of it can crash or hang here). */
static void check_here(Builder *b)
{
    uint64_t t0 = uv_hrtime();
    char msg[512];
    int rc = loader_check_library(b->lib, msg, sizeof(msg));
    b->res.probe_ms = (double)(uv_hrtime() - t0) / 1e6;
    if (rc < 0)
        builder_finish(b, false, msg);
    else
        link_succeeded(b);
}

static void on_linked(const SpawnResult *r, void *ud)
{
    Builder *b = ud;
    b->one = NULL;
    builder_note_exit(b, r);
    builder_echo(b, r);
    /* From when the link was asked for, as a link run by hand is timed: its command and
     * its process start count, not only the linker's run. */
    b->res.link_ms = (double)(r->end_ns - b->link_asked_ns) / 1e6;
    b->res.trace.link_asked_ns = b->link_asked_ns;
    b->res.trace.link_started_ns = r->start_ns;
    char msg[512];
    if (r->exit_status != 0) {
        builder_child_error(b, r, "the linker", msg, sizeof(msg));
        unlink(b->out_new);
        builder_finish(b, false, msg);
        return;
    }
    builder_linked(b);
}

/* The library is at out_new: its stack header and own bindings (tcc), renamed into place,
 * probed or checked. */
void builder_linked(Builder *b)
{
    char msg[512];
    if (b->tc.tcc && !b->tc.release && elf_add_gnu_stack(b->out_new) < 0) {
        snprintf(msg, sizeof(msg), "cannot give %s a non-executable stack header", b->out_new);
        unlink(b->out_new);
        builder_finish(b, false, msg);
        return;
    }
    /* tcc's calls and references between the game's files bound in the library (elf.c):
     * no lookups through the host's libraries at each open, no host symbol in their place.
     * A file elf.c does not know keeps tcc's relocations (and -Bsymbolic's DT_SYMBOLIC). */
    if (b->tc.tcc && !b->tc.release)
        elf_bind_locally(b->out_new);
    /* A constructor runs in the probe before the library takes its place: the place
     * may be named by a good build the host loads at its next frame. */
    if (b->prober && elf_runs_code_when_loaded(b->out_new))
        builder_start_probe(b, b->out_new);
    else
        placed(b, false);
}

/* The library, linked or probed, takes its place: renamed from out_new. */
static void placed(Builder *b, bool probed)
{
    char msg[512];
    /* Linked under a temporary name and renamed: the library is never half-written (nor
     * written in place: the loader may link it). Staged, on a tmpfs, a rename over the last
     * one costs nothing. */
    if (builder_place_library(b) != 0) {
        snprintf(msg, sizeof(msg), "cannot rename the linked file to %s: %s", b->lib,
                 strerror(errno));
        unlink(b->out_new);
        builder_finish(b, false, msg);
        return;
    }
    snprintf(b->res.lib, sizeof(b->res.lib), "%s", b->lib);
    if (!b->prober || probed)
        link_succeeded(b);
    else if (b->staged)
        link_succeeded(b); /* the loader's open is the check */
    else
        check_here(b);
}

uint64_t builder_link_hash(const Builder *b, char *const *objs, int n)
{
    Strv argv = {0};
    toolchain_link_argv(&b->tc, b->out, objs, n, &argv);
    uint64_t h = toolchain_argv_hash(&argv);
    strv_free(&argv);
    return h;
}

void builder_start_link(Builder *b)
{
    b->link_asked_ns = uv_hrtime();
    char **objs = xmalloc(sizeof(char *) * (size_t)b->nsrc);
    for (int i = 0; i < b->nsrc; i++)
        objs[i] = b->src[i].obj;
    strv_free(&b->link_args);
    toolchain_link_argv(&b->tc, b->out_new, objs, b->nsrc, &b->link_args);
    b->link_hash = builder_link_hash(b, objs, b->nsrc);
    free(objs);
    Inputs in = {0};
    bool current =
        b->res.compiled == 0 && stamp_current(b->link_stamp, b->link_hash, &in, NULL);
    inputs_free(&in);
    if (current) {
        builder_finish(b, true, NULL); /* nothing changed: the library as it is */
        return;
    }
    unlink(b->link_stamp);
    b->state = BUILD_LINKING;
    char err[512];
    SpawnOptions opt = {.argv = (const char *const *)b->link_args.v, .cwd = b->src_dir,
                        .nice = b->nice, .timeout_s = b->timeout_s};
    b->one = spawn_start(b->loop, &opt, on_linked, b, err, sizeof(err));
    if (!b->one) {
        builder_finish(b, false, err);
        return;
    }
    builder_record_unrecorded(b);
}
