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
    HostHooks hooks = {.call = session_guarded_call};
    HostConfig hc;
    cli_host_config(opt, &hc);
    Err e = {0};
    Host *h = host_create(&hc, &hooks, &e);
    if (!h) {
        fprintf(stderr, "hotrun: %s\n", err_text(&e, ERR_UNSUPPORTED));
        session_close(&s);
        return 1;
    }
    int status = 1;
    int rc = host_start(h, s.lib.game, s.lib.gen, &e);
    if (rc < 0)
        fprintf(stderr, "hotrun: %s\n", err_text(&e, rc));
    else if (host_run(h) == 0 && host_faults(h))
        fprintf(stderr, "hotrun: --replay failed: the game faulted (see above)\n");
    else if (host_faults(h) == 0)
        status = 0;
    host_set_exit_status(h, status);
    status = host_finish(h);
    if (status == 0)
        fprintf(stderr, "hotrun: replayed %llu frames\n", (unsigned long long)host_frames(h));
    host_destroy(h);
    session_close(&s);
    return status;
}
