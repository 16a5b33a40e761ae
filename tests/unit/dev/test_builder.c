/* test_builder.c: real builds with the real compiler on a real libuv loop, in temporary
 * directories: what gets recompiled, errors, coalescing, the lean link, tcc, the probe,
 * custom commands and release executables. */
#include <dlfcn.h>
#include <gnu/lib-names.h>
#include <math.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dev/builder.h"
#include "dev/spawn.h"
#include "testlib.h"

/* ---- helpers --------------------------------------------------------------------------- */

static char *path_in(const char *dir, const char *name)
{
    char *p = malloc(strlen(dir) + strlen(name) + 2);
    sprintf(p, "%s/%s", dir, name);
    return p;
}

static void put(const char *dir, const char *name, const char *text)
{
    char *p = path_in(dir, name);
    char *slash = strrchr(p, '/');
    *slash = '\0';
    mkdir(p, 0777);
    *slash = '/';
    test_write_file(p, text);
    free(p);
}

static bool exists(const char *dir, const char *name)
{
    char *p = path_in(dir, name);
    bool e = access(p, F_OK) == 0;
    free(p);
    return e;
}

static int64_t coarse_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME_COARSE, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Waits until the coarse clock has passed the mtime of everything written so far (a
 * marker written now is stamped no earlier). The builder does not trust an input stamped
 * at or after a compile's start on that clock (a second save in the same tick would be
 * invisible) and compiles it once more; the tests that count compiles wait so that their
 * counts do not depend on where the tick falls. Fine-grained file times (Linux 6.13's
 * multigrain timestamps) can run a tick ahead of the coarse clock, hence the marker. */
static void settle(void)
{
    const char *base = getenv("TMPDIR");
    char marker[512];
    snprintf(marker, sizeof(marker), "%s/hotrun-settle-%d", base ? base : "/tmp",
             (int)getpid());
    test_write_file(marker, "x");
    struct stat st;
    CHECK(stat(marker, &st) == 0);
    unlink(marker);
    int64_t m = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
    while (coarse_ns() <= m) {
        struct timespec d = {0, 1000000};
        nanosleep(&d, NULL);
    }
}

static int64_t mtime_of(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return -1;
    return (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
}

typedef struct Env {
    char *root, *src, *cache;
    BuildConfig cfg;
} Env;

static Env env_new(void)
{
    Env e = {0};
    e.root = test_tmpdir();
    e.src = path_in(e.root, "src");
    e.cache = path_in(e.root, "cache");
    mkdir(e.src, 0777);
    e.cfg.src_dir = e.src;
    e.cfg.cache_dir = e.cache;
    e.cfg.include_dir = HOT_SHARED_DIR;
    e.cfg.cc = getenv("CC") ? getenv("CC") : "cc";
    e.cfg.quiet = true;
    return e;
}

static void env_free(Env *e)
{
    test_rmtree(e->root);
    free(e->root);
    free(e->src);
    free(e->cache);
}

typedef struct Builds {
    int count;
    BuildResult r[8];
} Builds;

static void on_done(const BuildResult *r, void *ud)
{
    Builds *b = ud;
    CHECK(b->count < 8);
    b->r[b->count++] = *r;
}

/* One build with a fresh builder on a fresh loop, which must close cleanly. */
static BuildResult build(const BuildConfig *cfg)
{
    uv_loop_t loop;
    CHECK(uv_loop_init(&loop) == 0);
    Builds got = {0};
    Err err;
    Builder *b = builder_create(&loop, cfg, on_done, &got, &err);
    CHECK(b != NULL);
    CHECK(builder_idle(b));
    builder_request(b);
    CHECK(!builder_idle(b));
    uv_run(&loop, UV_RUN_DEFAULT);
    CHECK(builder_idle(b));
    builder_destroy(b);
    uv_run(&loop, UV_RUN_DEFAULT);
    CHECK_EQ_INT(uv_loop_close(&loop), 0);
    CHECK_EQ_INT(got.count, 1);
    CHECK(!got.r[0].superseded);
    CHECK(got.r[0].ms >= 0);
    return got.r[0];
}

/* dlopens a private copy of lib (a fresh name each time, as the loader does) and calls
 * int fn(void) in it. */
static bool has_symbol(const char *lib, const char *sym)
{
    char copy[512];
    snprintf(copy, sizeof(copy), "%s.sym.so", lib);
    char cmd[1200];
    snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", lib, copy);
    CHECK(system(cmd) == 0);
    void *h = dlopen(copy, RTLD_NOW | RTLD_LOCAL);
    CHECK(h != NULL);
    bool found = dlsym(h, sym) != NULL;
    dlclose(h);
    unlink(copy);
    return found;
}

/* readelf's view of a file: the GNU_STACK flags and the NEEDED libraries. NULL: skip. */
static char *readelf(const char *args, const char *file)
{
    char cmd[1200];
    snprintf(cmd, sizeof(cmd), "readelf %s '%s' 2>/dev/null", args, file);
    FILE *p = popen(cmd, "r");
    if (!p)
        return NULL;
    static char buf[65536];
    size_t n = fread(buf, 1, sizeof(buf) - 1, p);
    buf[n] = '\0';
    return pclose(p) == 0 ? buf : NULL;
}

static void check_stack_not_executable(const char *lib)
{
    char *out = readelf("-lW", lib);
    if (!out) {
        fprintf(stderr, "   (readelf missing: GNU_STACK not checked)\n");
        return;
    }
    char *line = strstr(out, "GNU_STACK");
    CHECK(line != NULL);
    line[strcspn(line, "\n")] = '\0';
    CHECK(strstr(line, " RW ") != NULL);
    CHECK(strstr(line, "RWE") == NULL);
}

/* ---- tests ------------------------------------------------------------------------------ */

static const char *common_h = "#ifndef COMMON_H\n#define COMMON_H\n#define BASE 10\n#endif\n";

static void test_incremental(void)
{
    Env e = env_new();
    put(e.src, "common.h", common_h);
    /* Objects compile with hidden visibility: what the tests call is HOT_EXPORT. */
    put(e.src, "a.c",
        "#include \"hot.h\"\n#include \"common.h\"\n"
        "HOT_EXPORT int a_value(void) { return BASE + 1; }\n");
    put(e.src, "b.c",
        "#include \"hot.h\"\n"
        "HOT_EXPORT int b_value(void) { return (int)HOT_ABI_VERSION; }\n");
    put(e.src, "sub/c.c",
        "#include \"hot.h\"\n#include \"../common.h\"\n"
        "HOT_EXPORT int c_value(void) { return BASE + 3; }\n");
    settle();

    BuildResult r = build(&e.cfg);
    CHECK(r.ok);
    CHECK_EQ_INT(r.compiled, 3);
    CHECK_EQ_INT(r.objects, 3);
    CHECK(r.done_ns > 0);
    CHECK(r.link_ms > 0);
    CHECK(exists(e.cache, "dev/obj/a.c.o"));
    CHECK(exists(e.cache, "dev/obj/sub/c.c.o")); /* the source tree, mirrored */
    CHECK(!exists(e.src, "a.c.o"));              /* nothing written into the sources */
    char lib[PATH_MAX];
    snprintf(lib, sizeof(lib), "%s", r.lib);
    CHECK(strncmp(lib, e.cache, strlen(e.cache)) == 0);
    CHECK_EQ_INT(test_call_in(lib, "c_value"), 13);
    int64_t linked = mtime_of(lib);

    /* A second builder on the unchanged tree: nothing compiled, not even relinked. */
    r = build(&e.cfg);
    CHECK(r.ok);
    CHECK_EQ_INT(r.compiled, 0);
    CHECK_EQ_INT(r.objects, 3);
    CHECK_EQ_STR(r.lib, lib);
    CHECK(mtime_of(lib) == linked);

    /* A missing library is relinked, without compiling. */
    unlink(lib);
    r = build(&e.cfg);
    CHECK(r.ok);
    CHECK_EQ_INT(r.compiled, 0);
    CHECK(access(lib, F_OK) == 0);

    /* A .c edit recompiles exactly its object. */
    put(e.src, "b.c", "#include \"hot.h\"\nHOT_EXPORT int b_value(void) { return 42; }\n");
    settle();
    r = build(&e.cfg);
    CHECK(r.ok);
    CHECK_EQ_INT(r.compiled, 1);
    CHECK_EQ_INT(test_call_in(r.lib, "b_value"), 42);

    /* A header edit recompiles exactly its includers. */
    put(e.src, "common.h", "#ifndef COMMON_H\n#define COMMON_H\n#define BASE 100\n#endif\n");
    settle();

    r = build(&e.cfg);
    CHECK(r.ok);
    CHECK_EQ_INT(r.compiled, 2);
    CHECK_EQ_INT(test_call_in(r.lib, "a_value"), 101);
    CHECK_EQ_INT(test_call_in(r.lib, "c_value"), 103);

    /* A touch that changes nothing but the mtime still counts (never trust contents). */
    char *a = path_in(e.src, "a.c");
    CHECK(utimensat(AT_FDCWD, a, NULL, 0) == 0);
    free(a);
    settle();
    r = build(&e.cfg);
    CHECK_EQ_INT(r.compiled, 1);

    /* A deleted .c leaves the library, and its object is removed. */
    char *c = path_in(e.src, "sub/c.c");
    CHECK(unlink(c) == 0);
    free(c);
    r = build(&e.cfg);
    CHECK(r.ok);
    CHECK_EQ_INT(r.compiled, 0);
    CHECK_EQ_INT(r.objects, 2);
    CHECK(!exists(e.cache, "dev/obj/sub/c.c.o"));
    CHECK(!exists(e.cache, "dev/obj/sub/c.c.stamp"));
    CHECK(!has_symbol(r.lib, "c_value"));
    CHECK(has_symbol(r.lib, "a_value"));

    /* A new .c joins. */
    put(e.src, "sub/d.c", "int d_value(void) { return 4; }\n");
    settle();
    r = build(&e.cfg);
    CHECK(r.ok);
    CHECK_EQ_INT(r.compiled, 1);
    CHECK_EQ_INT(r.objects, 3);

    /* Changed flags (or compiler) recompile everything. */
    const char *flags[] = {"-DEXTRA=1", NULL};
    e.cfg.cflags = flags;
    r = build(&e.cfg);
    CHECK(r.ok);
    CHECK_EQ_INT(r.compiled, 3);
    r = build(&e.cfg);
    CHECK_EQ_INT(r.compiled, 0);
    e.cfg.cflags = NULL;
    r = build(&e.cfg);
    CHECK_EQ_INT(r.compiled, 3);
    env_free(&e);
}

static void test_errors(void)
{
    Env e = env_new();
    put(e.src, "good.c", "int good(void) { return 1; }\n");
    put(e.src, "bad.c", "int bad(void)\n{\n    return 1\n}\n");
    settle();
    e.cfg.color = true; /* colour codes must not reach first_error */
    BuildResult r = build(&e.cfg);
    CHECK(!r.ok);
    CHECK_EQ_INT(r.compiled, 2);
    fprintf(stderr, "   first_error: %s\n", r.first_error);
    CHECK(strncmp(r.first_error, "bad.c:3:", 8) == 0); /* relative to the source dir */
    CHECK(strstr(r.first_error, "error") != NULL);
    CHECK(strchr(r.first_error, '\033') == NULL);

    /* Still broken: only the broken file is compiled again, and it fails again. */
    r = build(&e.cfg);
    CHECK(!r.ok);
    CHECK_EQ_INT(r.compiled, 1);

    /* Fixed: just that file compiles and the build is good. */
    put(e.src, "bad.c", "int bad(void)\n{\n    return 2;\n}\n");
    settle();
    r = build(&e.cfg);
    CHECK(r.ok);
    CHECK_EQ_INT(r.compiled, 1);
    CHECK(r.first_error[0] == '\0');

    /* An error in a header names the header. */
    put(e.src, "inc/broken.h", "static int broken(void) { return +; }\n");
    put(e.src, "bad.c", "#include \"inc/broken.h\"\nint bad(void) { return 3; }\n");
    settle();
    r = build(&e.cfg);
    CHECK(!r.ok);
    CHECK(strncmp(r.first_error, "inc/broken.h:1:", 15) == 0);

    /* A link error: the first linker line that names the problem. */
    put(e.src, "bad.c", "int twice = 1;\n");
    put(e.src, "good.c", "int twice = 2;\n");
    settle();
    r = build(&e.cfg);
    CHECK(!r.ok);
    fprintf(stderr, "   link error: %s\n", r.first_error);
    CHECK(strstr(r.first_error, "multiple definition") != NULL);
    CHECK(strstr(r.first_error, "collect2") == NULL);

    /* A compiler that does not exist. */
    put(e.src, "bad.c", "int bad(void) { return 4; }\n");
    put(e.src, "good.c", "int good(void) { return 4; }\n");
    e.cfg.cc = "hotrun-no-such-cc";
    r = build(&e.cfg);
    CHECK(!r.ok);
    CHECK(strstr(r.first_error, "hotrun-no-such-cc") != NULL);
    env_free(&e);

    /* No sources at all. */
    e = env_new();
    r = build(&e.cfg);
    CHECK(!r.ok);
    char want[PATH_MAX + 32];
    snprintf(want, sizeof(want), "no .c files in %s", e.src);
    CHECK_EQ_STR(r.first_error, want);
    env_free(&e);
}

static void test_coalesce(void)
{
    Env e = env_new();
    for (int i = 0; i < 4; i++) {
        char name[32], text[128];
        snprintf(name, sizeof(name), "z%d.c", i);
        snprintf(text, sizeof(text), "int z%d(void) { return %d; }\n", i, i);
        put(e.src, name, text);
    }
    /* "main.c" sorts first: its compile starts at once, before the saves below. */
    put(e.src, "main.c",
        "__attribute__((visibility(\"default\"))) int value(void) "
        "{ return 1; }\n");
    settle();
    uv_loop_t loop;
    CHECK(uv_loop_init(&loop) == 0);
    Builds got = {0};
    Err err;
    e.cfg.jobs = 2;
    Builder *b = builder_create(&loop, &e.cfg, on_done, &got, &err);
    CHECK(b != NULL);
    builder_request(b);
    builder_request(b);           /* joins the build that has not started yet */
    uv_run(&loop, UV_RUN_NOWAIT); /* the build starts: its look at the files, on a thread */
    CHECK_EQ_INT(got.count, 0);
    uv_run(&loop, UV_RUN_ONCE); /* ... ends: main.c's inputs are stat'ed, its compile runs */
    CHECK_EQ_INT(got.count, 0);
    /* Saves and requests while it runs: exactly one more build, of the final content. */
    for (int i = 2; i <= 5; i++) {
        char text[160];
        snprintf(text, sizeof(text),
                 "__attribute__((visibility(\"default\"))) int value(void) { return %d; }\n",
                 i * 11);
        put(e.src, "main.c", text);
        builder_request(b);
    }
    /* The last save carries an old mtime (cp -p, rsync -t, tar x): only the stat taken
     * before the compile shows main.c changed under it. */
    char *main_c = path_in(e.src, "main.c");
    struct timespec old[2] = {{1000000000, 0}, {1000000000, 0}};
    CHECK(utimensat(AT_FDCWD, main_c, old, 0) == 0);
    free(main_c);
    CHECK(!builder_idle(b));
    uv_run(&loop, UV_RUN_DEFAULT);
    CHECK(builder_idle(b));
    CHECK_EQ_INT(got.count, 2);
    CHECK(got.r[0].superseded);
    CHECK(!got.r[1].superseded);
    CHECK(got.r[1].ok);
    /* The first build stopped starting compiles and killed main.c's, whose file changed
     * under it; the second compiled main.c and what the first had not started. */
    CHECK(got.r[0].compiled < 5);
    CHECK_EQ_INT(got.r[0].compiled + got.r[1].compiled, 6);
    CHECK_EQ_INT(test_call_in(got.r[1].lib, "value"), 55);
    builder_destroy(b);
    uv_run(&loop, UV_RUN_DEFAULT);
    CHECK_EQ_INT(uv_loop_close(&loop), 0);
    env_free(&e);
}

/* Runs the loop until n builds were reported (a good build's settle timer would keep
 * UV_RUN_DEFAULT going). */
static void run_until(uv_loop_t *loop, Builds *got, int n)
{
    while (got->count < n)
        uv_run(loop, UV_RUN_ONCE);
}

/* What a good link leaves for later (builder_settle): the link stamp is written and the
 * replaced library removed only then, or by the next build, or at the end; the library
 * itself is in place when the build is reported. */
static void test_settle(void)
{
    Env e = env_new();
    put(e.src, "main.c", "__attribute__((visibility(\"default\"))) int value(void) "
                         "{ return 1; }\n");
    settle();
    uv_loop_t loop;
    CHECK(uv_loop_init(&loop) == 0);
    Builds got = {0};
    Err err;
    Builder *b = builder_create(&loop, &e.cfg, on_done, &got, &err);
    CHECK(b != NULL);
    builder_request(b);
    run_until(&loop, &got, 1);
    CHECK_EQ_INT(got.count, 1);
    CHECK(got.r[0].ok);
    CHECK(exists(e.cache, "dev/game.so"));
    CHECK(!exists(e.cache, "dev/link.stamp")); /* not yet */
    builder_settle(b);
    CHECK(exists(e.cache, "dev/link.stamp"));
    builder_settle(b); /* nothing left: a no-op */

    /* A second link: the first library is moved aside, removed by the settle. */
    put(e.src, "main.c", "__attribute__((visibility(\"default\"))) int value(void) "
                         "{ return 2; }\n");
    settle();
    builder_request(b);
    run_until(&loop, &got, 2);
    CHECK_EQ_INT(got.count, 2);
    CHECK(got.r[1].ok);
    CHECK_EQ_INT(test_call_in(got.r[1].lib, "value"), 2);
    CHECK(exists(e.cache, "dev/game.so.old"));
    CHECK(!exists(e.cache, "dev/link.stamp"));
    /* Not settled: the next build does it first, and finds the link current. */
    builder_request(b);
    run_until(&loop, &got, 3);
    CHECK_EQ_INT(got.count, 3);
    CHECK(got.r[2].ok);
    CHECK_EQ_INT(got.r[2].compiled, 0);
    CHECK(got.r[2].link_ms == 0); /* not linked again */
    CHECK(exists(e.cache, "dev/link.stamp"));
    CHECK(!exists(e.cache, "dev/game.so.old"));

    /* Left idle, it settles by itself a moment after the build (the swap is done by then):
     * the next save's build does not start with it. */
    put(e.src, "main.c", "__attribute__((visibility(\"default\"))) int value(void) "
                         "{ return 4; }\n");
    settle();
    builder_request(b);
    run_until(&loop, &got, 4);
    CHECK(!exists(e.cache, "dev/link.stamp"));
    uv_run(&loop, UV_RUN_DEFAULT);
    CHECK(exists(e.cache, "dev/link.stamp"));
    CHECK(!exists(e.cache, "dev/game.so.old"));
    got.count = 3;

    /* Destroyed unsettled: the stamp is written all the same. */
    put(e.src, "main.c", "__attribute__((visibility(\"default\"))) int value(void) "
                         "{ return 3; }\n");
    settle();
    builder_request(b);
    run_until(&loop, &got, 4);
    CHECK_EQ_INT(got.count, 4);
    CHECK(!exists(e.cache, "dev/link.stamp"));
    builder_destroy(b);
    uv_run(&loop, UV_RUN_DEFAULT);
    CHECK_EQ_INT(uv_loop_close(&loop), 0);
    CHECK(exists(e.cache, "dev/link.stamp"));
    CHECK(!exists(e.cache, "dev/game.so.old"));
    BuildResult r = build(&e.cfg);
    CHECK(r.ok);
    CHECK(r.link_ms == 0);
    CHECK_EQ_INT(test_call_in(r.lib, "value"), 3);
    env_free(&e);
}

/* A stage directory (develop mode: the loader's): the library is linked and kept there,
 * replaced by a rename, and the cache gets its copy when the build settles. The library's
 * checks are the loader's open: the builder makes none in its process. */
static void test_staged(void)
{
    Env e = env_new();
    char *stage = path_in(e.root, "stage");
    mkdir(stage, 0700);
    e.cfg.stage_dir = stage;
    e.cfg.probe = PROBE_EXE;
    put(e.src, "main.c", "__attribute__((visibility(\"default\"))) int value(void) "
                         "{ return 1; }\n");
    settle();
    uv_loop_t loop;
    CHECK(uv_loop_init(&loop) == 0);
    Builds got = {0};
    Err err;
    Builder *b = builder_create(&loop, &e.cfg, on_done, &got, &err);
    CHECK(b != NULL);
    builder_request(b);
    run_until(&loop, &got, 1);
    CHECK_EQ_INT(got.count, 1);
    CHECK(got.r[0].ok); /* no descriptor: the loader's open says so, not the build */
    CHECK(got.r[0].lib_renamed_only);
    char *want = path_in(stage, "game.so");
    CHECK_EQ_STR(got.r[0].lib, want);
    CHECK_EQ_INT(test_call_in(got.r[0].lib, "value"), 1);
    CHECK(!exists(stage, "game.so.new"));
    CHECK(!exists(e.cache, "dev/game.so"));
    struct stat st;
    CHECK(stat(want, &st) == 0);
    ino_t first = st.st_ino;
    builder_settle(b);
    char *cached = path_in(e.cache, "dev/game.so");
    CHECK_EQ_INT(test_call_in(cached, "value"), 1);
    CHECK(exists(e.cache, "dev/link.stamp"));
    CHECK(!exists(e.cache, "dev/game.so.new"));

    /* The next link replaces the staged library by a rename (a new file, never the one
     * a generation may be linked to), the cache's copy when it settles. */
    put(e.src, "main.c", "__attribute__((visibility(\"default\"))) int value(void) "
                         "{ return 2; }\n");
    settle();
    builder_request(b);
    run_until(&loop, &got, 2);
    CHECK_EQ_INT(got.count, 2);
    CHECK(got.r[1].ok);
    CHECK_EQ_STR(got.r[1].lib, want);
    CHECK(stat(want, &st) == 0);
    CHECK(st.st_ino != first);
    CHECK_EQ_INT(test_call_in(want, "value"), 2);
    CHECK_EQ_INT(test_call_in(cached, "value"), 1);
    /* Nothing changed: the cache's library, which the link stamp describes. */
    builder_request(b);
    run_until(&loop, &got, 3);
    CHECK_EQ_INT(got.count, 3);
    CHECK(got.r[2].ok);
    CHECK(got.r[2].link_ms == 0);
    CHECK_EQ_STR(got.r[2].lib, cached);
    CHECK_EQ_INT(test_call_in(cached, "value"), 2);
    CHECK(!exists(e.cache, "dev/game.so.old"));
    builder_destroy(b);
    uv_run(&loop, UV_RUN_DEFAULT);

    /* The next start stages in a folder of its own, and still finds the cache's library
     * current: nothing compiled, nothing linked. */
    char *stage2 = path_in(e.root, "stage2");
    mkdir(stage2, 0700);
    e.cfg.stage_dir = stage2;
    b = builder_create(&loop, &e.cfg, on_done, &got, &err);
    CHECK(b != NULL);
    builder_request(b);
    run_until(&loop, &got, 4);
    CHECK_EQ_INT(got.count, 4);
    CHECK(got.r[3].ok);
    CHECK_EQ_INT(got.r[3].compiled, 0);
    CHECK(got.r[3].link_ms == 0);
    CHECK_EQ_INT(test_call_in(got.r[3].lib, "value"), 2);
    builder_destroy(b);
    uv_run(&loop, UV_RUN_DEFAULT);
    free(stage2);
    CHECK_EQ_INT(uv_loop_close(&loop), 0);
    free(cached);
    free(want);
    free(stage);
    env_free(&e);
}
/* A "compiler" that is the real one, except that it hangs (a shell and its sleep, both
 * in the process group) while the file ROOT/hang exists or the source says HANG, and
 * writes the sleep's pid to ROOT/sleep.pid. */
static char *hanging_cc(const Env *e)
{
    char *cc = path_in(e->root, "cc.sh");
    char text[2048];
    snprintf(text, sizeof(text),
             "#!/bin/sh\n"
             "for a in \"$@\"; do case $a in *.c) src=$a;; esac; done\n"
             "if [ -e '%s/hang' ] || grep -q HANG \"$src\" 2>/dev/null; then\n"
             "  sleep 30 & echo $! > '%s/sleep.pid'; wait; exit 1\n"
             "fi\n"
             "exec %s \"$@\"\n",
             e->root, e->root, e->cfg.cc);
    test_write_file(cc, text);
    CHECK(chmod(cc, 0755) == 0);
    return cc;
}

static int read_pid(const Env *e)
{
    char *p = path_in(e->root, "sleep.pid");
    FILE *f = fopen(p, "r");
    int pid = -1;
    if (f) {
        if (fscanf(f, "%d", &pid) != 1)
            pid = -1;
        fclose(f);
    }
    free(p);
    return pid;
}

/* A compiler past the build budget is killed with its process group, the build fails with
 * a sentence naming the budget, and the next request builds. */
static void test_build_timeout(void)
{
    Env e = env_new();
    char *cc = hanging_cc(&e);
    e.cfg.cc = cc;
    e.cfg.build_timeout_s = 0.5;
    put(e.src, "main.c", "__attribute__((visibility(\"default\"))) int value(void) { return 3; }\n");
    put(e.root, "hang", "");
    uv_loop_t loop;
    CHECK(uv_loop_init(&loop) == 0);
    Builds got = {0};
    Err err;
    Builder *b = builder_create(&loop, &e.cfg, on_done, &got, &err);
    CHECK(b != NULL);
    builder_request(b);
    uv_run(&loop, UV_RUN_DEFAULT);
    CHECK_EQ_INT(got.count, 1);
    CHECK(!got.r[0].ok);
    CHECK(strstr(got.r[0].first_error, "main.c ran past the build budget of 0.5 s") != NULL);
    int sleeper = read_pid(&e);
    CHECK(sleeper > 0);
    for (int i = 0; i < 200 && !test_pid_gone(sleeper); i++)
        usleep(5000);
    CHECK(test_pid_gone(sleeper)); /* the script's child too: the whole group was killed */
    char *hang = path_in(e.root, "hang");
    unlink(hang);
    free(hang);
    builder_request(b);
    uv_run(&loop, UV_RUN_DEFAULT);
    CHECK_EQ_INT(got.count, 2);
    CHECK(got.r[1].ok);
    CHECK_EQ_INT(test_call_in(got.r[1].lib, "value"), 3);
    builder_destroy(b);
    uv_run(&loop, UV_RUN_DEFAULT);
    CHECK_EQ_INT(uv_loop_close(&loop), 0);
    free(cc);
    env_free(&e);
}

static void save_then_request(uv_timer_t *t)
{
    Env *e = t->data;
    put(e->src, "slow.c", "int slow(void) { return 2; }\n");
    builder_request(t->loop->data);
}

/* A compile whose source is saved again while it runs is killed at once (not after the
 * budget): the build ends superseded and the next one builds the new file. */
static void test_superseded_compile_killed(void)
{
    Env e = env_new();
    char *cc = hanging_cc(&e);
    e.cfg.cc = cc;
    e.cfg.build_timeout_s = 20; /* the backstop if the kill did not happen */
    put(e.src, "main.c", "__attribute__((visibility(\"default\"))) int value(void) { return 4; }\n");
    put(e.src, "slow.c", "int slow(void) { return 1; } /* HANG */\n");
    settle();
    uv_loop_t loop;
    CHECK(uv_loop_init(&loop) == 0);
    Builds got = {0};
    Err err;
    e.cfg.jobs = 2;
    Builder *b = builder_create(&loop, &e.cfg, on_done, &got, &err);
    CHECK(b != NULL);
    loop.data = b;
    builder_request(b);
    uv_timer_t t;
    uv_timer_init(&loop, &t);
    t.data = &e;
    uv_timer_start(&t, save_then_request, 300, 0); /* slow.c's compile hangs by then */
    uint64_t t0 = uv_hrtime();
    while (got.count < 2)
        uv_run(&loop, UV_RUN_ONCE);
    double s = (double)(uv_hrtime() - t0) / 1e9;
    CHECK(s < 15); /* not the budget's 20 s */
    CHECK(got.r[0].superseded);
    CHECK(!got.r[1].superseded);
    CHECK(got.r[1].ok);
    CHECK_EQ_INT(test_call_in(got.r[1].lib, "value"), 4);
    int sleeper = read_pid(&e);
    CHECK(sleeper > 0);
    for (int i = 0; i < 200 && !test_pid_gone(sleeper); i++)
        usleep(5000);
    CHECK(test_pid_gone(sleeper));
    uv_close((uv_handle_t *)&t, NULL);
    builder_destroy(b);
    uv_run(&loop, UV_RUN_DEFAULT);
    CHECK_EQ_INT(uv_loop_close(&loop), 0);
    free(cc);
    env_free(&e);
}

static Builder *parked;

static void request_again(const BuildResult *r, void *ud)
{
    Builds *got = ud;
    on_done(r, ud);
    if (got->count == 1)
        builder_request(parked);
}

static void test_request_from_callback_and_destroy(void)
{
    Env e = env_new();
    put(e.src, "a.c", "int a(void) { return 1; }\n");
    settle();
    uv_loop_t loop;
    CHECK(uv_loop_init(&loop) == 0);
    Builds got = {0};
    Err err;
    Builder *b = builder_create(&loop, &e.cfg, request_again, &got, &err);
    CHECK(b != NULL);
    parked = b;
    builder_request(b);
    uv_run(&loop, UV_RUN_DEFAULT);
    CHECK_EQ_INT(got.count, 2);
    CHECK(!got.r[0].superseded);
    CHECK_EQ_INT(got.r[1].compiled, 0);

    /* Destroyed in the middle of a compile: no callback, children reaped, loop closes. */
    put(e.src, "a.c", "int a(void) { return 2; }\n");
    settle();
    builder_request(b);
    uv_run(&loop, UV_RUN_NOWAIT); /* the look at the files starts on a pool thread */
    uv_run(&loop, UV_RUN_ONCE);   /* it ends; the compile starts */
    builder_destroy(b);
    uv_run(&loop, UV_RUN_DEFAULT);
    CHECK_EQ_INT(got.count, 2);
    CHECK_EQ_INT(uv_loop_close(&loop), 0);

    /* Destroyed while the pool thread looks at the files: the builder goes once it is
     * done, without a callback, and the loop closes. */
    CHECK(uv_loop_init(&loop) == 0);
    b = builder_create(&loop, &e.cfg, on_done, &got, &err);
    CHECK(b != NULL);
    builder_request(b);
    uv_run(&loop, UV_RUN_NOWAIT);
    builder_destroy(b);
    uv_run(&loop, UV_RUN_DEFAULT);
    CHECK_EQ_INT(got.count, 2);
    CHECK_EQ_INT(uv_loop_close(&loop), 0);

    /* The interrupted compile left no stamp: the next builder compiles a.c again. */
    BuildResult r = build(&e.cfg);
    CHECK(r.ok);
    CHECK_EQ_INT(r.compiled, 1);
    env_free(&e);
}

/* A game library that uses libc and libm, linked lean, dlopened into this process. */
static const char *lean_game =
    "#include <math.h>\n#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n"
    "#include \"hot.h\"\n"
    "static int helper(int x) { return x * 2; }\n"
    "HOT_EXPORT int lean(void)\n{\n"
    "    char *p = malloc(32);\n    if (!p) return -1;\n"
    "    memcpy(p, \"abc\", 4);\n"
    "    char buf[64];\n"
    "    volatile float half_pi = 1.5707964f, f49 = 49.0f;\n" /* not folded: real calls */
    "    volatile double e18 = 1e18;\n"
    "    snprintf(buf, sizeof(buf), \"%s:%.0f:%.0f\", p, sinf(half_pi) * 10.0f,\n"
    "             sqrtf(f49));\n"
    "    printf(\"lean game says %s\\n\", buf);\n"
    "    fflush(stdout);\n"
    "    int ok = strcmp(buf, \"abc:10:7\") == 0;\n"
    "    free(p);\n"
    "    unsigned long long big = (unsigned long long)sqrt(e18);\n"
    "    return ok ? helper(21) + (int)(big % 1000) : -2;\n}\n";

/* A build that starts right after a save (as hotrun's now do, a few milliseconds later)
 * still leaves an object the next build trusts: the builder waits for the coarse clock's
 * next tick, or trusts fine-grained file times. Saves after it are still seen, even of the
 * same size within the same tick. */
static void test_save_then_build(void)
{
    Env e = env_new();
    for (int i = 0; i < 5; i++) {
        char text[128];
        snprintf(text, sizeof(text), "int a(void) { return %d; }\n", i); /* same size */
        put(e.src, "a.c", text);
        BuildResult r = build(&e.cfg); /* no settle(): at once */
        CHECK(r.ok);
        CHECK_EQ_INT(r.compiled, 1);
        r = build(&e.cfg);
        CHECK(r.ok);
        CHECK_EQ_INT(r.compiled, 0);
    }
    env_free(&e);
}

static void test_lean_link(void)
{
    Env e = env_new();
    put(e.src, "game.c", lean_game);
    BuildResult r = build(&e.cfg);
    CHECK(r.ok);
    CHECK_EQ_INT(test_call_in(r.lib, "lean"), 42);
    check_stack_not_executable(r.lib);
    char *dyn = readelf("-dW", r.lib);
    if (dyn) {
        CHECK(strstr(dyn, "libc.so") == NULL); /* no default libraries: a lean link */
        CHECK(strstr(dyn, "libm.so") == NULL); /* libm too comes from the loading process */
    }
    env_free(&e);
}

/* Only the file with HOT_GAME carries hot.h's schema tables: the others include the state
 * header but use no table, and gcc at -O0 would keep a copy in each (see compile_argv). */
static void test_schema_tables_once(void)
{
    if (strstr(getenv("CC") ? getenv("CC") : "cc", "tcc"))
        return; /* tcc keeps every static; its libraries are small and quick anyway */
    Env e = env_new();
    put(e.src, "state.h",
        "#include \"hot.h\"\n"
        "#define PART_FIELDS(X) X(FIELD, float, x, 1) X(FIELD, int, n, 2)\n"
        "HOT_STATE(Part, PART_FIELDS)\n"
        "#define ROOT_FIELDS(X) X(STRUCT, Part, part) X(ARRAY, Part, more, 4)\n"
        "HOT_STATE(Root, ROOT_FIELDS)\n");
    put(e.src, "main.c",
        "#include \"state.h\"\n"
        "static void update(HotApi *api, void *s) { (void)api; ((Root *)s)->part.n++; }\n"
        "HOT_GAME(Root, .update = update);\n");
    put(e.src, "other.c",
        "#include \"state.h\"\n"
        "int other(Root *r) { return r->part.n + r->more[1].n; }\n");
    BuildResult r = build(&e.cfg);
    CHECK(r.ok);
    char cmd[1024];
    snprintf(cmd, sizeof(cmd), "nm '%s/dev/obj/%s.o' 2>/dev/null | grep -c 'hot_schema_\\|hot__fields_'",
             e.cache, "other.c");
    FILE *p = popen(cmd, "r");
    CHECK(p != NULL);
    int n = -1;
    CHECK(fscanf(p, "%d", &n) == 1);
    pclose(p);
    CHECK_EQ_INT(n, 0);
    snprintf(cmd, sizeof(cmd), "nm '%s/dev/obj/%s.o' | grep -c 'hot_schema_Root'", e.cache,
             "main.c");
    p = popen(cmd, "r");
    CHECK(p != NULL);
    CHECK(fscanf(p, "%d", &n) == 1);
    pclose(p);
    CHECK_EQ_INT(n, 1);
    env_free(&e);
}

static void test_tcc(void)
{
    if (system("tcc -v >/dev/null 2>&1") != 0) {
        fprintf(stderr, "   SKIP: tcc not installed\n");
        return;
    }
    Env e = env_new();
    e.cfg.cc = "tcc";
    put(e.src, "game.c", lean_game);
    put(e.src, "k.h", "#define K 5\n");
    put(e.src, "k.c",
        "#include \"k.h\"\n#include \"hot.h\"\n"
        "HOT_EXPORT int k(void) { return K; }\n");
    settle();
    BuildResult r = build(&e.cfg);
    fprintf(stderr, "   tcc: %s\n", r.ok ? "ok" : r.first_error);
    CHECK(r.ok);
    CHECK_EQ_INT(r.compiled, 2);
    CHECK_EQ_INT(test_call_in(r.lib, "lean"), 42);
    CHECK_EQ_INT(test_call_in(r.lib, "k"), 5);
    check_stack_not_executable(r.lib);

    /* tcc's depfiles work: a header edit recompiles just its includer. */
    put(e.src, "k.h", "#define K 6\n");
    settle();
    r = build(&e.cfg);
    CHECK(r.ok);
    CHECK_EQ_INT(r.compiled, 1);
    CHECK_EQ_INT(test_call_in(r.lib, "k"), 6);

    /* tcc's errors (k.c, compiled without the schema tables, says its own). */
    put(e.src, "k.c", "int k(void) { return 1 }\n");
    settle();
    r = build(&e.cfg);
    CHECK(!r.ok);
    fprintf(stderr, "   tcc error: %s\n", r.first_error);
    CHECK(strncmp(r.first_error, "k.c:1:", 6) == 0);
    env_free(&e);
}

/* The symbols of an object of the cache whose names contain one of grep's patterns. */
static int symbols_in(const Env *e, const char *rel, const char *pattern)
{
    char cmd[1200];
    snprintf(cmd, sizeof(cmd), "nm '%s/dev/obj/%s.o' 2>/dev/null | grep -c '%s'", e->cache,
             rel, pattern);
    FILE *p = popen(cmd, "r");
    CHECK(p != NULL);
    int n = -1;
    CHECK(fscanf(p, "%d", &n) == 1);
    pclose(p);
    return n;
}

/* tcc keeps every static object: only the file that names HOT_GAME gets hot.h's schema
 * tables; one that reaches HOT_GAME through a macro of the game's is compiled again with
 * them, and the library loads with its descriptor. */
static void test_tcc_tables(void)
{
    if (system("tcc -v >/dev/null 2>&1") != 0) {
        fprintf(stderr, "   SKIP: tcc not installed\n");
        return;
    }
    Env e = env_new();
    e.cfg.cc = "tcc";
    put(e.src, "state.h",
        "#include \"hot.h\"\n"
        "#define PART_FIELDS(X) X(FIELD, float, x, 1) X(FIELD, int, n, 2)\n"
        "HOT_STATE(Part, PART_FIELDS)\n"
        "#define ROOT_FIELDS(X) X(STRUCT, Part, part) X(ARRAY, Part, more, 4)\n"
        "HOT_STATE(Root, ROOT_FIELDS)\n"
        "#define MY_GAME(S, ...) HOT_GAME(S, __VA_ARGS__)\n");
    put(e.src, "main.c",
        "#include \"state.h\"\n"
        "static void update(const HotApi *api, void *s) { (void)api; ((Root *)s)->part.n++; }\n"
        "HOT_GAME(Root, .update = update);\n");
    put(e.src, "other.c",
        "#include \"state.h\"\n"
        "HOT_EXPORT int other(void) { Root r = {0}; r.more[1].n = 7; return r.more[1].n; }\n");
    settle();
    BuildResult r = build(&e.cfg);
    CHECK(r.ok);
    CHECK_EQ_INT(r.compiled, 2);
    CHECK_EQ_INT(symbols_in(&e, "other.c", "hot_schema_\\|hot__fields_"), 0);
    CHECK_EQ_INT(symbols_in(&e, "main.c", "hot_schema_Root"), 1);
    CHECK(has_symbol(r.lib, "hot_game"));
    CHECK_EQ_INT(test_call_in(r.lib, "other"), 7);
    check_stack_not_executable(r.lib);

    /* HOT_GAME through the game's own macro: the file names neither; tried without the
     * tables, it is compiled with them. */
    put(e.src, "main.c",
        "#include \"state.h\"\n"
        "static void update(const HotApi *api, void *s) { (void)api; ((Root *)s)->part.n++; }\n"
        "MY_GAME(Root, .update = update);\n");
    settle();
    r = build(&e.cfg);
    if (!r.ok)
        fprintf(stderr, "   tcc, MY_GAME: %s\n", r.first_error);
    CHECK(r.ok);
    CHECK_EQ_INT(r.compiled, 1);
    CHECK_EQ_INT(symbols_in(&e, "main.c", "hot_schema_Root"), 1);
    CHECK(has_symbol(r.lib, "hot_game"));
    r = build(&e.cfg); /* its stamp holds: nothing compiled again */
    CHECK(r.ok);
    CHECK_EQ_INT(r.compiled, 0);
    env_free(&e);
}

/* A library with a constructor: only such code makes the builder run the probe, the real
 * hotrun-probe server (PROBE_EXE). */
#define CTOR_GAME(body)                                                                  \
    "#include <stdlib.h>\n#include \"hot.h\"\n#define S(X) X(FIELD, int32_t, v, 3)\n"      \
    "HOT_STATE(St, S)\n"                                                                 \
    "static void update(const HotApi *api, void *s) { (void)api; (void)s; }\n"          \
    "HOT_GAME(St, .update = update);\n"                                                  \
    "__attribute__((constructor)) static void ctor(void) { " body " }\n"

static void test_probe(void)
{
    Env e = env_new();
    e.cfg.probe = PROBE_EXE;
    put(e.src, "a.c", CTOR_GAME(""));
    settle();
    BuildResult r = build(&e.cfg);
    CHECK(r.ok);
    CHECK(!r.probe_crashed);
    CHECK(r.probe_ms > 0);
    r = build(&e.cfg); /* unchanged: neither relinked nor probed again */
    CHECK(r.ok);
    CHECK(r.probe_ms == 0);

    /* Refused: a constructor but no descriptor. Probed again by the next build. */
    put(e.src, "a.c", "__attribute__((constructor)) static void ctor(void) {}\n"
                      "int a(void) { return 2; }\n");
    settle();
    r = build(&e.cfg);
    CHECK(!r.ok);
    CHECK(!r.probe_crashed);
    CHECK(strstr(r.first_error, "has no hot_game descriptor") != NULL);
    r = build(&e.cfg);
    CHECK(!r.ok);
    CHECK(strstr(r.first_error, "has no hot_game descriptor") != NULL);

    put(e.src, "a.c", CTOR_GAME("*(volatile int *)0 = 1;"));
    settle();
    r = build(&e.cfg);
    CHECK(!r.ok);
    CHECK(r.probe_crashed);
    fprintf(stderr, "   crash: %s\n", r.first_error);
    CHECK(strncmp(r.first_error, "the library's constructor crashed: SIGSEGV", 42) == 0);
    CHECK(strstr(r.first_error, "in ctor (a.c:") != NULL);

    put(e.src, "a.c", CTOR_GAME("exit(3);"));
    settle();
    r = build(&e.cfg);
    CHECK(!r.ok);
    CHECK(r.probe_crashed);
    CHECK(strncmp(r.first_error, "the library's constructor exited: exit(3) in ctor", 49) == 0);

    put(e.src, "a.c", CTOR_GAME("for (;;) {}"));
    e.cfg.probe_budget_s = 0.3;
    settle();
    r = build(&e.cfg);
    CHECK(!r.ok);
    CHECK(r.probe_crashed);
    CHECK(strncmp(r.first_error, "the library's constructor hung", 30) == 0);

    put(e.src, "a.c", CTOR_GAME(""));
    settle();
    r = build(&e.cfg);
    CHECK(r.ok);
    CHECK(r.probe_ms > 0);

    /* No constructor, destructor or ifunc: nothing of the library runs inside dlopen, so
     * the builder makes the probe's checks itself (a probe that cannot start would fail
     * the build). */
    e.cfg.probe = "/nonexistent/hotrun-probe";
    put(e.src, "a.c",
        "#include \"hot.h\"\n#define S(X) X(FIELD, int32_t, v, 3)\nHOT_STATE(St, S)\n"
        "static void update(const HotApi *api, void *s) { (void)api; (void)s; }\n"
        "HOT_GAME(St, .update = update);\nHOT_EXPORT int a(void) { return 3; }\n");
    settle();
    r = build(&e.cfg);
    CHECK(r.ok);
    CHECK(!r.probe_crashed);
    CHECK_EQ_INT(test_call_in(r.lib, "a"), 3);
    put(e.src, "a.c", "int a(void) { return 3; }\n");
    settle();
    r = build(&e.cfg);
    CHECK(!r.ok);
    CHECK(!r.probe_crashed);
    CHECK(strstr(r.first_error, "has no hot_game descriptor") != NULL);
    put(e.src, "a.c",
        "int missing_function_xyz(void);\n"
        "int a(void) { return missing_function_xyz(); }\n");
    settle();
    r = build(&e.cfg);
    CHECK(!r.ok);
    CHECK(strstr(r.first_error, "unresolved symbol: missing_function_xyz") != NULL);
    /* A destructor, an ifunc: the probe is asked (and here cannot start). */
    put(e.src, "a.c",
        "__attribute__((destructor)) static void dtor(void) {}\n"
        "int a(void) { return 4; }\n");
    settle();
    r = build(&e.cfg);
    CHECK(!r.ok);
    CHECK(strstr(r.first_error, "cannot start the probe") != NULL);
    /* An ifunc used inside the library: its resolver runs when dlopen relocates. */
    put(e.src, "a.c",
        "static int four(void) { return 4; }\n"
        "static int (*pick(void))(void) { return four; }\n"
        "int a(void) __attribute__((ifunc(\"pick\")));\n"
        "int (*a_ptr)(void) = a;\n");
    settle();
    r = build(&e.cfg);
    CHECK(!r.ok);
    CHECK(strstr(r.first_error, "cannot start the probe") != NULL);
    env_free(&e);
}

static ino_t inode_of(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? st.st_ino : 0;
}

/* A library whose probe fails never takes the place of the last good one: a good build
 * the host keeps for its next frame names that place (stage/game.so), and loads what is
 * there then, so a crashing constructor put there before its probe would reach the host. */
static void test_probe_failure_keeps_library(void)
{
    Env e = env_new();
    char *stage = path_in(e.root, "stage");
    mkdir(stage, 0700);
    e.cfg.stage_dir = stage;
    e.cfg.probe = PROBE_EXE;
    put(e.src, "a.c", CTOR_GAME(""));
    settle();
    uv_loop_t loop;
    CHECK(uv_loop_init(&loop) == 0);
    Builds got = {0};
    Err err;
    Builder *b = builder_create(&loop, &e.cfg, on_done, &got, &err);
    CHECK(b != NULL);
    builder_request(b);
    uv_run(&loop, UV_RUN_DEFAULT);
    CHECK_EQ_INT(got.count, 1);
    CHECK(got.r[0].ok);
    char *lib = path_in(stage, "game.so");
    CHECK_EQ_STR(got.r[0].lib, lib);
    ino_t good = inode_of(lib);
    CHECK(good != 0);

    put(e.src, "a.c", CTOR_GAME("*(volatile int *)0 = 1;"));
    settle();
    builder_request(b);
    uv_run(&loop, UV_RUN_DEFAULT);
    CHECK_EQ_INT(got.count, 2);
    CHECK(!got.r[1].ok);
    CHECK(got.r[1].probe_crashed);
    CHECK(inode_of(lib) == good); /* the good build's library, still there */
    CHECK(!exists(stage, "new/game.so"));
    /* Probed under its temporary name, which says game.so as the place does. */
    CHECK(strstr(got.r[1].first_error, " of game.so") != NULL);
    CHECK(strstr(got.r[1].first_error, "game.so.new") == NULL);

    put(e.src, "a.c", CTOR_GAME("(void)0;"));
    settle();
    builder_request(b);
    uv_run(&loop, UV_RUN_DEFAULT);
    CHECK_EQ_INT(got.count, 3);
    CHECK(got.r[2].ok);
    CHECK(inode_of(lib) != good);
    builder_destroy(b);
    uv_run(&loop, UV_RUN_DEFAULT);
    CHECK_EQ_INT(uv_loop_close(&loop), 0);
    free(lib);
    free(stage);
    env_free(&e);
}

static void test_custom(void)
{
    Env e = env_new();
    put(e.src, "x.c", "__attribute__((visibility(\"default\"))) int x(void) { return 7; }\n");
    e.cfg.custom_command = "${CC:-cc} -shared -fPIC -o out/x.so x.c";
    e.cfg.custom_lib = "out/x.so";
    put(e.src, "out/.keep", "");
    BuildResult r = build(&e.cfg);
    CHECK(r.ok);
    char *want = path_in(e.src, "out/x.so");
    CHECK_EQ_STR(r.lib, want);
    free(want);
    CHECK_EQ_INT(test_call_in(r.lib, "x"), 7);
    CHECK(!exists(e.cache, "dev")); /* the builder's own cache is not used */

    e.cfg.custom_command = "echo making; echo 'x.c:1:2: error: bad thing' >&2; exit 1";
    r = build(&e.cfg);
    CHECK(!r.ok);
    CHECK_EQ_STR(r.first_error, "x.c:1:2: error: bad thing");

    e.cfg.custom_command = "exit 3";
    r = build(&e.cfg);
    CHECK(!r.ok);
    CHECK_EQ_STR(r.first_error, "the build command exited with status 3");

    e.cfg.custom_command = "true";
    e.cfg.custom_lib = "out/none.so";
    r = build(&e.cfg);
    CHECK(!r.ok);
    CHECK(strstr(r.first_error, "did not produce") != NULL);
    env_free(&e);
}

static void test_release(void)
{
    Env e = env_new();
    put(e.src, "main.c",
        "#include <stdio.h>\n#include <math.h>\nint twice(int);\n"
        "int main(void) { printf(\"%d %.0f\\n\", twice(21), sqrt(81.0)); "
        "return 0; }\n");
    put(e.src, "lib/twice.c", "int twice(int x) { return 2 * x; }\n");
    char *exe = path_in(e.root, "out/game");
    const char *link_args[] = {"-lm", NULL};
    e.cfg.release = true;
    e.cfg.exe_out = exe;
    e.cfg.exe_link_args = link_args;
    settle();
    BuildResult r = build(&e.cfg);
    CHECK(r.ok);
    CHECK_EQ_INT(r.compiled, 2);
    CHECK_EQ_STR(r.lib, exe);
    CHECK(exists(e.cache, "release/obj/lib/twice.c.o"));
    CHECK(!exists(e.cache, "dev"));
    const char *argv[] = {exe, NULL};
    SpawnOptions opt = {.argv = argv, .timeout_s = 10};
    SpawnResult sr;
    char err[256];
    CHECK_EQ_INT(spawn_run(&opt, &sr, err, sizeof(err)), 0);
    CHECK_EQ_INT(sr.exit_status, 0);
    CHECK_EQ_STR(sr.output, "42 9\n");
    free((char *)sr.output);
    r = build(&e.cfg);
    CHECK_EQ_INT(r.compiled, 0);

    /* The synchronous form, as --static and --once use it. */
    unlink(exe);
    BuildResult now;
    Err berr;
    CHECK_EQ_INT(builder_build_now(&e.cfg, &now, &berr), 0);
    CHECK(now.ok);
    CHECK(access(exe, X_OK) == 0);
    e.cfg.release = false;
    put(e.src, "main.c", "int main(void) { return 0 }\n");
    CHECK_EQ_INT(builder_build_now(&e.cfg, &now, &berr), ERR_BUILD);
    CHECK(!now.ok);
    CHECK(strncmp(berr.text, "main.c:1:", 9) == 0);
    free(exe);
    env_free(&e);
}

int main(void)
{
    /* Like the host and the probe, which have libm in their global scope: a game library
     * links no libraries and finds libm's functions there. */
    CHECK(dlopen(LIBM_SO, RTLD_NOW | RTLD_GLOBAL) != NULL);
    RUN(test_incremental);
    RUN(test_errors);
    RUN(test_coalesce);
    RUN(test_settle);
    RUN(test_staged);
    RUN(test_build_timeout);
    RUN(test_superseded_compile_killed);
    RUN(test_request_from_callback_and_destroy);
    RUN(test_save_then_build);
    RUN(test_lean_link);
    RUN(test_schema_tables_once);
    RUN(test_tcc);
    RUN(test_tcc_tables);
    RUN(test_probe);
    RUN(test_probe_failure_keeps_library);
    RUN(test_custom);
    RUN(test_release);
    return 0;
}
