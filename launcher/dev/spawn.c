/* spawn.c: posix_spawn children watched on a libuv loop through a pidfd and a pipe.
 *
 * Not uv_spawn: libuv 1.44 forks, and fork costs time in proportion to the parent's memory
 * (15 ms at 500 MB resident); glibc's posix_spawn uses clone(CLONE_VM|CLONE_VFORK), whose
 * cost does not grow with it. */
#include "dev/spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dev/keeper.h"
#include "util/threads.h"
#include "util/which.h"

extern char **environ;

struct Spawn {
    uv_async_t started;  /* the spawner thread's answer: the child runs, or could not */
    uv_poll_t exit_poll; /* the pidfd: readable once the child exited */
    uv_poll_t out_poll;  /* the read end of the output pipe */
    uv_timer_t timer;    /* the timeout */
    int pid, pidfd, outfd;
    int open_handles; /* freed when the last close callback ran */
    bool reaped, out_eof, finished, cancelled;
    bool exit_poll_open; /* the pidfd is known and exit_poll initialised */
    int pending_signal; /* spawn_kill before the child was started: sent once it is */
    SpawnDone done;
    void *ud;
    SpawnResult result;
    char *buf;
    size_t len, cap;
    /* The request, the spawner thread's until it answers through `started`. */
    Spawn *next_request;
    char **argv, *cwd;
    int child_out; /* the pipe's write end: the child's stdout and stderr */
    int nice;
    int spawned_pid, spawn_errno; /* the answer; s->pid is set from it on the loop's thread */
};

static void free_request(Spawn *s)
{
    for (char **a = s->argv; a && *a; a++)
        free(*a);
    free(s->argv);
    free(s->cwd);
    s->argv = NULL;
    s->cwd = NULL;
}

static void on_close(uv_handle_t *h)
{
    Spawn *s = h->data;
    if (--s->open_handles > 0)
        return;
    if (s->pidfd >= 0)
        close(s->pidfd);
    if (s->outfd >= 0)
        close(s->outfd);
    free_request(s);
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
    close_handle((uv_handle_t *)&s->started);
    if (s->exit_poll_open)
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
    s->result.end_ns = uv_hrtime();
    s->reaped = true;
    keeper_forget_later(s->pid); /* sent by the builder's next flush (keeper.h) */
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

/* ---- the spawner thread ----------------------------------------------------------------
 * posix_spawn returns only once the child has called exec (CLONE_VFORK), and while both
 * cores are busy compiling the child waits for one: measured here, up to 6 ms in which the
 * frame loop would stand still. So the frame thread only queues a request and this thread
 * waits for the exec; the answer comes back through the Spawn's own uv_async_t. Children
 * inherit the niceness of the thread that started them, so the thread also runs at the
 * niceness asked for (Linux's nice value is per thread), and the frame thread keeps its own. */

static struct {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    Spawn *head, *tail;
    bool running;
    int base_nice, nice; /* the process's niceness when the thread started; the thread's */
} spawner = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, NULL, false, 0, 0};

/* Raises the thread's niceness to base + increment; it never goes back down (an unprivileged
 * thread cannot lower its nice value), so every process of one hotrun uses one increment. */
static void spawner_nice(int increment)
{
    int want = spawner.base_nice + increment;
    if (want > 19)
        want = 19;
    if (want > spawner.nice && setpriority(PRIO_PROCESS, (id_t)gettid(), want) == 0)
        spawner.nice = want;
}

static void spawn_now(Spawn *s)
{
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    posix_spawn_file_actions_init(&fa);
    posix_spawnattr_init(&attr);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, s->child_out, 1);
    posix_spawn_file_actions_adddup2(&fa, s->child_out, 2);
    if (s->cwd)
        posix_spawn_file_actions_addchdir_np(&fa, s->cwd);
    spawnattr_clean(&attr);
    spawner_nice(s->nice);
    s->result.start_ns = uv_hrtime();
    pid_t pid = -1;
    int rc = posix_spawnp(&pid, s->argv[0], &fa, &attr, s->argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    close(s->child_out);
    s->child_out = -1;
    s->spawn_errno = rc;
    s->spawned_pid = rc == 0 ? pid : -1;
    if (rc == 0)
        (void)keeper_watch(pid); /* its group dies with hotrun, even a SIGKILLed one */
}

static void *spawner_main(void *arg)
{
    (void)arg;
    for (;;) {
        pthread_mutex_lock(&spawner.lock);
        while (!spawner.head)
            pthread_cond_wait(&spawner.wake, &spawner.lock);
        Spawn *s = spawner.head;
        spawner.head = s->next_request;
        if (!spawner.head)
            spawner.tail = NULL;
        pthread_mutex_unlock(&spawner.lock);
        spawn_now(s);
        uv_async_send(&s->started); /* the last touch: s may be freed from here on */
    }
    return NULL;
}

/* Queues s for the spawner thread, starting the thread on first use. 0 or an errno. */
static int spawner_queue(Spawn *s)
{
    int rc = 0;
    pthread_mutex_lock(&spawner.lock);
    if (!spawner.running) {
        errno = 0;
        int base = getpriority(PRIO_PROCESS, 0);
        spawner.base_nice = spawner.nice = errno ? 0 : base;
        /* Signals stay with the other threads. */
        rc = thread_start_quiet(spawner_main, NULL);
        if (rc == 0)
            spawner.running = true;
    }
    if (rc == 0) {
        s->next_request = NULL;
        if (spawner.tail)
            spawner.tail->next_request = s;
        else
            spawner.head = s;
        spawner.tail = s;
        pthread_cond_signal(&spawner.wake);
    }
    pthread_mutex_unlock(&spawner.lock);
    return rc;
}

/* ---- on the loop's thread ------------------------------------------------------------- */

/* True when argv0 names an executable: as a path when it has a slash (relative to the
 * child's working directory, as the child will see it), else on PATH, so a missing
 * compiler is an error of spawn_start itself. */
static bool executable(const char *argv0, const char *cwd)
{
    if (!strchr(argv0, '/')) {
        char found[4096];
        return which(argv0, found, sizeof(found)) == 0;
    }
    if (argv0[0] == '/' || !cwd)
        return access(argv0, X_OK) == 0;
    char buf[4096];
    return snprintf(buf, sizeof(buf), "%s/%s", cwd, argv0) < (int)sizeof(buf) &&
           access(buf, X_OK) == 0;
}

/* Ends a child that never ran (or cannot be watched) as a shell would report it: exit
 * status 127 and one line of output. */
static void fail_start(Spawn *s, const char *line)
{
    s->reaped = true;
    s->result.exit_status = 127;
    s->result.end_ns = uv_hrtime();
    keep(s, line, strlen(line));
    uv_timer_stop(&s->timer);
    finish(s);
}

static void on_started(uv_async_t *a)
{
    Spawn *s = a->data;
    close_handle((uv_handle_t *)a);
    if (s->spawn_errno) {
        /* Rare past spawn_start's own check (a bad executable). */
        char line[512];
        snprintf(line, sizeof(line), "hotrun: cannot run %s: %s.\n", s->argv[0],
                 strerror(s->spawn_errno));
        free_request(s);
        s->out_eof = true;
        fail_start(s, line);
        return;
    }
    free_request(s);
    s->pid = s->spawned_pid;
    s->pidfd = (int)syscall(SYS_pidfd_open, s->pid, 0);
    int e = s->pidfd < 0 ? errno : -uv_poll_init(a->loop, &s->exit_poll, s->pidfd);
    if (e) {
        /* Without a watched pidfd there is no way to learn of the exit here, so do not
         * leave the child behind (this happens on kernels older than 5.3). */
        kill(s->pid, SIGKILL);
        while (waitpid(s->pid, NULL, 0) < 0 && errno == EINTR) {
        }
        keeper_forget(s->pid);
        char line[256];
        snprintf(line, sizeof(line),
                 "hotrun: cannot watch a child process (%s): hotrun needs Linux 5.3 or newer.\n",
                 strerror(e));
        fail_start(s, line);
        return;
    }
    s->exit_poll_open = true;
    s->exit_poll.data = s;
    s->open_handles++;
    uv_poll_start(&s->exit_poll, UV_READABLE, on_exit_readable);
    if (s->cancelled)
        spawn_kill(s, SIGKILL);
    else if (s->pending_signal)
        spawn_kill(s, s->pending_signal);
}

Spawn *spawn_start(uv_loop_t *loop, const SpawnOptions *opt, SpawnDone done, void *ud,
                   char *err, size_t errlen)
{
    if (!opt || !opt->argv || !opt->argv[0]) {
        set_err(err, errlen, "cannot start", "(nothing)", EINVAL);
        return NULL;
    }
    if (!executable(opt->argv[0], opt->cwd)) {
        set_err(err, errlen, "cannot run", opt->argv[0], ENOENT);
        return NULL;
    }
    uint64_t asked = uv_hrtime();
    Spawn *s = calloc(1, sizeof(*s));
    size_t argc = 0;
    while (opt->argv[argc])
        argc++;
    if (s)
        s->argv = calloc(argc + 1, sizeof(char *));
    bool copied = s && s->argv && (!opt->cwd || (s->cwd = strdup(opt->cwd)) != NULL);
    for (size_t i = 0; copied && i < argc; i++)
        copied = (s->argv[i] = strdup(opt->argv[i])) != NULL;
    if (!copied) {
        set_err(err, errlen, "cannot start", opt->argv[0], ENOMEM);
        if (s)
            free_request(s);
        free(s);
        return NULL;
    }
    s->pid = s->pidfd = s->outfd = s->child_out = -1;
    s->result.asked_ns = asked;
    s->done = done;
    s->ud = ud;
    s->nice = opt->nice;

    int fds[2];
    if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) {
        set_err(err, errlen, "cannot make a pipe for", opt->argv[0], errno);
        free_request(s);
        free(s);
        return NULL;
    }
    /* Only our end is non-blocking: the child's stdout and stderr stay ordinary. */
    fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) & ~O_NONBLOCK);
    s->outfd = fds[0];
    s->child_out = fds[1];

    int rc = uv_async_init(loop, &s->started, on_started);
    if (rc == 0 && (rc = uv_poll_init(loop, &s->out_poll, s->outfd)) != 0) {
        s->started.data = s;
        s->open_handles = 1;
        close(s->child_out);
        s->child_out = -1;
        uv_close((uv_handle_t *)&s->started, on_close); /* frees s and the rest */
    }
    if (rc != 0) {
        set_err(err, errlen, "cannot watch", opt->argv[0], -rc);
        if (s->open_handles == 0) {
            close(s->child_out);
            close(s->outfd);
            free_request(s);
            free(s);
        }
        return NULL;
    }
    uv_timer_init(loop, &s->timer);
    s->started.data = s->exit_poll.data = s->out_poll.data = s->timer.data = s;
    s->open_handles = 3;
    rc = spawner_queue(s);
    if (rc != 0) {
        set_err(err, errlen, "cannot start a thread to run", opt->argv[0], rc);
        close(s->child_out);
        s->child_out = -1;
        s->cancelled = true; /* nothing to report: the caller has its sentence */
        close_all(s);
        return NULL;
    }
    uv_poll_start(&s->out_poll, UV_READABLE, on_output);
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
    if (s->pid <= 0) {
        /* The spawner thread has not started it yet: sent once it has. A pending SIGKILL
         * (a timeout, a cancel) stays. */
        if (signum != 0 && s->pending_signal != SIGKILL)
            s->pending_signal = signum;
        return 0;
    }
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
    /* The exit poll stays until the child is reaped (a SIGKILL takes effect quickly); a
     * child not started yet is killed when the spawner thread's answer arrives. */
    if (s->reaped && s->exit_poll_open)
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
    /* All output_len bytes: a child may write NUL bytes too. */
    char *copy = malloc(r->output_len + 1);
    if (copy)
        memcpy(copy, r->output, r->output_len + 1);
    st->result->output = copy;
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
    keeper_flush();
    if (!s)
        return -1;
    if (!result->output) {
        set_err(err, errlen, "cannot run", opt->argv[0], ENOMEM);
        return -1;
    }
    return 0;
}
