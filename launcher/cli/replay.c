/* replay.c: hotrun --replay FILE DIR: builds the game, plays the recording headless to its
 * last frame and exits; --state-out writes the state it ended with (byte for byte the one
 * the recording run ended with, when the game reads only hot.h). */
#include <stdio.h>

#include "cli/modes.h"
#include "cli/session.h"
#include "core/host.h"

int replay_main(const Options *opt)
{
    Session s;
    if (session_open(&s, opt) < 0) {
        session_close(&s);
        return 1;
    }
    Host *h;
    int rc = session_start_host(&s, opt, &h);
    if (!h) {
        session_close(&s);
        return 1;
    }
    int status = 1;
    if (rc == 0) { /* else said */
        if (host_run(h) == 0 && host_faults(h))
            fprintf(stderr, "hotrun: --replay failed: the game faulted (see above)\n");
        else if (host_faults(h) == 0)
            status = 0;
    }
    host_set_exit_status(h, status);
    status = host_finish(h);
    if (status == 0)
        fprintf(stderr, "hotrun: replayed %llu frames\n", (unsigned long long)host_frames(h));
    host_destroy(h);
    session_close(&s);
    return status;
}
