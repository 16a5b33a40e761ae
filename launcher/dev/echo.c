/* echo.c: a bounded byte queue for fd 2 and the thread that writes it.
 *
 * A compiler's output used to be written by the frame thread when the compiler exited: to a
 * slow terminal (a serial console, a paused `less`, ssh over a bad link) the write blocked
 * and the game froze (5 frames in 8 s). Here the frame thread only copies into the buffer;
 * a full buffer drops the newest bytes and counts them, and the writer says how many once
 * it caught up, so the terminal is told that something is missing. */
#include "dev/echo.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/threads.h"

static struct {
    pthread_mutex_t lock;
    pthread_cond_t more, drained;
    char buf[ECHO_MAX];
    size_t head, len;    /* a ring: len bytes from head */
    size_t dropped;      /* since the last note */
    size_t dropped_all;  /* ever */
    bool writing;        /* the writer holds bytes it took out of the ring */
    bool started, failed;
    int fd;
} q = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, PTHREAD_COND_INITIALIZER,
       {0}, 0, 0, 0, 0, false, false, false, 2};

static void write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return; /* a closed terminal: the output has nowhere to go */
        p += w;
        n -= (size_t)w;
    }
}

static void *writer_main(void *arg)
{
    (void)arg;
    static char chunk[65536];
    pthread_mutex_lock(&q.lock);
    for (;;) {
        while (q.len == 0 && q.dropped == 0) {
            pthread_cond_broadcast(&q.drained);
            pthread_cond_wait(&q.more, &q.lock);
        }
        size_t n;
        if (q.len > 0) {
            n = q.len < sizeof(chunk) ? q.len : sizeof(chunk);
            size_t first = ECHO_MAX - q.head < n ? ECHO_MAX - q.head : n;
            memcpy(chunk, q.buf + q.head, first);
            memcpy(chunk + first, q.buf, n - first);
            q.head = (q.head + n) % ECHO_MAX;
            q.len -= n;
        } else {
            /* Caught up: where the gap was is now said. */
            int m = snprintf(chunk, sizeof(chunk),
                             "hotrun: %zu bytes of compiler output were dropped: the "
                             "terminal took them too slowly.\n",
                             q.dropped);
            n = m > 0 ? (size_t)m : 0;
            q.dropped = 0;
        }
        int fd = q.fd;
        q.writing = true;
        pthread_mutex_unlock(&q.lock);
        write_all(fd, chunk, n);
        pthread_mutex_lock(&q.lock);
        q.writing = false;
    }
    return NULL;
}

/* Starts the writer (signals stay with the threads that handle them). Under q.lock. */
static void start_writer(void)
{
    if (thread_start_quiet(writer_main, NULL) == 0)
        q.started = true;
    else
        q.failed = true;
}

void echo_write(const char *data, size_t n)
{
    if (!data || n == 0)
        return;
    pthread_mutex_lock(&q.lock);
    if (!q.started && !q.failed)
        start_writer();
    if (q.failed) {
        int fd = q.fd;
        pthread_mutex_unlock(&q.lock);
        write_all(fd, data, n);
        return;
    }
    size_t room = ECHO_MAX - q.len, take = n < room ? n : room;
    size_t tail = (q.head + q.len) % ECHO_MAX;
    size_t first = ECHO_MAX - tail < take ? ECHO_MAX - tail : take;
    memcpy(q.buf + tail, data, first);
    memcpy(q.buf, data + first, take - first);
    q.len += take;
    q.dropped += n - take;
    q.dropped_all += n - take;
    pthread_cond_signal(&q.more);
    pthread_mutex_unlock(&q.lock);
}

bool echo_flush(double timeout_s)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    double end = (double)until.tv_sec + (double)until.tv_nsec / 1e9 + timeout_s;
    until.tv_sec = (time_t)end;
    until.tv_nsec = (long)((end - (double)until.tv_sec) * 1e9);
    pthread_mutex_lock(&q.lock);
    int rc = 0;
    while (q.started && (q.len > 0 || q.dropped > 0 || q.writing) && rc != ETIMEDOUT)
        rc = pthread_cond_timedwait(&q.drained, &q.lock, &until);
    bool done = !q.started || (q.len == 0 && q.dropped == 0 && !q.writing);
    pthread_mutex_unlock(&q.lock);
    return done;
}

size_t echo_dropped(void)
{
    pthread_mutex_lock(&q.lock);
    size_t n = q.dropped_all;
    pthread_mutex_unlock(&q.lock);
    return n;
}

void echo_set_fd(int fd)
{
    pthread_mutex_lock(&q.lock);
    q.fd = fd;
    pthread_mutex_unlock(&q.lock);
}
