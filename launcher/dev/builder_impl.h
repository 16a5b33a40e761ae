/* builder_impl.h: the builder's state, shared by builder.c (the scheduler) and plan.c (its
 * look at the files on a pool thread). Private to the builder. */
#ifndef HOTRUN_DEV_BUILDER_IMPL_H
#define HOTRUN_DEV_BUILDER_IMPL_H

#include "dev/builder.h"
#include "dev/memo.h"
#include "dev/prober.h"
#include "dev/spawn.h"
#include "dev/stamp.h"
#include "dev/toolchain.h"
#include "util/strings.h"

/* Where a build is. A request while one runs queues exactly one more (Builder.queued). */
typedef enum BuildState {
    BUILD_IDLE,      /* no build runs or is due */
    BUILD_KICKED,    /* one starts from the loop's next iteration, never inline */
    BUILD_PLANNING,  /* a pool thread looks at the files (plan_work) */
    BUILD_COMPILING, /* compilers run, `jobs` at a time */
    BUILD_LINKING,
    BUILD_PROBING,   /* the probe server loads the new library in a child of its own */
    BUILD_CUSTOM,    /* the --build command runs (then the probe) */
    BUILD_TRAILING,  /* reported done; the edited file's object still compiles (one_run.c) */
} BuildState;

typedef struct Builder Builder;

typedef struct Source {
    Builder *b;
    char *rel;               /* relative to src_dir, as the compiler is given it */
    char *obj, *dep, *stamp; /* absolute, in the cache */
    Strv argv;               /* the compile command */
    uint64_t hash;           /* of argv: a flags change makes the stamp stale */
    bool stale;
    bool no_tables; /* compiled without hot.h's schema tables (tcc; see tables.h) */
    Spawn *sp;   /* the compiler, while it runs */
    int64_t t0;  /* coarse realtime when the compile started */
    Inputs snap; /* inputs stat'ed just before the compile */
    bool failed;
    bool killed; /* its inputs changed while it ran: killed, the next build compiles it */
    bool unrecorded; /* compiled; its stamp is written once the link started */
    struct Source *twin; /* the early compile (early.c) that compiles this one */
    char error[512];
} Source;

struct Builder {
    uv_loop_t *loop;
    char *src_dir, *cache_dir, *custom_command;
    char *src_real; /* src_dir with its links resolved, as the watcher names files */
    char *obj_dir, *out, *out_new, *out_old, *link_stamp;
    /* The library as linked: out, or stage/game.so (staged; out is then written by
     * builder_settle, through out_tmp). */
    char *lib, *out_tmp;
    bool staged;
    Toolchain tc;
    int jobs, nice;
    bool quiet;
    double probe_budget_s;
    bool probe_dtors_later;
    double timeout_s; /* the build budget of each child (--build-timeout); 0: none */

    BuildDone done;
    void *ud;
    uv_timer_t kick; /* starts a requested build; during a compile, the racy-wait timer */
    uv_work_t plan;
    BuildState state;
    bool queued;    /* one more build after this one */
    bool in_done;   /* inside the done callback: destroy waits for it to return */
    bool destroyed; /* builder_destroy was called; freed when nothing uses it any more */
    uint64_t request_ns, queued_ns;

    /* The build in progress. */
    Source *src;
    int nsrc, next, active;
    Spawn *one; /* the link, the custom command, or tcc's compile and link (one_run.c) */
    /* tcc and one stale file (one_run.c): one tcc run (`one`) compiles run_src and links
     * the library; run_src's object is compiled after the build was reported done. */
    bool one_run;
    Source *run_src;
    char *run_output;  /* the run's output when it failed before the plan was done */
    bool run_failed;   /* ... and its error is in run_src->error */
    Source *trail;     /* run_src, once the run made the library: its object's compile */
    bool trail_ok;     /* ... is done */
    bool link_pending; /* the link stamp waits for it */
    Prober *prober; /* the probe server; NULL: no probe */
    Strv link_args;
    uint64_t link_hash;
    uint64_t link_asked_ns; /* start_link: the link phase starts here */
    uint64_t phase_ns, last_exit_ns;
    int racy_waits; /* compiles put off this build (see start_compile) */
    /* Compiles started with the plan, not after it, of the sources a save wrote (early.c):
     * the plan confirms them and adds what else is stale before the link. */
    Source *early;
    int nearly;
    Strv saved;      /* the files the requested build's save wrote (absolute paths) */
    bool saved_all;  /* saved is all that changed: the build may compile them early */
    Strv known;      /* the sources of the last plan, sorted: the ones compiled early */
    Memo memo;       /* the stamps of the objects, as written or read */
    char plan_error[512];
    BuildResult res;

    /* What the last good link left for builder_settle: the cache's copy (staged), its
     * stamp, with the objects it read (their stats are taken then), and the old library
     * moved aside to out_old. */
    bool settle_pending;
    uint64_t settle_hash;
    Strv settle_objs;
    bool settle_objs_in_src; /* settle_objs are still b->src's objects (not copied yet) */
    /* BuildConfig.settle_by_host: what a good build leaves once reported waits for
     * builder_settle (builder_after_build), pending meanwhile. */
    bool settle_by_host, after_pending;
};

/* The plan (a libuv work callback, on a pool thread; data: the Builder): scans the sources,
 * prunes the cache and fills b->src with each source and whether it is stale. On a failure
 * b->plan_error holds a sentence; no sources: b->nsrc is 0. */
void builder_plan_work(uv_work_t *w);

/* One source's compile (compile.c). builder_start_compile: false when it should wait for
 * the clock's next tick (an input saved in this one), and then nothing was started; its
 * exit comes to builder_compiled (builder.c). builder_record_inputs writes its stamp after
 * a successful compile, builder_record_unrecorded the stamps put off until the link
 * started. builder_kill_changed kills the compiles among v whose inputs changed since they
 * started; true when it did. builder_source_free frees what a Source holds (not the
 * Source) and forgets its compile. */
/* builder_source_init: a source named rel under src_dir, its object, depfile, stamp and
 * command, stale or not by its stamp (stats: the plan's cache, or NULL); with tcc, a stale
 * one that uses no schema table is compiled without them. */
void builder_source_init(Builder *b, Source *s, const char *rel, StatCache *stats);
bool builder_start_compile(Builder *b, Source *s);
/* Starts the compiler of s; false (s failed, with the reason) when it cannot start. */
bool builder_spawn_compile(Builder *b, Source *s);
void builder_compiled(const SpawnResult *r, void *ud);
void builder_record_inputs(Builder *b, Source *s);
void builder_record_unrecorded(Builder *b);
bool builder_kill_changed(Builder *b, Source *v, int n);
void builder_source_free(Source *s);

/* Early compiles (early.c). builder_early_start, before the plan is queued: starts the
 * compiles of b->saved when saved_all and each is a known source that its stamp says is
 * stale; else nothing (the plan finds what to compile). builder_early_merge, when the plan
 * is done: each early compile stands for the plan's source of its name, which is then not
 * compiled again; one of a source the plan no longer has is killed. builder_early_known
 * keeps the plan's sources for the next build. */
void builder_early_start(Builder *b);
void builder_early_merge(Builder *b);
void builder_early_known(Builder *b);

/* builder.c, for its parts. */
void builder_pump(Builder *b); /* starts compiles; after the last one, links or reports */
void builder_end_build(Builder *b); /* idle again, or the queued build starts */
/* Reports the build (ok, or its first error) to the done callback. */
void builder_finish(Builder *b, bool ok, const char *error);
/* What a good build leaves once reported: its sources freed, or the trailing compile. */
void builder_after_build(Builder *b);
void builder_note_exit(Builder *b, const SpawnResult *r); /* the last child's exit time */

/* The link and what follows it (link.c): builder_start_link after the last compile,
 * builder_linked once the library is at out_new (tcc's one run links it itself),
 * builder_start_probe for a library that runs code when loaded (or a custom command's). */
void builder_start_link(Builder *b);
/* The link command's hash for the link stamp, with the library's lasting place (out, in
 * the cache) as its output: a staged link writes into this process's private folder, whose
 * name changes from run to run, and the next start must find the stamp current. */
uint64_t builder_link_hash(const Builder *b, char *const *objs, int n);
void builder_linked(Builder *b);
void builder_start_probe(Builder *b, const char *lib);
void builder_echo(Builder *b, const SpawnResult *r);
void builder_child_error(const Builder *b, const SpawnResult *r, const char *what, char *dst,
                         size_t n);

/* tcc's one-file edit compiled and linked in one run (one_run.c). one_run_early, before an
 * early compile: whether it is one run; one_run_planned, after the plan's merge: confirms
 * it (or falls back to the ordinary compile and link) or decides for the plan's build.
 * one_run_start, in builder_start_compile: true when the run stands for s's compile.
 * one_run_supersede: a newer save; true when nothing is left for kill_superseded.
 * one_run_defers_link_stamp: true when the link stamp waits for the trailing compile.
 * one_run_trail, after the done callback of a BUILD_TRAILING build: starts that compile.
 * one_run_free: forgets the run (free_build). */
void one_run_early(Builder *b);
void one_run_planned(Builder *b);
bool one_run_start(Builder *b, Source *s);
bool one_run_supersede(Builder *b);
bool one_run_defers_link_stamp(Builder *b);
void one_run_trail(Builder *b);
void one_run_free(Builder *b);

/* settle.c: the library put in place after a good link (out, or staged: stage/game.so;
 * 0, or -1 with errno), and the link stamp kept for builder_settle. */
int builder_place_library(Builder *b);
/* Keeps the link stamp's objects by reference to b->src (no copy between the link and the
 * swap: 200 paths); builder_keep_link_objs copies them before the sources are freed. */
void builder_keep_link(Builder *b);
void builder_keep_link_objs(Builder *b);

#endif
