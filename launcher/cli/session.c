/* session.c: the start and end every mode shares, and what they share while they run. */
#include "cli/session.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "core/events.h"
#include "core/host.h"
#include "core/session.h"
#include "dev/game_threads.h"
#include "dev/guard.h"
#include "dev/pkgs.h"
#include "dev/statics.h"
#include "platform/input.h"

int session_source_dir(const char *dir, char *out, size_t size, char *err, size_t errlen)
{
    char abs[PATH_MAX];
    struct stat st;
    if (!realpath(dir, abs) || stat(abs, &st) < 0) {
        if (errno == ENOENT)
            snprintf(err, errlen, "%s: no such directory", dir);
        else
            snprintf(err, errlen, "%s: %s", dir, strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "%s is not a directory: give the folder of the game's sources",
                 dir);
        return -1;
    }
    snprintf(out, size, "%s", abs);
    return 0;
}

/* The build config from the options; its strings live in s. */
static int build_config(Session *s, const Options *opt, bool release, char *err, size_t errlen)
{
    BuildConfig *cfg = &s->cfg;
    if (session_source_dir(opt->dir, s->src, sizeof(s->src), err, errlen) < 0 ||
        paths_find(&s->paths, err, errlen) < 0 ||
        paths_cache_dir(s->src, opt->cache, s->cache, sizeof(s->cache), err, errlen) < 0)
        return -1;
    /* --pkg libraries: their flags after the user's, in develop and release builds alike;
     * in develop mode hotrun keeps them loaded before any game library is opened. */
    PkgFlags pkg;
    Err perr = {{0}};
    int rc = pkgs_query(opt->pkgs, opt->npkgs, &pkg, &perr);
    if (rc < 0) {
        snprintf(err, errlen, "%s", err_text(&perr, rc));
        return -1;
    }
    if (!release && opt->npkgs && (rc = pkgs_keep_loaded(pkg.libs, &perr)) < 0)
        fprintf(stderr, "hotrun: %s: it is loaded with each game library instead, and its "
                        "own state does not outlive one\n", err_text(&perr, rc));
    strv_push_words(&s->cflags, opt->cflags);
    strv_push_words(&s->cflags, pkg.cflags);
    strv_push_words(&s->ldflags, opt->ldflags);
    strv_push_words(&s->ldflags, pkg.libs);
    pkgs_free(&pkg);
    strv_push(&s->exe_args, s->paths.static_main);
    strv_push(&s->exe_args, s->paths.runtime);
    strv_push_words(&s->exe_args, HOTRUN_STATIC_LIBS);

    cfg->src_dir = s->src;
    cfg->cache_dir = s->cache;
    cfg->include_dir = s->paths.include_dir;
    cfg->cc = opt->cc;
    cfg->cflags = (const char *const *)s->cflags.v;
    cfg->ldflags = (const char *const *)s->ldflags.v;
    cfg->jobs = opt->jobs;
    cfg->nice = opt->nice;
    cfg->color = isatty(STDERR_FILENO) && !getenv("NO_COLOR");
    cfg->custom_command = opt->build_cmd;
    cfg->custom_lib = opt->lib;
    cfg->probe = release ? NULL : s->paths.probe;
    cfg->probe_budget_s = opt->budget_s;
    cfg->build_timeout_s = opt->build_timeout_s;
    cfg->release = release;
    cfg->exe_link_args = (const char *const *)s->exe_args.v;
    return 0;
}

/* The game's asset folder: --assets (made absolute; -1 with err when it is not a
 * folder), else the default for the sources in src (assets_default_root). */
static int asset_root(const Options *opt, const char *src, char *out, size_t size, char *err,
                      size_t errlen)
{
    if (!opt->assets) {
        assets_default_root(src, out, size);
        return 0;
    }
    char abs[PATH_MAX];
    struct stat st;
    if (!realpath(opt->assets, abs) || stat(abs, &st) < 0 || !S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "--assets %s: %s", opt->assets,
                 errno == ENOENT ? "no such folder" : "not a folder");
        return -1;
    }
    snprintf(out, size, "%s", abs);
    return 0;
}

int session_begin(Session *s, const Options *opt, bool release)
{
    memset(s, 0, sizeof(*s));
    char err[1024];
    if (build_config(s, opt, release, err, sizeof(err)) < 0 ||
        asset_root(opt, s->src, s->assets, sizeof(s->assets), err, sizeof(err)) < 0) {
        fprintf(stderr, "hotrun: %s\n", err);
        return -1;
    }
    if (release)
        return 0;
    if (events_open(opt->events) < 0) {
        fprintf(stderr, "hotrun: cannot write events to %s: %s\n", opt->events,
                strerror(errno));
        return -1;
    }
    s->events_open = true;
    return 0;
}

int session_guard(Session *s, const Options *opt)
{
    int grc = guard_init(opt->budget_s, !opt->no_guard);
    if (grc < 0) {
        fprintf(stderr, "hotrun: cannot install the crash guard: %s (try --no-guard)\n",
                strerror(-grc));
        return -1;
    }
    s->guard_on = true;
    char err[1024];
    s->loader = loader_create(err, sizeof(err));
    if (!s->loader) {
        fprintf(stderr, "hotrun: %s\n", err);
        return -1;
    }
    return 0;
}

int session_open(Session *s, const Options *opt)
{
    if (session_begin(s, opt, false) < 0)
        return -1;
    BuildResult *r = &s->build;
    Err e = {0};
    int rc = builder_build_now(&s->cfg, r, &e);
    if (rc < 0 && !r->first_error[0])
        snprintf(r->first_error, sizeof(r->first_error), "%s", err_text(&e, rc));
    session_emit_build(r);
    if (!r->ok) {
        session_report_build(r);
        return -1;
    }
    if (session_guard(s, opt) < 0)
        return -1;
    char err[1024];
    if (loader_open(s->loader, r->lib, &s->lib, err, sizeof(err)) < 0) {
        fprintf(stderr, "hotrun: %s\n", err);
        return -1;
    }
    return 0;
}

int session_start_host(Session *s, const Options *opt, Host **out)
{
    HostHooks hooks = {.call = session_guarded_call};
    HostConfig hc;
    cli_host_config(opt, &hc);
    hc.assets = s->assets;
    Err e = {0};
    *out = host_create(&hc, &hooks, &e);
    if (!*out) {
        fprintf(stderr, "hotrun: %s\n", err_text(&e, ERR_UNSUPPORTED));
        return -1;
    }
    int rc = host_start(*out, s->lib.game, s->lib.gen, &e);
    if (rc < 0) {
        fprintf(stderr, "hotrun: %s\n", err_text(&e, rc));
        return -1;
    }
    return 0;
}

void session_close(Session *s)
{
    if (s->lib.handle)
        session_close_library(s->loader, &s->lib, true);
    loader_destroy(s->loader);
    if (s->guard_on)
        guard_shutdown();
    if (s->events_open)
        events_close();
    strv_free(&s->cflags);
    strv_free(&s->ldflags);
    strv_free(&s->exe_args);
    memset(s, 0, sizeof(*s));
}

void session_report_build(const BuildResult *r)
{
    if (!r->ok)
        fprintf(stderr, "hotrun: build failed: %s\n",
                r->first_error[0] ? r->first_error : "see the compiler's output above");
}

void session_emit_build(const BuildResult *r)
{
    if (!events_enabled())
        return;
    EventLine ev;
    ev_begin(&ev, "build");
    ev_bool(&ev, "ok", r->ok);
    ev_num(&ev, "ms", r->ms);
    ev_int(&ev, "compiled", r->compiled);
    ev_int(&ev, "objects", r->objects);
    ev_num(&ev, "compile_ms", r->compile_ms);
    ev_num(&ev, "link_ms", r->link_ms);
    ev_num(&ev, "probe_ms", r->probe_ms);
    ev_bool(&ev, "superseded", r->superseded);
    ev_bool(&ev, "one_run", r->one_run); /* tcc: compiled and linked in one run */
    ev_str(&ev, "error", r->ok ? NULL : r->first_error);
    ev_int(&ev, "done_ns", (long long)r->done_ns);
    /* Where hotrun's own time went, for scripts/bench-reload --json (ns, 0: not reached). */
    ev_int(&ev, "request_ns", (long long)r->trace.request_ns);
    ev_int(&ev, "planned_ns", (long long)r->trace.planned_ns);
    ev_int(&ev, "compile_phase_ns", (long long)r->trace.compile_phase_ns);
    ev_int(&ev, "compile_asked_ns", (long long)r->trace.compile_asked_ns);
    ev_int(&ev, "compile_started_ns", (long long)r->trace.compile_started_ns);
    ev_int(&ev, "compiled_ns", (long long)r->trace.compiled_ns);
    ev_int(&ev, "link_asked_ns", (long long)r->trace.link_asked_ns);
    ev_int(&ev, "link_started_ns", (long long)r->trace.link_started_ns);
    ev_end(&ev);
}

/* What the guard noted during the game's calls (its attempts on hotrun's signals): once
 * each, in the terminal and as a "warning" event. */
static void say_guard_notes(void)
{
    char note[768];
    while (guard_take_note(note, sizeof(note))) {
        fprintf(stderr, "hotrun: %s\n", note);
        if (events_enabled()) {
            EventLine ev;
            ev_begin(&ev, "warning");
            ev_str(&ev, "message", note);
            ev_end(&ev);
        }
    }
}

void session_warn_statics(const char *lib)
{
    /* Once per variable in a run: the names said so far. */
    static Strv said;
    enum { MAX_VARS = 256 };
    StaticVar *vars = xcalloc(MAX_VARS, sizeof(*vars));
    int n = statics_list(lib, vars, MAX_VARS), fresh = 0;
    for (int i = 0; i < n; i++) {
        bool old = false;
        for (int k = 0; k < said.n && !old; k++)
            old = strcmp(said.v[k], vars[i].symbol) == 0;
        if (!old)
            vars[fresh++] = vars[i];
    }
    statics_locate(lib, vars, fresh);
    for (int i = 0; i < fresh; i++) {
        /* One line for the same name at the same place (a header's static in every file
         * that includes it, none of them located): the same sentence again says nothing. */
        bool again = false;
        for (int k = 0; k < i && !again; k++)
            again = strcmp(vars[k].symbol, vars[i].symbol) == 0 &&
                    strcmp(vars[k].where, vars[i].where) == 0;
        if (again)
            continue;
        strv_push(&said, vars[i].symbol);
        char sentence[768];
        snprintf(sentence, sizeof(sentence),
                 "%s%s'%s' is a variable of the game library, not of its state: it starts over at every "
                 "reload; keep it in the state (HOT_STATE), or mark it HOT_SCRATCH.",
                 vars[i].where, vars[i].where[0] ? ": " : "", vars[i].name);
        fprintf(stderr, "hotrun: warning: %s\n", sentence);
        if (events_enabled()) {
            EventLine ev;
            ev_begin(&ev, "warning");
            ev_str(&ev, "message", sentence);
            ev_str(&ev, "variable", vars[i].name);
            ev_str(&ev, "where", vars[i].where);
            ev_end(&ev);
        }
    }
    free(vars);
}

void session_close_library(Loader *l, GameLib *lib, bool at_exit)
{
    char sentence[1024];
    if (lib->game && game_threads_running_in(lib->game, sentence, sizeof(sentence)) > 0) {
        /* Closing it would pull the code from under them: it stays mapped (its file
         * goes), and the process' exit ends the threads. */
        if (!at_exit) {
            fprintf(stderr, "hotrun: %s: that library stays open (join the game's threads in "
                            "before_swap).\n", sentence);
            if (events_enabled()) {
                EventLine ev;
                ev_begin(&ev, "warning");
                ev_str(&ev, "message", sentence);
                ev_end(&ev);
            }
        }
        lib->handle = NULL;
    }
    loader_close(l, lib);
}

int session_guarded_call(void (*fn)(void *ctx), void *ctx, HostFault *out, void *ud)
{
    (void)ud;
    GuardFault f;
    int rc = guard_call(fn, ctx, &f);
    say_guard_notes();
    if (rc == 0) {
        /* A game thread that faulted since: this call reports it, the host rolls back. */
        if (!game_threads_take_fault(&f, out->message, sizeof(out->message)))
            return 0;
        snprintf(out->signal, sizeof(out->signal), "%s", guard_signal_name(&f));
        snprintf(out->function, sizeof(out->function), "%s", f.function);
        snprintf(out->where, sizeof(out->where), "%s", f.where);
        return -1;
    }
    snprintf(out->signal, sizeof(out->signal), "%s", guard_signal_name(&f));
    snprintf(out->function, sizeof(out->function), "%s", f.function);
    snprintf(out->where, sizeof(out->where), "%s", f.where);
    guard_describe(&f, out->message, sizeof(out->message));
    return -1;
}

/* The session file of this game (in its build cache) and a killed session's, moved aside
 * when this one starts: said, and with --resume started from. 0, or -1 (said). */
int session_keep_killed(const Options *opt, const char *cache, struct HostConfig *hc)
{
    static char session[PATH_MAX], killed[PATH_MAX];
    snprintf(session, sizeof(session), "%s/session.state", cache);
    snprintf(killed, sizeof(killed), "%s/session-killed.state", cache);
    if (session_keep_previous(session, killed)) {
        char key[32];
        input_set_host_keys((HostMod)opt->host_mod, false);
        input_host_key_label(HOST_KEY_RESUME, key, sizeof(key));
        fprintf(stderr, "hotrun: the last session of this game did not exit (killed, out of "
                        "memory or crashed); its last good state is kept: --resume goes on "
                        "from it, or press %s\n", key);
    }
    bool have_killed = access(killed, R_OK) == 0;
    if (opt->resume) {
        if (!have_killed) {
            fprintf(stderr, "hotrun: --resume: no session to resume (the last one exited "
                            "cleanly)\n");
            return -1;
        }
        if (opt->state_in) {
            fprintf(stderr, "hotrun: --resume and --state-in both say where to start: give one\n");
            return -1;
        }
        hc->state_in = killed;
        fprintf(stderr, "hotrun: resuming the last session from %s\n", killed);
    }
    hc->session_file = session;
    hc->resume_file = have_killed ? killed : NULL;
    return 0;
}
