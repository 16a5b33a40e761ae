/* test_early.c: the compiles a save's files start before the build's plan (early.c), with
 * the real compiler on a real libuv loop: when they start early and when not, and that
 * the plan still finds everything else (nothing stale is ever linked). */
#include <dlfcn.h>
#include <limits.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dev/builder.h"
#include "testlib.h"

typedef struct T {
    char *root, *src, *cache;
    BuildConfig cfg;
    uv_loop_t loop;
    Builder *b;
    int count;
    BuildResult r[4];
} T;

static void on_done(const BuildResult *r, void *ud)
{
    T *t = ud;
    CHECK(t->count < 4);
    t->r[t->count++] = *r;
}

static char *in(const T *t, const char *name)
{
    static char buf[4][PATH_MAX];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof(buf[k]), "%s/%s", t->src, name);
    return buf[k];
}

static void put(const T *t, const char *name, const char *text)
{
    test_write_file(in(t, name), text);
}

/* Waits until the coarse clock passed every mtime written so far (see test_builder.c's
 * settle): the compile counts then do not depend on where the clock's tick falls. */
static void settle(void)
{
    char marker[PATH_MAX];
    const char *base = getenv("TMPDIR");
    snprintf(marker, sizeof(marker), "%s/hotrun-early-%d", base ? base : "/tmp", (int)getpid());
    test_write_file(marker, "x");
    struct stat st;
    CHECK(stat(marker, &st) == 0);
    unlink(marker);
    int64_t m = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
    for (;;) {
        struct timespec now;
        clock_gettime(CLOCK_REALTIME_COARSE, &now);
        if ((int64_t)now.tv_sec * 1000000000 + now.tv_nsec > m)
            break;
        struct timespec d = {0, 1000000};
        nanosleep(&d, NULL);
    }
}

static T *start(void)
{
    T *t = calloc(1, sizeof(*t));
    t->root = test_tmpdir();
    t->src = malloc(strlen(t->root) + 8);
    sprintf(t->src, "%s/src", t->root);
    t->cache = malloc(strlen(t->root) + 8);
    sprintf(t->cache, "%s/cache", t->root);
    CHECK(mkdir(t->src, 0777) == 0);
    t->cfg.src_dir = t->src;
    t->cfg.cache_dir = t->cache;
    t->cfg.include_dir = HOT_SHARED_DIR;
    t->cfg.cc = getenv("CC") ? getenv("CC") : "cc";
    t->cfg.quiet = true;
    t->cfg.jobs = 2;
    put(t, "common.h", "#define BASE 10\n");
    put(t, "a.c", "#include \"common.h\"\n__attribute__((visibility(\"default\"))) "
                  "int a_value(void) { return BASE + 1; }\n");
    put(t, "b.c", "__attribute__((visibility(\"default\"))) int b_value(void) { return 2; }\n");
    settle();
    CHECK(uv_loop_init(&t->loop) == 0);
    Err err;
    t->b = builder_create(&t->loop, &t->cfg, on_done, t, &err);
    CHECK(t->b != NULL);
    return t;
}

static void end(T *t)
{
    builder_destroy(t->b);
    uv_run(&t->loop, UV_RUN_DEFAULT);
    CHECK_EQ_INT(uv_loop_close(&t->loop), 0);
    test_rmtree(t->root);
    free(t->root);
    free(t->src);
    free(t->cache);
    free(t);
}

/* Requests a build saying the save wrote these files (NULL: a plain request). */
static void request(T *t, const char *const *names)
{
    if (!names) {
        builder_request(t->b);
        return;
    }
    Strv saved = {0};
    for (int i = 0; names[i]; i++)
        strv_push(&saved, in(t, names[i]));
    builder_request_saved(t->b, &saved);
    strv_free(&saved);
}

/* One build; its result. */
static BuildResult build(T *t, const char *const *names)
{
    int before = t->count;
    request(t, names);
    uv_run(&t->loop, UV_RUN_DEFAULT);
    CHECK_EQ_INT(t->count, before + 1);
    CHECK(!t->r[t->count - 1].superseded);
    BuildResult r = t->r[t->count - 1];
    t->count = 0;
    return r;
}

/* True when a compile was asked for before the plan was done. */
static bool early(const BuildResult *r)
{
    return r->trace.compile_asked_ns && r->trace.compile_asked_ns < r->trace.planned_ns;
}

static int64_t mtime_of(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return -1;
    return (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
}

static const char *const A[] = {"a.c", NULL};
static const char *const B[] = {"b.c", NULL};
static const char *const C[] = {"c.c", NULL};
static const char *const H[] = {"common.h", NULL};
static const char *const L[] = {"lonely.h", NULL};

static void test_saved_source_compiles_at_once(void)
{
    T *t = start();
    /* The first build knows no sources yet: the plan first. */
    BuildResult r = build(t, A);
    CHECK(r.ok);
    CHECK_EQ_INT(r.compiled, 2);
    CHECK(!early(&r));

    put(t, "a.c", "#include \"common.h\"\n__attribute__((visibility(\"default\"))) "
                  "int a_value(void) { return BASE + 5; }\n");
    settle();
    r = build(t, A);
    CHECK(r.ok);
    CHECK_EQ_INT(r.compiled, 1);
    CHECK(early(&r));
    CHECK(r.compile_ms > 0);
    CHECK_EQ_INT(test_call_in(r.lib, "a_value"), 15);

    /* Closed without a change: not compiled, not linked again. */
    int64_t linked = mtime_of(r.lib);
    r = build(t, B);
    CHECK(r.ok);
    CHECK_EQ_INT(r.compiled, 0);
    CHECK(mtime_of(r.lib) == linked);

    /* Its stamp was written (after the link started): a plain build has nothing to do. */
    r = build(t, NULL);
    CHECK_EQ_INT(r.compiled, 0);

    /* The same builder knows its stamps from memory (memo.c), but an object removed
     * behind its back is still compiled again. */
    char obj[PATH_MAX];
    snprintf(obj, sizeof(obj), "%s/dev/obj/b.c.o", t->cache);
    CHECK(unlink(obj) == 0);
    r = build(t, NULL);
    CHECK(r.ok);
    CHECK_EQ_INT(r.compiled, 1);
    CHECK_EQ_INT(test_call_in(r.lib, "b_value"), 2);
    end(t);
}

static void test_plan_still_decides(void)
{
    T *t = start();
    CHECK(build(t, NULL).ok);

    /* A header: its includers, as their stamps say, compile at once. */
    put(t, "common.h", "#define BASE 100\n");
    settle();
    BuildResult r = build(t, H);
    CHECK(r.ok);
    CHECK_EQ_INT(r.compiled, 1);
    CHECK(early(&r));
    CHECK_EQ_INT(test_call_in(r.lib, "a_value"), 101);

    /* A header nothing includes yet: nothing early, nothing compiled. */
    put(t, "lonely.h", "#define LONELY 1\n");
    settle();
    r = build(t, L);
    CHECK(r.ok);
    CHECK_EQ_INT(r.compiled, 0);
    CHECK(!early(&r));

    /* A header two files include: both compile at once (jobs is 2), then the plan finds
     * nothing more. */
    put(t, "b.c", "#include \"lonely.h\"\n__attribute__((visibility(\"default\"))) "
                  "int b_value(void) { return LONELY + 1; }\n");
    put(t, "a.c", "#include \"common.h\"\n#include \"lonely.h\"\n"
                  "__attribute__((visibility(\"default\"))) "
                  "int a_value(void) { return BASE + LONELY; }\n");
    settle();
    r = build(t, NULL);
    CHECK_EQ_INT(r.compiled, 2);
    put(t, "lonely.h", "#define LONELY 50\n");
    settle();
    r = build(t, L);
    CHECK(r.ok);
    CHECK_EQ_INT(r.compiled, 2);
    CHECK(early(&r));
    CHECK_EQ_INT(test_call_in(r.lib, "a_value"), 150);
    CHECK_EQ_INT(test_call_in(r.lib, "b_value"), 51);

    /* The save names a.c, but b.c changed too (a save the watcher could not see whole):
     * a.c starts early, the plan finds b.c, both are in the library. */
    put(t, "a.c", "#include \"common.h\"\n__attribute__((visibility(\"default\"))) "
                  "int a_value(void) { return BASE + 7; }\n");
    put(t, "b.c", "__attribute__((visibility(\"default\"))) int b_value(void) { return 22; }\n");
    settle();
    r = build(t, A);
    CHECK(r.ok);
    CHECK_EQ_INT(r.compiled, 2);
    CHECK(early(&r));
    CHECK_EQ_INT(test_call_in(r.lib, "a_value"), 107);
    CHECK_EQ_INT(test_call_in(r.lib, "b_value"), 22);

    /* A new file: not a source the last plan knew. */
    put(t, "c.c", "__attribute__((visibility(\"default\"))) int c_value(void) { return 3; }\n");
    settle();
    r = build(t, C);
    CHECK(r.ok);
    CHECK_EQ_INT(r.compiled, 1);
    CHECK_EQ_INT(r.objects, 3);
    CHECK(!early(&r));
    CHECK_EQ_INT(test_call_in(r.lib, "c_value"), 3);

    /* Named by the save, then removed before the build: the plan no longer has it, so
     * its early compile is dropped and the library goes on without it. */
    CHECK(unlink(in(t, "c.c")) == 0);
    r = build(t, C);
    CHECK(r.ok);
    CHECK_EQ_INT(r.objects, 2);
    CHECK_EQ_INT(test_call_in(r.lib, "c_value"), -999);
    CHECK_EQ_INT(test_call_in(r.lib, "b_value"), 22);
    end(t);
}

static void test_early_error(void)
{
    T *t = start();
    CHECK(build(t, NULL).ok);
    put(t, "a.c", "int a_value(void)\n{\n    return 1\n}\n");
    settle();
    BuildResult r = build(t, A);
    CHECK(!r.ok);
    CHECK(early(&r));
    CHECK(strstr(r.first_error, "a.c:") != NULL);
    put(t, "a.c", "__attribute__((visibility(\"default\"))) int a_value(void) { return 9; }\n");
    settle();
    r = build(t, A);
    CHECK(r.ok);
    CHECK(early(&r));
    CHECK_EQ_INT(test_call_in(r.lib, "a_value"), 9);
    end(t);
}

/* A newer save while the plan runs beside an early compile: the compile of the file it
 * changed is killed, the build ends as superseded and the next one builds the final text. */
static void test_superseded_while_planning(void)
{
    T *t = start();
    CHECK(build(t, NULL).ok);
    put(t, "a.c", "__attribute__((visibility(\"default\"))) int a_value(void) { return 1; }\n");
    settle();
    request(t, A);
    uv_run(&t->loop, UV_RUN_NOWAIT); /* the build starts: a.c's compile and the plan */
    put(t, "a.c", "__attribute__((visibility(\"default\"))) int a_value(void) { return 1234; }\n");
    request(t, A);
    uv_run(&t->loop, UV_RUN_DEFAULT);
    CHECK_EQ_INT(t->count, 2);
    CHECK(t->r[0].superseded);
    CHECK(t->r[1].ok);
    CHECK(early(&t->r[1])); /* the queued build knew the save too */
    CHECK_EQ_INT(t->r[1].compiled, 1);
    CHECK_EQ_INT(test_call_in(t->r[1].lib, "a_value"), 1234);
    t->count = 0;

    /* A plain request (what changed is not known) joins: the queued build plans first. */
    put(t, "a.c", "__attribute__((visibility(\"default\"))) int a_value(void) { return 6; }\n");
    settle();
    request(t, A);
    uv_run(&t->loop, UV_RUN_NOWAIT);
    put(t, "a.c", "__attribute__((visibility(\"default\"))) int a_value(void) { return 67; }\n");
    request(t, NULL);
    request(t, A);
    uv_run(&t->loop, UV_RUN_DEFAULT);
    CHECK_EQ_INT(t->count, 2);
    CHECK(t->r[0].superseded);
    CHECK(t->r[1].ok);
    CHECK(!early(&t->r[1]));
    CHECK_EQ_INT(test_call_in(t->r[1].lib, "a_value"), 67);
    t->count = 0;

    /* Destroyed while the plan runs beside an early compile: no call, the loop closes. */
    put(t, "a.c", "__attribute__((visibility(\"default\"))) int a_value(void) { return 5; }\n");
    settle();
    request(t, A);
    uv_run(&t->loop, UV_RUN_NOWAIT);
    builder_destroy(t->b);
    t->b = NULL;
    uv_run(&t->loop, UV_RUN_DEFAULT);
    CHECK_EQ_INT(t->count, 0);
    end(t); /* the loop closes */
}

int main(void)
{
    RUN(test_saved_source_compiles_at_once);
    RUN(test_plan_still_decides);
    RUN(test_early_error);
    RUN(test_superseded_while_planning);
    return 0;
}
