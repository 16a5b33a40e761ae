/* watchdog.c: ends a game call that runs past its time budget (see watchdog.h).
 *
 * A POSIX timer armed and disarmed around each call costs two system calls, 1.3 us per call
 * measured here; the counter costs nothing. */
#include "dev/watchdog.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "util/clock.h"

/* The watchdog looks this many times per budget: a hang is ended after 1 to 1.25 budgets
 * (first seen up to a tick late, then found over budget up to a tick late). */
#define WATCHDOG_TICKS 8

/* `seq` is odd while the watched thread is inside an outermost guarded call; only that
 * thread writes it. `continued` counts SIGCONTs: a call seen across one starts again. */
static struct {
    bool running;
    bool stop;
    double budget_s;
    int signal;
    pid_t pid, tid;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    atomic_ulong seq;
    atomic_ulong fired; /* the seq of the call the watchdog signalled */
    atomic_ulong continued;
    bool timer_mode; /* watchdog_start_timer: no thread */
    timer_t timer;
} wd = {.lock = PTHREAD_MUTEX_INITIALIZER};

static void *watchdog_main(void *arg)
{
    (void)arg;
    double tick = wd.budget_s / WATCHDOG_TICKS;
    unsigned long seen = 0; /* the call in progress at the last look, and since when */
    unsigned long cont_seen = atomic_load(&wd.continued);
    double since = 0, last = clock_now_s();
    pthread_mutex_lock(&wd.lock);
    while (!wd.stop) {
        double wake = clock_now_s() + tick;
        struct timespec ts = {(time_t)wake, (long)((wake - (double)(time_t)wake) * 1e9)};
        pthread_cond_timedwait(&wd.wake, &wd.lock, &ts);
        unsigned long s = atomic_load(&wd.seq);
        double now = clock_now_s();
        unsigned long cont = atomic_load(&wd.continued);
        /* A stopped process does not run this thread either: a look much later than the
         * tick means the clock ran while nobody could. Either way the call starts over. */
        if (cont != cont_seen || now - last > 4 * tick) {
            cont_seen = cont;
            since = now;
        }
        last = now;
        if (!(s & 1)) {
            seen = 0;
        } else if (s != seen) {
            seen = s;
            since = now;
        } else if (now - since >= wd.budget_s && atomic_load(&wd.fired) != s) {
            atomic_store(&wd.fired, s);
            syscall(SYS_tgkill, wd.pid, wd.tid, wd.signal);
        }
    }
    pthread_mutex_unlock(&wd.lock);
    return NULL;
}

int watchdog_start(double budget_s, int signal)
{
    if (wd.running)
        watchdog_stop();
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&wd.wake, &ca);
    pthread_condattr_destroy(&ca);
    wd.stop = false;
    wd.budget_s = budget_s;
    wd.signal = signal;
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

int watchdog_start_timer(double budget_s, int signal)
{
    if (wd.running)
        watchdog_stop();
    struct sigevent ev;
    memset(&ev, 0, sizeof(ev));
    ev.sigev_notify = SIGEV_THREAD_ID;
    ev.sigev_signo = signal;
    ev._sigev_un._tid = gettid();
    if (timer_create(CLOCK_MONOTONIC, &ev, &wd.timer) < 0)
        return -errno;
    wd.budget_s = budget_s;
    wd.signal = signal;
    wd.pid = getpid();
    wd.tid = gettid();
    wd.timer_mode = true;
    wd.running = true;
    return 0;
}

/* Timer mode: the budget from now, or (0) none. Async-signal-safe. */
static void arm(double s)
{
    struct itimerspec it = {{0, 0}, {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)}};
    timer_settime(wd.timer, 0, &it, NULL);
}

void watchdog_stop(void)
{
    if (!wd.running)
        return;
    if (wd.timer_mode) {
        if (wd.pid == getpid())
            timer_delete(wd.timer);
        wd.timer_mode = false;
        wd.running = false;
        return;
    }
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

static void step(void)
{
    atomic_store_explicit(&wd.seq, atomic_load_explicit(&wd.seq, memory_order_relaxed) + 1,
                          memory_order_release);
}

void watchdog_enter(void)
{
    step();
    if (wd.timer_mode)
        arm(wd.budget_s);
}

void watchdog_leave(void)
{
    if (wd.timer_mode)
        arm(0);
    step();
}

bool watchdog_fired_now(void)
{
    if (wd.timer_mode) /* armed only inside a call */
        return (atomic_load(&wd.seq) & 1) != 0;
    return atomic_load(&wd.seq) == atomic_load(&wd.fired);
}

void watchdog_continued(void)
{
    atomic_fetch_add(&wd.continued, 1);
    if (wd.timer_mode && (atomic_load(&wd.seq) & 1))
        arm(wd.budget_s); /* the time stopped does not count */
}
