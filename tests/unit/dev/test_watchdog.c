/* test_watchdog.c: the watchdog signals a call that runs past its budget, spares calls
 * that do not, and does not count the time around a continue (SIGCONT) against a call. */
#include "dev/watchdog.h"
#include "testlib.h"

#include <signal.h>
#include <stdatomic.h>
#include <time.h>

static atomic_int fired;
static int sig;

static void on_sig(int s)
{
    (void)s;
    if (watchdog_fired_now())
        atomic_fetch_add(&fired, 1);
}

static void sleep_s(double s)
{
    struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
    while (nanosleep(&ts, &ts) != 0)
        ;
}

/* The watchdog's signal counted by on_sig, the count reset. */
static void catch_signal(void)
{
    sig = SIGRTMIN + 3;
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_sig;
    sigemptyset(&sa.sa_mask);
    CHECK(sigaction(sig, &sa, NULL) == 0);
    atomic_store(&fired, 0);
}

static void setup(double budget)
{
    catch_signal();
    CHECK_EQ_INT(watchdog_start(budget, sig), 0);
}

static void test_fires_on_a_long_call(void)
{
    setup(0.2);
    watchdog_enter();
    for (int i = 0; i < 100 && !atomic_load(&fired); i++)
        sleep_s(0.02);
    watchdog_leave();
    CHECK_EQ_INT(atomic_load(&fired), 1);
    /* Not again for the same call, and nothing for the next short ones. */
    for (int i = 0; i < 20; i++) {
        watchdog_enter();
        sleep_s(0.01);
        watchdog_leave();
    }
    sleep_s(0.3);
    CHECK_EQ_INT(atomic_load(&fired), 1);
    watchdog_stop();
}

static void test_spares_short_calls(void)
{
    setup(0.3);
    for (int i = 0; i < 20; i++) {
        watchdog_enter();
        sleep_s(0.05); /* longer than the budget in total, never in one call */
        watchdog_leave();
    }
    CHECK_EQ_INT(atomic_load(&fired), 0);
    watchdog_stop();
}

static void test_continue_restarts_the_budget(void)
{
    setup(0.5);
    watchdog_enter();
    sleep_s(0.3);
    watchdog_continued(); /* as the guard's SIGCONT handler does after a Ctrl-Z and fg */
    sleep_s(0.3);
    CHECK_EQ_INT(atomic_load(&fired), 0);
    /* The call still ends when it goes on past a whole budget after the continue. */
    for (int i = 0; i < 100 && !atomic_load(&fired); i++)
        sleep_s(0.02);
    watchdog_leave();
    CHECK_EQ_INT(atomic_load(&fired), 1);
    watchdog_stop();
}

/* watchdog_start_timer (hotrun-probe's child): the same promises without a thread. */
static void test_timer_mode(void)
{
    catch_signal();
    CHECK_EQ_INT(watchdog_start_timer(0.2, sig), 0);
    for (int i = 0; i < 20; i++) { /* short calls: spared */
        watchdog_enter();
        sleep_s(0.02);
        watchdog_leave();
    }
    sleep_s(0.3);
    CHECK_EQ_INT(atomic_load(&fired), 0);
    watchdog_enter(); /* a long one: signalled once, after about the budget */
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int i = 0; i < 100 && !atomic_load(&fired); i++)
        sleep_s(0.01);
    clock_gettime(CLOCK_MONOTONIC, &b);
    watchdog_leave();
    CHECK_EQ_INT(atomic_load(&fired), 1);
    double took = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
    CHECK(took >= 0.19);
    sleep_s(0.3);
    CHECK_EQ_INT(atomic_load(&fired), 1);
    watchdog_stop();
}

int main(void)
{
    RUN(test_fires_on_a_long_call);
    RUN(test_spares_short_calls);
    RUN(test_continue_restarts_the_budget);
    RUN(test_timer_mode);
    return 0;
}
