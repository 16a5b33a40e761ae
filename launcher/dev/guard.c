/* guard.c: runs game code so that its crashes and hangs return control to the host.
 *
 * Faults: handlers for SIGSEGV, SIGBUS, SIGFPE, SIGILL and SIGABRT, on an alternate stack
 * so a stack overflow is caught too, siglongjmp back into guard_call when the fault happened
 * in a guarded call, and re-raise with the default action otherwise.
 *
 * Hangs: a watchdog thread wakes a few times per budget and looks at a counter the guarded
 * thread bumps when a call starts and ends (no system call per game call); when the same
 * call is still running after the budget, it sends the guarded thread a signal whose handler
 * jumps out like a fault. A POSIX timer armed and disarmed around each call costs two system
 * calls, 1.3 us per call measured here; the counter costs nothing. */
#include "dev/guard.h"

#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <limits.h>
#include <link.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "util/clock.h"
#include "util/which.h"

extern char **environ;

#define DEFAULT_BUDGET_S 2.0
/* The handler runs on this stack, so it still runs when the game exhausted its own. */
#define ALTSTACK_SIZE (128 * 1024)
/* Words of the faulting stack kept to find the game's caller of a crashing libc call. */
#define SNAPSHOT_WORDS 1024
/* Return addresses asked of the unwinder when the fault is inside a system library. */
#define TRACE_DEPTH 64
/* How far around the bottom of the stack a fault counts as a stack overflow. */
#define OVERFLOW_SLACK (1024 * 1024)
/* addr2line gets this long to answer before it is killed. */
#define ADDR2LINE_TIMEOUT_MS 3000
/* The watchdog looks this many times per budget: a hang is ended after 1 to 1.25 budgets
 * (first seen up to a tick late, then found over budget up to a tick late). */
#define WATCHDOG_TICKS 8

/* One guarded call in progress; it lives in guard_call's frame, above the game's frames. */
typedef struct Call {
    sigjmp_buf jump;
    struct Call *prev; /* the enclosing guarded call of this thread, if nested */
    /* Filled by the signal handler. */
    int signal;
    bool timeout;
    bool stack_overflow;
    void *addr, *pc;
    size_t words;
    uintptr_t snapshot[SNAPSHOT_WORDS];
    int ntrace;
    void *trace[TRACE_DEPTH];
} Call;

/* Per thread: guard_call catches faults on any thread, each with its own alternate stack.
 * The watchdog watches the thread that called guard_init (the game's). */
typedef struct ThreadGuard {
    bool ready;
    bool watched;
    bool own_altstack;
    void *altstack;
    size_t altstack_len;
    uintptr_t stack_lo;
} ThreadGuard;

static const int guarded_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
#define NSIGNALS (sizeof(guarded_signals) / sizeof(guarded_signals[0]))

static struct {
    bool installed;
    bool enabled;
    double budget_s;
    int watchdog_signal;
    struct sigaction old[NSIGNALS];
    struct sigaction old_watchdog;
    char addr2line[PATH_MAX];
} g;

/* The watchdog and what it watches. `seq` is odd while the watched thread is inside an
 * outermost guarded call; only that thread writes it. */
static struct {
    bool running;
    bool stop;
    pid_t pid, tid;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    atomic_ulong seq;
    atomic_ulong fired; /* the seq of the call the watchdog signalled */
} wd = {.lock = PTHREAD_MUTEX_INITIALIZER};

static _Thread_local Call *volatile current;
static _Thread_local ThreadGuard tg;

/* Async-signal-safe: restores the action from before the guard and lets the signal reach
 * it, so a fault the guard does not own ends the process the usual way (core dump, exit
 * status, or the handler that was there first) instead of looping. */
static void die_by(int sig, const siginfo_t *si)
{
    /* The handler that was there before the guard's gets the signal (a sanitizer's, a
     * crash reporter's) from now on; an ignored fault would only repeat, so that one gets
     * the default. */
    struct sigaction before;
    memset(&before, 0, sizeof(before));
    before.sa_handler = SIG_DFL;
    sigemptyset(&before.sa_mask);
    for (size_t i = 0; i < NSIGNALS; i++)
        if (guarded_signals[i] == sig && g.old[i].sa_handler != SIG_IGN)
            before = g.old[i];
    sigaction(sig, &before, NULL);
    /* A fault the kernel raised repeats when this handler returns, and reaches that handler
     * with its own address; a signal that was sent (kill, abort) is sent again, blocked
     * until this handler returns. */
    if (!si || si->si_code <= 0 || sig == SIGABRT)
        raise(sig);
}

static void context_regs(void *ucv, void **pc, uintptr_t *sp)
{
    ucontext_t *uc = ucv;
    *pc = NULL;
    *sp = 0;
    if (!uc)
        return;
#if defined(__x86_64__)
    *pc = (void *)uc->uc_mcontext.gregs[REG_RIP];
    *sp = (uintptr_t)uc->uc_mcontext.gregs[REG_RSP];
#elif defined(__aarch64__)
    *pc = (void *)uc->uc_mcontext.pc;
    *sp = (uintptr_t)uc->uc_mcontext.sp;
#else
    (void)uc;
#endif
}

/* Copies the words from sp up to top (at most max), from the first readable page on.
 * Through process_vm_readv, because sp may point below the mapped stack (an overflow) or
 * anywhere at all, and a fault inside the handler would end the process. */
static size_t copy_stack(uintptr_t sp, uintptr_t top, uintptr_t *out, size_t max)
{
    const uintptr_t page = 4096;
    uintptr_t from = sp & ~(uintptr_t)(sizeof(uintptr_t) - 1);
    size_t got = 0;
    while (from + got < top && got < max * sizeof(uintptr_t)) {
        uintptr_t at = from + got;
        size_t chunk = (size_t)(page - at % page);
        if (chunk > top - at)
            chunk = (size_t)(top - at);
        if (chunk > max * sizeof(uintptr_t) - got)
            chunk = max * sizeof(uintptr_t) - got;
        struct iovec local = {(char *)out + got, chunk};
        struct iovec remote = {(void *)at, chunk};
        if (process_vm_readv(getpid(), &local, 1, &remote, 1, 0) == (ssize_t)chunk) {
            got += chunk;
        } else if (got == 0) {
            from = (at / page + 1) * page; /* unmapped: try the next page */
            if (from - sp > 64 * page)
                break;
        } else {
            break;
        }
    }
    return got / sizeof(uintptr_t);
}

static bool in_system_code(uintptr_t a);
static void note_system_code(void);

/* Runs on the alternate stack. Only async-signal-safe work here: record what happened and
 * jump back to guard_call; names and lines are looked up after the jump.
 *
 * Jumping out of the middle of game code is the accepted trade-off of every in-process
 * crash guard (cr.h does the same): if the call was interrupted inside malloc, stdio or a
 * host service holding a lock, that lock stays held and a later call may block. Faults in
 * game code are usually plain bad pointers, and the host restarts from a snapshot. */
static void on_signal(int sig, siginfo_t *si, void *ucv)
{
    Call *c = current;
    if (sig == g.watchdog_signal) {
        /* Only for the call the watchdog saw hanging; a late signal after it returned, or
         * someone else's, is ignored. */
        if (!c || !tg.watched || atomic_load(&wd.seq) != atomic_load(&wd.fired))
            return;
        /* The budget is the outermost call's: end all of it. */
        while (c->prev)
            c = c->prev;
        c->timeout = true;
        c->signal = 0;
        c->addr = NULL;
    } else {
        if (!c) {
            die_by(sig, si);
            return;
        }
        c->signal = sig;
        c->addr = si->si_code > 0 && sig != SIGABRT ? si->si_addr : NULL;
    }
    uintptr_t sp;
    context_regs(ucv, &c->pc, &sp);

    /* Keep the stack words between the interrupted sp and this call's frame. */
    c->words = copy_stack(sp, (uintptr_t)c, c->snapshot, SNAPSHOT_WORDS);
    /* Inside libc (abort, memcpy) the saved words below the live frames hold stale return
     * addresses of earlier calls (a previous frame's drawing), so the scan may name the
     * wrong function: ask the unwinder for the real callers. Only there: game code may
     * have smashed its own stack, and the unwinder would fault reading it. backtrace was
     * primed in guard_init, and with glibc 2.35+ libgcc finds frames without locks. */
    c->ntrace = in_system_code((uintptr_t)c->pc) ? backtrace(c->trace, TRACE_DEPTH) : 0;

    /* Overflow: the fault is near the bottom of this thread's stack or just below sp
     * (a stack address that faults is one the stack could not grow to). */
    uintptr_t a = (uintptr_t)si->si_addr;
    if (sig == SIGSEGV || sig == SIGBUS) {
        bool near_bottom = tg.stack_lo && a + OVERFLOW_SLACK >= tg.stack_lo &&
                           a < tg.stack_lo + 65536;
        bool near_sp = sp && a + 65536 >= sp && a < sp + 4096;
        c->stack_overflow = near_bottom || near_sp;
    }
    siglongjmp(c->jump, 1);
}

static void *watchdog_main(void *arg)
{
    (void)arg;
    double tick = g.budget_s / WATCHDOG_TICKS;
    unsigned long seen = 0; /* the call in progress at the last look, and since when */
    double since = 0;
    pthread_mutex_lock(&wd.lock);
    while (!wd.stop) {
        double wake = clock_now_s() + tick;
        struct timespec ts = {(time_t)wake, (long)((wake - (double)(time_t)wake) * 1e9)};
        pthread_cond_timedwait(&wd.wake, &wd.lock, &ts);
        unsigned long s = atomic_load(&wd.seq);
        double now = clock_now_s();
        if (!(s & 1)) {
            seen = 0;
        } else if (s != seen) {
            seen = s;
            since = now;
        } else if (now - since >= g.budget_s && atomic_load(&wd.fired) != s) {
            atomic_store(&wd.fired, s);
            syscall(SYS_tgkill, wd.pid, wd.tid, g.watchdog_signal);
        }
    }
    pthread_mutex_unlock(&wd.lock);
    return NULL;
}

static int watchdog_start(void)
{
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&wd.wake, &ca);
    pthread_condattr_destroy(&ca);
    wd.stop = false;
    wd.pid = getpid();
    wd.tid = gettid();
    /* The thread takes no signals: process-directed ones go to threads that expect them. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int rc = pthread_create(&wd.thread, NULL, watchdog_main, NULL);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0) {
        pthread_cond_destroy(&wd.wake);
        return -rc;
    }
    wd.running = true;
    return 0;
}

static void watchdog_stop(void)
{
    if (!wd.running)
        return;
    /* After fork the thread is the parent's: there is nothing to join. */
    if (wd.pid == getpid()) {
        pthread_mutex_lock(&wd.lock);
        wd.stop = true;
        pthread_cond_signal(&wd.wake);
        pthread_mutex_unlock(&wd.lock);
        pthread_join(wd.thread, NULL);
        pthread_cond_destroy(&wd.wake);
    }
    wd.running = false;
}

static void find_addr2line(void)
{
    which("addr2line", g.addr2line, sizeof(g.addr2line)); /* empty when there is none */
}

/* Sets up the calling thread: its stack bounds and an alternate signal stack. */
static int thread_setup(void)
{
    if (tg.ready)
        return 0;
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        void *addr;
        size_t size;
        if (pthread_attr_getstack(&attr, &addr, &size) == 0)
            tg.stack_lo = (uintptr_t)addr;
        pthread_attr_destroy(&attr);
    }

    stack_t old;
    if (sigaltstack(NULL, &old) == 0 && !(old.ss_flags & SS_DISABLE) &&
        old.ss_size >= ALTSTACK_SIZE) {
        tg.own_altstack = false;
    } else {
        long page = sysconf(_SC_PAGESIZE);
        size_t len = ALTSTACK_SIZE + (size_t)page;
        void *mem = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
                         0);
        if (mem == MAP_FAILED)
            return -errno;
        /* A guard page below, so a runaway handler faults instead of corrupting memory. */
        mprotect(mem, (size_t)page, PROT_NONE);
        stack_t ss = {.ss_sp = (char *)mem + page, .ss_size = ALTSTACK_SIZE, .ss_flags = 0};
        if (sigaltstack(&ss, NULL) < 0) {
            int e = errno;
            munmap(mem, len);
            return -e;
        }
        tg.altstack = mem;
        tg.altstack_len = len;
        tg.own_altstack = true;
    }
    tg.ready = true;
    return 0;
}

static void thread_teardown(void)
{
    if (!tg.ready)
        return;
    if (tg.own_altstack) {
        stack_t ss = {.ss_sp = NULL, .ss_size = 0, .ss_flags = SS_DISABLE};
        sigaltstack(&ss, NULL);
        munmap(tg.altstack, tg.altstack_len);
    }
    memset(&tg, 0, sizeof(tg));
}

int guard_init(double budget_s, bool enabled)
{
    if (g.installed)
        guard_shutdown();
    g.budget_s = budget_s > 0 ? budget_s : DEFAULT_BUDGET_S;
    g.enabled = enabled;
    if (!enabled)
        return 0;
    g.watchdog_signal = SIGRTMIN + 3;
    find_addr2line();
    /* The first backtrace loads libgcc_s (dlopen, malloc): not in a signal handler. */
    void *prime[2];
    backtrace(prime, 2);
    note_system_code();

    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART;
    /* A second fault while the handler runs is not caught again: the kernel ends the
     * process, which is what we want rather than a loop. */
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < NSIGNALS; i++)
        sigaddset(&sa.sa_mask, guarded_signals[i]);
    sigaddset(&sa.sa_mask, g.watchdog_signal);

    int err = thread_setup();
    if (err < 0) {
        g.enabled = false;
        return err;
    }
    tg.watched = true;
    size_t done = 0;
    for (; done < NSIGNALS; done++)
        if (sigaction(guarded_signals[done], &sa, &g.old[done]) < 0)
            goto fail;
    if (sigaction(g.watchdog_signal, &sa, &g.old_watchdog) < 0)
        goto fail;
    g.installed = true;
    err = watchdog_start();
    if (err < 0) {
        guard_shutdown();
        return err;
    }
    return 0;

fail:
    err = -errno;
    while (done-- > 0)
        sigaction(guarded_signals[done], &g.old[done], NULL);
    thread_teardown();
    g.enabled = false;
    return err;
}

void guard_shutdown(void)
{
    watchdog_stop();
    if (g.installed) {
        for (size_t i = 0; i < NSIGNALS; i++)
            sigaction(guarded_signals[i], &g.old[i], NULL);
        sigaction(g.watchdog_signal, &g.old_watchdog, NULL);
    }
    /* Only the calling thread's alternate stack can be released here: call this from the
     * thread that ran the game. */
    thread_teardown();
    g.installed = false;
    g.enabled = false;
}

/* ---------------------------------------------------------------------------------------
 * After the jump: which function, object and line the fault was in. Runs on the host's
 * stack in normal context, so dladdr and a child process are fine.
 * ------------------------------------------------------------------------------------- */

/* Executable segments of the loaded objects, and whether they are system libraries. */
typedef struct Range {
    uintptr_t lo, hi;
    bool system;
} Range;

typedef struct Ranges {
    Range r[128];
    int n;
} Ranges;

static Ranges system_ranges; /* the objects loaded at guard_init */

static bool system_object(const char *name)
{
    if (!name || !*name)
        return false; /* the main program */
    return strncmp(name, "/lib/", 5) == 0 || strncmp(name, "/lib64/", 7) == 0 ||
           strncmp(name, "/usr/lib/", 9) == 0 || strncmp(name, "/usr/lib64/", 11) == 0 ||
           strstr(name, "linux-vdso") != NULL || strstr(name, "linux-gate") != NULL;
}

static int collect_range(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    Ranges *rs = data;
    for (int i = 0; i < info->dlpi_phnum && rs->n < (int)(sizeof(rs->r) / sizeof(rs->r[0]));
         i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X))
            continue;
        rs->r[rs->n].lo = info->dlpi_addr + ph->p_vaddr;
        rs->r[rs->n].hi = info->dlpi_addr + ph->p_vaddr + ph->p_memsz;
        rs->r[rs->n].system = system_object(info->dlpi_name);
        rs->n++;
    }
    return 0;
}

static const Range *range_of(const Ranges *rs, uintptr_t a)
{
    for (int i = 0; i < rs->n; i++)
        if (a >= rs->r[i].lo && a < rs->r[i].hi)
            return &rs->r[i];
    return NULL;
}

static void note_system_code(void)
{
    system_ranges.n = 0;
    dl_iterate_phdr(collect_range, &system_ranges);
}

/* Whether a is in a system library loaded when guard_init ran (read in the handler). */
static bool in_system_code(uintptr_t a)
{
    const Range *r = range_of(&system_ranges, a);
    return r && r->system;
}

/* Whether the code just before `ra` is a call instruction, i.e. ra is a return address. */
static bool after_call(const Range *r, uintptr_t ra)
{
#if defined(__x86_64__)
    if (ra < r->lo + 7)
        return false;
    const unsigned char *p = (const unsigned char *)ra;
    if (p[-5] == 0xE8) /* call rel32 */
        return true;
    /* call r/m64: FF /2 in its 2, 3, 6 and 7 byte forms (maybe with a REX prefix). */
    for (int len = 2; len <= 7; len++)
        if (p[-len] == 0xFF && ((p[-len + 1] >> 3) & 7) == 2)
            return true;
    return false;
#elif defined(__aarch64__)
    if (ra < r->lo + 4 || (ra & 3))
        return false;
    uint32_t insn;
    memcpy(&insn, (const void *)(ra - 4), 4);
    return (insn & 0xFC000000u) == 0x94000000u ||  /* BL */
           (insn & 0xFFFFFC1Fu) == 0xD63F0000u;    /* BLR */
#else
    (void)r;
    (void)ra;
    return true;
#endif
}

/* The address to name: pc when it is in the game (or the host), otherwise (a crash inside
 * libc, such as abort() or memcpy, or a jump to nowhere) the innermost call site outside
 * the system libraries found among the saved stack words. */
static uintptr_t pick_address(const Call *c)
{
    Ranges rs;
    rs.n = 0;
    dl_iterate_phdr(collect_range, &rs);
    uintptr_t pc = (uintptr_t)c->pc;
    const Range *r = range_of(&rs, pc);
    if (r && !r->system)
        return pc;
    /* The unwinder's frames, from the faulting one (pc) outwards. */
    int k = 0;
    while (k < c->ntrace && (uintptr_t)c->trace[k] != pc)
        k++;
    for (k++; k < c->ntrace; k++) {
        uintptr_t w = (uintptr_t)c->trace[k];
        r = range_of(&rs, w);
        if (r && !r->system)
            return w - 1;
    }
    /* No unwinder, or it lost its way: the first return address among the stack words. */
    for (size_t i = 0; i < c->words; i++) {
        uintptr_t w = c->snapshot[i];
        r = range_of(&rs, w);
        if (r && !r->system && after_call(r, w))
            return w - 1; /* inside the call instruction: its line, its function */
    }
    return pc;
}

/* Runs `addr2line -f -s -e object offset`: function on the first line, file:line on the
 * second. Synchronous (tens of milliseconds), which is fine after a rare fault. */
static void run_addr2line(const char *object, uintptr_t offset, char *fn, size_t fnlen,
                          char *where, size_t wherelen)
{
    if (!g.addr2line[0])
        return;
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) < 0)
        return;
    char hex[32];
    snprintf(hex, sizeof(hex), "0x%lx", (unsigned long)offset);
    char *argv[] = {"addr2line", "-f", "-s", "-e", (char *)object, hex, NULL};
    /* vfork, not fork: fork takes glibc's malloc locks for its atfork handlers, and the
     * interrupted game code may hold one (a loop around malloc ended by the watchdog).
     * The child only redirects and execs. */
    pid_t pid = vfork();
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR | O_CLOEXEC);
        dup2(null, STDIN_FILENO);
        dup2(null, STDERR_FILENO);
        dup2(fds[1], STDOUT_FILENO);
        execve(g.addr2line, argv, environ);
        _exit(127);
    }
    close(fds[1]);
    if (pid < 0) {
        close(fds[0]);
        return;
    }
    char out[1024];
    size_t len = 0;
    uint64_t t0 = clock_now_ns();
    for (;;) {
        long ms = (long)((clock_now_ns() - t0) / 1000000);
        if (ms >= ADDR2LINE_TIMEOUT_MS) {
            kill(pid, SIGKILL);
            break;
        }
        struct pollfd p = {.fd = fds[0], .events = POLLIN};
        int n = poll(&p, 1, (int)(ADDR2LINE_TIMEOUT_MS - ms));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            kill(pid, SIGKILL);
            break;
        }
        ssize_t got = read(fds[0], out + len, sizeof(out) - 1 - len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        len += (size_t)got;
        if (len == sizeof(out) - 1)
            break;
    }
    close(fds[0]);
    while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
        ;
    out[len] = '\0';

    char *line2 = strchr(out, '\n');
    if (!line2)
        return;
    *line2++ = '\0';
    line2[strcspn(line2, "\n")] = '\0';
    char *disc = strstr(line2, " (discriminator");
    if (disc)
        *disc = '\0';
    if (out[0] && strcmp(out, "??") != 0)
        snprintf(fn, fnlen, "%s", out);
    const char *colon = strrchr(line2, ':');
    if (strncmp(line2, "??", 2) != 0 && colon && colon[1] >= '1' && colon[1] <= '9')
        snprintf(where, wherelen, "%s", line2);
}

static void describe_address(uintptr_t a, GuardFault *f)
{
    Dl_info info;
    struct link_map *map = NULL;
    if (!dladdr1((void *)a, &info, (void **)&map, RTLD_DL_LINKMAP) || !map)
        return;
    bool main_program = !map->l_name || !map->l_name[0];
    char exe[PATH_MAX];
    const char *object = map->l_name;
    if (main_program) {
        ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
        exe[n > 0 ? n : 0] = '\0';
        object = n > 0 ? exe : (info.dli_fname ? info.dli_fname : "");
    }
    snprintf(f->object, sizeof(f->object), "%s", object);
    if (info.dli_sname)
        snprintf(f->function, sizeof(f->function), "%s", info.dli_sname);
    /* Hidden symbols (-fvisibility=hidden) are not in the dynamic table dladdr reads;
     * addr2line reads .symtab and the debug info. */
    run_addr2line(object, a - map->l_addr, f->function,
                  sizeof(f->function), f->where, sizeof(f->where));
}

/* Marks the watched thread in or out of an outermost call: seq odd while inside. */
static void watch_step(void)
{
    atomic_store_explicit(&wd.seq, atomic_load_explicit(&wd.seq, memory_order_relaxed) + 1,
                          memory_order_release);
}

int guard_call(void (*fn)(void *ctx), void *ctx, GuardFault *fault)
{
    if (!g.enabled || !g.installed || thread_setup() < 0) {
        fn(ctx);
        return 0;
    }
    Call call;
    call.prev = current;
    call.timeout = false;
    call.stack_overflow = false;
    /* Only the outermost call counts for the watchdog: the budget is per game entry. */
    bool watched = call.prev == NULL && tg.watched;

    /* savemask 1: the jump restores the signal mask the handler ran with. */
    if (sigsetjmp(call.jump, 1) != 0) {
        current = call.prev;
        if (watched)
            watch_step();
        GuardFault local;
        GuardFault *f = fault ? fault : &local;
        memset(f, 0, sizeof(*f));
        f->signal = call.signal;
        f->timeout = call.timeout;
        f->stack_overflow = call.stack_overflow;
        f->addr = call.addr;
        f->pc = call.pc;
        describe_address(pick_address(&call), f);
        return -1;
    }
    current = &call;
    if (watched)
        watch_step();
    fn(ctx);
    /* Leave the call first: a watchdog signal arriving in between finds none and is
     * ignored. */
    current = call.prev;
    if (watched)
        watch_step();
    return 0;
}

const char *guard_signal_name(const GuardFault *f)
{
    if (f->timeout)
        return "timeout";
    switch (f->signal) {
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGILL: return "SIGILL";
    case SIGABRT: return "SIGABRT";
    default: return "signal";
    }
}

void guard_describe(const GuardFault *f, char *buf, size_t size)
{
    const char *slash = strrchr(f->object, '/');
    const char *object = slash ? slash + 1 : f->object;
    char place[512];
    if (f->function[0] && f->where[0])
        snprintf(place, sizeof(place), "%s (%s)", f->function, f->where);
    else if (f->function[0])
        snprintf(place, sizeof(place), "%s", f->function);
    else if (f->where[0])
        snprintf(place, sizeof(place), "%s", f->where);
    else
        snprintf(place, sizeof(place), "code at 0x%lx", (unsigned long)(uintptr_t)f->pc);

    if (f->timeout) {
        snprintf(buf, size, "timeout: the game ran longer than %.1f s, in %s%s%s",
                 g.budget_s > 0 ? g.budget_s : DEFAULT_BUDGET_S, place,
                 object[0] ? " of " : "", object);
    } else if (f->stack_overflow) {
        snprintf(buf, size, "stack overflow (%s at 0x%lx) in %s%s%s", guard_signal_name(f),
                 (unsigned long)(uintptr_t)f->addr, place, object[0] ? " of " : "", object);
    } else if (f->signal == SIGSEGV || f->signal == SIGBUS) {
        snprintf(buf, size, "%s (address 0x%lx) in %s%s%s", guard_signal_name(f),
                 (unsigned long)(uintptr_t)f->addr, place, object[0] ? " of " : "", object);
    } else if (f->signal == SIGABRT) {
        snprintf(buf, size, "SIGABRT (abort) in %s%s%s", place, object[0] ? " of " : "",
                 object);
    } else {
        snprintf(buf, size, "%s in %s%s%s", guard_signal_name(f), place,
                 object[0] ? " of " : "", object);
    }
}
