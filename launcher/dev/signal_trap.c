/* signal_trap.c: the host's own signal, sigaction, sigprocmask and pthread_sigmask,
 * exported from the executable (dev/exports.list) so that a game library binds to them
 * before libc's. Called from game code they leave the signals hotrun lives by alone (the
 * crash guard's, the watchdog's, SIGCONT, SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGCHLD: see
 * guard_protects): a handler for one of them is not installed, and they are taken out of a
 * mask the game blocks; the guard reports that once per signal (guard_take_note). Any other
 * signal, and every call from elsewhere (hotrun itself, SDL, libc), is libc's. Linked into
 * hotrun and hotrun-probe only: a --static game owns its process. */
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>

#include "dev/guard.h"

typedef int (*SigactionFn)(int, const struct sigaction *, struct sigaction *);
typedef int (*SigmaskFn)(int, const sigset_t *, sigset_t *);

static SigactionFn real_sigaction;
static SigmaskFn real_sigprocmask, real_pthread_sigmask;

static void *next(const char *name)
{
    return dlsym(RTLD_NEXT, name);
}

/* Resolved before main (and before any thread or signal handler) runs: sigaction is
 * async-signal-safe, dlsym is not. */
__attribute__((constructor)) static void signal_trap_resolve(void)
{
    void *p = next("sigaction");
    memcpy(&real_sigaction, &p, sizeof(p));
    p = next("sigprocmask");
    memcpy(&real_sigprocmask, &p, sizeof(p));
    p = next("pthread_sigmask");
    memcpy(&real_pthread_sigmask, &p, sizeof(p));
}

int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
    if (!real_sigaction)
        signal_trap_resolve();
    if (act && guard_protects(sig) && guard_from_game(__builtin_return_address(0))) {
        guard_note_signal("sigaction", sig, __builtin_return_address(0));
        return real_sigaction(sig, NULL, old); /* the game sees what is there */
    }
    return real_sigaction(sig, act, old);
}

/* glibc's signal() calls its internal sigaction, not this one: it needs its own. BSD
 * semantics, as glibc's. */
sighandler_t signal(int sig, sighandler_t handler)
{
    if (!real_sigaction)
        signal_trap_resolve();
    struct sigaction sa, old;
    if (guard_protects(sig) && guard_from_game(__builtin_return_address(0))) {
        guard_note_signal("signal", sig, __builtin_return_address(0));
        return real_sigaction(sig, NULL, &old) < 0 ? SIG_ERR : old.sa_handler;
    }
    if (sig < 1 || sig >= NSIG) {
        errno = EINVAL;
        return SIG_ERR;
    }
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, sig);
    sa.sa_flags = SA_RESTART;
    return real_sigaction(sig, &sa, &old) < 0 ? SIG_ERR : old.sa_handler;
}

/* The game's mask without the protected signals; whether it had any. */
static bool strip(int how, const sigset_t *set, sigset_t *out, int *first)
{
    *out = *set;
    bool any = false;
    if (how == SIG_UNBLOCK)
        return false;
    for (int sig = 1; sig < NSIG; sig++)
        if (guard_protects(sig) && sigismember(out, sig) == 1) {
            sigdelset(out, sig);
            if (!any)
                *first = sig;
            any = true;
        }
    return any;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
    if (!real_sigprocmask)
        signal_trap_resolve();
    sigset_t mine;
    int first = 0;
    if (set && guard_from_game(__builtin_return_address(0)) && strip(how, set, &mine, &first)) {
        guard_note_signal("sigprocmask", first, __builtin_return_address(0));
        set = &mine;
    }
    return real_sigprocmask(how, set, old);
}

int pthread_sigmask(int how, const sigset_t *set, sigset_t *old)
{
    if (!real_pthread_sigmask)
        signal_trap_resolve();
    sigset_t mine;
    int first = 0;
    if (set && guard_from_game(__builtin_return_address(0)) && strip(how, set, &mine, &first)) {
        guard_note_signal("pthread_sigmask", first, __builtin_return_address(0));
        set = &mine;
    }
    return real_pthread_sigmask(how, set, old);
}
