/* release.c: hotrun --static, the release build: the game's sources compiled with
 * optimisation and linked with the host runtime into one executable, no dlopen. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/modes.h"

/* ./game/src -> "game"; ./mygame -> "mygame". */
static void default_output(const char *src, char *out, size_t size)
{
    char buf[PATH_MAX];
    snprintf(buf, sizeof(buf), "%s", src);
    char *name = strrchr(buf, '/');
    name = name ? name + 1 : buf;
    if (strcmp(name, "src") == 0 && name > buf + 1) {
        name[-1] = '\0';
        char *parent = strrchr(buf, '/');
        name = parent ? parent + 1 : buf;
    }
    snprintf(out, size, "./%s", *name ? name : "game");
}

int release_main(const Options *opt)
{
    char err[1024], out[PATH_MAX];
    BuildConfig cfg;
    BuildStore store;
    BuildResult r;

    if (dev_build_config(opt, true, &cfg, &store, err, sizeof(err)) < 0) {
        fprintf(stderr, "hotrun: %s\n", err);
        dev_build_store_free(&store);
        return 1;
    }
    if (access(store.paths.runtime, R_OK) < 0) {
        fprintf(stderr, "hotrun: the host runtime %s is missing: reinstall hotrun\n",
                store.paths.runtime);
        dev_build_store_free(&store);
        return 1;
    }
    if (opt->output)
        snprintf(out, sizeof(out), "%s", opt->output);
    else
        default_output(store.src, out, sizeof(out));
    cfg.exe_out = out;
    int status = 1;
    if (builder_build_now(&cfg, &r, err, sizeof(err)) < 0)
        fprintf(stderr, "hotrun: %s\n", err);
    else if (!r.ok)
        dev_report_build(&r);
    else {
        fprintf(stderr, "hotrun: built %s (%d objects, %.0f ms)\n", out, r.objects, r.ms);
        status = 0;
    }
    dev_build_store_free(&store);
    return status;
}
