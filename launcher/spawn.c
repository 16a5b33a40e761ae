/* spawn.c: posix_spawn children watched on a libuv loop through a pidfd and a pipe.
 *
 * Not uv_spawn: libuv 1.44 forks, and fork costs time in proportion to the parent's memory
 * (15 ms at 500 MB resident); glibc's posix_spawn uses clone(CLONE_VM|CLONE_VFORK), whose
 * cost does not grow with it. */
#include "spawner.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

struct Spawn {
    uv_poll_t exit_poll; /* the pidfd: readable once the child exited */
    uv_poll_t out_poll;  /* the read end of the output pipe */
    uv_timer_t timer;    /* the timeout */
    int pid, pidfd, outfd;
    int open_handles; /* freed when the last close callback ran */
    bool reaped, out_eof, finished, cancelled;
    SpawnDone done;
    void *ud;
    SpawnResult result;
    char *buf;
    size_t len, cap;
};

static void on_close(uv_handle_t *h)
{
    Spawn *s = h->data;
    if (--s->open_handles > 0)
        return;
    if (s->pidfd >= 0)
        close(s->pidfd);
    if (s->outfd >= 0)
        close(s->outfd);
    free(s->buf);
    free(s);
}

static void close_handle(uv_handle_t *h)
{
    if (!uv_is_closing(h))
        uv_close(h, on_close);
}

static void close_all(Spawn *s)
{
    close_handle((uv_handle_t *)&s->exit_poll);
    close_handle((uv_handle_t *)&s->out_poll);
    close_handle((uv_handle_t *)&s->timer);
}

static void keep(Spawn *s, const char *data, size_t n)
{
    if (s->len + n > SPAWN_MAX_OUTPUT) {
        s->result.output_truncated = true;
        n = SPAWN_MAX_OUTPUT - s->len;
    }
    if (n == 0)
        return;
    if (s->len + n + 1 > s->cap) {
        size_t cap = s->cap ? s->cap : 4096;
        while (cap < s->len + n + 1)
            cap *= 2;
        char *p = realloc(s->buf, cap);
        if (!p) {
            s->result.output_truncated = true;
            return;
        }
        s->buf = p;
        s->cap = cap;
    }
    memcpy(s->buf + s->len, data, n);
    s->len += n;
}

/* Reads what the pipe holds now; never blocks (the fd is non-blocking). */
static void drain(Spawn *s)
{
    char chunk[16384];
    while (!s->out_eof) {
        ssize_t n = read(s->outfd, chunk, sizeof(chunk));
        if (n > 0) {
            keep(s, chunk, (size_t)n);
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else {
            if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK))
                s->out_eof = true;
            break;
        }
    }
    if (s->out_eof && !uv_is_closing((uv_handle_t *)&s->out_poll))
        uv_poll_stop(&s->out_poll);
}

static void finish(Spawn *s)
{
    s->finished = true;
    if (!s->cancelled && s->done) {
        s->result.output = s->buf ? s->buf : "";
        if (s->buf)
            s->buf[s->len] = '\0';
        s->result.output_len = s->len;
        s->done(&s->result, s->ud);
    }
    close_all(s);
}

static void on_exit_readable(uv_poll_t *h, int status, int events)
{
    (void)status;
    (void)events;
    Spawn *s = h->data;
    int st = 0;
    pid_t r;
    do
        r = waitpid(s->pid, &st, WNOHANG);
    while (r < 0 && errno == EINTR);
    if (r == 0)
        return; /* not yet; the pidfd stays readable until reaped */
    s->reaped = true;
    s->result.end_ns = uv_hrtime();
    uv_poll_stop(h);
    uv_timer_stop(&s->timer);
    if (r < 0) {
        s->result.exit_status = -1; /* someone else reaped it: the status is lost */
    } else if (WIFEXITED(st)) {
        s->result.exit_status = WEXITSTATUS(st);
    } else if (WIFSIGNALED(st)) {
        s->result.exit_status = -1;
        s->result.term_signal = WTERMSIG(st);
    }
    if (s->cancelled) {
        close_all(s);
        return;
    }
    /* Everything the child wrote is in the pipe by now; a grandchild that still holds the
     * write end does not keep us waiting. */
    drain(s);
    finish(s);
}

static void on_output(uv_poll_t *h, int status, int events)
{
    (void)events;
    Spawn *s = h->data;
    if (status < 0) {
        s->out_eof = true;
        uv_poll_stop(h);
        return;
    }
    drain(s);
}

static void on_timeout(uv_timer_t *t)
{
    Spawn *s = t->data;
    if (s->reaped)
        return;
    s->result.timed_out = true;
    spawn_kill(s, SIGKILL);
}

static void set_err(char *err, size_t errlen, const char *what, const char *arg, int code)
{
    if (err && errlen)
        snprintf(err, errlen, "%s %s: %s.", what, arg, strerror(code));
}

Spawn *spawn_start(uv_loop_t *loop, const SpawnOptions *opt, SpawnDone done, void *ud,
                   char *err, size_t errlen)
{
    if (!opt || !opt->argv || !opt->argv[0]) {
        set_err(err, errlen, "cannot start", "(nothing)", EINVAL);
        return NULL;
    }
    Spawn *s = calloc(1, sizeof(*s));
    if (!s) {
        set_err(err, errlen, "cannot start", opt->argv[0], ENOMEM);
        return NULL;
    }
    s->pidfd = s->outfd = -1;
    s->done = done;
    s->ud = ud;

    int fds[2];
    if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) {
        set_err(err, errlen, "cannot make a pipe for", opt->argv[0], errno);
        free(s);
        return NULL;
    }
    /* Only our end is non-blocking: the child's stdout and stderr stay ordinary. */
    fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) & ~O_NONBLOCK);

    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    posix_spawn_file_actions_init(&fa);
    posix_spawnattr_init(&attr);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 2);
    if (opt->cwd)
        posix_spawn_file_actions_addchdir_np(&fa, opt->cwd);
    /* The host may block or ignore signals (SIGPIPE, the guard's); the child starts clean.
     * Its own process group lets a kill reach what a shell command started too. */
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF |
                                        POSIX_SPAWN_SETPGROUP);

    s->result.start_ns = uv_hrtime();
    pid_t pid;
    int rc = posix_spawnp(&pid, opt->argv[0], &fa, &attr, (char *const *)opt->argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    close(fds[1]);
    if (rc != 0) {
        set_err(err, errlen, "cannot run", opt->argv[0], rc);
        close(fds[0]);
        free(s);
        return NULL;
    }
    s->pid = pid;
    s->outfd = fds[0];

    s->pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
    int e = s->pidfd < 0 ? errno : -uv_poll_init(loop, &s->exit_poll, s->pidfd);
    bool exit_poll_open = s->pidfd >= 0 && e == 0;
    if (!e)
        e = -uv_poll_init(loop, &s->out_poll, s->outfd);
    if (e) {
        /* Without a watched pidfd there is no way to learn of the exit here, so do not
         * leave the child behind (this happens on kernels older than 5.3). */
        kill(pid, SIGKILL);
        while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {
        }
        if (err && errlen)
            snprintf(err, errlen, "cannot watch %s (%s): hotrun needs Linux 5.3 or newer.",
                     opt->argv[0], strerror(e));
        if (exit_poll_open) {
            /* The handle's memory must outlive its close; on_close frees the rest. */
            s->exit_poll.data = s;
            s->open_handles = 1;
            uv_close((uv_handle_t *)&s->exit_poll, on_close);
            return NULL;
        }
        if (s->pidfd >= 0)
            close(s->pidfd);
        close(s->outfd);
        free(s);
        return NULL;
    }
    uv_timer_init(loop, &s->timer);
    s->exit_poll.data = s->out_poll.data = s->timer.data = s;
    s->open_handles = 3;
    uv_poll_start(&s->out_poll, UV_READABLE, on_output);
    uv_poll_start(&s->exit_poll, UV_READABLE, on_exit_readable);
    if (opt->timeout_s > 0) {
        double ms = opt->timeout_s * 1000.0;
        uv_timer_start(&s->timer, on_timeout, ms < 1 ? 1 : (uint64_t)ms, 0);
    }
    return s;
}

int spawn_kill(Spawn *s, int signum)
{
    if (!s || s->reaped)
        return -ESRCH;
    /* The pid cannot be reused while it is unreaped, so the group is still ours. */
    if (kill(-s->pid, signum) != 0 && kill(s->pid, signum) != 0)
        return -errno;
    return 0;
}

void spawn_cancel(Spawn *s)
{
    if (!s || s->finished || s->cancelled)
        return;
    s->cancelled = true;
    spawn_kill(s, SIGKILL);
    close_handle((uv_handle_t *)&s->out_poll);
    close_handle((uv_handle_t *)&s->timer);
    /* The exit poll stays until the child is reaped (a SIGKILL takes effect quickly). */
    if (s->reaped)
        close_handle((uv_handle_t *)&s->exit_poll);
}

int spawn_pid(const Spawn *s)
{
    return s ? s->pid : -1;
}

typedef struct RunState {
    SpawnResult *result;
    bool done;
} RunState;

static void run_done(const SpawnResult *r, void *ud)
{
    RunState *st = ud;
    *st->result = *r;
    st->result->output = strdup(r->output);
    st->done = true;
}

int spawn_run(const SpawnOptions *opt, SpawnResult *result, char *err, size_t errlen)
{
    uv_loop_t loop;
    if (uv_loop_init(&loop) != 0) {
        set_err(err, errlen, "cannot run", opt->argv[0], ENOMEM);
        return -1;
    }
    RunState st = {result, false};
    memset(result, 0, sizeof(*result));
    Spawn *s = spawn_start(&loop, opt, run_done, &st, err, errlen);
    uv_run(&loop, UV_RUN_DEFAULT);
    uv_loop_close(&loop);
    if (!s)
        return -1;
    if (!result->output) {
        set_err(err, errlen, "cannot run", opt->argv[0], ENOMEM);
        return -1;
    }
    return 0;
}
