/* modes.h: the ways hotrun runs a game directory, one file each (develop.c, once.c,
 * replay.c, verify.c, release.c), and hotrun new; how they start and end is session.h. */
#ifndef HOTRUN_CLI_MODES_H
#define HOTRUN_CLI_MODES_H

#include "cli/options.h"

/* hotrun DIR: window, watcher, builder, swaps. Returns the exit status. */
int develop_main(const Options *opt);
/* hotrun --once DIR: headless build, run, one full swap round trip checked. */
int once_main(const Options *opt);
/* hotrun --replay FILE DIR: headless, a recording to its end. */
int replay_main(const Options *opt);
/* hotrun verify FILE DIR: the recording through the develop library twice and the --static
 * build, compared frame by frame. */
int verify_main(const Options *opt);
/* hotrun --static DIR [-o FILE]: one optimised executable. */
int release_main(const Options *opt);
/* hotrun new DIR: a new game from the template. */
int new_main(const Options *opt);

#endif
