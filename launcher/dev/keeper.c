/* keeper.c: a process of hotrun's that kills hotrun's children once hotrun is gone.
 *
 * Why not PR_SET_PDEATHSIG in each child: posix_spawn cannot set it, it fires when the
 * *thread* that spawned exits, and it reaches only the child itself, not what a compiler
 * driver or a shell command started (cc1, as, a script's sleep): those live in the child's
 * process group, which only a kill of the group ends. The keeper needs nothing of hotrun
 * but the socket: hotrun's end closes when hotrun exits or is killed, the keeper reads
 * end-of-file and kills what is listed. */
#include "dev/keeper.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#define KEEP_MAX 4096 /* groups listed at once; more are not kept (never seen: jobs x 3) */
#define KEEP_BATCH 64 /* messages (one int32 each: a group, or minus one) in one packet */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int sock = -1; /* hotrun's end */
static int pid = -1;
static bool tried;
/* Forgets not sent yet (keeper_forget_later): minus the group of each. */
static int32_t later[KEEP_BATCH - 1];
static int nlater;

/* The keeper itself: only async-signal-safe calls from here on (hotrun has threads). */
static _Noreturn void keeper_main(int fd)
{
    prctl(PR_SET_NAME, "hotrun-keeper");
    /* Nothing of hotrun's stays open here: its terminal, pipes and files close with it. */
    if (fd != 3) {
        dup2(fd, 3);
        fd = 3;
    }
    syscall(SYS_close_range, 4u, ~0u, 0u);
    int null = open("/dev/null", O_RDWR | O_CLOEXEC);
    for (int i = 0; i < 3 && null >= 0; i++)
        dup2(null, i);
    /* Signals arrive blocked (the spawner thread's mask); the faults go back to default. */
    struct sigaction dfl = {.sa_handler = SIG_DFL};
    int faults[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
    for (size_t i = 0; i < sizeof(faults) / sizeof(faults[0]); i++)
        sigaction(faults[i], &dfl, NULL);
    sigset_t all;
    sigfillset(&all);
    sigdelset(&all, SIGSEGV);
    sigdelset(&all, SIGBUS);
    sigdelset(&all, SIGFPE);
    sigdelset(&all, SIGILL);
    sigprocmask(SIG_SETMASK, &all, NULL); /* Ctrl-C and SIGTERM are hotrun's to handle */
    static int32_t groups[KEEP_MAX];
    int n = 0;
    for (;;) {
        int32_t msgs[KEEP_BATCH];
        ssize_t r = recv(fd, msgs, sizeof(msgs), 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break; /* hotrun is gone */
        for (size_t k = 0; k < (size_t)r / sizeof(int32_t); k++) {
            int32_t msg = msgs[k];
            if (msg > 0 && n < KEEP_MAX) {
                groups[n++] = msg;
            } else if (msg < 0) {
                for (int i = 0; i < n; i++)
                    if (groups[i] == -msg) {
                        groups[i] = groups[--n];
                        break;
                    }
            }
        }
    }
    for (int i = 0; i < n; i++)
        kill(-groups[i], SIGKILL);
    _exit(0);
}

/* Under lock. */
static void start(void)
{
    tried = true;
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0)
        return;
    pid_t p = fork();
    if (p == 0) {
        close(sv[0]);
        keeper_main(sv[1]);
    }
    close(sv[1]);
    if (p < 0) {
        close(sv[0]);
        return;
    }
    sock = sv[0];
    pid = p;
}

/* Sends the forgets kept for later, then msg (0: none), in one packet. */
static int send_msg(int32_t msg)
{
    int32_t msgs[KEEP_BATCH];
    pthread_mutex_lock(&lock);
    if (!tried && msg > 0)
        start();
    int fd = sock, n = nlater;
    memcpy(msgs, later, sizeof(int32_t) * (size_t)n);
    nlater = 0;
    pthread_mutex_unlock(&lock);
    if (msg != 0)
        msgs[n++] = msg;
    if (fd < 0 || n == 0)
        return fd < 0 ? -ENOSYS : 0;
    /* Never waits and never raises SIGPIPE: a keeper that is gone costs the guarantee,
     * not the frame. */
    ssize_t size = (ssize_t)(sizeof(int32_t) * (size_t)n);
    if (send(fd, msgs, (size_t)size, MSG_NOSIGNAL | MSG_DONTWAIT) != size)
        return -errno;
    return 0;
}

int keeper_watch(int pgid)
{
    return pgid > 0 ? send_msg(pgid) : -EINVAL;
}

void keeper_forget(int pgid)
{
    if (pgid > 0)
        (void)send_msg(-pgid);
}

void keeper_forget_later(int pgid)
{
    if (pgid <= 0)
        return;
    pthread_mutex_lock(&lock);
    bool full = nlater == KEEP_BATCH - 1;
    if (!full)
        later[nlater++] = -pgid;
    pthread_mutex_unlock(&lock);
    if (full)
        keeper_forget(pgid);
}

void keeper_flush(void)
{
    (void)send_msg(0);
}

int keeper_pid(void)
{
    pthread_mutex_lock(&lock);
    int p = pid;
    pthread_mutex_unlock(&lock);
    return p;
}
