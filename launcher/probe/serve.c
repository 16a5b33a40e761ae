/* serve.c: hotrun-probe --serve (see serve.h). The server itself never loads a game
 * library: each request is loaded by a child forked from it, so whatever a constructor does
 * to its process (a crash, a hang, exit, a poisoned loader, a killed parent) ends with that
 * child or this server, never in hotrun. A child reports on a pipe of its own only once the
 * load, the checks and the close are done: a child that ends without a report ended the
 * process from a constructor (or a destructor), and its wait status says how. */
#include "probe/serve.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "probe/check.h"

#define LINE_MAX_LEN 8192

/* Writes all of buf; false when the other end is gone. */
static bool write_all(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, buf, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        buf += w;
        len -= (size_t)w;
    }
    return true;
}

/* "CODE SENTENCE\n", the sentence on one line. */
static bool answer(int fd, int code, const char *msg)
{
    char line[1200];
    int len = snprintf(line, sizeof(line), "%d %s", code, msg);
    if (len < 0 || (size_t)len >= sizeof(line) - 1)
        len = (int)sizeof(line) - 2;
    for (int i = 0; i < len; i++)
        if (line[i] == '\n' || line[i] == '\r')
            line[i] = ' ';
    line[len++] = '\n';
    return write_all(fd, line, (size_t)len);
}

/* A child forked ahead of its request, armed and waiting: a probe then costs a write, the
 * load and the report, not a fork and the guard's set-up. */
typedef struct Ready {
    pid_t pid;      /* 0: none */
    int req, rep;   /* the request's pipe (write end), the report's (read end) */
    double budget;  /* what it was armed with */
} Ready;

/* Reads one line from fd (blocking) into buf; false at the end of the input. */
static bool read_line(int fd, char *buf, size_t n)
{
    size_t len = 0;
    while (len < n - 1) {
        ssize_t got = read(fd, buf + len, n - 1 - len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        len += (size_t)got;
        if (memchr(buf, '\n', len))
            break;
    }
    buf[len] = '\0';
    char *nl = memchr(buf, '\n', len);
    if (!nl)
        return false;
    *nl = '\0';
    return true;
}

/* In the child: arm, wait for the request, load, report, end without running anything
 * more of the library. */
static void child(int req, int report, double budget_s)
{
    setpgid(0, 0); /* the server kills the child's whole group when it hangs */
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
        dup2(null, 0);
        dup2(null, 1);
        dup2(null, 2);
        if (null > 2)
            close(null);
    }
    signal(SIGPIPE, SIG_DFL);
    probe_arm(budget_s);
    char line[LINE_MAX_LEN];
    if (!read_line(req, line, sizeof(line)))
        _exit(0); /* the server retired this child, or ended */
    char *path = NULL;
    double budget = strtod(line, &path);
    if (path == line || *path != ' ')
        _exit(0);
    path++;
    if (budget != budget_s)
        probe_arm(budget);
    char msg[1024] = "";
    int code = probe_check(path, msg, sizeof(msg));
    int len = snprintf(line, sizeof(line), "%d %s\n", code, msg);
    if (len > 0)
        write_all(report, line, (size_t)len < sizeof(line) ? (size_t)len : sizeof(line) - 1);
    _exit(0);
}

/* Forks the next child, armed with budget_s; r->pid stays 0 when that fails. */
static void fork_ready(Ready *r, int server_fd, double budget_s)
{
    int req[2], rep[2];
    r->pid = 0;
    if (pipe2(req, O_CLOEXEC) < 0)
        return;
    if (pipe2(rep, O_CLOEXEC) < 0) {
        close(req[0]);
        close(req[1]);
        return;
    }
    pid_t pid = fork();
    if (pid == 0) {
        close(server_fd);
        close(req[1]);
        close(rep[0]);
        child(req[0], rep[1], budget_s);
    }
    close(req[0]);
    close(rep[1]);
    if (pid < 0) {
        close(req[1]);
        close(rep[0]);
        return;
    }
    setpgid(pid, pid); /* as the child does: whichever runs first */
    r->pid = pid;
    r->req = req[1];
    r->rep = rep[0];
    r->budget = budget_s;
}

static void drop_ready(Ready *r)
{
    if (!r->pid)
        return;
    close(r->req);
    close(r->rep);
    r->pid = 0;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Reads the child's report (until its newline or the child's end) for at most limit_s.
 * 1: a report in buf; 0: none (the pipe closed first); -1: the time ran out. */
static int read_report(int fd, double limit_s, char *buf, size_t n)
{
    size_t len = 0;
    double deadline = now_s() + limit_s;
    for (;;) {
        double left = deadline - now_s();
        if (left <= 0)
            return -1;
        struct pollfd p = {fd, POLLIN, 0};
        int r = poll(&p, 1, (int)(left * 1000) + 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r == 0)
            continue; /* the deadline check above ends it */
        ssize_t got = read(fd, buf + len, n - 1 - len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return 0;
        len += (size_t)got;
        buf[len] = '\0';
        if (memchr(buf, '\n', len) || len == n - 1)
            return 1;
    }
}

static void reap(pid_t pid, int *st)
{
    while (waitpid(pid, st, 0) < 0 && errno == EINTR) {
    }
}

/* One request, line "BUDGET PATH": hand it to the ready child (a fresh one when it is not
 * there any more), wait for its report or the time, answer. */
static bool serve_one(int fd, Ready *r, const char *line, double budget_s)
{
    if (r->pid && waitpid(r->pid, NULL, WNOHANG) != 0)
        drop_ready(r); /* it ended while it waited (killed by someone): not this library's */
    if (!r->pid)
        fork_ready(r, fd, budget_s);
    if (!r->pid) {
        char msg[256];
        snprintf(msg, sizeof(msg), "the probe cannot fork: %s", strerror(errno));
        return answer(fd, PROBE_REFUSED, msg);
    }
    pid_t pid = r->pid;
    char req[LINE_MAX_LEN + 2];
    int len = snprintf(req, sizeof(req), "%s\n", line);
    bool sent = write_all(r->req, req, (size_t)len);
    char report[1200];
    /* The child's own watchdog names a hanging constructor after budget_s; this is the
     * backstop for a child that cannot even report. */
    int got = sent ? read_report(r->rep, budget_s + 1.0, report, sizeof(report)) : 0;
    drop_ready(r);
    if (got > 0) {
        /* A report: the load, the checks and the close are done, and the child only ends
         * (_exit, nothing of the library runs). Its end (the unmapping: 0.1-0.3 ms for a
         * big library) is waited for after the answer. */
        char *end;
        long code = strtol(report, &end, 10);
        if (end != report && (code == PROBE_OK || code == PROBE_REFUSED || code == PROBE_CRASHED)) {
            if (*end == ' ')
                end++;
            end[strcspn(end, "\n")] = '\0';
            bool ok = answer(fd, (int)code, end);
            reap(pid, NULL);
            return ok;
        }
    }
    if (got < 0)
        kill(-pid, SIGKILL);
    int st = 0;
    reap(pid, &st);
    char msg[1100];
    if (got < 0) {
        snprintf(msg, sizeof(msg), "the library's constructor hung for more than %g s",
                 budget_s);
        return answer(fd, PROBE_CRASHED, msg);
    }
    if (WIFSIGNALED(st)) {
        const char *sig = sigabbrev_np(WTERMSIG(st));
        snprintf(msg, sizeof(msg), "the library's constructor crashed: SIG%s", sig ? sig : "?");
    } else {
        snprintf(msg, sizeof(msg),
                 "the library's constructor ended the process (exit status %d) while loading",
                 WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    }
    return answer(fd, PROBE_CRASHED, msg);
}

int probe_serve(int fd)
{
    signal(SIGPIPE, SIG_IGN); /* hotrun gone: the write fails and the server ends */
    probe_prepare();
    Ready ready = {0};
    double budget = 2.0;
    fork_ready(&ready, fd, budget);
    char buf[LINE_MAX_LEN];
    size_t len = 0;
    for (;;) {
        char *nl = memchr(buf, '\n', len);
        if (!nl) {
            if (len == sizeof(buf))
                return 2; /* not a request: give up rather than guess */
            ssize_t got = read(fd, buf + len, sizeof(buf) - len);
            if (got < 0 && errno == EINTR)
                continue;
            if (got <= 0) {
                drop_ready(&ready); /* the child reads the end of its request and ends */
                return 0;           /* hotrun closed its end, or ended */
            }
            len += (size_t)got;
            continue;
        }
        *nl = '\0';
        char *path = NULL;
        double asked = strtod(buf, &path);
        bool ok;
        if (path == buf || *path != ' ' || !path[1] || !(asked > 0)) {
            ok = answer(fd, PROBE_REFUSED, "the probe got a request it does not understand");
        } else {
            budget = asked;
            ok = serve_one(fd, &ready, buf, budget);
        }
        if (!ok)
            return 0;
        /* The next child, armed while hotrun uses this answer. */
        if (!ready.pid)
            fork_ready(&ready, fd, budget);
        size_t used = (size_t)(nl + 1 - buf);
        memmove(buf, nl + 1, len - used);
        len -= used;
    }
}
