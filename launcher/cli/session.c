/* session.c: the start-up the headless modes share. */
#include "cli/session.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/events.h"
#include "dev/guard.h"

int session_open(Session *s, const Options *opt)
{
    char err[1024];
    memset(s, 0, sizeof(*s));
    if (dev_build_config(opt, false, &s->cfg, &s->store, err, sizeof(err)) < 0) {
        fprintf(stderr, "hotrun: %s\n", err);
        return -1;
    }
    if (events_open(opt->events) < 0) {
        fprintf(stderr, "hotrun: cannot write events to %s: %s\n", opt->events,
                strerror(errno));
        return -1;
    }
    s->events = true;
    BuildResult *r = &s->build;
    if (builder_build_now(&s->cfg, r, err, sizeof(err)) < 0 && !r->first_error[0])
        snprintf(r->first_error, sizeof(r->first_error), "%s", err);
    dev_emit_build(r);
    if (!r->ok) {
        dev_report_build(r);
        return -1;
    }
    int grc = guard_init(opt->budget_s, !opt->no_guard);
    if (grc < 0) {
        fprintf(stderr, "hotrun: cannot install the crash guard: %s (try --no-guard)\n",
                strerror(-grc));
        return -1;
    }
    s->guard = true;
    s->loader = loader_create(err, sizeof(err));
    if (!s->loader || loader_open(s->loader, r->lib, &s->lib, err, sizeof(err)) < 0) {
        fprintf(stderr, "hotrun: %s\n", err);
        return -1;
    }
    return 0;
}

void session_close(Session *s)
{
    if (s->lib.handle)
        loader_close(s->loader, &s->lib);
    loader_destroy(s->loader);
    if (s->guard)
        guard_shutdown();
    if (s->events)
        events_close();
    dev_build_store_free(&s->store);
    memset(s, 0, sizeof(*s));
}
