/* events.c: JSON lines about builds, swaps, faults and exits, for tests, benchmarks and
 * editors (--events FILE, or - for stdout).
 *
 * Held output: the write that wakes a sleeping reader of the events costs ~0.2 ms on a
 * 2-core machine, and on a reload's path there were several (the "build" line before the
 * swap, the game's log lines in after_swap, the "reload" line before the new code's first
 * frame). So while the frame loop works (events_hold .. events_release: a frame, or the
 * loop's wake-up between two frames) event lines wait in one queue, and so does every line
 * written to the terminal through stderr meanwhile: stderr is replaced, while an events
 * stream is open, by a stream of ours that writes to fd 2 at once when nothing is held and
 * into the queue when something is. events_release writes the queue in the order it was
 * written, so a terminal line and the event lines of the same moment never come a frame
 * apart, nor in another order. Every line keeps its own timestamps.
 *
 * With `--events -` the events own stdout: they get a copy of fd 1, and fd 1 itself is
 * pointed at stderr while the stream is open, so a game's printf (or a child's output)
 * goes to the terminal instead of landing inside a JSON line. */
#include "core/events.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/error.h"
#include "util/json.h"

static FILE *stream;
static bool stream_is_stdout; /* stream writes to a copy of the original fd 1 */

enum { HELD_EVENT = 'e', HELD_TERM = 't' };

static struct {
    pthread_mutex_t lock;
    bool holding;
    char *buf; /* records: kind (1 byte), length (4 bytes), the bytes */
    size_t len, cap;
    FILE *term, *real_stderr; /* our stderr, and the one it stands in for */
} held = {.lock = PTHREAD_MUTEX_INITIALIZER};

static void write_fd(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return; /* a terminal that takes nothing: the line is lost, as with stderr */
        p += w;
        n -= (size_t)w;
    }
}

/* Under the lock. */
static void held_add(char kind, const char *p, size_t n)
{
    if (n > UINT32_MAX)
        n = UINT32_MAX;
    if (held.len + 5 + n > held.cap) {
        size_t cap = held.cap ? held.cap : 16384;
        while (cap < held.len + 5 + n)
            cap *= 2;
        held.buf = xrealloc(held.buf, cap);
        held.cap = cap;
    }
    uint32_t len = (uint32_t)n;
    held.buf[held.len] = kind;
    memcpy(held.buf + held.len + 1, &len, 4);
    memcpy(held.buf + held.len + 5, p, n);
    held.len += 5 + n;
}

/* The write function of our stderr. */
static ssize_t term_write(void *cookie, const char *p, size_t n)
{
    (void)cookie;
    pthread_mutex_lock(&held.lock);
    if (held.holding)
        held_add(HELD_TERM, p, n);
    else
        write_fd(2, p, n);
    pthread_mutex_unlock(&held.lock);
    return (ssize_t)n;
}

/* The stream failed (the reader went away: EPIPE, SIGPIPE is ignored; a full disk): the
 * run goes on without events. Under the lock: the sentence goes to fd 2 directly. */
static void stream_failed(void)
{
    int e = errno;
    char line[256];
    int n = snprintf(line, sizeof(line),
                     "hotrun: the events stream %s (%s): the run goes on without events.\n",
                     e == EPIPE ? "was closed by its reader" : "cannot be written", strerror(e));
    write_fd(2, line, n > 0 && (size_t)n < sizeof(line) ? (size_t)n : 0);
    fclose(stream);
    stream = NULL;
}

/* Writes one event line now. Under the lock. */
static void put_event(const char *line, size_t n)
{
    if (!stream)
        return;
    fwrite(line, 1, n, stream);
    if (fflush(stream) != 0 || ferror(stream))
        stream_failed();
}

/* Under the lock: the queue, in order. */
static void write_held(void)
{
    size_t at = 0;
    bool unflushed = false;
    while (at < held.len) {
        char kind = held.buf[at];
        uint32_t n;
        memcpy(&n, held.buf + at + 1, 4);
        const char *p = held.buf + at + 5;
        at += 5 + n;
        if (kind == HELD_TERM) {
            if (unflushed && stream && (fflush(stream) != 0 || ferror(stream)))
                stream_failed();
            unflushed = false;
            write_fd(2, p, n);
        } else if (stream) {
            fwrite(p, 1, n, stream);
            unflushed = true;
        }
    }
    held.len = 0;
    if (unflushed && stream && (fflush(stream) != 0 || ferror(stream)))
        stream_failed();
}

void events_hold(void)
{
    pthread_mutex_lock(&held.lock);
    held.holding = stream != NULL;
    pthread_mutex_unlock(&held.lock);
}

void events_release(void)
{
    pthread_mutex_lock(&held.lock);
    held.holding = false;
    write_held();
    pthread_mutex_unlock(&held.lock);
}

static void release_at_exit(void)
{
    events_release();
}

/* stderr becomes ours while an events stream is open (see the top). */
static void term_install(void)
{
    if (stderr == held.term && held.term)
        return;
    if (!held.term) {
        cookie_io_functions_t io = {.write = term_write};
        FILE *f = fopencookie(NULL, "w", io);
        if (!f)
            return; /* then terminal lines are not held: events are written at once */
        setvbuf(f, NULL, _IONBF, 0); /* as stderr: each call one write */
        held.term = f;
        atexit(release_at_exit); /* an exit() in the middle of a frame */
    }
    fflush(stderr);
    held.real_stderr = stderr;
    stderr = held.term;
}

/* Our stream stays open (whoever kept the pointer writes through it to fd 2). */
static void term_remove(void)
{
    if (held.term && stderr == held.term)
        stderr = held.real_stderr;
}

int events_open(const char *path)
{
    events_close();
    if (!path)
        return 0;
    if (strcmp(path, "-") == 0) {
        fflush(stdout);
        int fd = fcntl(1, F_DUPFD_CLOEXEC, 3);
        if (fd < 0 || !(stream = fdopen(fd, "w"))) {
            int e = errno;
            if (fd >= 0)
                close(fd);
            return -e;
        }
        dup2(2, 1); /* the game's and the children's stdout: the terminal */
        stream_is_stdout = true;
    } else {
        stream = fopen(path, "w");
        if (!stream)
            return -errno;
    }
    term_install();
    return 0;
}

void events_close(void)
{
    events_release();
    term_remove();
    if (stream_is_stdout) {
        fflush(stdout); /* what the game printed goes where it was pointed: stderr */
        /* fd 1 back to where it was (the stream's copy; lost with a failed stream) */
        if (stream) {
            fflush(stream);
            dup2(fileno(stream), 1);
        }
        stream_is_stdout = false;
    }
    if (stream)
        fclose(stream);
    stream = NULL;
}

bool events_enabled(void)
{
    return stream != NULL;
}

static void append(EventLine *ev, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void append(EventLine *ev, const char *fmt, ...)
{
    if (ev->overflow)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(ev->buf + ev->len, sizeof(ev->buf) - ev->len, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof(ev->buf) - ev->len)
        ev->overflow = true;
    else
        ev->len += (size_t)n;
}

static void key(EventLine *ev, const char *k)
{
    append(ev, ",\"%s\":", k);
}

void ev_begin(EventLine *ev, const char *event)
{
    ev->len = 0;
    ev->overflow = false;
    ev->buf[0] = '\0';
    append(ev, "{\"event\":\"%s\"", event);
}

void ev_int(EventLine *ev, const char *k, long long value)
{
    key(ev, k);
    append(ev, "%lld", value);
}

void ev_num(EventLine *ev, const char *k, double value)
{
    key(ev, k);
    if (isfinite(value))
        append(ev, "%.3f", value);
    else
        append(ev, "null");
}

void ev_bool(EventLine *ev, const char *k, bool value)
{
    key(ev, k);
    append(ev, value ? "true" : "false");
}

void ev_str(EventLine *ev, const char *k, const char *value)
{
    key(ev, k);
    if (!value) {
        append(ev, "null");
        return;
    }
    if (ev->overflow)
        return;
    size_t before = ev->len;
    json_escape(ev->buf, sizeof(ev->buf) - 2, &ev->len, value, strlen(value));
    if (ev->len == before)
        ev->overflow = true;
}

void ev_raw(EventLine *ev, const char *k, const char *json)
{
    key(ev, k);
    append(ev, "%s", json);
}

void ev_end(EventLine *ev)
{
    if (!stream)
        return;
    char cut[128];
    const char *line = cut;
    size_t n;
    if (ev->overflow || ev->len + 2 > sizeof(ev->buf)) {
        /* A line cut in the middle would not parse; say so in a line that does. */
        char name[64] = "";
        sscanf(ev->buf, "{\"event\":\"%63[^\"]", name);
        n = (size_t)snprintf(cut, sizeof(cut), "{\"event\":\"%s\",\"truncated\":true}\n", name);
    } else {
        memcpy(ev->buf + ev->len, "}\n", 2);
        line = ev->buf;
        n = ev->len + 2;
    }
    pthread_mutex_lock(&held.lock);
    if (held.holding)
        held_add(HELD_EVENT, line, n);
    else
        put_event(line, n);
    pthread_mutex_unlock(&held.lock);
}
