/* probe.c: hotrun-probe loads a freshly built game library in a throwaway process.
 *
 * glibc runs a library's constructors while holding its loader lock; a constructor that
 * crashes or hangs inside the host would leave that lock held and every later dlopen from
 * another thread blocked. So the builder has each new library loaded here first, and the
 * host only opens libraries the probe loaded cleanly (probe/check.c).
 *
 *   hotrun-probe --serve [NICE [BUDGET_S]]  what hotrun runs: a server on stdin (a
 *                                 SOCK_SEQPACKET socket) that forks a child per library
 *                                 ahead of its request (probe/serve.c), NICE nicer than
 *                                 hotrun, its children armed with BUDGET_S
 *   hotrun-probe LIB [BUDGET_S]   one library, then exit. Exit status: 0 loaded and checked;
 *                                 2 refused, 3 a constructor crashed, hung or called exit
 *                                 (one sentence on stderr; the probe's exit is its own,
 *                                 dev/exit_trap.c) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "probe/check.h"
#include "probe/serve.h"

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "--serve") == 0 && argc <= 4) {
        if (argc >= 3) {
            int now = getpriority(PRIO_PROCESS, 0);
            (void)setpriority(PRIO_PROCESS, 0, now + atoi(argv[2])); /* best effort */
        }
        /* Only what it was given: a descriptor inherited by accident (another library's
         * pipe that hotrun's thread had open when this was started) would be held for the
         * server's whole life. */
        close_range(3, ~0U, 0);
        return probe_serve(0, argc == 4 ? atof(argv[3]) : 2.0);
    }
    if (argc != 2 && argc != 3) {
        fprintf(stderr, "usage: hotrun-probe --serve [NICE [BUDGET_S]] | hotrun-probe LIB [BUDGET_SECONDS]\n");
        return 2;
    }
    probe_prepare();
    char msg[1024];
    probe_arm(argc == 3 ? atof(argv[2]) : 2.0);
    int code = probe_check(argv[1], msg, sizeof(msg));
    if (code != PROBE_OK)
        fprintf(stderr, "%s\n", msg);
    return code;
}
