/* prober.c: the probe server's client on hotrun's loop (see prober.h).
 *
 * One server process at a time, a Conn: a socket (stdin of the server) read by libuv. Its
 * process is started with posix_spawn on a libuv pool thread (a spawn waits for the exec,
 * which can take milliseconds while compilers fill the cores), in its own process group so
 * one kill ends it and the child it may be waiting for. Its death shows as the end of the
 * socket: it is reaped then, and started again at once (or at the next probe, when it died
 * within a second of its start). */
#include "dev/prober.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dev/keeper.h"
#include "util/threads.h"

extern char **environ;

/* How long a server must have lived for its death to start the next one at once. */
#define EAGER_RESTART_NS 1000000000ull

typedef struct Conn {
    uv_pipe_t pipe;
    Prober *p; /* NULL once the prober let go of it */
    int pid;
    uint64_t started_ns;
    char buf[2048];
    size_t len;
} Conn;

typedef struct WriteReq {
    uv_write_t req;
    char data[];
} WriteReq;

struct Prober {
    uv_loop_t *loop;
    char *exe;
    int nice;
    Conn *conn; /* the running server */
    uv_timer_t timer; /* the backstop of the probe in flight */
    int handles;      /* the timer and a start on the pool: freed when both are done */
    bool destroyed;

    /* A server being started: the pool thread's until start_done. */
    bool starting;
    uv_work_t start;
    int start_fds[2]; /* ours, the server's */
    int start_pid, start_errno;

    /* The probe in flight. */
    bool busy, sent;
    int tries; /* servers that died under it */
    char *lib;
    double budget_s;
    ProbeDone done;
    void *ud;
    uint64_t start_ns;
};

static void start_server(Prober *p);
static void send_request(Prober *p);

static void maybe_free(Prober *p)
{
    if (p->destroyed && p->handles == 0) {
        free(p->exe);
        free(p->lib);
        free(p);
    }
}

static void on_timer_closed(uv_handle_t *h)
{
    Prober *p = h->data;
    p->handles--;
    maybe_free(p);
}

/* ---- the answer ------------------------------------------------------------------------ */

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
    p->done(&a, p->ud);
}

/* ---- the server ------------------------------------------------------------------------ */

static void on_conn_closed(uv_handle_t *h)
{
    free(h->data);
}

/* Ends the server (if it still runs), reaps it and closes its socket. The wait status, or
 * -1 when it was not known. */
static int drop_conn(Prober *p, Conn *c, bool kill_it)
{
    if (p && p->conn == c)
        p->conn = NULL;
    c->p = NULL;
    int st = -1;
    if (c->pid > 0) {
        if (kill_it)
            kill(-c->pid, SIGKILL);
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
    uv_read_stop((uv_stream_t *)&c->pipe);
    uv_close((uv_handle_t *)&c->pipe, on_conn_closed);
    return st;
}

/* The server is gone (its socket ended). A probe it held is asked of a new one once. */
static void server_died(Prober *p, Conn *c)
{
    bool eager = uv_hrtime() - c->started_ns > EAGER_RESTART_NS;
    int st = drop_conn(p, c, false);
    if (p->destroyed)
        return;
    if (p->busy && p->sent) {
        p->sent = false;
        if (++p->tries < 2) {
            start_server(p);
            return;
        }
        char how[64] = "";
        if (st != -1 && WIFSIGNALED(st)) {
            const char *sig = sigabbrev_np(WTERMSIG(st));
            snprintf(how, sizeof(how), " (killed by SIG%s)", sig ? sig : "?");
        }
        char msg[256];
        snprintf(msg, sizeof(msg), "the probe died while loading the library%s", how);
        deliver(p, false, true, msg);
        return;
    }
    if (eager || p->busy)
        start_server(p);
}

static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
    (void)suggested;
    Conn *c = h->data;
    *buf = uv_buf_init(c->buf + c->len, (unsigned)(sizeof(c->buf) - 1 - c->len));
}

static void on_read(uv_stream_t *s, ssize_t nread, const uv_buf_t *buf)
{
    (void)buf;
    Conn *c = s->data;
    Prober *p = c->p;
    if (nread < 0 || (nread == 0 && c->len == sizeof(c->buf) - 1)) {
        if (p)
            server_died(p, c);
        else
            drop_conn(NULL, c, true);
        return;
    }
    c->len += (size_t)nread;
    c->buf[c->len] = '\0';
    char *nl;
    while ((nl = memchr(c->buf, '\n', c->len)) != NULL) {
        *nl = '\0';
        char *end;
        long code = strtol(c->buf, &end, 10);
        if (*end == ' ')
            end++;
        char msg[512];
        snprintf(msg, sizeof(msg), "%s", end);
        size_t used = (size_t)(nl + 1 - c->buf);
        memmove(c->buf, nl + 1, c->len - used);
        c->len -= used;
        if (p && p->busy && p->sent) {
            /* 2: refused, 3: crashed (probe/check.h); anything else would be a bug. */
            deliver(p, code == 0, code != 0 && code != 2,
                    msg[0] ? msg : "the probe refused the library without a reason");
            if (c->p != p || p->destroyed)
                return; /* done() cancelled or destroyed: c may be closing */
        }
    }
}

static void after_write(uv_write_t *req, int status)
{
    (void)status; /* a failed write: the read side sees the server's end */
    free(req);
}

static void send_request(Prober *p)
{
    if (!p->conn || p->sent)
        return;
    char head[64];
    int n = snprintf(head, sizeof(head), "%g ", p->budget_s);
    size_t len = (size_t)n + strlen(p->lib) + 1;
    WriteReq *w = xmalloc(sizeof(*w) + len + 1);
    snprintf(w->data, len + 1, "%s%s\n", head, p->lib);
    uv_buf_t b = uv_buf_init(w->data, (unsigned)len);
    p->sent = true;
    if (uv_write(&w->req, (uv_stream_t *)&p->conn->pipe, &b, 1, after_write) != 0) {
        free(w);
        server_died(p, p->conn);
    }
}

/* Pool thread: only the start_* fields. */
static void start_work(uv_work_t *w)
{
    Prober *p = w->data;
    char nice[16];
    snprintf(nice, sizeof(nice), "%d", p->nice);
    char *argv[] = {p->exe, "--serve", nice, NULL};
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
    c->started_ns = uv_hrtime();
    c->pipe.data = c;
    uv_pipe_init(p->loop, &c->pipe, 0);
    /* An idle server does not keep the loop alive (a build run to its end on a private
     * loop, build_now, returns); a probe in flight does, through its backstop timer. */
    uv_unref((uv_handle_t *)&c->pipe);
    int rc = uv_pipe_open(&c->pipe, p->start_fds[0]);
    if (rc == 0)
        rc = uv_read_start((uv_stream_t *)&c->pipe, on_alloc, on_read);
    p->conn = c;
    if (rc != 0) {
        drop_conn(p, c, true);
        char msg[256];
        snprintf(msg, sizeof(msg), "cannot talk to the probe: %s", uv_strerror(rc));
        deliver(p, false, false, msg);
        return;
    }
    if (p->busy)
        send_request(p);
}

static void start_server(Prober *p)
{
    if (p->conn || p->starting || p->destroyed)
        return;
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, p->start_fds) < 0) {
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
    if (p->conn)
        drop_conn(p, p->conn, true);
    char msg[256];
    snprintf(msg, sizeof(msg), "the library's constructor hung for more than %g s", p->budget_s);
    deliver(p, false, true, msg);
    start_server(p);
}

Prober *prober_create(uv_loop_t *loop, const char *exe, int nice, Err *err)
{
    Prober *p = xcalloc(1, sizeof(*p));
    int rc = uv_timer_init(loop, &p->timer);
    if (rc != 0) {
        free(p);
        err_set(err, ERR_IO, "cannot start the probe's timer: %s", uv_strerror(rc));
        return NULL;
    }
    p->timer.data = p;
    p->handles = 1;
    p->loop = loop;
    p->exe = xstrdup(exe);
    p->nice = nice;
    start_server(p);
    return p;
}

int prober_probe(Prober *p, const char *lib, double budget_s, ProbeDone done, void *ud)
{
    if (p->busy)
        return ERR_BUSY;
    free(p->lib);
    p->lib = xstrdup(lib);
    p->lib[strcspn(p->lib, "\n")] = '\0'; /* one line: the path is the rest of it */
    p->budget_s = budget_s > 0 ? budget_s : 2.0;
    p->done = done;
    p->ud = ud;
    p->busy = true;
    p->sent = false;
    p->tries = 0;
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
    if (!p || !p->busy)
        return;
    p->busy = false;
    uv_timer_stop(&p->timer);
    if (p->sent && p->conn) { /* its answer would come to the next probe: a new server */
        drop_conn(p, p->conn, true);
        start_server(p);
    }
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
    p->destroyed = true;
    if (p->conn)
        drop_conn(p, p->conn, true);
    uv_close((uv_handle_t *)&p->timer, on_timer_closed);
}
