/* paths.c: finds hotrun's parts (hot.h, archives, probe, templates) beside its executable,
 * in the build tree or installed, so a user's game can live in any directory. */
#include "dev/paths.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "util/fs.h"
#include "util/hash.h"

static int exists(const char *path)
{
    return access(path, F_OK) == 0;
}

int paths_find(Paths *p, char *err, size_t errlen)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n < 0) {
        snprintf(err, errlen, "cannot find hotrun's own executable: %s", strerror(errno));
        return -1;
    }
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    *slash = '\0';

    /* Build tree: <build>/launcher/hotrun, <build>/shared/hot.h. */
    snprintf(p->include_dir, sizeof(p->include_dir), "%s/../shared", exe);
    snprintf(p->runtime, sizeof(p->runtime), "%s/libhotrun_runtime.a", exe);
    snprintf(p->static_main, sizeof(p->static_main), "%s/libhotrun_main.a", exe);
    snprintf(p->probe, sizeof(p->probe), "%s/hotrun-probe", exe);
    snprintf(p->templates, sizeof(p->templates), "%s/../templates", exe);
    char hot_h[PATH_MAX + 8];
    snprintf(hot_h, sizeof(hot_h), "%s/hot.h", p->include_dir);
    if (exists(hot_h) && exists(p->probe))
        return 0;

    /* Installed: <prefix>/<bindir>/hotrun; go up one level per component of bindir. */
    char prefix[PATH_MAX];
    snprintf(prefix, sizeof(prefix), "%s", exe);
    int levels = 1;
    for (const char *c = HOTRUN_INSTALL_BINDIR; *c; c++)
        levels += *c == '/';
    while (levels-- > 0) {
        char *up = strrchr(prefix, '/');
        if (up)
            *up = '\0';
    }
    snprintf(p->include_dir, sizeof(p->include_dir), "%s/%s", prefix,
             HOTRUN_INSTALL_INCLUDEDIR);
    snprintf(p->runtime, sizeof(p->runtime), "%s/%s/libhotrun_runtime.a", prefix,
             HOTRUN_INSTALL_LIBDIR);
    snprintf(p->static_main, sizeof(p->static_main), "%s/%s/libhotrun_main.a", prefix,
             HOTRUN_INSTALL_LIBDIR);
    snprintf(p->probe, sizeof(p->probe), "%s/%s/hotrun-probe", prefix,
             HOTRUN_INSTALL_LIBDIR);
    snprintf(p->templates, sizeof(p->templates), "%s/%s/templates", prefix,
             HOTRUN_INSTALL_DATADIR);
    snprintf(hot_h, sizeof(hot_h), "%s/hot.h", p->include_dir);
    if (exists(hot_h) && exists(p->probe))
        return 0;
    snprintf(err, errlen,
             "hotrun's parts are missing: no hot.h and hotrun-probe beside %s (reinstall "
             "hotrun, or run it from its build directory)",
             exe);
    return -1;
}

int paths_cache_dir(const char *src_dir, const char *override, char *out, size_t size,
                    char *err, size_t errlen)
{
    if (override) {
        snprintf(out, size, "%s", override);
    } else {
        /* One cache per source directory: its name for people, a hash for uniqueness. */
        uint64_t hash = hash_str(src_dir);
        const char *name = strrchr(src_dir, '/');
        name = name && name[1] ? name + 1 : "game";
        const char *xdg = getenv("XDG_CACHE_HOME");
        const char *home = getenv("HOME");
        if (xdg && *xdg == '/')
            snprintf(out, size, "%s/hotrun/%s-%016llx", xdg, name, (unsigned long long)hash);
        else if (home && *home)
            snprintf(out, size, "%s/.cache/hotrun/%s-%016llx", home, name,
                     (unsigned long long)hash);
        else {
            /* A shared directory: hotrun links and loads what it finds there, so only a
             * private one of ours will do. */
            char base[64];
            struct stat st;
            snprintf(base, sizeof(base), "/tmp/hotrun-cache-%d", (int)getuid());
            if ((mkdir(base, 0700) < 0 && errno != EEXIST) || lstat(base, &st) < 0 ||
                !S_ISDIR(st.st_mode) || st.st_uid != getuid() || (st.st_mode & 077)) {
                snprintf(err, errlen, "%s is not a private directory of yours: set HOME or "
                                      "use --cache DIR", base);
                return -1;
            }
            snprintf(out, size, "%s/%s-%016llx", base, name, (unsigned long long)hash);
        }
    }
    if (fs_mkdirs(out) < 0) {
        snprintf(err, errlen, "cannot create the build cache %s: %s", out, strerror(errno));
        return -1;
    }
    return 0;
}
