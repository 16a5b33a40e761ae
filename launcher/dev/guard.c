/* guard.c: runs game code so that its crashes and hangs return control to the host.
 *
 * Faults: handlers for SIGSEGV, SIGBUS, SIGFPE, SIGILL and SIGABRT, on an alternate stack
 * so a stack overflow is caught too, siglongjmp back into guard_call when the fault happened
 * in a guarded call, and re-raise with the default action otherwise.
 *
 * Hangs: the watchdog (watchdog.c) signals the game's thread when one call runs past its
 * budget; the handler jumps out like a fault. Names and lines: symbolize.c, after the jump. */
#include "dev/guard.h"

#include <errno.h>
#include <execinfo.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <ucontext.h>
#include <unistd.h>

#include "dev/symbolize.h"
#include "dev/watchdog.h"

#define DEFAULT_BUDGET_S 2.0
/* The handler runs on this stack, so it still runs when the game exhausted its own. */
#define ALTSTACK_SIZE (128 * 1024)
/* Words of the faulting stack kept to find the game's caller of a crashing libc call. */
#define SNAPSHOT_WORDS 1024
/* Return addresses asked of the unwinder when the fault is inside a system library or
 * the host. */
#define TRACE_DEPTH 64
/* How far around the bottom of the stack a fault counts as a stack overflow. */
#define OVERFLOW_SLACK (1024 * 1024)

/* One guarded call in progress; it lives in guard_call's frame, above the game's frames. */
typedef struct Call {
    sigjmp_buf jump;
    struct Call *prev; /* the enclosing guarded call of this thread, if nested */
    /* Filled by the signal handler. */
    int signal;
    bool timeout;
    bool stack_overflow;
    const char *exit_call; /* exit & co. called from game code: a static string */
    int exit_status;
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
    bool by_timer; /* guard_watch_by_timer */
    int watchdog_signal;
    struct sigaction old[NSIGNALS];
    struct sigaction old_watchdog, old_cont;
} g;

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
        if (!c || !tg.watched || !watchdog_fired_now())
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
    c->ntrace = symbolize_in_system((uintptr_t)c->pc) || symbolize_in_host((uintptr_t)c->pc)
                    ? backtrace(c->trace, TRACE_DEPTH)
                    : 0;

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

static void on_continue(int sig)
{
    (void)sig;
    watchdog_continued();
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

void guard_thread_end(void)
{
    if (!tg.watched)
        thread_teardown();
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
    /* The first backtrace loads libgcc_s (dlopen, malloc): not in a signal handler. */
    void *prime[2];
    backtrace(prime, 2);
    symbolize_init();

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
    /* Ctrl-Z and fg: the time stopped is not the game's. */
    struct sigaction cont;
    memset(&cont, 0, sizeof(cont));
    cont.sa_handler = on_continue;
    cont.sa_flags = SA_RESTART;
    sigemptyset(&cont.sa_mask);
    sigaction(SIGCONT, &cont, &g.old_cont);
    g.installed = true;
    err = g.by_timer ? watchdog_start_timer(g.budget_s, g.watchdog_signal)
                     : watchdog_start(g.budget_s, g.watchdog_signal);
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

void guard_watch_by_timer(void)
{
    g.by_timer = true;
}

void guard_shutdown(void)
{
    watchdog_stop();
    if (g.installed) {
        for (size_t i = 0; i < NSIGNALS; i++)
            sigaction(guarded_signals[i], &g.old[i], NULL);
        sigaction(g.watchdog_signal, &g.old_watchdog, NULL);
        sigaction(SIGCONT, &g.old_cont, NULL);
    }
    /* Only the calling thread's alternate stack can be released here: call this from the
     * thread that ran the game. */
    thread_teardown();
    g.installed = false;
    g.enabled = false;
}

/* After the jump, on the host's stack: which function, line and object the fault was in. */
static void name_fault(const Call *c, GuardFault *f)
{
    SymStack st = {(uintptr_t)c->pc, (const void *const *)c->trace, c->ntrace, c->snapshot,
                   c->words};
    uintptr_t caller;
    SymPlace at;
    symbolize_address(symbolize_pick(&st, &caller), &at);
    if (caller) {
        /* A host service faulted on what the game passed it: name the game's call. */
        snprintf(f->service, sizeof(f->service), "%s", at.function);
        symbolize_address(caller, &at);
    }
    snprintf(f->function, sizeof(f->function), "%s", at.function);
    snprintf(f->where, sizeof(f->where), "%s", at.where);
    snprintf(f->object, sizeof(f->object), "%s", at.object);
}

void guard_trap_exit(const char *name, int status, void *ra)
{
    Call *c = current;
    if (!c || !g.enabled || !g.installed || !ra || symbolize_in_host((uintptr_t)ra))
        return;
    bool is_abort = strcmp(name, "abort") == 0;
    c->signal = is_abort ? SIGABRT : 0;
    c->exit_call = is_abort ? NULL : name;
    c->exit_status = status;
    c->timeout = false;
    c->stack_overflow = false;
    c->addr = NULL;
    c->pc = (char *)ra - 1; /* inside the call instruction: its line */
    c->words = 0;
    c->ntrace = 0;
    siglongjmp(c->jump, 1);
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
    call.exit_call = NULL;
    /* Only the outermost call counts for the watchdog: the budget is per game entry. */
    bool watched = call.prev == NULL && tg.watched;

    /* savemask 1: the jump restores the signal mask the handler ran with. */
    if (sigsetjmp(call.jump, 1) != 0) {
        current = call.prev;
        if (watched)
            watchdog_leave();
        GuardFault local;
        GuardFault *f = fault ? fault : &local;
        memset(f, 0, sizeof(*f));
        f->signal = call.signal;
        f->timeout = call.timeout;
        f->stack_overflow = call.stack_overflow;
        f->addr = call.addr;
        f->pc = call.pc;
        if (call.exit_call) {
            snprintf(f->exit_call, sizeof(f->exit_call), "%s", call.exit_call);
            f->exit_status = call.exit_status;
        }
        name_fault(&call, f);
        return -1;
    }
    current = &call;
    if (watched)
        watchdog_enter();
    fn(ctx);
    /* Leave the call first: a watchdog signal arriving in between finds none and is
     * ignored. */
    current = call.prev;
    if (watched)
        watchdog_leave();
    return 0;
}

bool guard_protects(int sig)
{
    if (!g.enabled || !g.installed)
        return false;
    for (size_t i = 0; i < NSIGNALS; i++)
        if (guarded_signals[i] == sig)
            return true;
    return sig == g.watchdog_signal || sig == SIGCONT || sig == SIGINT || sig == SIGTERM ||
           sig == SIGHUP || sig == SIGPIPE || sig == SIGCHLD;
}

bool guard_from_game(void *ra)
{
    uintptr_t a = (uintptr_t)ra;
    if (!g.enabled || !a || symbolize_in_host(a) || symbolize_in_system(a))
        return false;
    return symbolize_is_game(a);
}

/* Notes of the game's attempts on the host's signals, each signal once a run. */
#define NOTES 8
static struct {
    atomic_ullong reported[2]; /* handlers, masks: bit sig - 1 */
    atomic_int used;
    struct {
        atomic_int state; /* 0 free, 1 written, 2 taken */
        const char *call;
        int sig;
        void *ra;
    } slot[NOTES];
} notes;

void guard_note_signal(const char *call, int sig, void *ra)
{
    if (sig < 1 || sig > 64)
        return;
    unsigned long long bit = 1ull << (sig - 1);
    bool mask = strcmp(call, "sigprocmask") == 0 || strcmp(call, "pthread_sigmask") == 0;
    if (atomic_fetch_or(&notes.reported[mask], bit) & bit)
        return;
    int i = atomic_fetch_add(&notes.used, 1);
    if (i >= NOTES)
        return;
    notes.slot[i].call = call;
    notes.slot[i].sig = sig;
    notes.slot[i].ra = ra;
    atomic_store(&notes.slot[i].state, 1);
}

bool guard_take_note(char *buf, size_t size)
{
    for (int i = 0; i < NOTES; i++) {
        int written = 1;
        if (!atomic_compare_exchange_strong(&notes.slot[i].state, &written, 2))
            continue;
        SymPlace at;
        symbolize_address((uintptr_t)notes.slot[i].ra - 1, &at);
        char place[400] = "";
        if (at.function[0] && at.where[0])
            snprintf(place, sizeof(place), " in %s (%s)", at.function, at.where);
        else if (at.function[0])
            snprintf(place, sizeof(place), " in %s", at.function);
        int sig = notes.slot[i].sig;
        const char *call = notes.slot[i].call;
        bool mask = strcmp(call, "sigprocmask") == 0 || strcmp(call, "pthread_sigmask") == 0;
        char name[32];
        if (sig >= SIGRTMIN && sig <= SIGRTMAX)
            snprintf(name, sizeof(name), "SIGRTMIN+%d", sig - SIGRTMIN);
        else
            snprintf(name, sizeof(name), "SIG%s", sigabbrev_np(sig) ? sigabbrev_np(sig) : "?");
        snprintf(buf, size,
                 "the game's %s(%s)%s was %s: hotrun keeps that signal for its crash guard, "
                 "watchdog and clean exit.",
                 call, name, place, mask ? "left unblocked" : "ignored");
        return true;
    }
    return false;
}

const char *guard_signal_name(const GuardFault *f)
{
    if (f->timeout)
        return "timeout";
    if (f->exit_call[0])
        return f->exit_call;
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
    const char *object = symbolize_basename(f->object);
    char call[400], place[560];
    if (f->function[0] && f->where[0])
        snprintf(call, sizeof(call), "%s (%s)", f->function, f->where);
    else if (f->function[0])
        snprintf(call, sizeof(call), "%s", f->function);
    else if (f->where[0])
        snprintf(call, sizeof(call), "%s", f->where);
    else
        snprintf(call, sizeof(call), "code at 0x%lx", (unsigned long)(uintptr_t)f->pc);
    if (f->service[0])
        snprintf(place, sizeof(place), "%s, called from %s", f->service, call);
    else
        snprintf(place, sizeof(place), "%s", call);

    if (f->timeout) {
        snprintf(buf, size, "timeout: the game ran longer than %.1f s, in %s%s%s",
                 g.budget_s > 0 ? g.budget_s : DEFAULT_BUDGET_S, place,
                 object[0] ? " of " : "", object);
    } else if (f->exit_call[0]) {
        snprintf(buf, size, "%s(%d) in %s%s%s (a game ends the run with api->quit)",
                 f->exit_call, f->exit_status, place, object[0] ? " of " : "", object);
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
