/* test_spawn.c: real children on a real libuv loop: exit codes, signals, output, timeouts,
 * kill and cancel, and that nothing leaks (fds into the child, handles in the loop). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/resource.h>
#include <unistd.h>

#include "dev/spawn.h"
#include "testlib.h"

typedef struct Got {
    int calls;
    int exit_status, term_signal;
    bool timed_out, truncated;
    char *output;
    size_t len;
    uint64_t start_ns, end_ns;
} Got;

static void on_done(const SpawnResult *r, void *ud)
{
    Got *g = ud;
    g->calls++;
    g->exit_status = r->exit_status;
    g->term_signal = r->term_signal;
    g->timed_out = r->timed_out;
    g->truncated = r->output_truncated;
    g->len = r->output_len;
    g->start_ns = r->start_ns;
    g->end_ns = r->end_ns;
    CHECK(r->output[r->output_len] == '\0');
    free(g->output);
    g->output = strdup(r->output);
}

/* Runs argv on a fresh loop until everything closed; checks the loop closes. */
static Got run(const char *const *argv, const char *cwd, double timeout_s)
{
    uv_loop_t loop;
    CHECK(uv_loop_init(&loop) == 0);
    Got g = {0};
    char err[256];
    SpawnOptions opt = {.argv = argv, .cwd = cwd, .timeout_s = timeout_s};
    Spawn *s = spawn_start(&loop, &opt, on_done, &g, err, sizeof(err));
    CHECK(s != NULL);
    uv_run(&loop, UV_RUN_DEFAULT);
    CHECK_EQ_INT(uv_loop_close(&loop), 0);
    CHECK_EQ_INT(g.calls, 1);
    CHECK(g.end_ns >= g.start_ns);
    return g;
}

static void test_exit_status(void)
{
    const char *argv[] = {"sh", "-c", "exit 3", NULL};
    Got g = run(argv, NULL, 0);
    CHECK_EQ_INT(g.exit_status, 3);
    CHECK_EQ_INT(g.term_signal, 0);
    CHECK(!g.timed_out);
    CHECK_EQ_INT(g.len, 0);
    free(g.output);

    const char *ok[] = {"true", NULL};
    g = run(ok, NULL, 0);
    CHECK_EQ_INT(g.exit_status, 0);
    free(g.output);
}

static void test_signal(void)
{
    const char *argv[] = {"sh", "-c", "kill -SEGV $$", NULL};
    Got g = run(argv, NULL, 0);
    CHECK_EQ_INT(g.exit_status, -1);
    CHECK_EQ_INT(g.term_signal, SIGSEGV);
    CHECK(!g.timed_out);
    free(g.output);
}

static void test_output(void)
{
    /* stdout and stderr interleaved in the order written. */
    const char *argv[] = {"sh", "-c", "echo one; echo two >&2; printf three", NULL};
    Got g = run(argv, NULL, 0);
    CHECK_EQ_INT(g.exit_status, 0);
    CHECK_EQ_STR(g.output, "one\ntwo\nthree");
    free(g.output);

    /* Far more than a pipe buffer: the reader must keep draining while the child writes. */
    const char *big[] = {"sh", "-c", "head -c 1000000 /dev/zero | tr '\\0' x; echo end >&2",
                         NULL};
    g = run(big, NULL, 0);
    CHECK_EQ_INT(g.exit_status, 0);
    CHECK_EQ_INT(g.len, 1000004);
    CHECK(!g.truncated);
    CHECK_EQ_STR(g.output + 1000000, "end\n");
    free(g.output);

    /* Output beyond the cap is dropped, and the child still finishes. */
    const char *huge[] = {"sh", "-c", "head -c 5000000 /dev/zero", NULL};
    g = run(huge, NULL, 0);
    CHECK_EQ_INT(g.exit_status, 0);
    CHECK(g.truncated);
    CHECK_EQ_INT(g.len, SPAWN_MAX_OUTPUT);
    free(g.output);
}

static void test_cwd_stdin_fds(void)
{
    char *dir = test_tmpdir();
    const char *pwd[] = {"pwd", NULL};
    Got g = run(pwd, dir, 0);
    char want[600];
    snprintf(want, sizeof(want), "%s\n", dir);
    CHECK_EQ_STR(g.output, want);
    free(g.output);

    /* stdin is /dev/null: cat ends at once. */
    const char *cat[] = {"cat", NULL};
    g = run(cat, NULL, 0);
    CHECK_EQ_INT(g.exit_status, 0);
    CHECK_EQ_INT(g.len, 0);
    free(g.output);

    /* None of our descriptors (loop, pipe, pidfd) reaches the child: it has 0, 1, 2, what
     * the test process inherited without close-on-exec, and ls's own handle on the
     * directory, which is the lowest free number. */
    const char *ls[] = {"ls", "/proc/self/fd", NULL};
    g = run(ls, NULL, 0);
    bool expect[1024] = {[0] = true, [1] = true, [2] = true};
    for (int fd = 3; fd < 1024; fd++) {
        int fl = fcntl(fd, F_GETFD);
        expect[fd] = fl >= 0 && !(fl & FD_CLOEXEC);
    }
    int lowest = 3;
    while (expect[lowest])
        lowest++;
    expect[lowest] = true;
    int seen = 0, nexpect = 0;
    for (char *line = strtok(g.output, "\n"); line; line = strtok(NULL, "\n")) {
        int fd = atoi(line);
        CHECK(fd >= 0 && fd < 1024 && expect[fd]);
        seen++;
    }
    for (int fd = 0; fd < 1024; fd++)
        nexpect += expect[fd];
    CHECK_EQ_INT(seen, nexpect);
    free(g.output);

    /* A blocked or ignored signal in the parent does not reach the child. */
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigprocmask(SIG_BLOCK, &set, &old);
    signal(SIGINT, SIG_IGN);
    const char *self[] = {"sh", "-c", "kill -TERM $$; sleep 5", NULL};
    g = run(self, NULL, 0);
    CHECK_EQ_INT(g.term_signal, SIGTERM);
    free(g.output);
    const char *intr[] = {"sh", "-c", "kill -INT $$; sleep 5", NULL};
    g = run(intr, NULL, 0);
    CHECK_EQ_INT(g.term_signal, SIGINT);
    free(g.output);
    sigprocmask(SIG_SETMASK, &old, NULL);
    signal(SIGINT, SIG_DFL);
    test_rmtree(dir);
    free(dir);
}

static void test_timeout(void)
{
    /* The shell's child (sleep) holds the pipe too: the kill reaches the whole group and
     * the result does not wait for it. */
    const char *argv[] = {"sh", "-c", "echo started; sleep 30; echo never", NULL};
    Got g = run(argv, NULL, 0.2);
    CHECK(g.timed_out);
    CHECK_EQ_INT(g.term_signal, SIGKILL);
    CHECK_EQ_STR(g.output, "started\n");
    free(g.output);
}

static void test_missing_program(void)
{
    uv_loop_t loop;
    CHECK(uv_loop_init(&loop) == 0);
    Got g = {0};
    char err[256] = "";
    const char *argv[] = {"hotrun-no-such-program", NULL};
    SpawnOptions opt = {.argv = argv};
    CHECK(spawn_start(&loop, &opt, on_done, &g, err, sizeof(err)) == NULL);
    CHECK(strstr(err, "hotrun-no-such-program") != NULL);
    uv_run(&loop, UV_RUN_DEFAULT);
    CHECK_EQ_INT(g.calls, 0);
    CHECK_EQ_INT(uv_loop_close(&loop), 0);
}

static void kill_it(uv_timer_t *t)
{
    CHECK_EQ_INT(spawn_kill(t->data, SIGTERM), 0);
    uv_close((uv_handle_t *)t, NULL);
}

static int cancelled_pid;

/* Cancels once the child runs (its pid known), so the test can look for it afterwards. */
static void cancel_it(uv_timer_t *t)
{
    if (spawn_pid(t->data) <= 0)
        return;
    cancelled_pid = spawn_pid(t->data);
    spawn_cancel(t->data);
    uv_close((uv_handle_t *)t, NULL);
}

static void test_kill_and_cancel(void)
{
    uv_loop_t loop;
    CHECK(uv_loop_init(&loop) == 0);
    Got g = {0}, c = {0};
    char err[256];
    const char *argv[] = {"sleep", "30", NULL};
    SpawnOptions opt = {.argv = argv};
    Spawn *a = spawn_start(&loop, &opt, on_done, &g, err, sizeof(err));
    Spawn *b = spawn_start(&loop, &opt, on_done, &c, err, sizeof(err));
    CHECK(a && b);
    uv_timer_t ta, tb;
    uv_timer_init(&loop, &ta);
    uv_timer_init(&loop, &tb);
    ta.data = a;
    tb.data = b;
    uv_timer_start(&ta, kill_it, 20, 0);
    uv_timer_start(&tb, cancel_it, 20, 5);
    uv_run(&loop, UV_RUN_DEFAULT);
    CHECK_EQ_INT(g.calls, 1);
    CHECK_EQ_INT(g.term_signal, SIGTERM);
    CHECK_EQ_INT(c.calls, 0);  /* a cancelled child reports nothing */
    CHECK(cancelled_pid > 0);
    CHECK(kill(cancelled_pid, 0) != 0); /* ... and is gone, reaped */
    CHECK_EQ_INT(uv_loop_close(&loop), 0);
    free(g.output);
}

/* Killed or cancelled before the spawner thread started the child: the kill waits for the
 * child and reaches it; the cancelled one never writes its marker. */
static void test_kill_and_cancel_before_start(void)
{
    char dir[] = "/tmp/hotrun-spawn-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char marker[64];
    snprintf(marker, sizeof(marker), "%s/marker", dir);
    uv_loop_t loop;
    CHECK(uv_loop_init(&loop) == 0);
    Got g = {0}, c = {0};
    char err[256];
    const char *sleeper[] = {"sleep", "30", NULL};
    const char *writer[] = {"sh", "-c", "sleep 0.2; touch marker", NULL};
    SpawnOptions killed = {.argv = sleeper}, cancelled = {.argv = writer, .cwd = dir};
    Spawn *a = spawn_start(&loop, &killed, on_done, &g, err, sizeof(err));
    Spawn *b = spawn_start(&loop, &cancelled, on_done, &c, err, sizeof(err));
    CHECK(a && b);
    CHECK_EQ_INT(spawn_kill(a, SIGTERM), 0);
    spawn_cancel(b);
    uv_run(&loop, UV_RUN_DEFAULT);
    CHECK_EQ_INT(g.calls, 1);
    CHECK_EQ_INT(g.term_signal, SIGTERM);
    CHECK_EQ_INT(c.calls, 0);
    CHECK_EQ_INT(uv_loop_close(&loop), 0);
    usleep(400 * 1000);
    CHECK(access(marker, F_OK) != 0);
    rmdir(dir);
    free(g.output);
}

/* A SIGKILL asked for before the child started (a timeout, a cancel) is not replaced by a
 * later, milder signal: this child ignores SIGTERM. */
static void test_pending_kill_stays(void)
{
    uv_loop_t loop;
    CHECK(uv_loop_init(&loop) == 0);
    Got g = {0};
    char err[256];
    const char *argv[] = {"sh", "-c", "trap '' TERM; sleep 30", NULL};
    SpawnOptions opt = {.argv = argv, .timeout_s = 10};
    Spawn *s = spawn_start(&loop, &opt, on_done, &g, err, sizeof(err));
    CHECK(s != NULL);
    CHECK_EQ_INT(spawn_kill(s, SIGKILL), 0);
    CHECK_EQ_INT(spawn_kill(s, SIGTERM), 0);
    CHECK_EQ_INT(spawn_kill(s, 0), 0);
    uv_run(&loop, UV_RUN_DEFAULT);
    CHECK_EQ_INT(g.calls, 1);
    CHECK(!g.timed_out);
    CHECK_EQ_INT(g.term_signal, SIGKILL);
    CHECK_EQ_INT(uv_loop_close(&loop), 0);
    free(g.output);
}

/* A file that exists but cannot be executed gets past spawn_start's check; its failure
 * comes back through done, as a shell would report it. */
static void test_bad_executable(void)
{
    char dir[] = "/tmp/hotrun-spawn-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char prog[64];
    snprintf(prog, sizeof(prog), "%s/prog", dir);
    int fd = open(prog, O_CREAT | O_WRONLY, 0755);
    CHECK(fd >= 0);
    CHECK(write(fd, "\x7f" "ELF garbage", 12) == 12);
    close(fd);
    const char *argv[] = {prog, NULL};
    Got g = run(argv, NULL, 0);
    CHECK_EQ_INT(g.exit_status, 127);
    CHECK(strstr(g.output, "cannot run") != NULL);
    CHECK(strstr(g.output, prog) != NULL);
    free(g.output);
    unlink(prog);
    rmdir(dir);
}

/* Children run nicer than hotrun by opt.nice; the calling thread keeps its own niceness,
 * and the spawner thread cannot go back down, so a smaller value later changes nothing.
 * Last: it leaves the process's spawner thread nicer. */
static void test_nice(void)
{
    errno = 0;
    int base = getpriority(PRIO_PROCESS, 0);
    CHECK(errno == 0);
    if (base > 14)
        return; /* the test itself runs too nice to see a difference */
    const char *argv[] = {"nice", NULL};
    uv_loop_t loop;
    CHECK(uv_loop_init(&loop) == 0);
    Got g = {0};
    char err[256], want[16];
    SpawnOptions opt = {.argv = argv, .nice = 5};
    CHECK(spawn_start(&loop, &opt, on_done, &g, err, sizeof(err)) != NULL);
    uv_run(&loop, UV_RUN_DEFAULT);
    snprintf(want, sizeof(want), "%d\n", base + 5);
    CHECK_EQ_STR(g.output, want);
    CHECK_EQ_INT(getpriority(PRIO_PROCESS, 0), base);
    free(g.output);
    memset(&g, 0, sizeof(g));
    opt.nice = 0;
    CHECK(spawn_start(&loop, &opt, on_done, &g, err, sizeof(err)) != NULL);
    uv_run(&loop, UV_RUN_DEFAULT);
    CHECK_EQ_STR(g.output, want);
    CHECK_EQ_INT(uv_loop_close(&loop), 0);
    free(g.output);
}

static void test_run_sync(void)
{
    const char *argv[] = {"sh", "-c", "echo hi; exit 4", NULL};
    SpawnOptions opt = {.argv = argv};
    SpawnResult r;
    char err[256];
    CHECK_EQ_INT(spawn_run(&opt, &r, err, sizeof(err)), 0);
    CHECK_EQ_INT(r.exit_status, 4);
    CHECK_EQ_STR(r.output, "hi\n");
    free((char *)r.output);

    /* Output with NUL bytes comes back whole. */
    const char *nul[] = {"printf", "a\\000b", NULL};
    opt.argv = nul;
    CHECK_EQ_INT(spawn_run(&opt, &r, err, sizeof(err)), 0);
    CHECK_EQ_INT(r.output_len, 3);
    CHECK(memcmp(r.output, "a\0b", 4) == 0);
    free((char *)r.output);
}

int main(void)
{
    RUN(test_exit_status);
    RUN(test_signal);
    RUN(test_output);
    RUN(test_cwd_stdin_fds);
    RUN(test_timeout);
    RUN(test_missing_program);
    RUN(test_kill_and_cancel);
    RUN(test_kill_and_cancel_before_start);
    RUN(test_pending_kill_stays);
    RUN(test_bad_executable);
    RUN(test_run_sync);
    RUN(test_nice); /* last: see there */
    return 0;
}
