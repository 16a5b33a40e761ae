/* test_one_run.c: tcc's one-file edit, compiled and linked in one run, with the real tcc on
 * a real libuv loop, asked for as a known save (early.c) and through the plan: the library
 * has the new code, the file's object compiled after the run serves the next build, depfiles
 * and stamps stay right, errors read as before, a run the plan does not confirm is dropped. */
#include <dlfcn.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dev/builder.h"
#include "testlib.h"

typedef struct Env {
    char root[512], src[600], cache[600];
    BuildConfig cfg;
} Env;

static void put(const Env *e, const char *name, const char *text)
{
    char p[800];
    snprintf(p, sizeof(p), "%s/%s", e->src, name);
    test_write_file(p, text);
}

/* Waits for the coarse clock's next tick: a file written before it is trusted by the
 * builder's stamps, so the compile counts do not depend on where the tick falls. */
static void settle(void)
{
    struct timespec a, b, d = {0, 1000000};
    clock_gettime(CLOCK_REALTIME_COARSE, &a);
    do {
        nanosleep(&d, NULL);
        clock_gettime(CLOCK_REALTIME_COARSE, &b);
    } while (b.tv_sec == a.tv_sec && b.tv_nsec == a.tv_nsec);
    nanosleep(&d, NULL);
    clock_gettime(CLOCK_REALTIME_COARSE, &a);
    do {
        nanosleep(&d, NULL);
        clock_gettime(CLOCK_REALTIME_COARSE, &b);
    } while (b.tv_sec == a.tv_sec && b.tv_nsec == a.tv_nsec);
}

typedef struct T {
    uv_loop_t loop;
    Builder *b;
    int count;
    BuildResult r;
} T;

static void on_done(const BuildResult *r, void *ud)
{
    T *t = ud;
    t->count++;
    t->r = *r;
}

/* One build on the test's builder, asked for knowing the file the save wrote (early.c's
 * compile then starts with the build) or, saved NULL, not; the loop runs until everything
 * it started ended (the compile after the run too), and the builder is idle then. */
static BuildResult build(T *t, const Env *e, const char *saved)
{
    int before = t->count;
    if (saved) {
        char abs[800];
        snprintf(abs, sizeof(abs), "%s/%s", e->src, saved);
        Strv v = {0};
        strv_push(&v, abs);
        builder_request_saved(t->b, &v);
        strv_free(&v);
    } else {
        builder_request(t->b);
    }
    uv_run(&t->loop, UV_RUN_DEFAULT);
    CHECK_EQ_INT(t->count, before + 1);
    CHECK(builder_idle(t->b));
    CHECK(!t->r.superseded);
    return t->r;
}

static long long mtime_ns(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return -1;
    return (long long)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
}

static bool stack_not_executable(const char *lib)
{
    char cmd[800];
    snprintf(cmd, sizeof(cmd), "readelf -lW '%s' | grep GNU_STACK | grep -q ' RW '", lib);
    return system(cmd) == 0;
}

static const char *A_C = "#include \"a.h\"\n#include \"hot.h\"\n"
                        "HOT_EXPORT int fa(void) { return A + %d; }\n";

/* The cases, with the edits asked for as a save of the file (early) or not (the plan's). */
static void run_cases(Env *e, bool early)
{
    T t = {0};
    CHECK(uv_loop_init(&t.loop) == 0);
    Err err;
    t.b = builder_create(&t.loop, &e->cfg, on_done, &t, &err);
    CHECK(t.b != NULL);
    char a_obj[800], text[300];
    snprintf(a_obj, sizeof(a_obj), "%s/dev/obj/a.c.o", e->cache);

    put(e, "a.h", "#define A 1\n");
    snprintf(text, sizeof(text), A_C, 0);
    put(e, "a.c", text);
    put(e, "b.c", "#include \"hot.h\"\nHOT_EXPORT int fb(void) { return 10; }\n");
    put(e, "c.c", "#include \"hot.h\"\nHOT_EXPORT int fc(void) { return 100; }\n");
    settle();
    BuildResult r = build(&t, e, NULL);
    CHECK(r.ok);
    CHECK_EQ_INT(r.compiled, 3);
    CHECK(!r.one_run); /* three files: compiled side by side, then linked */

    /* One file edited: one run; the library has the new code and its stack header. */
    snprintf(text, sizeof(text), A_C, 1);
    put(e, "a.c", text);
    settle();
    r = build(&t, e, early ? "a.c" : NULL);
    CHECK(r.ok);
    CHECK(r.one_run);
    CHECK_EQ_INT(r.compiled, 1);
    CHECK(r.link_ms == 0 && r.compile_ms > 0);
    if (early) /* the run started before the plan was done */
        CHECK(r.trace.compile_asked_ns > 0 && r.trace.compile_asked_ns < r.trace.planned_ns);
    CHECK_EQ_INT(test_call_in(r.lib, "fa"), 2);
    CHECK_EQ_INT(test_call_in(r.lib, "fb"), 10);
    CHECK(stack_not_executable(r.lib));

    /* Its object was compiled after the run, with its stamp, and the link stamp holds:
     * nothing is compiled or linked again. */
    long long lib_mtime = mtime_ns(r.lib), obj_mtime = mtime_ns(a_obj);
    r = build(&t, e, NULL);
    CHECK(r.ok);
    CHECK_EQ_INT(r.compiled, 0);
    CHECK(!r.one_run);
    CHECK(mtime_ns(r.lib) == lib_mtime);

    /* Another file edited: a's object from the compile after the run is used as it is. */
    put(e, "b.c", "#include \"hot.h\"\nHOT_EXPORT int fb(void) { return 20; }\n");
    settle();
    r = build(&t, e, early ? "b.c" : NULL);
    CHECK(r.ok && r.one_run);
    CHECK_EQ_INT(r.compiled, 1);
    CHECK(mtime_ns(a_obj) == obj_mtime);
    CHECK_EQ_INT(test_call_in(r.lib, "fa"), 2);
    CHECK_EQ_INT(test_call_in(r.lib, "fb"), 20);

    /* The depfile of that compile: a header edit recompiles its includer (the one file
     * that includes it: one run, early from the header's save too). */
    put(e, "a.h", "#define A 5\n");
    settle();
    r = build(&t, e, early ? "a.h" : NULL);
    CHECK(r.ok && r.one_run);
    CHECK_EQ_INT(r.compiled, 1);
    CHECK_EQ_INT(test_call_in(r.lib, "fa"), 6);

    /* An error: the file's own line, as its compile says it; the old library stays. */
    lib_mtime = mtime_ns(r.lib);
    put(e, "c.c", "/* HOT_GAME */\nint fc(void) { return 1 }\n");
    settle();
    r = build(&t, e, early ? "c.c" : NULL);
    CHECK(!r.ok);
    CHECK(strncmp(r.first_error, "c.c:2:", 6) == 0);
    CHECK(mtime_ns(r.lib) == lib_mtime);
    /* The same error in a file compiled without the schema tables (not compiled again with
     * them: the error names none) reads the same. */
    put(e, "c.c", "int fc(void) { return 1 }\n");
    settle();
    r = build(&t, e, early ? "c.c" : NULL);
    CHECK(!r.ok);
    CHECK(strncmp(r.first_error, "c.c:1:", 6) == 0);
    /* Fixed: one run again. */
    put(e, "c.c", "#include \"hot.h\"\nHOT_EXPORT int fc(void) { return 300; }\n");
    settle();
    r = build(&t, e, early ? "c.c" : NULL);
    CHECK(r.ok && r.one_run);
    CHECK_EQ_INT(test_call_in(r.lib, "fc"), 300);
    CHECK_EQ_INT(test_call_in(r.lib, "fa"), 6);

    /* Two files edited: compiled side by side and linked, as before. A save said to be one
     * file's whose plan finds another stale (a run started early is dropped for that). */
    put(e, "a.h", "#define A 7\n");
    put(e, "b.c", "#include \"a.h\"\n#include \"hot.h\"\nHOT_EXPORT int fb(void) { return A * 10; }\n");
    settle();
    r = build(&t, e, early ? "b.c" : NULL);
    CHECK(r.ok && !r.one_run);
    CHECK_EQ_INT(r.compiled, 2);
    CHECK(r.link_ms > 0);
    CHECK_EQ_INT(test_call_in(r.lib, "fb"), 70);
    CHECK_EQ_INT(test_call_in(r.lib, "fa"), 8);
    /* A new file beside a saved one: the plan's objects are not the run's, which is
     * dropped. */
    put(e, "b.c", "#include \"a.h\"\n#include \"hot.h\"\nHOT_EXPORT int fb(void) { return 1; }\n");
    put(e, "d.c", "#include \"hot.h\"\nHOT_EXPORT int fd(void) { return 4; }\n");
    settle();
    r = build(&t, e, early ? "b.c" : NULL);
    CHECK(r.ok && !r.one_run);
    CHECK_EQ_INT(r.compiled, 2);
    CHECK_EQ_INT(test_call_in(r.lib, "fb"), 1);
    CHECK_EQ_INT(test_call_in(r.lib, "fd"), 4);
    r = build(&t, e, NULL);
    CHECK(r.ok && r.compiled == 0);
    /* A header two files include: both compiled, then linked. */
    put(e, "a.h", "#define A 9\n");
    settle();
    r = build(&t, e, early ? "a.h" : NULL);
    CHECK(r.ok && !r.one_run);
    CHECK_EQ_INT(r.compiled, 2);
    CHECK_EQ_INT(test_call_in(r.lib, "fa"), 10);
    CHECK_EQ_INT(test_call_in(r.lib, "fb"), 1);

    builder_destroy(t.b);
    uv_run(&t.loop, UV_RUN_DEFAULT);
    CHECK_EQ_INT(uv_loop_close(&t.loop), 0);
}

/* With settle_by_host (develop mode) the compile after the run waits for builder_settle,
 * which the host calls after the new code's first frame; without it, 100 ms at the latest. */
static void run_settled_by_host(Env *e)
{
    e->cfg.settle_by_host = true;
    T t = {0};
    CHECK(uv_loop_init(&t.loop) == 0);
    Err err;
    t.b = builder_create(&t.loop, &e->cfg, on_done, &t, &err);
    CHECK(t.b != NULL);
    char a_obj[800], text[300];
    snprintf(a_obj, sizeof(a_obj), "%s/dev/obj/a.c.o", e->cache);
    put(e, "a.h", "#define A 1\n");
    snprintf(text, sizeof(text), A_C, 0);
    put(e, "a.c", text);
    put(e, "b.c", "#include \"hot.h\"\nHOT_EXPORT int fb(void) { return 10; }\n");
    settle();
    BuildResult r = build(&t, e, NULL);
    CHECK(r.ok);

    for (int by_host = 1; by_host >= 0; by_host--) {
        snprintf(text, sizeof(text), A_C, by_host ? 5 : 6);
        put(e, "a.c", text);
        settle();
        long long obj_mtime = mtime_ns(a_obj);
        int before = t.count;
        builder_request(t.b);
        while (t.count == before)
            uv_run(&t.loop, UV_RUN_ONCE);
        CHECK(t.r.ok && t.r.one_run);
        CHECK_EQ_INT(test_call_in(t.r.lib, "fa"), by_host ? 6 : 7);
        /* Reported: the compile after the run has not started, 30 ms later neither. */
        for (int i = 0; i < 30; i++) {
            uv_run(&t.loop, UV_RUN_NOWAIT);
            struct timespec ms = {0, 1000000};
            nanosleep(&ms, NULL);
        }
        CHECK(!builder_idle(t.b));
        CHECK(mtime_ns(a_obj) == obj_mtime);
        if (by_host)
            builder_settle(t.b); /* the host, after the first frame */
        uv_run(&t.loop, UV_RUN_DEFAULT); /* else the timer starts it */
        CHECK(builder_idle(t.b));
        CHECK(mtime_ns(a_obj) != obj_mtime);
        r = build(&t, e, NULL); /* its object and the link stamp serve the next build */
        CHECK(r.ok && r.compiled == 0);
    }
    builder_destroy(t.b);
    uv_run(&t.loop, UV_RUN_DEFAULT);
    CHECK(uv_loop_close(&t.loop) == 0);
}

int main(void)
{
    if (system("tcc -v >/dev/null 2>&1") != 0) {
        fprintf(stderr, "SKIP: tcc not installed\n");
        return 0;
    }
    for (int early = 0; early < 2; early++) {
        fprintf(stderr, "-- %s\n", early ? "saves known (early compiles)" : "the plan first");
        Env e = {0};
        char *root = test_tmpdir();
        snprintf(e.root, sizeof(e.root), "%s", root);
        free(root);
        snprintf(e.src, sizeof(e.src), "%s/src", e.root);
        snprintf(e.cache, sizeof(e.cache), "%s/cache", e.root);
        mkdir(e.src, 0777);
        e.cfg = (BuildConfig){.src_dir = e.src, .cache_dir = e.cache,
                              .include_dir = HOT_SHARED_DIR, .cc = "tcc", .quiet = true};
        run_cases(&e, early);
        if (early)
            run_settled_by_host(&e);
        test_rmtree(e.root);
    }
    return 0;
}
