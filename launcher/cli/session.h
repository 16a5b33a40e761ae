/* session.h: the start-up the headless modes share (--once, --replay): build the game once,
 * install the crash guard, open the library. */
#ifndef HOTRUN_SESSION_H
#define HOTRUN_SESSION_H

#include "cli/modes.h"
#include "dev/loader.h"

typedef struct Session {
    BuildConfig cfg;
    BuildStore store;
    BuildResult build;
    Loader *loader;
    GameLib lib;
    bool events, guard;
} Session;

/* Builds opt->dir, opens the events stream, installs the guard and opens the library. 0, or
 * -1 after saying why (session_close is still needed). */
int session_open(Session *s, const Options *opt);
void session_close(Session *s);

#endif
