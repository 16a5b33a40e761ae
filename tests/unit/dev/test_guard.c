/* test_guard.c: crashes and hangs in a real dlopened library return to the host; crashes
 * outside a guarded call still end the process. GUARD_BENCH=N measures a guarded call. */
#include "dev/guard.h"
#include "testlib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The fixture: one function per way of crashing. Markers name the lines that fault. */
static const char *fixture_src =
    "#define _GNU_SOURCE\n"
    "#include <stdlib.h>\n"
    "#include <sys/mman.h>\n"
    "#include <unistd.h>\n"
    "typedef void (*Fn)(void *);\n"
    "void crash_segv(void *ctx) {\n"
    "    (void)ctx;\n"
    "    volatile int *p = NULL;\n"
    "    *p = 42; /* LINE_SEGV */\n"
    "}\n"
    "void crash_bus(void *ctx) {\n"
    "    (void)ctx;\n"
    "    int fd = memfd_create(\"bus\", 0);\n"
    "    if (ftruncate(fd, 4096) != 0) return;\n"
    "    volatile char *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);\n"
    "    if (ftruncate(fd, 0) != 0) return;\n"
    "    close(fd);\n"
    "    m[0] = 1; /* LINE_BUS */\n"
    "}\n"
    "void crash_fpe(void *ctx) {\n"
    "    (void)ctx;\n"
    "    volatile int zero = 0, seven = 7;\n"
    "    volatile int r = seven / zero; /* LINE_FPE */\n"
    "    (void)r;\n"
    "}\n"
    "void crash_ill(void *ctx) {\n"
    "    (void)ctx;\n"
    "    __builtin_trap(); /* LINE_ILL */\n"
    "}\n"
    "void crash_abort(void *ctx) {\n"
    "    (void)ctx;\n"
    "    abort(); /* LINE_ABORT */\n"
    "}\n"
    "void crash_stack(void *ctx) {\n"
    "    volatile char buf[1024];\n"
    "    buf[0] = 1;\n"
    "    crash_stack(ctx);\n"
    "    buf[1] = buf[0];\n"
    "}\n"
    "void spin_forever(void *ctx) {\n"
    "    (void)ctx;\n"
    "    volatile unsigned long n = 0;\n"
    "    for (;;) n++;\n"
    "}\n"
    "void call_null(void *ctx) {\n"
    "    Fn volatile f = NULL;\n"
    "    f(ctx); /* LINE_NULLCALL */\n"
    "}\n"
    "void ok_call(void *ctx) { (*(int *)ctx)++; }\n"
    "typedef int (*Service)(const char *);\n"
    "void call_service(void *ctx) {\n"
    "    Service volatile s = (Service)ctx;\n"
    "    s((const char *)16); /* LINE_SERVICE */\n"
    "}\n"
    "__attribute__((visibility(\"default\"))) Fn crash_table[] = {crash_segv, crash_bus,\n"
    "    crash_fpe, crash_ill, crash_abort, crash_stack, spin_forever, call_null, ok_call,\n"
    "    call_service};\n";

enum { SEGV, BUS, FPE, ILL, ABRT, STACK, SPIN, NULLCALL, OK, SERVICE };
typedef void (*Fn)(void *);

static char *tmp;
static bool have_addr2line;

/* The line of the fixture that carries the marker. */
static int marker_line(const char *marker)
{
    const char *at = strstr(fixture_src, marker);
    CHECK(at != NULL);
    int line = 1;
    for (const char *p = fixture_src; p < at; p++)
        line += *p == '\n';
    return line;
}

/* Compiles the fixture with `flags` into tmp/name and opens it. */
static Fn *build_fixture(const char *name, const char *flags, void **handle)
{
    char src[1024], lib[1024], cmd[4096];
    snprintf(src, sizeof(src), "%s/crash.c", tmp);
    test_write_file(src, fixture_src);
    snprintf(lib, sizeof(lib), "%s/%s", tmp, name);
    snprintf(cmd, sizeof(cmd), "cd %s && cc -shared -fPIC %s -o %s crash.c", tmp, flags, lib);
    CHECK(system(cmd) == 0);
    *handle = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
    CHECK(*handle != NULL);
    Fn *table = dlsym(*handle, "crash_table");
    CHECK(table != NULL);
    return table;
}

static void normal_call_works(Fn *table)
{
    int n = 0;
    GuardFault f;
    CHECK_EQ_INT(guard_call(table[OK], &n, &f), 0);
    CHECK_EQ_INT(n, 1);
}

typedef struct Case {
    int index;
    const char *function;
    int signal;
    const char *marker; /* NULL: only the file is checked */
} Case;

static void expect_fault(Fn *table, const Case *c, const char *object, bool debug_info)
{
    GuardFault f;
    memset(&f, 0x5a, sizeof(f));
    CHECK_EQ_INT(guard_call(table[c->index], NULL, &f), -1);
    char msg[512];
    guard_describe(&f, msg, sizeof(msg));
    fprintf(stderr, "   %s -> %s\n", c->function, msg);
    CHECK_EQ_INT(f.signal, c->signal);
    CHECK_EQ_INT(f.timeout, c->index == SPIN);
    CHECK_EQ_INT(f.stack_overflow, c->index == STACK);
    CHECK_EQ_STR(f.function, c->function);
    CHECK(strstr(f.object, object) != NULL);
    CHECK(c->index == NULLCALL ? f.pc == NULL : f.pc != NULL);
    if (have_addr2line && debug_info) {
        CHECK(strncmp(f.where, "crash.c:", 8) == 0);
        if (c->marker) {
            char want[64];
            snprintf(want, sizeof(want), "crash.c:%d", marker_line(c->marker));
            CHECK_EQ_STR(f.where, want);
        }
    } else if (!debug_info) {
        CHECK_EQ_STR(f.where, "");
    }
    CHECK(strstr(msg, c->function) != NULL);
    CHECK(strstr(msg, object) != NULL);
    if (c->index == SPIN) {
        CHECK(strncmp(msg, "timeout: ", 9) == 0);
        CHECK_EQ_STR(guard_signal_name(&f), "timeout");
    } else if (c->index == STACK) {
        CHECK(strncmp(msg, "stack overflow", 14) == 0);
    } else {
        CHECK(strncmp(msg, guard_signal_name(&f), strlen(guard_signal_name(&f))) == 0);
    }
    if (c->index == SEGV && debug_info) {
        CHECK(f.addr == NULL);
        CHECK(strstr(msg, "SIGSEGV (address 0x0) in crash_segv (crash.c:") != NULL);
    }
    normal_call_works(table);
}

static const Case cases[] = {
    {SEGV, "crash_segv", SIGSEGV, "LINE_SEGV"},
    {BUS, "crash_bus", SIGBUS, "LINE_BUS"},
    {FPE, "crash_fpe", SIGFPE, "LINE_FPE"},
    {ILL, "crash_ill", SIGILL, "LINE_ILL"},
    {ABRT, "crash_abort", SIGABRT, "LINE_ABORT"},
    {STACK, "crash_stack", SIGSEGV, NULL},
    {NULLCALL, "call_null", SIGSEGV, "LINE_NULLCALL"},
    {SPIN, "spin_forever", 0, NULL},
};
#define NCASES (sizeof(cases) / sizeof(cases[0]))

static void test_every_fault_returns(void)
{
    void *h;
    Fn *table = build_fixture("crash.so", "-O0 -g", &h);
    CHECK_EQ_INT(guard_init(0.3, true), 0);
    normal_call_works(table);
    for (size_t i = 0; i < NCASES; i++)
        expect_fault(table, &cases[i], "crash.so", true);
    /* Twice over: nothing is left broken by the first round. */
    for (size_t i = 0; i < NCASES; i++)
        expect_fault(table, &cases[i], "crash.so", true);
    guard_shutdown();
    dlclose(h);
}

/* Game libraries are built with -fvisibility=hidden: dladdr cannot name their functions. */
static void test_hidden_symbols(void)
{
    void *h;
    Fn *table = build_fixture("hidden.so", "-O0 -g -fvisibility=hidden", &h);
    void *h2;
    Fn *bare = build_fixture("bare.so", "-O0 -fvisibility=hidden", &h2);
    CHECK_EQ_INT(guard_init(0.3, true), 0);
    expect_fault(table, &cases[0], "hidden.so", true);
    expect_fault(table, &cases[4], "hidden.so", true);
    if (have_addr2line) {
        /* No debug info: the name still comes from .symtab, the line is unknown. */
        expect_fault(bare, &cases[0], "bare.so", false);
        expect_fault(bare, &cases[7], "bare.so", false);
    }
    guard_shutdown();
    dlclose(h);
    dlclose(h2);
}

/* A fault in host code (the main program, not exported) called from a guarded call. */
static void __attribute__((noinline)) host_crash(void *ctx)
{
    *(volatile int *)ctx = 1;
}

static void test_fault_in_main_program(void)
{
    CHECK_EQ_INT(guard_init(2.0, true), 0);
    GuardFault f;
    CHECK_EQ_INT(guard_call(host_crash, (void *)16, &f), -1);
    char msg[512];
    guard_describe(&f, msg, sizeof(msg));
    fprintf(stderr, "   host_crash -> %s\n", msg);
    CHECK_EQ_INT(f.signal, SIGSEGV);
    CHECK(f.addr == (void *)16);
    CHECK(strstr(f.object, "test_guard") != NULL);
    if (have_addr2line) {
        CHECK_EQ_STR(f.function, "host_crash");
        CHECK(strncmp(f.where, "test_guard.c:", 13) == 0);
    }
    guard_shutdown();
}

/* A host service the game calls with a bad pointer: it faults inside the host (or inside
 * libc's strlen, called by the host). */
static int __attribute__((noinline)) host_text(const char *s)
{
    return *(volatile const char *)s;
}

static int __attribute__((noinline)) host_text_len(const char *s)
{
    return (int)strlen(s) + 1;
}

static void expect_service_fault(Fn *table, int (*service)(const char *), const char *name)
{
    GuardFault f;
    void *ctx;
    memcpy(&ctx, &service, sizeof(ctx)); /* the fixture calls it back through ctx */
    CHECK_EQ_INT(guard_call(table[SERVICE], ctx, &f), -1);
    char msg[512];
    guard_describe(&f, msg, sizeof(msg));
    fprintf(stderr, "   %s -> %s\n", name, msg);
    CHECK_EQ_INT(f.signal, SIGSEGV);
    CHECK(strstr(f.object, "service.so") != NULL);
    if (have_addr2line) {
        char want[64];
        snprintf(want, sizeof(want), "crash.c:%d", marker_line("LINE_SERVICE"));
        CHECK_EQ_STR(f.service, name);
        CHECK_EQ_STR(f.function, "call_service");
        CHECK_EQ_STR(f.where, want);
        char phrase[256];
        snprintf(phrase, sizeof(phrase), "in %s, called from call_service (%s) of service.so",
                 name, want);
        CHECK(strstr(msg, phrase) != NULL);
    }
}

/* What dev/exit_trap.c's exit does: a fault when game code calls it in a guarded call. */
static int __attribute__((noinline)) fake_exit(const char *s)
{
    guard_trap_exit("exit", 3, __builtin_return_address(0));
    return s == NULL;
}

static void test_exit_from_game_code(void)
{
    void *h;
    Fn *table = build_fixture("exits.so", "-O0 -g", &h);
    CHECK_EQ_INT(guard_init(2.0, true), 0);
    /* Outside a guarded call, and from the host itself, it returns: exit means exit. */
    CHECK_EQ_INT(fake_exit(NULL), 1);
    GuardFault f;
    void *ctx;
    int (*fn)(const char *) = fake_exit;
    memcpy(&ctx, &fn, sizeof(ctx));
    CHECK_EQ_INT(guard_call(table[SERVICE], ctx, &f), -1);
    char msg[512];
    guard_describe(&f, msg, sizeof(msg));
    fprintf(stderr, "   exit -> %s\n", msg);
    CHECK_EQ_INT(f.signal, 0);
    CHECK_EQ_STR(f.exit_call, "exit");
    CHECK_EQ_INT(f.exit_status, 3);
    CHECK_EQ_STR(guard_signal_name(&f), "exit");
    CHECK_EQ_STR(f.function, "call_service");
    if (have_addr2line) {
        char want[64];
        snprintf(want, sizeof(want), "crash.c:%d", marker_line("LINE_SERVICE"));
        CHECK_EQ_STR(f.where, want);
    }
    CHECK(strncmp(msg, "exit(3) in call_service", 23) == 0);
    CHECK(strstr(msg, "api->quit") != NULL);
    normal_call_works(table);
    guard_shutdown();
    dlclose(h);
}

static void test_fault_in_a_host_service(void)
{
    void *h;
    Fn *table = build_fixture("service.so", "-O0 -g", &h);
    CHECK_EQ_INT(guard_init(2.0, true), 0);
    expect_service_fault(table, host_text, "host_text");
    expect_service_fault(table, host_text_len, "host_text_len");
    guard_shutdown();
    dlclose(h);
}

/* A real return address into the main program (the word after a call instruction). */
static uintptr_t __attribute__((noinline)) a_return_address(void)
{
    return (uintptr_t)__builtin_return_address(0);
}

/* Fills the stack below the caller with that return address, as a frame's drawing leaves
 * return addresses below the game's update. */
static void __attribute__((noinline)) dirty_stack(uintptr_t ra)
{
    volatile uintptr_t words[4096];
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        words[i] = ra;
}

static void dirty_then_abort(Fn *table)
{
    dirty_stack(a_return_address());
    GuardFault f;
    CHECK_EQ_INT(guard_call(table[ABRT], NULL, &f), -1);
    char msg[512];
    guard_describe(&f, msg, sizeof(msg));
    fprintf(stderr, "   crash_abort after dirty_stack -> %s\n", msg);
    CHECK_EQ_INT(f.signal, SIGABRT);
    CHECK_EQ_STR(f.function, "crash_abort");
}

/* abort's frames in libc do not overwrite every word of the stack they reuse: the stale
 * return addresses there must not be taken for the caller of abort. */
static void test_abort_on_a_used_stack(void)
{
    void *h;
    Fn *table = build_fixture("dirty.so", "-O0 -g", &h);
    CHECK_EQ_INT(guard_init(2.0, true), 0);
    dirty_then_abort(table);
    guard_shutdown();
    dlclose(h);
}

static void quick_sleep(void *ctx)
{
    (void)ctx;
    struct timespec ts = {0, 20 * 1000 * 1000};
    nanosleep(&ts, NULL);
}

static void count(void *ctx)
{
    (*(int *)ctx)++;
}

static void test_watchdog_spares_short_calls(void)
{
    CHECK_EQ_INT(guard_init(0.5, true), 0);
    GuardFault f;
    CHECK_EQ_INT(guard_call(quick_sleep, NULL, &f), 0);
    int n = 0;
    for (int i = 0; i < 10000; i++)
        CHECK_EQ_INT(guard_call(count, &n, &f), 0);
    CHECK_EQ_INT(n, 10000);
    /* Longer than the budget in total, but no single call is: nothing fires. */
    for (int i = 0; i < 30; i++)
        CHECK_EQ_INT(guard_call(quick_sleep, NULL, &f), 0);
    guard_shutdown();
}

static Fn *nested_table;
static int nested_inner_rc;

static void nested_outer(void *ctx)
{
    GuardFault f;
    nested_inner_rc = guard_call(nested_table[SEGV], NULL, &f);
    if (++*(int *)ctx > 1)
        nested_table[SPIN](NULL);
}

static void test_nested(void)
{
    void *h;
    nested_table = build_fixture("nested.so", "-O0 -g", &h);
    CHECK_EQ_INT(guard_init(0.3, true), 0);
    int n = 0;
    GuardFault f;
    CHECK_EQ_INT(guard_call(nested_outer, &n, &f), 0);
    CHECK_EQ_INT(nested_inner_rc, -1);
    CHECK_EQ_INT(n, 1);
    /* The outer call's watchdog is still armed after the inner call returned. */
    CHECK_EQ_INT(guard_call(nested_outer, &n, &f), -1);
    CHECK_EQ_INT(nested_inner_rc, -1);
    CHECK(f.timeout);
    CHECK_EQ_STR(f.function, "spin_forever");
    normal_call_works(nested_table);
    guard_shutdown();
    dlclose(h);
}

/* Runs fn in a child and returns its wait status; a child that hangs is killed and fails
 * the test. */
static int in_child(void (*fn)(Fn *), Fn *table)
{
    fflush(NULL);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        struct rlimit no_core = {0, 0};
        setrlimit(RLIMIT_CORE, &no_core);
        fn(table);
        _exit(0);
    }
    int status = 0;
    for (int i = 0; i < 1000; i++) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        CHECK(r >= 0);
        if (r == pid)
            return status;
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    CHECK(!"the child hung");
    return 0;
}

static void segv_outside(Fn *table)
{
    guard_init(2.0, true);
    table[SEGV](NULL);
}

static void abort_outside(Fn *table)
{
    guard_init(2.0, true);
    table[ABRT](NULL);
}

/* 7: the fault itself, as the kernel raised it; 8: a signal sent by someone. */
static void exit_7_if_fault(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    _exit(si->si_code > 0 ? 7 : 8);
}

/* A handler installed before the guard (a sanitizer's, a crash reporter's) still gets the
 * faults the guard does not own, with the fault's own details. */
static void segv_outside_chained(Fn *table)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = exit_7_if_fault;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    guard_init(2.0, true);
    table[SEGV](NULL);
}

static void *thread_segv(void *arg)
{
    ((Fn *)arg)[SEGV](NULL);
    return NULL;
}

static void spawn_crashing_thread(void *ctx)
{
    pthread_t t;
    pthread_create(&t, NULL, thread_segv, ctx);
    pthread_join(t, NULL);
}

/* Another thread crashes while this one is in a guarded call: not the guard's to catch. */
static void segv_other_thread(Fn *table)
{
    guard_init(2.0, true);
    GuardFault f;
    guard_call(spawn_crashing_thread, table, &f);
}

static void segv_guard_disabled(Fn *table)
{
    guard_init(2.0, false);
    GuardFault f;
    guard_call(table[SEGV], NULL, &f);
}

static void test_faults_outside_kill(void)
{
    void *h;
    Fn *table = build_fixture("outside.so", "-O0 -g", &h);
    int st = in_child(segv_outside, table);
    CHECK(WIFSIGNALED(st));
    CHECK_EQ_INT(WTERMSIG(st), SIGSEGV);
    st = in_child(abort_outside, table);
    CHECK(WIFSIGNALED(st));
    CHECK_EQ_INT(WTERMSIG(st), SIGABRT);
    st = in_child(segv_outside_chained, table);
    CHECK(WIFEXITED(st));
    CHECK_EQ_INT(WEXITSTATUS(st), 7);
    st = in_child(segv_other_thread, table);
    CHECK(WIFSIGNALED(st));
    CHECK_EQ_INT(WTERMSIG(st), SIGSEGV);
    st = in_child(segv_guard_disabled, table);
    CHECK(WIFSIGNALED(st));
    CHECK_EQ_INT(WTERMSIG(st), SIGSEGV);
    dlclose(h);
}

static void test_disabled_calls_directly(void)
{
    CHECK_EQ_INT(guard_init(2.0, false), 0);
    int n = 0;
    GuardFault f;
    CHECK_EQ_INT(guard_call(count, &n, &f), 0);
    CHECK_EQ_INT(n, 1);
    guard_shutdown();
    /* Without guard_init at all, calls go straight through too. */
    CHECK_EQ_INT(guard_call(count, &n, NULL), 0);
    CHECK_EQ_INT(n, 2);
}

static void test_describe(void)
{
    GuardFault f;
    memset(&f, 0, sizeof(f));
    f.signal = SIGSEGV;
    snprintf(f.function, sizeof(f.function), "game_update");
    snprintf(f.where, sizeof(f.where), "player.c:42");
    snprintf(f.object, sizeof(f.object), "/run/user/1000/hotrun/77/gen-3.so");
    char msg[512];
    guard_describe(&f, msg, sizeof(msg));
    CHECK_EQ_STR(msg, "SIGSEGV (address 0x0) in game_update (player.c:42) of gen-3.so");
    f.function[0] = f.where[0] = f.object[0] = '\0';
    f.signal = SIGFPE;
    f.pc = (void *)0x1234;
    guard_describe(&f, msg, sizeof(msg));
    CHECK_EQ_STR(msg, "SIGFPE in code at 0x1234");
}

/* Not a test: GUARD_BENCH=N prints what one guarded call of an empty function costs. */
static void bench(long n)
{
    guard_init(2.0, true);
    int c = 0;
    GuardFault f;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long i = 0; i < n; i++)
        guard_call(count, &c, &f);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ns = ((double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec));
    guard_shutdown();
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long i = 0; i < n; i++)
        guard_call(count, &c, &f);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double direct = ((double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec));
    printf("guard_call: %.0f ns per call guarded, %.0f ns unguarded (%ld calls)\n", ns / n,
           direct / n, n);
}

int main(void)
{
    if (getenv("GUARD_BENCH")) {
        bench(atol(getenv("GUARD_BENCH")) > 0 ? atol(getenv("GUARD_BENCH")) : 100000);
        return 0;
    }
    tmp = test_tmpdir();
    have_addr2line = system("addr2line --version >/dev/null 2>&1") == 0;
    RUN(test_describe);
    RUN(test_disabled_calls_directly);
    RUN(test_every_fault_returns);
    RUN(test_hidden_symbols);
    RUN(test_fault_in_main_program);
    RUN(test_fault_in_a_host_service);
    RUN(test_exit_from_game_code);
    RUN(test_abort_on_a_used_stack);
    RUN(test_watchdog_spares_short_calls);
    RUN(test_nested);
    RUN(test_faults_outside_kill);
    test_rmtree(tmp);
    free(tmp);
    return 0;
}
