/* test_prober.c: the probe server through its client, with the real hotrun-probe
 * (PROBE_EXE) and real libraries compiled here: answers, the sentences of a constructor
 * that crashes, hangs, exits or kills the server, a server killed while idle, a cancelled
 * probe, and a loop that closes cleanly. */
#include <signal.h>
#include <stdbool.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dev/prober.h"
#include "testlib.h"

static char *dir;

/* A game library (a descriptor) whose constructor runs body and destructor dtor; its path
 * (malloc'ed). */
static char *lib_dtor(const char *name, const char *body, const char *dtor)
{
    char src[512], out[512], cmd[2048];
    snprintf(src, sizeof(src), "%s/%s.c", dir, name);
    snprintf(out, sizeof(out), "%s/%s.so", dir, name);
    char text[1024];
    snprintf(text, sizeof(text),
             "#include <signal.h>\n#include <stdlib.h>\n#include <sys/syscall.h>\n#include <unistd.h>\n"
             "#include \"hot.h\"\n"
             "#define S(X) X(FIELD, int32_t, v, 3)\nHOT_STATE(St, S)\n"
             "static void update(const HotApi *api, void *s) { (void)api; (void)s; }\n"
             "HOT_GAME(St, .update = update);\n"
             "__attribute__((constructor)) static void ctor(void) { %s }\n"
             "__attribute__((destructor)) static void dtor(void) { %s }\n",
             body, dtor);
    test_write_file(src, text);
    snprintf(cmd, sizeof(cmd), "${CC:-cc} -g -shared -fPIC -I '%s' -o '%s' '%s'",
             HOT_SHARED_DIR, out, src);
    CHECK(system(cmd) == 0);
    return strdup(out);
}

static char *lib(const char *name, const char *body)
{
    return lib_dtor(name, body, "");
}

typedef struct Got {
    int count;
    ProbeAnswer a;
} Got;

static void on_answer(const ProbeAnswer *a, void *ud)
{
    Got *g = ud;
    g->count++;
    g->a = *a;
}

/* One probe, the loop run until its answer (later: the destructors' verdict to come). */
static ProbeAnswer probe_as(uv_loop_t *loop, Prober *p, const char *path, double budget,
                            bool later)
{
    Got g = {0};
    CHECK_EQ_INT(prober_probe(p, path, budget, later, on_answer, &g), 0);
    CHECK_EQ_INT(prober_probe(p, path, budget, later, on_answer, &g), ERR_BUSY); /* one at a time */
    while (g.count == 0)
        uv_run(loop, UV_RUN_ONCE);
    CHECK_EQ_INT(g.count, 1);
    CHECK(g.a.end_ns >= g.a.start_ns);
    CHECK(later ? (g.a.ticket > 0) == g.a.ok : g.a.ticket == 0);
    return g.a;
}

static ProbeAnswer probe(uv_loop_t *loop, Prober *p, const char *path, double budget)
{
    return probe_as(loop, p, path, budget, false);
}

/* Runs the loop until the server runs (it starts on a pool thread). */
static int server_pid(uv_loop_t *loop, Prober *p)
{
    for (int i = 0; i < 2000 && prober_server_pid(p) < 0; i++) {
        uv_run(loop, UV_RUN_NOWAIT);
        usleep(1000);
    }
    return prober_server_pid(p);
}

static void test_answers(void)
{
    uv_loop_t loop;
    CHECK(uv_loop_init(&loop) == 0);
    Err err;
    Prober *p = prober_create(&loop, PROBE_EXE, 0, 2.0, &err);
    CHECK(p != NULL);
    char *ok = lib("ok", "");
    char *crash = lib("crash", "*(volatile int *)0 = 1;");
    char *hang = lib("hang", "for (;;) {}");
    char *quit = lib("quit", "exit(0);");
    char *killer = lib("killer", "kill(getppid(), SIGKILL);");
    char *raw = lib("raw", "syscall(SYS_exit_group, 5);");

    ProbeAnswer a = probe(&loop, p, ok, 2.0);
    CHECK(a.ok);
    CHECK(!a.crashed);
    a = probe(&loop, p, ok, 2.0); /* the next child, forked ahead */
    CHECK(a.ok);

    a = probe(&loop, p, crash, 2.0);
    CHECK(!a.ok);
    CHECK(a.crashed);
    fprintf(stderr, "   crash: %s\n", a.error);
    CHECK(strncmp(a.error, "the library's constructor crashed: SIGSEGV", 42) == 0);
    CHECK(strstr(a.error, "in ctor (crash.c:10)") != NULL);

    a = probe(&loop, p, hang, 0.3);
    CHECK(!a.ok);
    CHECK(a.crashed);
    fprintf(stderr, "   hang: %s\n", a.error);
    CHECK(strncmp(a.error, "the library's constructor hung", 30) == 0);
    CHECK(strstr(a.error, "in ctor (hang.c:10)") != NULL);

    /* exit(0) in a constructor must not look like a clean load. */
    a = probe(&loop, p, quit, 2.0);
    CHECK(!a.ok);
    CHECK(a.crashed);
    fprintf(stderr, "   exit: %s\n", a.error);
    CHECK(strncmp(a.error, "the library's constructor exited: exit(0) in ctor (quit.c:10)", 61) == 0);

    /* The process ended past every exit function: the child's end says so. */
    a = probe(&loop, p, raw, 2.0);
    CHECK(!a.ok);
    CHECK(a.crashed);
    fprintf(stderr, "   raw exit: %s\n", a.error);
    CHECK(strstr(a.error, "constructor ended the process (exit status 5)") != NULL);

    /* Not a library. */
    char missing[600];
    snprintf(missing, sizeof(missing), "%s/missing.so", dir);
    a = probe(&loop, p, missing, 2.0);
    CHECK(!a.ok);
    CHECK(!a.crashed);
    CHECK(strstr(a.error, "cannot load") != NULL);

    /* A constructor that kills the server: a new server is asked once more, which dies the
     * same way; the probe fails, and the next one gets a server again. */
    int before = server_pid(&loop, p);
    CHECK(before > 0);
    a = probe(&loop, p, killer, 2.0);
    CHECK(!a.ok);
    CHECK(a.crashed);
    fprintf(stderr, "   killer: %s\n", a.error);
    CHECK(strstr(a.error, "the probe died while loading the library (killed by SIGKILL)") != NULL);
    a = probe(&loop, p, ok, 2.0);
    CHECK(a.ok);

    /* The server killed while idle: the next probe is answered by a new one. */
    before = server_pid(&loop, p);
    CHECK(before > 0);
    CHECK(kill(before, SIGKILL) == 0);
    a = probe(&loop, p, ok, 2.0);
    CHECK(a.ok);
    CHECK(prober_server_pid(p) != before);

    /* A cancelled probe's answer never reaches the next one. */
    Got g = {0};
    CHECK_EQ_INT(prober_probe(p, hang, 5.0, false, on_answer, &g), 0);
    for (int i = 0; i < 20; i++)
        uv_run(&loop, UV_RUN_NOWAIT);
    prober_cancel(p);
    a = probe(&loop, p, ok, 2.0);
    CHECK(a.ok);
    CHECK_EQ_INT(g.count, 0);

    int last = prober_server_pid(p);
    prober_destroy(p);
    uv_run(&loop, UV_RUN_DEFAULT);
    CHECK_EQ_INT(uv_loop_close(&loop), 0);
    CHECK(kill(last, 0) < 0); /* ended and reaped */
    free(ok);
    free(crash);
    free(hang);
    free(quit);
    free(killer);
    free(raw);
}

/* Answers once the constructors ran; the destructors' verdict comes after, per ticket: a
 * destructor that crashes, hangs, ends the process or kills the server is a library the
 * host must never close. Probes go on after each. */
static void test_dtors_later(void)
{
    uv_loop_t loop;
    CHECK(uv_loop_init(&loop) == 0);
    Err err;
    Prober *p = prober_create(&loop, PROBE_EXE, 0, 2.0, &err);
    CHECK(p != NULL);
    char *ok = lib_dtor("dok", "", "");
    char *crash = lib_dtor("dcrash", "", "*(volatile int *)0 = 1;");
    char *hang = lib_dtor("dhang", "", "for (;;) {}");
    char *raw = lib_dtor("draw", "", "syscall(SYS_exit_group, 5);");
    char *killer = lib_dtor("dkiller", "", "kill(getppid(), SIGKILL);");
    char *ckiller = lib("ckiller", "kill(getppid(), SIGKILL);");
    char msg[512];

    ProbeAnswer a = probe_as(&loop, p, ok, 2.0, true);
    CHECK(a.ok);
    CHECK_EQ_INT(prober_dtors(p, a.ticket, 2.0, msg, sizeof(msg)), 0);
    CHECK_EQ_INT(prober_dtors(p, 0, 2.0, msg, sizeof(msg)), 0);

    a = probe_as(&loop, p, crash, 2.0, true);
    CHECK(a.ok);
    CHECK_EQ_INT(prober_dtors(p, a.ticket, 2.0, msg, sizeof(msg)), -1);
    fprintf(stderr, "   dtor crash: %s\n", msg);
    CHECK(strstr(msg, "the library's destructor crashed: SIGSEGV") != NULL);
    CHECK(strstr(msg, "in dtor (dcrash.c:11)") != NULL);
    CHECK_EQ_INT(prober_dtors(p, a.ticket, 0, msg, sizeof(msg)), -1); /* kept until forgotten */
    prober_forget(p, a.ticket);
    CHECK_EQ_INT(prober_dtors(p, a.ticket, 0, msg, sizeof(msg)), 0);

    /* The verdict read later, from the loop's own reading. */
    a = probe_as(&loop, p, raw, 2.0, true);
    CHECK(a.ok);
    for (int i = 0; i < 2000 && prober_dtors(p, a.ticket, 0, msg, sizeof(msg)) == -1 &&
                    strstr(msg, "did not finish"); i++) {
        uv_run(&loop, UV_RUN_NOWAIT);
        usleep(1000);
    }
    CHECK_EQ_INT(prober_dtors(p, a.ticket, 0, msg, sizeof(msg)), -1);
    fprintf(stderr, "   dtor raw exit: %s\n", msg);
    CHECK(strstr(msg, "the library's destructor ended the process (exit status 5) while closing"));

    a = probe_as(&loop, p, hang, 0.3, true);
    CHECK(a.ok);
    CHECK_EQ_INT(prober_dtors(p, a.ticket, 5.0, msg, sizeof(msg)), -1);
    fprintf(stderr, "   dtor hang: %s\n", msg);
    CHECK(strstr(msg, "the library's destructor hung") != NULL);
    CHECK(strstr(msg, "in dtor (dhang.c:11)") != NULL);

    a = probe_as(&loop, p, killer, 2.0, true);
    CHECK(a.ok);
    CHECK_EQ_INT(prober_dtors(p, a.ticket, 5.0, msg, sizeof(msg)), -1);
    fprintf(stderr, "   dtor killer: %s\n", msg);
    CHECK(strstr(msg, "the probe died while running the library's destructors") != NULL);

    /* Answered after both: a destructor's crash fails the probe. */
    a = probe(&loop, p, crash, 2.0);
    CHECK(!a.ok);
    CHECK(a.crashed);
    CHECK(strstr(a.error, "the library's destructor crashed: SIGSEGV") != NULL);

    /* A constructor that kills the server never answers ok, asked early or not. */
    for (int i = 0; i < 5; i++) {
        a = probe_as(&loop, p, ckiller, 2.0, true);
        CHECK(!a.ok);
        CHECK(strstr(a.error, "the probe died while loading the library (killed by SIGKILL)"));
    }
    a = probe_as(&loop, p, ok, 2.0, true);
    CHECK(a.ok);
    CHECK_EQ_INT(prober_dtors(p, a.ticket, 2.0, msg, sizeof(msg)), 0);

    prober_destroy(p);
    uv_run(&loop, UV_RUN_DEFAULT);
    CHECK_EQ_INT(uv_loop_close(&loop), 0);
    free(ok);
    free(crash);
    free(hang);
    free(raw);
    free(killer);
    free(ckiller);
}

/* A probe that cannot start says so; destroy right after create closes cleanly. */
static void test_no_server(void)
{
    uv_loop_t loop;
    CHECK(uv_loop_init(&loop) == 0);
    Err err;
    Prober *p = prober_create(&loop, "/nonexistent/hotrun-probe", 0, 2.0, &err);
    CHECK(p != NULL);
    char *ok = lib("ok2", "");
    ProbeAnswer a = probe(&loop, p, ok, 2.0);
    CHECK(!a.ok);
    CHECK(strstr(a.error, "cannot start the probe /nonexistent/hotrun-probe") != NULL);
    prober_destroy(p);
    uv_run(&loop, UV_RUN_DEFAULT);
    CHECK_EQ_INT(uv_loop_close(&loop), 0);

    CHECK(uv_loop_init(&loop) == 0);
    p = prober_create(&loop, PROBE_EXE, 0, 2.0, &err);
    CHECK(p != NULL);
    prober_destroy(p);
    uv_run(&loop, UV_RUN_DEFAULT);
    CHECK_EQ_INT(uv_loop_close(&loop), 0);
    free(ok);
}

int main(void)
{
    /* As in hotrun (cli/main.c): a request written to a server that died a moment before
     * fails with EPIPE, which the prober takes for the server's end (a new one is asked). */
    signal(SIGPIPE, SIG_IGN);
    dir = test_tmpdir();
    RUN(test_answers);
    RUN(test_dtors_later);
    RUN(test_no_server);
    test_rmtree(dir);
    free(dir);
    fprintf(stderr, "%d checks passed\n", testlib_checks);
    return 0;
}
