/* release.c: hotrun --static, the release build: the game's sources compiled with
 * optimisation and linked with the host runtime into one executable, no dlopen. Written as
 * a file, a folder (executable + assets) or a .tar.gz of that folder, never into the
 * sources unless -o says so. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/modes.h"
#include "cli/session.h"
#include "core/asset_pack.h"
#include "dev/spawn.h"
#include "util/strings.h"

/* /x/game/src -> "game"; /x/mygame -> "mygame" (src is absolute). */
static void game_name(const char *src, char *out, size_t size)
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
    snprintf(out, size, "%s", *name ? name : "game");
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* True when path is dir or inside it (both absolute, resolved). */
static bool inside(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* path made absolute against the current directory: the linker runs in the sources. */
static void absolute(const char *path, char *out, size_t size)
{
    char cwd[PATH_MAX];
    if (path[0] != '/' && getcwd(cwd, sizeof(cwd)))
        snprintf(out, size, "%s/%s", cwd, path[0] == '.' && path[1] == '/' ? path + 2 : path);
    else
        snprintf(out, size, "%s", path);
}

/* Where the executable goes without -o: ./NAME, unless the current directory is inside the
 * sources or ./NAME is a folder (often the sources themselves): then the build cache. */
static void default_output(const char *src, const char *cache, const char *name, char *out,
                           size_t size)
{
    char cwd[PATH_MAX];
    if (getcwd(cwd, sizeof(cwd)) && !inside(cwd, src) && !is_dir(name))
        snprintf(out, size, "%s/%s", cwd, name);
    else
        snprintf(out, size, "%s/%s", cache, name);
}

static int run(const char *const *argv, char *err, size_t errlen)
{
    SpawnOptions so = {.argv = argv, .timeout_s = 120};
    SpawnResult r;
    if (spawn_run(&so, &r, err, errlen) < 0)
        return -1;
    int rc = r.exit_status == 0 ? 0 : -1;
    if (rc < 0) {
        size_t n = r.output_len;
        while (n && (r.output[n - 1] == '\n'))
            n--;
        snprintf(err, errlen, "%s failed: %.*s", argv[0], (int)(n > 300 ? 300 : n), r.output);
    }
    free((char *)r.output);
    return rc;
}

static int make_dir(const char *path, char *err, size_t errlen);

/* The game's asset folder copied into dest_dir/assets, beside the executable; links are
 * followed (a font linked from /usr/share/fonts travels as a file). */
static int copy_assets(const char *assets, const char *dest_dir, char *err, size_t errlen)
{
    char from[PATH_MAX + 16], to[PATH_MAX + 16];
    snprintf(from, sizeof(from), "%s/.", assets);
    snprintf(to, sizeof(to), "%s/assets", dest_dir);
    if (make_dir(to, err, errlen) < 0)
        return -1;
    const char *argv[] = {"cp", "-RL", from, to, NULL};
    return run(argv, err, errlen);
}

static int make_dir(const char *path, char *err, size_t errlen)
{
    if (mkdir(path, 0755) < 0 && errno != EEXIST) {
        snprintf(err, errlen, "cannot create %s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

int release_main(const Options *opt)
{
    char err[1024], out[PATH_MAX + 512], name[256], folder[PATH_MAX + 256] = "";
    char stage[PATH_MAX + 16] = "";
    Session store;
    BuildConfig *cfg = &store.cfg;
    BuildResult r;

    if (session_begin(&store, opt, true) < 0) {
        session_close(&store);
        return 1;
    }
    if (access(store.paths.runtime, R_OK) < 0) {
        fprintf(stderr, "hotrun: the host runtime %s is missing: reinstall hotrun\n",
                store.paths.runtime);
        session_close(&store);
        return 1;
    }
    game_name(store.src, name, sizeof(name));
    char o_abs[PATH_MAX];
    const char *o = NULL;
    if (opt->output) {
        absolute(opt->output, o_abs, sizeof(o_abs));
        o = o_abs;
    }
    bool tarball = o && (str_ends_with(o, ".tar.gz") || str_ends_with(o, ".tgz"));
    int status = 1;
    if (tarball) {
        /* Staged in the cache as NAME/, so the archive unpacks into one folder. */
        snprintf(stage, sizeof(stage), "%s/release", store.cache);
        snprintf(folder, sizeof(folder), "%s/%s", stage, name);
        const char *rm[] = {"rm", "-rf", folder, NULL};
        if (make_dir(stage, err, sizeof(err)) < 0 || run(rm, err, sizeof(err)) < 0 ||
            make_dir(folder, err, sizeof(err)) < 0)
            goto fail;
        snprintf(out, sizeof(out), "%s/%s", folder, name);
    } else if (o && (str_ends_with(o, "/") || is_dir(o))) {
        snprintf(folder, sizeof(folder), "%s", o);
        size_t n = strlen(folder);
        while (n > 1 && folder[n - 1] == '/')
            folder[--n] = '\0';
        if (make_dir(folder, err, sizeof(err)) < 0)
            goto fail;
        snprintf(out, sizeof(out), "%s/%s", folder, name);
    } else if (o) {
        snprintf(out, sizeof(out), "%s", o);
    } else {
        default_output(store.src, store.cache, name, out, sizeof(out));
    }
    cfg->exe_out = out;
    Err berr = {0};
    int brc = builder_build_now(cfg, &r, &berr);
    if (brc < 0) {
        snprintf(err, sizeof(err), "%s", err_text(&berr, brc));
        goto fail;
    }
    if (!r.ok) {
        session_report_build(&r);
        goto out;
    }
    /* The assets travel with the executable: a folder beside it, or built into it. */
    const char *assets = store.assets;
    int packed = 0;
    if (is_dir(assets) && folder[0] && copy_assets(assets, folder, err, sizeof(err)) < 0)
        goto fail;
    if (is_dir(assets) && !folder[0]) {
        Err perr = {{0}};
        packed = asset_pack_append(out, assets, &perr);
        if (packed < 0) {
            snprintf(err, sizeof(err), "%s", err_text(&perr, packed));
            goto fail;
        }
    }
    if (tarball) {
        const char *tar[] = {"tar", "-czf", o, "-C", stage, name, NULL};
        if (run(tar, err, sizeof(err)) < 0)
            goto fail;
        fprintf(stderr, "hotrun: built %s (%s/: the executable and its assets, %d objects, "
                        "%.0f ms)\n", o, name, r.objects, r.ms);
    } else {
        fprintf(stderr, "hotrun: built %s (%d objects, %.0f ms%s)\n", out, r.objects, r.ms,
                folder[0] ? ", assets beside it" : packed > 0 ? ", assets built in" : "");
    }
    status = 0;
    goto out;
fail:
    fprintf(stderr, "hotrun: %s\n", err);
out:
    session_close(&store);
    return status;
}
