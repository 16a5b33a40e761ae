/* test_keeper.c: the process groups a process started die when it is SIGKILLed: a child
 * of the test plays hotrun (lists a group with the keeper, then is killed); the group's
 * processes, a shell and its sleep, are gone soon after. A group taken off the list is
 * left alone. */
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

static void test_killed_parent(bool forget)
{
    int p[2];
    CHECK(pipe(p) == 0);
    pid_t host = fork();
    if (host == 0) {
        int pid = start_group(p[1]);
        if (pid < 0 || keeper_watch(pid) != 0)
            _exit(1);
        if (forget)
            keeper_forget(pid);
        for (;;)
            pause(); /* until SIGKILL */
    }
    close(p[1]);
    FILE *f = fdopen(p[0], "r");
    int sh = -1, sleeper = -1;
    CHECK(fscanf(f, "%d %d", &sh, &sleeper) == 2);
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
}

static void test_group_dies_with_parent(void)
{
    test_killed_parent(false);
}

static void test_forgotten_group_left(void)
{
    test_killed_parent(true);
}

int main(void)
{
    RUN(test_group_dies_with_parent);
    RUN(test_forgotten_group_left);
    return 0;
}
