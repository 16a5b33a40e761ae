/* serve.c: hotrun-probe --serve (see serve.h). The server itself never loads a game
 * library: each request is loaded by a child forked from it ahead of the request, so
 * whatever a constructor does to its process (a crash, a hang, exit, a poisoned loader, a
 * killed parent) ends with that child or this server, never in hotrun. The child reads
 * the request from hotrun's socket and answers there itself: "P" as soon as the
 * constructors ran and the descriptor is checked (hotrun may open the library then), "D"
 * once dlclose ran the destructors (hotrun closes a generation only after a good one). A
 * child that ends without a word ended its process from a constructor or a destructor:
 * the server's "E" gives its wait status. */
#include "probe/serve.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "probe/check.h"

#define RECORD_MAX 8192

/* One record, newlines turned into spaces; false when hotrun's end is gone. */
static bool send_rec(int fd, const char *fmt, ...)
{
    char rec[1400];
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(rec, sizeof(rec), fmt, ap);
    va_end(ap);
    if (len < 0)
        return false;
    if ((size_t)len >= sizeof(rec))
        len = (int)sizeof(rec) - 1;
    for (int i = 0; i < len; i++)
        if (rec[i] == '\n' || rec[i] == '\r')
            rec[i] = ' ';
    ssize_t w;
    while ((w = send(fd, rec, (size_t)len, MSG_NOSIGNAL)) < 0 && errno == EINTR) {
    }
    return w == len;
}

/* Whether /proc/PID/stat (opened ahead: a pread costs one system call) shows a process
 * that ends: a zombie, exiting (PF_EXITING) or killed (PF_SIGNALED, both in field 9), or
 * with a fatal signal pending (field 31: the kernel turns every fatal signal into a
 * SIGKILL pending on each thread the moment kill() returns). */
static bool stat_dying(int stat_fd)
{
    char buf[1024];
    ssize_t n = pread(stat_fd, buf, sizeof(buf) - 1, 0);
    if (n <= 0)
        return true;
    buf[n] = '\0';
    char *p = strrchr(buf, ')');
    if (!p || p[1] != ' ')
        return false;
    p += 2; /* field 3, the state */
    if (*p == 'Z' || *p == 'X' || *p == 'x')
        return true;
    unsigned long long field[32] = {0};
    for (int f = 4; f <= 31 && p; f++) {
        p = strchr(p, ' ');
        if (p)
            field[f] = strtoull(++p, NULL, 10);
    }
    return (field[9] & (0x4 | 0x400)) != 0 || (field[31] & (1ull << (SIGKILL - 1))) != 0;
}

/* True when the server is gone or going: a constructor (or destructor) that killed it.
 * The server's way from a pending SIGKILL to its end passes each sign above in turn; a
 * second look covers the moment the first one read between them. */
static bool server_dying(pid_t server, int stat_fd)
{
    if (getppid() != server)
        return true;
    if (stat_fd < 0)
        return false;
    return stat_dying(stat_fd) || stat_dying(stat_fd) || getppid() != server;
}

/* Done by the armed child while it waits, not in the request's load: the first writes to
 * the stack, the heap and the loader's and libc's data after the fork copy their pages
 * (each written page here once; a failed dlopen takes the loader's lock and error path),
 * and the first read of the server's stat file is the slow one. */
__attribute__((noinline)) static void warm_up(int stat_fd)
{
    volatile char stack[96 * 1024];
    memset((char *)stack, 0, sizeof(stack));
    void *heap[32];
    for (int i = 0; i < 32; i++) {
        heap[i] = malloc(2048);
        if (heap[i])
            memset(heap[i], 0, 2048);
    }
    for (int i = 0; i < 32; i++)
        free(heap[i]);
    if (!dlopen("/nonexistent/hotrun-probe-warm-up.so", RTLD_NOW | RTLD_LOCAL))
        (void)dlerror();
    if (stat_fd >= 0)
        (void)stat_dying(stat_fd);
    /* Every page the fork shares with the server and the loader may write (its data,
     * libc's, the heap): copied now, by a write of what it holds. */
    FILE *maps = fopen("/proc/self/maps", "r");
    if (!maps)
        return;
    char line[512];
    while (fgets(line, sizeof(line), maps)) {
        unsigned long lo, hi;
        char perms[8];
        if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) != 3 || perms[0] != 'r' ||
            perms[1] != 'w' || perms[3] != 'p' || strstr(line, "[stack]") || strstr(line, "[v"))
            continue;
        for (unsigned long a = lo; a < hi; a += 4096) {
            volatile unsigned char *b = (volatile unsigned char *)a;
            *b = *b;
        }
    }
    fclose(maps);
}

/* In the child: arm, wait for the request, load, report, close, report, end without
 * running anything more of the library. */
static void child(int sock, pid_t server, double budget_s)
{
    setpgid(0, 0); /* hotrun's cancel kills the server; this child dies with it: */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != server)
        _exit(0);
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
        dup2(null, 0);
        dup2(null, 1);
        dup2(null, 2);
        if (null > 2)
            close(null);
    }
    signal(SIGPIPE, SIG_DFL);
    char stat_path[64];
    snprintf(stat_path, sizeof(stat_path), "/proc/%d/stat", (int)server);
    int stat_fd = open(stat_path, O_RDONLY | O_CLOEXEC);
    probe_arm(budget_s);
    warm_up(stat_fd);
    char req[RECORD_MAX];
    ssize_t got;
    while ((got = recv(sock, req, sizeof(req) - 1, 0)) < 0 && errno == EINTR) {
    }
    if (got <= 0)
        _exit(0); /* hotrun closed its end */
    req[got] = '\0';
    char *end;
    unsigned long ticket = strtoul(req, &end, 10);
    double budget = end != req && *end == ' ' ? strtod(end + 1, &end) : 0;
    if (!(budget > 0) || *end != ' ' || !end[1]) {
        send_rec(sock, "P %lu %d the probe got a request it does not understand", ticket,
                 PROBE_REFUSED);
        _exit(0);
    }
    const char *path = end + 1;
    if (budget != budget_s)
        probe_arm(budget);
    void *handle;
    char msg[1024] = "";
    int code = probe_load(path, &handle, msg, sizeof(msg));
    if (code != PROBE_CRASHED && server_dying(server, stat_fd))
        _exit(0); /* hotrun sees the server's death under this load */
    if (!send_rec(sock, "P %lu %d %s", ticket, code, msg) || code != PROBE_OK)
        _exit(0);
    code = probe_unload(handle, msg, sizeof(msg));
    if (code == PROBE_OK && server_dying(server, stat_fd))
        _exit(0);
    send_rec(sock, "D %lu %d %s", ticket, code, code == PROBE_OK ? "" : msg);
    _exit(0);
}

static void reap(pid_t pid, int *st)
{
    while (waitpid(pid, st, 0) < 0 && errno == EINTR) {
    }
}

int probe_serve(int fd, double budget_s)
{
    signal(SIGPIPE, SIG_IGN); /* hotrun gone: the send fails and the server ends */
    probe_prepare();
    if (fd < 3) { /* the children's 0, 1 and 2 are /dev/null */
        int moved = fcntl(fd, F_DUPFD_CLOEXEC, 3);
        if (moved < 0)
            return 2;
        close(fd);
        fd = moved;
    }
    if (!(budget_s > 0))
        budget_s = 2.0;
    pid_t self = getpid();
    for (;;) {
        pid_t pid = fork();
        if (pid == 0)
            child(fd, self, budget_s);
        if (pid < 0) {
            if (!send_rec(fd, "X the probe cannot fork: %s", strerror(errno)))
                return 0;
            struct pollfd p = {fd, 0, 0};
            if (poll(&p, 1, 100) > 0 && (p.revents & (POLLHUP | POLLERR)))
                return 0;
            continue;
        }
        setpgid(pid, pid); /* as the child does: whichever runs first */
        int st = 0;
        if (!send_rec(fd, "R %d", (int)pid)) {
            kill(-pid, SIGKILL);
            reap(pid, &st);
            return 0;
        }
        reap(pid, &st);
        if (!send_rec(fd, "E %d %d", (int)pid, st))
            return 0; /* hotrun closed its end (the idle child read that and ended) */
    }
}
