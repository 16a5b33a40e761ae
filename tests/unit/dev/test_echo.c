/* test_echo.c: compiler output through the bounded buffer and its writer thread: it all
 * arrives in order; a reader that takes nothing never blocks the writer's caller, the
 * excess is dropped and counted, and the note says so once the reader caught up. */
#include <fcntl.h>
#include <stdbool.h>
#include <unistd.h>

#include "dev/echo.h"
#include "testlib.h"

/* Reads what the pipe holds until it is empty for 200 ms. */
static size_t drain(int fd, char *buf, size_t cap)
{
    size_t len = 0;
    for (int idle = 0; idle < 20;) {
        ssize_t n = read(fd, buf + len, cap - len - 1);
        if (n > 0) {
            len += (size_t)n;
            idle = 0;
        } else {
            usleep(10000);
            idle++;
        }
        if (len + 1 >= cap)
            break;
    }
    buf[len] = '\0';
    return len;
}

static void test_in_order(void)
{
    int p[2];
    CHECK(pipe2(p, O_NONBLOCK) == 0);
    echo_set_fd(p[1]);
    echo_write("first line\n", 11);
    echo_write("second line\n", 12);
    CHECK(echo_flush(5.0));
    char buf[256];
    drain(p[0], buf, sizeof(buf));
    CHECK_EQ_STR(buf, "first line\nsecond line\n");
    echo_set_fd(2);
    close(p[0]);
    close(p[1]);
}

static void test_stalled_reader(void)
{
    int p[2];
    CHECK(pipe(p) == 0); /* blocking: the writer thread waits on it, nobody else does */
    echo_set_fd(p[1]);
    static char chunk[256 * 1024];
    memset(chunk, 'w', sizeof(chunk));
    size_t before = echo_dropped();
    /* 4 MiB into a 64 KiB pipe and a 1 MiB buffer: every call returns at once. */
    for (int i = 0; i < 16; i++)
        echo_write(chunk, sizeof(chunk));
    size_t dropped = echo_dropped() - before;
    CHECK(dropped >= (size_t)(4u << 20) - ECHO_MAX - (1u << 20));
    CHECK(!echo_flush(0.2)); /* the reader takes nothing: not all out */
    static char got[8 << 20];
    fcntl(p[0], F_SETFL, O_NONBLOCK);
    size_t n = drain(p[0], got, sizeof(got));
    CHECK(echo_flush(5.0));
    n += drain(p[0], got + n, sizeof(got) - n);
    CHECK(n > ECHO_MAX);
    CHECK(strstr(got, "bytes of compiler output were dropped: the terminal took them too "
                      "slowly.\n") != NULL);
    echo_set_fd(2);
    close(p[0]);
    close(p[1]);
}

int main(void)
{
    RUN(test_in_order);
    RUN(test_stalled_reader);
    return 0;
}
