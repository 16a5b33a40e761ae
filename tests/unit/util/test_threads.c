/* test_threads.c: a quiet thread runs with every signal blocked but the faults, and leaves
 * its starter's mask as it was; a clean child starts with nothing blocked, every handler
 * the default. */
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/threads.h"
#include "testlib.h"

extern char **environ;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t done_cond = PTHREAD_COND_INITIALIZER;
static bool done;
static sigset_t seen;

static void *probe_mask(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock);
    pthread_sigmask(SIG_SETMASK, NULL, &seen);
    done = true;
    pthread_cond_signal(&done_cond);
    pthread_mutex_unlock(&lock);
    return NULL;
}

int main(void)
{
    sigset_t before, after;
    pthread_sigmask(SIG_SETMASK, NULL, &before);
    CHECK(thread_start_quiet(probe_mask, NULL) == 0);
    pthread_mutex_lock(&lock);
    while (!done)
        pthread_cond_wait(&done_cond, &lock);
    pthread_mutex_unlock(&lock);
    CHECK(sigismember(&seen, SIGINT) && sigismember(&seen, SIGTERM) &&
          sigismember(&seen, SIGCHLD));
    CHECK(!sigismember(&seen, SIGSEGV) && !sigismember(&seen, SIGBUS) &&
          !sigismember(&seen, SIGFPE) && !sigismember(&seen, SIGILL));
    pthread_sigmask(SIG_SETMASK, NULL, &after);
    CHECK(sigismember(&after, SIGINT) == sigismember(&before, SIGINT));

    /* A child of a process that ignores SIGPIPE and blocks SIGUSR1 starts clean: the shell
     * reports the default disposition ("" from trap -p) and exits by SIGPIPE when sent it. */
    signal(SIGPIPE, SIG_IGN);
    sigset_t usr;
    sigemptyset(&usr);
    sigaddset(&usr, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &usr, NULL);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    spawnattr_clean(&attr);
    char *argv[] = {"sh", "-c", "kill -PIPE $$; exit 7", NULL};
    pid_t pid;
    CHECK(posix_spawnp(&pid, "sh", NULL, &attr, argv, environ) == 0);
    posix_spawnattr_destroy(&attr);
    int status = 0;
    CHECK(waitpid(pid, &status, 0) == pid);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE);
    return 0;
}
