/* pkgs.c: pkg-config libraries of a game: their flags (pkg-config run as a child process)
 * and their copy kept loaded in hotrun (dlopen before the game library, never closed). */
#include "dev/pkgs.h"

#include <dlfcn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dev/spawn.h"
#include "util/strings.h"

/* Runs pkg-config with args; its output without the final newline in *out (malloc'ed). */
static int pkg_config(const char *const *args, int nargs, char **out, bool *failed, Err *err)
{
    const char **argv = xcalloc((size_t)nargs + 2, sizeof(*argv));
    argv[0] = "pkg-config";
    memcpy(argv + 1, args, (size_t)nargs * sizeof(*argv));
    SpawnOptions so = {.argv = argv, .timeout_s = 30};
    SpawnResult r;
    char why[512];
    int rc = spawn_run(&so, &r, why, sizeof(why));
    free(argv);
    if (rc < 0)
        return err_set(err, ERR_NOTFOUND, "--pkg needs pkg-config: %s", why);
    size_t n = r.output_len;
    while (n && (r.output[n - 1] == '\n' || r.output[n - 1] == ' '))
        n--;
    *out = xmalloc(n + 1);
    memcpy(*out, r.output, n);
    (*out)[n] = '\0';
    *failed = r.exit_status != 0;
    free((char *)r.output);
    return 0;
}

int pkgs_query(const char *const *names, int count, PkgFlags *out, Err *err)
{
    out->cflags = xstrdup("");
    out->libs = xstrdup("");
    if (count == 0)
        return 0;
    bool failed;
    char *text;
    int rc;
    /* One name at a time first, so the sentence names the one pkg-config does not know. */
    for (int i = 0; i < count; i++) {
        const char *args[] = {"--exists", names[i]};
        if ((rc = pkg_config(args, 2, &text, &failed, err)) < 0)
            goto fail;
        free(text);
        if (failed) {
            rc = err_set(err, ERR_NOTFOUND,
                         "--pkg %s: pkg-config knows no such library (install its -dev "
                         "package, or add the folder of its .pc file to PKG_CONFIG_PATH)",
                         names[i]);
            goto fail;
        }
    }
    const char **args = xcalloc((size_t)count + 1, sizeof(*args));
    memcpy(args + 1, names, (size_t)count * sizeof(*args));
    for (int pass = 0; pass < 2; pass++) {
        args[0] = pass == 0 ? "--cflags" : "--libs";
        char **dest = pass == 0 ? &out->cflags : &out->libs;
        rc = pkg_config(args, count + 1, &text, &failed, err);
        if (rc == 0 && failed) {
            rc = err_set(err, ERR_INVALID, "pkg-config %s failed: %s", args[0], text);
            free(text);
        }
        if (rc < 0) {
            free(args);
            goto fail;
        }
        free(*dest);
        *dest = text;
    }
    free(args);
    return 0;
fail:
    pkgs_free(out);
    return rc;
}

void pkgs_free(PkgFlags *f)
{
    free(f->cflags);
    free(f->libs);
    f->cflags = f->libs = NULL;
}

/* hotrun has these loaded already, and their .so files are often linker scripts. */
static bool part_of_libc(const char *name)
{
    static const char *const names[] = {"c", "m", "pthread", "dl", "rt", "util", "gcc_s"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

static int keep(const char *file, Err *err)
{
    if (dlopen(file, RTLD_NOW | RTLD_GLOBAL | RTLD_NODELETE))
        return 0;
    return err_set(err, ERR_LOAD, "cannot keep %s loaded: %s", file, dlerror());
}

int pkgs_keep_loaded(const char *libs, Err *err)
{
    Strv words = {0};
    strv_push_words(&words, libs);
    int loaded = 0, rc = 0;
    for (int i = 0; i < words.n && rc == 0; i++) {
        const char *w = words.v[i];
        char *file = NULL;
        if (strncmp(w, "-l", 2) == 0 && w[2] && !part_of_libc(w + 2)) {
            /* In a -L folder of the flags (before or after it), else the loader's path. */
            for (int j = 0; j < words.n && !file; j++) {
                if (strncmp(words.v[j], "-L", 2) != 0 || !words.v[j][2])
                    continue;
                char *in_dir = str_fmt("%s/lib%s.so", words.v[j] + 2, w + 2);
                if (access(in_dir, R_OK) == 0)
                    file = in_dir;
                else
                    free(in_dir);
            }
            if (!file)
                file = str_fmt("lib%s.so", w + 2);
        } else if (w[0] == '/' && strstr(w, ".so")) {
            file = xstrdup(w); /* a library given by its path */
        }
        if (!file)
            continue; /* -pthread, -Wl,..., -L, static archives, libc's parts */
        rc = keep(file, err);
        loaded += rc == 0;
        free(file);
    }
    strv_free(&words);
    return rc < 0 ? rc : loaded;
}
