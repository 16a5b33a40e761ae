/* events.h: machine-readable JSON lines (--events) about builds, swaps, faults and exits. */
#ifndef HOTRUN_EVENTS_H
#define HOTRUN_EVENTS_H

#include <stdbool.h>
#include <stddef.h>

/* Opens the events stream: a file path, "-" for stdout, NULL for none. 0 or -errno. */
int events_open(const char *path);
void events_close(void);
/* True when an events stream is open (skip building lines otherwise). */
bool events_enabled(void);

/* One event line under construction. Keys are added in order; ev_end writes the line. */
typedef struct EventLine {
    char buf[8192];
    size_t len;
    bool overflow;
} EventLine;

void ev_begin(EventLine *ev, const char *event);
void ev_int(EventLine *ev, const char *key, long long value);
void ev_num(EventLine *ev, const char *key, double value);
void ev_bool(EventLine *ev, const char *key, bool value);
void ev_str(EventLine *ev, const char *key, const char *value); /* NULL writes null */
/* `json` is written as is: an array or object already in JSON. */
void ev_raw(EventLine *ev, const char *key, const char *json);
void ev_end(EventLine *ev);

/* Holding (the frame loop, while it works): event lines, and lines written to stderr, wait
 * in one queue in the order they came; events_release writes them in that order and stops
 * holding. Nothing is held without an events stream. Thread-safe. */
void events_hold(void);
void events_release(void);

#endif
