/* builder.h: incremental builds of the game as compiler child processes on a libuv loop:
 * plan -> compile -> link -> probe, scheduled by builder.c. */
#ifndef HOTRUN_BUILDER_H
#define HOTRUN_BUILDER_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include <uv.h>

#include "util/error.h"
#include "util/strings.h"

typedef struct BuildConfig {
    const char *src_dir;            /* absolute; every .c under it, recursively */
    const char *cache_dir;          /* absolute; objects, depfiles, stamps, the library */
    const char *include_dir;        /* where hot.h is (-I) */
    const char *cc;                 /* compiler ("cc" when NULL) */
    const char *const *cflags;      /* extra compile flags, NULL-terminated; may be NULL */
    const char *const *ldflags;     /* extra link flags, NULL-terminated; may be NULL */
    int jobs;                       /* compilers at once; <= 0: number of cores */
    int nice;                       /* added to hotrun's niceness for every child */
    bool color;                     /* ask the compiler for coloured diagnostics */
    const char *custom_command;     /* --build: run through /bin/sh instead of compiling */
    const char *custom_lib;         /* --lib: the library the custom command produces */
    const char *probe;              /* hotrun-probe executable; NULL: no probe */
    double probe_budget_s;          /* kill the probe after this long */
    /* The probe answers once the constructors ran, the destructors' verdict to come
     * (builder_probe_dtors; develop mode); else a build waits for both (the library
     * of a build_now is closed with no builder left to ask). */
    bool probe_dtors_later;
    /* The build budget: a compiler, linker or build command running longer is killed and
     * the build fails with a sentence (the next save builds again). 0: none. */
    double build_timeout_s;
    /* Release: -O2, no -fPIC, link an executable at exe_out with exe_link_args after the
     * objects (the host runtime and its libraries). */
    bool release;
    const char *exe_out;
    const char *const *exe_link_args;
    /* Compiler and linker output is echoed to stderr as written (each child's whole output
     * when it exits, so parallel compiles do not interleave), through echo.c's bounded
     * buffer and thread; quiet: not at all (tests). */
    bool quiet;
    /* Where the library is linked and kept for the loader, replaced by a rename only:
     * develop mode gives the loader's private directory (a tmpfs, and the loader's file
     * system, so it links the file instead of copying it). The library there is opened
     * with the same checks by the loader, so the builder makes none in this process (a
     * library with constructors still goes to the probe). The cache keeps a copy for the
     * next start, written by builder_settle. NULL: the library is linked in the cache. */
    const char *stage_dir;
    /* The host calls builder_settle after the new code's first frame (develop mode): what
     * a good build leaves after its done callback waits for it (its sources freed: 0.1 ms
     * at 200 files; tcc's trailing compile started), or for the next request, or 100 ms. */
    bool settle_by_host;
} BuildConfig;

typedef struct BuildResult {
    bool ok;
    bool superseded;          /* inputs changed during the build; a newer one follows */
    int compiled;             /* objects compiled by this build */
    int objects;              /* objects in the library */
    double ms;                /* request to done */
    /* Each phase from when hotrun asked for it (the command made, the process started) to
     * the exit of its last child, as a command run by hand is timed. */
    double compile_ms, link_ms, probe_ms;
    /* tcc compiled the one edited file and linked in one run (one_run.c): compile_ms
     * covers both, link_ms is 0. */
    bool one_run;
    uint64_t done_ns;         /* uv_hrtime() when the last child exited */
    char lib[PATH_MAX];       /* the library (or executable) built */
    char first_error[512];    /* "file:line: message", or what the probe said */
    bool probe_crashed;       /* the probe died loading the library (its constructors) */
    /* The probe whose destructors' verdict builder_probe_dtors gives; 0: nothing to ask. */
    unsigned long probe_ticket;
    /* Where the time between the compiler's and the linker's went (uv_hrtime(); 0: did not
     * happen), for the events' build line: requested, plan done, compile phase started
     * (compile_ms counts from here), first compiler asked for and started, last compile
     * exited, link asked for (link_ms counts from here) and started. */
    struct {
        uint64_t request_ns, planned_ns, compile_phase_ns, compile_asked_ns, compile_started_ns;
        uint64_t compiled_ns, link_asked_ns, link_started_ns;
    } trace;
    /* lib is never written in place, only replaced by a rename (not so a --build
     * command's): the loader may link it instead of copying it (loader_adopt). */
    bool lib_renamed_only;
} BuildResult;

typedef struct Builder Builder;
typedef void (*BuildDone)(const BuildResult *result, void *ud);

/* The config's strings are copied. NULL and a sentence in err on failure (the loop must
 * still run once to release what was made). */
Builder *builder_create(uv_loop_t *loop, const BuildConfig *cfg, BuildDone done, void *ud,
                        Err *err);
/* Starts a build now, or when one runs, queues exactly one more after it: the running one
 * then starts no more compiles, kills those whose inputs changed since they started and a
 * running link, and ends as superseded. */
void builder_request(Builder *b);
/* builder_request knowing what changed: saved (absolute paths, copied) is every file the
 * save wrote and nothing else changed (the watcher's watcher_saved); NULL: not known. The
 * compiles the saves since the build was asked for make due then start at once, beside the
 * build's look at the other files (a build queued behind a running one too). */
void builder_request_saved(Builder *b, const Strv *saved);
/* Does what a good link leaves for later, so that nothing but the swap stands between the
 * linker's exit and the new code: the link stamp (a stat of every object and a file
 * written) and the removal of the library it replaced; with settle_by_host also what the
 * build left (its sources freed, tcc's trailing compile). Call it once the new code ran
 * (its first frame); the next build and builder_destroy do it anyway, first. */
void builder_settle(Builder *b);
/* The verdict of the destructors the probe ran for a build (its probe_ticket), before its
 * library is ever closed: 0 clean (also for ticket 0), -1 they crashed, hung or ended the
 * process (one sentence in msg): keep that library open for good. Waits at most wait_s
 * for a verdict still to come. */
int builder_probe_dtors(Builder *b, unsigned long ticket, double wait_s, char *msg, size_t n);
/* Forgets that verdict (the library was closed, or kept for good). */
void builder_probe_forget(Builder *b, unsigned long ticket);
/* True when no build runs and none is queued. */
bool builder_idle(const Builder *b);
/* Kills running children and closes the handles; the loop must run once more to finish. */
void builder_destroy(Builder *b);

/* Compiles and links synchronously on a private loop (for --once and --static). 0, or a
 * negative ERR_* code with a sentence (a failed build: ERR_BUILD and its first error). */
int builder_build_now(const BuildConfig *cfg, BuildResult *result, Err *err);

#endif
