/* test_keeper.c: the process groups a process started die when it is SIGKILLed: a child
 * of the test plays hotrun (lists a group with the keeper, then is killed); the group's
 * processes, a shell and its sleep, are gone soon after. A group taken off the list is
 * left alone, also when it was taken off later (keeper_forget_later), once that was sent:
 * by keeper_flush or with the next group listed, in one packet. */
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dev/keeper.h"
#include "testlib.h"

extern char **environ;

/* Starts `sh -c 'sleep 60 & echo $!; wait'` in a group of its own; its pid and the
 * sleep's through pids[0..1]. */
static int start_group(int out)
{
    posix_spawnattr_t attr;
    posix_spawn_file_actions_t fa;
    posix_spawnattr_init(&attr);
    posix_spawn_file_actions_init(&fa);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawn_file_actions_adddup2(&fa, out, 1);
    char *argv[] = {"/bin/sh", "-c", "sleep 60 & echo $$ $!; wait", NULL};
    pid_t pid = -1;
    int rc = posix_spawn(&pid, "/bin/sh", &fa, &attr, argv, environ);
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&fa);
    return rc == 0 ? pid : -1;
}

enum { FORGET_NOT, FORGET_NOW, FORGET_FLUSHED, FORGET_UNSENT, FORGET_WITH_NEXT };

static void test_killed_parent(int how)
{
    bool forget = how == FORGET_NOW || how == FORGET_FLUSHED || how == FORGET_WITH_NEXT;
    int p[2];
    CHECK(pipe(p) == 0);
    pid_t host = fork();
    if (host == 0) {
        int pid = start_group(p[1]);
        if (pid < 0 || keeper_watch(pid) != 0)
            _exit(1);
        if (how == FORGET_NOW)
            keeper_forget(pid);
        if (how == FORGET_FLUSHED || how == FORGET_UNSENT || how == FORGET_WITH_NEXT)
            keeper_forget_later(pid);
        if (how == FORGET_FLUSHED)
            keeper_flush();
        if (how == FORGET_WITH_NEXT) {
            usleep(50000); /* the first group's line first */
            int next = start_group(p[1]);
            if (next < 0 || keeper_watch(next) != 0)
                _exit(1);
        }
        for (;;)
            pause(); /* until SIGKILL */
    }
    close(p[1]);
    FILE *f = fdopen(p[0], "r");
    int sh = -1, sleeper = -1, sh2 = -1, sleeper2 = -1;
    CHECK(fscanf(f, "%d %d", &sh, &sleeper) == 2);
    if (how == FORGET_WITH_NEXT) /* the next group, listed: killed */
        CHECK(fscanf(f, "%d %d", &sh2, &sleeper2) == 2);
    fclose(f);
    usleep(100000); /* the keeper has read the message */
    CHECK(kill(host, SIGKILL) == 0);
    CHECK(waitpid(host, NULL, 0) == host);
    int i = 0;
    while (i++ < (forget ? 30 : 200) && !(test_pid_gone(sh) && test_pid_gone(sleeper)))
        usleep(10000);
    if (forget) {
        CHECK(!test_pid_gone(sh) && !test_pid_gone(sleeper)); /* not listed: not the keeper's to kill */
        kill(-sh, SIGKILL);
    } else {
        CHECK(test_pid_gone(sh));
        CHECK(test_pid_gone(sleeper));
    }
    if (how == FORGET_WITH_NEXT) {
        for (i = 0; i < 200 && !(test_pid_gone(sh2) && test_pid_gone(sleeper2)); i++)
            usleep(10000);
        CHECK(test_pid_gone(sh2));
        CHECK(test_pid_gone(sleeper2));
    }
}

static void test_group_dies_with_parent(void)
{
    test_killed_parent(FORGET_NOT);
}

static void test_forgotten_group_left(void)
{
    test_killed_parent(FORGET_NOW);
}

static void test_forgotten_later_flushed(void)
{
    test_killed_parent(FORGET_FLUSHED);
}

static void test_forgotten_later_unsent_still_killed(void)
{
    test_killed_parent(FORGET_UNSENT);
}

static void test_forgotten_later_sent_with_next(void)
{
    test_killed_parent(FORGET_WITH_NEXT);
}

int main(void)
{
    RUN(test_group_dies_with_parent);
    RUN(test_forgotten_group_left);
    RUN(test_forgotten_later_flushed);
    RUN(test_forgotten_later_unsent_still_killed);
    RUN(test_forgotten_later_sent_with_next);
    return 0;
}
