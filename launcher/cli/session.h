/* session.h: how every mode starts and ends: the game directory and hotrun's parts found,
 * the build cache and the build config made from the options, the events stream, the crash
 * guard and the loader; for the headless modes (--once, --replay) also the one build and the
 * opened library; and what the modes share once they run (the build event, a failed build's
 * sentence, the guarded call). */
#ifndef HOTRUN_CLI_SESSION_H
#define HOTRUN_CLI_SESSION_H

#include <limits.h>
#include <stdbool.h>

#include "cli/options.h"
#include "dev/builder.h"
#include "dev/loader.h"
#include "dev/paths.h"
#include "util/strings.h"

typedef struct Session {
    BuildConfig cfg;  /* its strings live in the session */
    char src[PATH_MAX];
    char cache[PATH_MAX];
    Paths paths;
    Strv cflags, ldflags, exe_args;
    Loader *loader;   /* after session_guard */
    bool events_open, guard_on;
    BuildResult build; /* session_open: the build */
    GameLib lib;       /* session_open: the library, open */
    char assets[PATH_MAX]; /* session_begin: the game's asset folder (absolute) */
} Session;

/* The game directory (absolute, checked), hotrun's parts, the cache and the build config
 * (release: the --static one); then, unless release, the events stream. 0, or -1 after
 * printing one line ("hotrun: ..."). session_close is needed in both cases. */
int session_begin(Session *s, const Options *opt, bool release);
/* The crash guard and the loader, for the modes that load the game. 0, or -1 after
 * printing one line. */
int session_guard(Session *s, const Options *opt);
/* The headless modes' start: session_begin, the build (its event; a failed one said),
 * session_guard and the library opened. 0, or -1 after saying why (session_close is still
 * needed). */
int session_open(Session *s, const Options *opt);
/* After session_open: the host made from the options (the game called through the guard)
 * and started with the session's library. 0; or -1 after saying why, with *out NULL when the
 * host could not be made, else the host, to be finished and destroyed as usual. */
struct Host;
int session_start_host(Session *s, const Options *opt, struct Host **out);
/* Undoes what session_begin, session_guard and session_open did. */
void session_close(Session *s);

/* The game directory as an absolute path, checked to exist and be a directory (the builder
 * says when it holds no sources). 0, or -1 with one sentence. */
int session_source_dir(const char *dir, char *out, size_t size, char *err, size_t errlen);

/* Says once per variable in a run (terminal and a warning event) which writable static
 * and global variables the game library at path has, with file:line (dev/statics.h). */
void session_warn_statics(const char *lib);
/* Closes a game library, unless a game thread still runs in it: then it stays open and,
 * unless at_exit, one sentence says which thread (started where). */
void session_close_library(Loader *l, GameLib *lib, bool at_exit);
/* The guard hook every game function is called through (HostHooks.call); a game thread's
 * fault since the last call is reported by the next one. */
struct HostFault;
int session_guarded_call(void (*fn)(void *ctx), void *ctx, struct HostFault *fault, void *ud);
/* Develop mode's session file (session.state in the cache) and a killed session's kept
 * aside when this run starts (said, with the key that resumes it); with --resume, hc starts
 * from the killed one. 0, or -1 after one sentence. */
struct HostConfig;
int session_keep_killed(const Options *opt, const char *cache, struct HostConfig *hc);
/* The "build" event of a finished build. */
void session_emit_build(const BuildResult *r);
/* Prints a failed build's first error as one sentence (the compiler's own output has
 * already reached the terminal). */
void session_report_build(const BuildResult *r);

#endif
