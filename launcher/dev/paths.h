/* paths.h: where hotrun finds its own parts (hot.h, the runtime archive, the probe) and
 * where it keeps a game's build cache. */
#ifndef HOTRUN_PATHS_H
#define HOTRUN_PATHS_H

#include <limits.h>
#include <stddef.h>

typedef struct Paths {
    char include_dir[PATH_MAX]; /* holds hot.h */
    char runtime[PATH_MAX];     /* libhotrun_runtime.a, for --static */
    char static_main[PATH_MAX]; /* libhotrun_main.a: main() of a --static game */
    char probe[PATH_MAX];       /* hotrun-probe */
    char templates[PATH_MAX];   /* the templates of hotrun new (templates/new/...) */
} Paths;

/* Finds the parts relative to the running executable: first as in the build tree, then as
 * installed by meson. 0, or -1 with one sentence. */
int paths_find(Paths *p, char *err, size_t errlen);

/* The build cache of the game in src_dir (absolute): override if given, else
 * $XDG_CACHE_HOME/hotrun/<name>-<hash> or ~/.cache/hotrun/<name>-<hash>. Created with its
 * parents. 0, or -1 with a sentence. */
int paths_cache_dir(const char *src_dir, const char *override, char *out, size_t size,
                    char *err, size_t errlen);

#endif
