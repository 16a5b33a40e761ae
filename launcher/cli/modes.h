/* modes.h: the three ways hotrun runs a game directory (develop, --once, --static) and
 * hotrun new. */
#ifndef HOTRUN_DEV_H
#define HOTRUN_DEV_H

#include <stddef.h>

#include "dev/builder.h"
#include "cli/options.h"
#include "dev/paths.h"
#include "util/strings.h"

/* hotrun DIR: window, watcher, builder, swaps. Returns the exit status. */
int dev_main(const Options *opt);
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

/* Shared by the modes: the game directory as an absolute path, checked to exist and be a
 * directory (the builder says when it holds no sources). 0, or -1 with one sentence. */
int dev_source_dir(const char *dir, char *out, size_t size, char *err, size_t errlen);

/* The game directory (absolute, checked), hotrun's own parts, and a BuildConfig from the
 * options; the config's strings live in `store` until it is freed. */
typedef struct BuildStore {
    char src[4096];
    char cache[4096];
    Paths paths;
    Strv cflags, ldflags, exe_args;
} BuildStore;
int dev_build_config(const Options *opt, bool release, BuildConfig *cfg, BuildStore *store,
                     char *err, size_t errlen);
void dev_build_store_free(BuildStore *store);

/* The guard hook every game function is called through (HostHooks.call). */
struct HostFault;
int dev_guarded_call(void (*fn)(void *ctx), void *ctx, struct HostFault *fault, void *ud);
/* The "build" event of a finished build. */
void dev_emit_build(const BuildResult *r);

/* Prints a failed build's first error as one sentence (the compiler's own output has
 * already reached the terminal). */
void dev_report_build(const BuildResult *r);

#endif
