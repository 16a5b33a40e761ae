/* events.c: JSON lines about builds, swaps, faults and exits, for tests, benchmarks and
 * editors (--events FILE, or - for stdout). */
#include "core/events.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/json.h"

static FILE *stream;

int events_open(const char *path)
{
    events_close();
    if (!path)
        return 0;
    if (strcmp(path, "-") == 0) {
        stream = stdout;
        return 0;
    }
    stream = fopen(path, "w");
    return stream ? 0 : -errno;
}

void events_close(void)
{
    if (stream && stream != stdout)
        fclose(stream);
    else if (stream)
        fflush(stream);
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
    if (ev->overflow) {
        /* A line cut in the middle would not parse; say so in a line that does. */
        char name[64] = "";
        sscanf(ev->buf, "{\"event\":\"%63[^\"]", name);
        fprintf(stream, "{\"event\":\"%s\",\"truncated\":true}\n", name);
    } else {
        fprintf(stream, "%s}\n", ev->buf);
    }
    if (fflush(stream) != 0 || ferror(stream)) {
        /* The reader went away (EPIPE; SIGPIPE is ignored) or the disk is full: the run
         * goes on without events. */
        int e = errno;
        fprintf(stderr, "hotrun: the events stream %s (%s): the run goes on without "
                        "events.\n",
                e == EPIPE ? "was closed by its reader" : "cannot be written", strerror(e));
        if (stream != stdout)
            fclose(stream);
        stream = NULL;
    }
}
