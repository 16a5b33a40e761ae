/* prober.c: the probe server's client on hotrun's loop (see prober.h and probe/serve.h).
 *
 * One server process at a time, a Conn: a SOCK_SEQPACKET socket (stdin of the server)
 * polled by libuv and read here, record by record. Its process is started with
 * posix_spawn on a libuv pool thread (a spawn waits for the exec, which can take
 * milliseconds while compilers fill the cores), in its own process group. Its death shows
 * as the end of the socket (its children die with it): it is reaped then, and started
 * again at once (or at the next probe, when it died within a second of its start). */
#include "dev/prober.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dev/keeper.h"
#include "util/strings.h"
#include "util/threads.h"

extern char **environ;

/* The codes of an answer (probe/check.h's, which this layer does not include). */
enum { PROBE_OK = 0, PROBE_REFUSED = 2 };

/* How long a server must have lived for its death to start the next one at once. */
#define EAGER_RESTART_NS 1000000000ull

typedef struct Conn {
    uv_poll_t poll;
    Prober *p; /* NULL once the prober let go of it */
    int fd;
    int pid;
    uint64_t started_ns;
} Conn;

/* A destructors' verdict not (yet) known to be clean; a ticket not listed ran them cleanly. */
typedef struct Verdict {
    unsigned long ticket;
    bool pending;
    char msg[512]; /* when !pending: why the library must stay open */
} Verdict;

struct Prober {
    uv_loop_t *loop;
    char *exe;
    int nice;
    double arm_s;
    Conn *conn;            /* the running server */
    uv_timer_t timer;      /* the backstop of the probe in flight */
    uv_timer_t dtor_timer; /* the backstop of the destructors' verdict */
    uv_timer_t later;      /* an answer found while prober_dtors waited */
    int handles;           /* the timers and a start on the pool: freed when all are done */
    bool destroyed;

    /* A server being started: the pool thread's until start_done. */
    bool starting;
    uv_work_t start;
    int start_fds[2]; /* ours, the server's */
    int start_pid, start_errno;

    /* The server's current child: armed ("R"), given a request, loaded ("P" ok). */
    int child_pid;
    unsigned long child_ticket; /* 0: no request yet */
    bool child_loaded;          /* its destructors' word ("D", or its end) is awaited */

    /* The probe in flight. */
    bool busy, sent, dtors_later;
    int tries; /* servers that died under it */
    char *lib;
    double budget_s;
    ProbeDone done;
    void *ud;
    uint64_t start_ns;
    unsigned long ticket, next_ticket;

    Verdict *v;
    size_t nv, cap;

    int in_wait; /* prober_dtors reads the socket: answers wait for the loop */
    bool have_later;
    ProbeAnswer later_answer;
};

static void start_server(Prober *p);
static void send_request(Prober *p);
static void on_dtor_backstop(uv_timer_t *t);

static void maybe_free(Prober *p)
{
    if (p->destroyed && p->handles == 0) {
        free(p->exe);
        free(p->lib);
        free(p->v);
        free(p);
    }
}

static void on_timer_closed(uv_handle_t *h)
{
    Prober *p = h->data;
    p->handles--;
    maybe_free(p);
}

/* ---- the destructors' verdicts ----------------------------------------------------------- */

static Verdict *find_verdict(Prober *p, unsigned long ticket)
{
    for (size_t i = 0; i < p->nv; i++)
        if (p->v[i].ticket == ticket)
            return &p->v[i];
    return NULL;
}

static void drop_verdict(Prober *p, Verdict *v)
{
    *v = p->v[--p->nv];
}

/* ok: the destructors ran cleanly (the entry goes); else msg says why it must stay open. */
static void set_verdict(Prober *p, unsigned long ticket, bool ok, const char *msg)
{
    Verdict *v = find_verdict(p, ticket);
    if (!v)
        return; /* not awaited (a probe answered after both) */
    uv_timer_stop(&p->dtor_timer);
    if (ok) {
        drop_verdict(p, v);
        return;
    }
    v->pending = false;
    snprintf(v->msg, sizeof(v->msg), "%s", msg && msg[0] ? msg
                                          : "the library's destructors failed in the probe");
    v->msg[strcspn(v->msg, "\n")] = '\0';
}

static void await_verdict(Prober *p, unsigned long ticket)
{
    if (p->nv == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 4;
        p->v = xrealloc(p->v, p->cap * sizeof(*p->v));
    }
    p->v[p->nv++] = (Verdict){.ticket = ticket, .pending = true};
    uv_timer_start(&p->dtor_timer, on_dtor_backstop, (uint64_t)((p->budget_s + 2.0) * 1000), 0);
}

/* ---- the answer ------------------------------------------------------------------------ */

static void on_later(uv_timer_t *t)
{
    Prober *p = t->data;
    if (!p->have_later)
        return;
    p->have_later = false;
    ProbeAnswer a = p->later_answer;
    p->done(&a, p->ud);
}

static void deliver(Prober *p, bool ok, bool crashed, const char *msg)
{
    if (!p->busy)
        return;
    uv_timer_stop(&p->timer);
    p->busy = false;
    ProbeAnswer a = {.ok = ok, .crashed = crashed, .start_ns = p->start_ns,
                     .end_ns = uv_hrtime()};
    snprintf(a.error, sizeof(a.error), "%s", ok ? "" : msg);
    a.error[strcspn(a.error, "\n")] = '\0';
    if (ok && p->dtors_later)
        a.ticket = p->ticket;
    if (p->in_wait) { /* inside prober_dtors, maybe inside the host's close: not from here */
        p->later_answer = a;
        p->have_later = true;
        uv_timer_start(&p->later, on_later, 0, 0);
        return;
    }
    p->done(&a, p->ud);
}

/* What a child's wait status says, for the part (constructor, destructor) it was in. */
static void status_sentence(int st, bool dtor, char *msg, size_t n)
{
    const char *part = dtor ? "destructor" : "constructor";
    if (WIFSIGNALED(st)) {
        const char *sig = sigabbrev_np(WTERMSIG(st));
        snprintf(msg, n, "the library's %s crashed: SIG%s", part, sig ? sig : "?");
    } else {
        snprintf(msg, n, "the library's %s ended the process (exit status %d) while %s", part,
                 WIFEXITED(st) ? WEXITSTATUS(st) : -1, dtor ? "closing" : "loading");
    }
}

/* ---- the server ------------------------------------------------------------------------ */

static void on_conn_closed(uv_handle_t *h)
{
    Conn *c = h->data;
    close(c->fd);
    free(c);
}

/* Ends the server (if it still runs), reaps it and closes its socket. The wait status, or
 * -1 when it was not known. */
static int drop_conn(Prober *p, Conn *c, bool kill_it)
{
    if (p && p->conn == c) {
        p->conn = NULL;
        p->child_pid = 0;
    }
    c->p = NULL;
    int st = -1;
    if (c->pid > 0) {
        if (kill_it)
            kill(-c->pid, SIGKILL); /* its children die with it (PR_SET_PDEATHSIG) */
        pid_t r;
        while ((r = waitpid(c->pid, &st, kill_it ? 0 : WNOHANG)) < 0 && errno == EINTR) {
        }
        if (r == 0) { /* closed its socket but not yet gone: it will be in a moment */
            kill(-c->pid, SIGKILL);
            while (waitpid(c->pid, &st, 0) < 0 && errno == EINTR) {
            }
        }
        keeper_forget(c->pid);
        c->pid = -1;
    }
    uv_poll_stop(&c->poll);
    uv_close((uv_handle_t *)&c->poll, on_conn_closed);
    return st;
}

/* A child whose destructors' word is awaited went with its server. */
static void lost_child(Prober *p, const char *why)
{
    if (p->child_loaded && p->child_ticket)
        set_verdict(p, p->child_ticket, false, why);
    p->child_pid = 0;
    p->child_ticket = 0;
    p->child_loaded = false;
}

/* The server is gone (its socket ended). A probe it held is asked of a new one once. */
static void server_died(Prober *p, Conn *c)
{
    bool eager = uv_hrtime() - c->started_ns > EAGER_RESTART_NS;
    int st = drop_conn(p, c, false);
    char how[64] = "";
    if (st != -1 && WIFSIGNALED(st)) {
        const char *sig = sigabbrev_np(WTERMSIG(st));
        snprintf(how, sizeof(how), " (killed by SIG%s)", sig ? sig : "?");
    }
    char msg[256];
    snprintf(msg, sizeof(msg), "the probe died while running the library's destructors%s", how);
    lost_child(p, msg);
    if (p->destroyed)
        return;
    if (p->busy && p->sent) {
        p->sent = false;
        if (++p->tries < 2) {
            start_server(p);
            return;
        }
        snprintf(msg, sizeof(msg), "the probe died while loading the library%s", how);
        deliver(p, false, true, msg);
        return;
    }
    if (eager || p->busy)
        start_server(p);
}

/* One record from the server or its child (probe/serve.h). false: c was let go. */
static bool on_record(Prober *p, Conn *c, char *rec)
{
    char kind = rec[0];
    char *end;
    if (kind == 'R') {
        lost_child(p, "the probe's child ended before the library's destructors ran");
        p->child_pid = (int)strtol(rec + 1, NULL, 10);
        if (p->busy && !p->sent)
            send_request(p);
        return p->conn == c;
    }
    if (kind == 'X') {
        if (p->busy && !p->sent)
            deliver(p, false, false, rec[1] ? rec + 2 : "the probe cannot fork");
        return p->conn == c;
    }
    if (kind == 'E') {
        long pid = strtol(rec + 1, &end, 10);
        int st = (int)strtol(end, NULL, 10);
        if (pid != p->child_pid)
            return true;
        char msg[256];
        status_sentence(st, p->child_loaded, msg, sizeof(msg));
        if (p->busy && p->sent && p->child_ticket == p->ticket) /* no answer came */
            deliver(p, false, true, msg);
        else if (p->child_loaded)
            set_verdict(p, p->child_ticket, false, msg);
        p->child_pid = 0;
        p->child_ticket = 0;
        p->child_loaded = false;
        return p->conn == c;
    }
    if (kind != 'P' && kind != 'D')
        return true;
    unsigned long ticket = strtoul(rec + 1, &end, 10);
    long code = strtol(end, &end, 10);
    if (*end == ' ')
        end++;
    bool ok = code == PROBE_OK;
    bool mine = p->busy && p->sent && ticket == p->ticket;
    if (ticket != p->child_ticket)
        return true; /* not the child's request: never */
    if (kind == 'P') {
        p->child_loaded = ok;
        if (!mine)
            return true;
        if (!ok) {
            /* 2: refused, 3: crashed (probe/check.h); anything else would be a bug. */
            deliver(p, false, code != PROBE_REFUSED,
                    end[0] ? end : "the probe refused the library without a reason");
        } else if (p->dtors_later) {
            await_verdict(p, ticket);
            deliver(p, true, false, NULL);
        }
        return p->conn == c && !p->destroyed;
    }
    p->child_loaded = false;
    if (mine && !p->dtors_later)
        deliver(p, ok, !ok, end);
    else
        set_verdict(p, ticket, ok, end);
    return p->conn == c && !p->destroyed;
}

/* Reads every record there is. */
static void drain(Prober *p, Conn *c)
{
    char rec[2048];
    for (;;) {
        ssize_t got = recv(c->fd, rec, sizeof(rec) - 1, MSG_DONTWAIT);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        if (got <= 0) {
            if (p)
                server_died(p, c);
            else
                drop_conn(NULL, c, true);
            return;
        }
        rec[got] = '\0';
        if (p && !on_record(p, c, rec))
            return;
    }
}

static void on_poll(uv_poll_t *h, int status, int events)
{
    (void)status; /* an error: the recv says what */
    (void)events;
    Conn *c = h->data;
    drain(c->p, c);
}

static void send_request(Prober *p)
{
    if (!p->conn || p->sent || !p->child_pid || p->child_ticket)
        return;
    char *rec = str_fmt("%lu %g %s", p->ticket, p->budget_s, p->lib);
    p->sent = true;
    p->child_ticket = p->ticket;
    ssize_t w;
    while ((w = send(p->conn->fd, rec, strlen(rec), MSG_NOSIGNAL | MSG_DONTWAIT)) < 0 &&
           errno == EINTR) {
    }
    free(rec);
    if (w < 0)
        server_died(p, p->conn);
}

/* Pool thread: only the start_* fields. */
static void start_work(uv_work_t *w)
{
    Prober *p = w->data;
    char nice[16], budget[32];
    snprintf(nice, sizeof(nice), "%d", p->nice);
    snprintf(budget, sizeof(budget), "%g", p->arm_s);
    char *argv[] = {p->exe, "--serve", nice, budget, NULL};
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    posix_spawn_file_actions_init(&fa);
    posix_spawnattr_init(&attr);
    posix_spawn_file_actions_adddup2(&fa, p->start_fds[1], 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    spawnattr_clean(&attr);
    pid_t pid = -1;
    p->start_errno = posix_spawn(&pid, p->exe, &fa, &attr, argv, environ);
    p->start_pid = p->start_errno == 0 ? pid : -1;
    if (p->start_pid > 0)
        (void)keeper_watch(p->start_pid); /* killed with hotrun, even by SIGKILL */
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
}

static void start_done(uv_work_t *w, int status)
{
    (void)status;
    Prober *p = w->data;
    p->starting = false;
    p->handles--;
    close(p->start_fds[1]);
    if (p->destroyed || p->start_pid < 0) {
        if (p->start_pid > 0) {
            kill(-p->start_pid, SIGKILL);
            while (waitpid(p->start_pid, NULL, 0) < 0 && errno == EINTR) {
            }
            keeper_forget(p->start_pid);
        }
        close(p->start_fds[0]);
        if (!p->destroyed && p->busy) {
            char msg[512];
            snprintf(msg, sizeof(msg), "cannot start the probe %s: %s", p->exe,
                     strerror(p->start_errno));
            deliver(p, false, false, msg);
        }
        maybe_free(p);
        return;
    }
    Conn *c = xcalloc(1, sizeof(*c));
    c->p = p;
    c->pid = p->start_pid;
    c->fd = p->start_fds[0];
    c->started_ns = uv_hrtime();
    c->poll.data = c;
    int rc = uv_poll_init(p->loop, &c->poll, c->fd);
    if (rc != 0) {
        kill(-c->pid, SIGKILL);
        while (waitpid(c->pid, NULL, 0) < 0 && errno == EINTR) {
        }
        keeper_forget(c->pid);
        close(c->fd);
        free(c);
    } else {
        /* An idle server does not keep the loop alive (a build run to its end on a private
         * loop, build_now, returns); a probe in flight does, through its backstop timer. */
        uv_unref((uv_handle_t *)&c->poll);
        p->conn = c;
        p->child_pid = 0;
        rc = uv_poll_start(&c->poll, UV_READABLE | UV_DISCONNECT, on_poll);
        if (rc != 0)
            drop_conn(p, c, true);
    }
    if (rc != 0) {
        char msg[256];
        snprintf(msg, sizeof(msg), "cannot talk to the probe: %s", uv_strerror(rc));
        deliver(p, false, false, msg);
    }
}

static void start_server(Prober *p)
{
    if (p->conn || p->starting || p->destroyed)
        return;
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, p->start_fds) < 0) {
        char msg[256];
        snprintf(msg, sizeof(msg), "cannot start the probe: %s", strerror(errno));
        deliver(p, false, false, msg);
        return;
    }
    p->starting = true;
    p->handles++;
    p->start.data = p;
    int rc = uv_queue_work(p->loop, &p->start, start_work, start_done);
    if (rc != 0) {
        p->starting = false;
        p->handles--;
        close(p->start_fds[0]);
        close(p->start_fds[1]);
        char msg[256];
        snprintf(msg, sizeof(msg), "cannot start the probe: %s", uv_strerror(rc));
        deliver(p, false, false, msg);
    }
}

/* ---- public ---------------------------------------------------------------------------- */

static void on_backstop(uv_timer_t *t)
{
    Prober *p = t->data;
    bool dtor = p->child_loaded && p->child_ticket == p->ticket;
    p->child_loaded = false; /* the answer below is this probe's whole word */
    if (p->conn)
        drop_conn(p, p->conn, true);
    char msg[256];
    snprintf(msg, sizeof(msg), "the library's %s hung for more than %g s",
             dtor ? "destructor" : "constructor", p->budget_s);
    deliver(p, false, true, msg);
    start_server(p);
}

/* The destructors of an answered probe never said how they went: they hang past the
 * child's own watchdog. The server goes, and with it that child. */
static void on_dtor_backstop(uv_timer_t *t)
{
    Prober *p = t->data;
    char msg[256];
    snprintf(msg, sizeof(msg), "the library's destructor hung for more than %g s in the probe",
             p->arm_s);
    lost_child(p, msg);
    if (p->conn) {
        drop_conn(p, p->conn, true);
        start_server(p);
    }
}

Prober *prober_create(uv_loop_t *loop, const char *exe, int nice, double budget_s, Err *err)
{
    Prober *p = xcalloc(1, sizeof(*p));
    uv_timer_t *timers[] = {&p->timer, &p->dtor_timer, &p->later};
    for (int i = 0; i < 3; i++) {
        int rc = uv_timer_init(loop, timers[i]);
        if (rc != 0) { /* uv_timer_init cannot fail on Linux; the others are not closed */
            free(p);
            err_set(err, ERR_IO, "cannot start the probe's timer: %s", uv_strerror(rc));
            return NULL;
        }
        timers[i]->data = p;
    }
    p->handles = 3;
    p->loop = loop;
    p->exe = xstrdup(exe);
    p->nice = nice;
    p->arm_s = budget_s > 0 ? budget_s : 2.0;
    start_server(p);
    return p;
}

int prober_probe(Prober *p, const char *lib, double budget_s, bool dtors_later,
                 ProbeDone done, void *ud)
{
    if (p->busy)
        return ERR_BUSY;
    free(p->lib);
    p->lib = xstrdup(lib);
    p->budget_s = budget_s > 0 ? budget_s : 2.0;
    p->dtors_later = dtors_later;
    p->done = done;
    p->ud = ud;
    p->busy = true;
    p->sent = false;
    p->tries = 0;
    p->ticket = ++p->next_ticket;
    p->start_ns = uv_hrtime();
    uv_timer_start(&p->timer, on_backstop, (uint64_t)((p->budget_s + 2.0) * 1000), 0);
    if (p->conn)
        send_request(p);
    else
        start_server(p);
    return 0;
}

void prober_cancel(Prober *p)
{
    if (p)
        p->have_later = false; /* an answer found by prober_dtors, not yet delivered */
    if (!p || !p->busy)
        return;
    p->busy = false;
    uv_timer_stop(&p->timer);
    if (p->sent && p->conn) { /* it loads a library nobody wants: a new server */
        drop_conn(p, p->conn, true);
        start_server(p);
    }
}

int prober_dtors(Prober *p, unsigned long ticket, double wait_s, char *msg, size_t n)
{
    Verdict *v = p && ticket ? find_verdict(p, ticket) : NULL;
    if (!v)
        return 0;
    uint64_t until = uv_hrtime() + (uint64_t)(wait_s * 1e9);
    p->in_wait++;
    while ((v = find_verdict(p, ticket)) && v->pending && p->conn) {
        uint64_t now = uv_hrtime();
        if (now >= until)
            break;
        struct pollfd pfd = {p->conn->fd, POLLIN, 0};
        struct timespec ts = {(time_t)((until - now) / 1000000000u),
                              (long)((until - now) % 1000000000u)};
        if (ppoll(&pfd, 1, &ts, NULL) > 0)
            drain(p, p->conn);
    }
    p->in_wait--;
    v = find_verdict(p, ticket);
    if (!v)
        return 0;
    if (v->pending)
        snprintf(v->msg, sizeof(v->msg),
                 "the library's destructors did not finish in the probe within %g s", wait_s);
    v->pending = false;
    snprintf(msg, n, "%s", v->msg);
    return -1;
}

void prober_forget(Prober *p, unsigned long ticket)
{
    Verdict *v = p && ticket ? find_verdict(p, ticket) : NULL;
    if (!v)
        return;
    if (v->pending) /* its word no longer matters; the child's own watchdog ends it */
        uv_timer_stop(&p->dtor_timer);
    drop_verdict(p, v);
}

int prober_server_pid(const Prober *p)
{
    return p && p->conn ? p->conn->pid : -1;
}

void prober_destroy(Prober *p)
{
    if (!p || p->destroyed)
        return;
    p->busy = false;
    p->have_later = false;
    p->destroyed = true;
    if (p->conn)
        drop_conn(p, p->conn, true);
    uv_close((uv_handle_t *)&p->timer, on_timer_closed);
    uv_close((uv_handle_t *)&p->dtor_timer, on_timer_closed);
    uv_close((uv_handle_t *)&p->later, on_timer_closed);
}
