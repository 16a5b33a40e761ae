/* test_game_threads.c: a game thread's fault ends only that thread and waits to be taken
 * once; running threads are counted by the library their start routine is in. */
#include "dev/game_threads.h"
#include "testlib.h"

#include <signal.h>
#include <stdatomic.h>
#include <time.h>

static atomic_int stop;

static void *crash(void *arg)
{
    volatile int *volatile p = arg; /* 16: the compiler cannot see it */
    *p = 1;
    return NULL;
}

static void *spin(void *arg)
{
    while (!atomic_load(&stop)) {
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
    }
    return arg;
}

static void test_fault_ends_the_thread(void)
{
    pthread_t t;
    CHECK_EQ_INT(game_threads_create(&t, NULL, crash, (void *)16, __builtin_return_address(0)), 0);
    void *result = (void *)1;
    CHECK_EQ_INT(pthread_join(t, &result), 0);
    CHECK(result == NULL);
    GuardFault f;
    char msg[1024];
    CHECK(game_threads_take_fault(&f, msg, sizeof(msg)));
    fprintf(stderr, "   %s\n", msg);
    CHECK_EQ_INT(f.signal, SIGSEGV);
    CHECK(f.addr == (void *)16);
    CHECK(strncmp(msg, "a game thread", 13) == 0);
    CHECK(strstr(msg, "SIGSEGV (address 0x10)") != NULL);
    CHECK(strstr(msg, "the thread was ended") != NULL);
    CHECK(!game_threads_take_fault(&f, msg, sizeof(msg)));
}

/* An address inside a function, as the library lookup takes it. */
static const void *code_of(void *(*fn)(void *))
{
    const void *p;
    memcpy(&p, &fn, sizeof(p));
    return p;
}

static void test_running_threads_counted(void)
{
    char s[1024] = "";
    CHECK_EQ_INT(game_threads_running_in(code_of(spin), s, sizeof(s)), 0);
    pthread_t a, b;
    CHECK_EQ_INT(game_threads_create(&a, NULL, spin, (void *)7, NULL), 0);
    CHECK_EQ_INT(game_threads_create(&b, NULL, spin, NULL, NULL), 0);
    CHECK_EQ_INT(game_threads_running_in(code_of(spin), s, sizeof(s)), 2);
    CHECK(strstr(s, "2 game threads") != NULL);
    /* Not in libc: nothing runs there. */
    const void *libc = stdin; /* data of libc: its library */
    CHECK_EQ_INT(game_threads_running_in(libc, s, sizeof(s)), 0);
    atomic_store(&stop, 1);
    void *r;
    CHECK_EQ_INT(pthread_join(a, &r), 0);
    CHECK(r == (void *)7);
    CHECK_EQ_INT(pthread_join(b, &r), 0);
    CHECK_EQ_INT(game_threads_running_in(code_of(spin), s, sizeof(s)), 0);
}

int main(void)
{
    CHECK_EQ_INT(guard_init(2.0, true), 0);
    RUN(test_fault_ends_the_thread);
    RUN(test_running_threads_counted);
    guard_shutdown();
    return 0;
}
