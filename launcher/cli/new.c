/* new.c: hotrun new DIR, a new game from the template in templates/new: main.c (state,
 * update, draw), a sprite and a sound in assets/, hotrun.ini, a two-line README,
 * .gitignore and .clangd, with the game's name and this hotrun's include folder filled in. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/modes.h"
#include "dev/paths.h"
#include "util/error.h"

/* Every file of the template and its name in the game; binary ones are copied as they are,
 * the others with their @KEY@s filled in. */
static const struct {
    const char *from, *to;
    bool binary;
} template_files[] = {
    {"main.c", "main.c", false},          {"hotrun.ini", "hotrun.ini", false},
    {"README.md", "README.md", false},    {"gitignore", ".gitignore", false},
    {"clangd", ".clangd", false},         {"coin.png", "assets/coin.png", true},
    {"coin.wav", "assets/coin.wav", true},
};

/* A name safe inside a C string and a Markdown title: letters, digits, - _ . and space. */
static void game_name(const char *dir, char *out, size_t size)
{
    char buf[PATH_MAX];
    snprintf(buf, sizeof(buf), "%s", dir);
    size_t n = strlen(buf);
    while (n > 1 && buf[n - 1] == '/')
        buf[--n] = '\0';
    const char *base = strrchr(buf, '/');
    base = base ? base + 1 : buf;
    size_t i = 0;
    for (; base[i] && i + 1 < size; i++) {
        char c = base[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_' || c == '.' || c == ' ';
        out[i] = ok ? c : '_';
    }
    out[i] = '\0';
    if (!i || strcmp(out, ".") == 0 || strcmp(out, "..") == 0)
        snprintf(out, size, "game");
}

/* text with every @KEY@ of keys[] replaced by its value; malloc'ed. */
static char *substitute(const char *text, const char *const keys[][2], int nkeys)
{
    size_t cap = strlen(text) + 1, len = 0;
    char *out = xmalloc(cap);
    for (const char *c = text; *c;) {
        const char *value = NULL;
        size_t klen = 0;
        for (int k = 0; k < nkeys && !value; k++) {
            klen = strlen(keys[k][0]);
            if (strncmp(c, keys[k][0], klen) == 0)
                value = keys[k][1];
        }
        const char *piece = value ? value : c;
        size_t plen = value ? strlen(value) : 1;
        if (len + plen + 1 > cap) {
            cap = 2 * (len + plen + 1);
            out = xrealloc(out, cap);
        }
        memcpy(out + len, piece, plen);
        len += plen;
        c += value ? klen : 1;
    }
    out[len] = '\0';
    return out;
}

/* The file's bytes, NUL-terminated (len may be NULL); NULL when unreadable. */
static char *read_text(const char *path, size_t *len_out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, len = 0, n;
    char *buf = xmalloc(cap);
    while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (len + 1 == cap)
            buf = xrealloc(buf, cap *= 2);
    }
    bool failed = ferror(f);
    fclose(f);
    if (failed) {
        free(buf);
        return NULL;
    }
    buf[len] = '\0';
    if (len_out)
        *len_out = len;
    return buf;
}

/* The game folder: created, or an existing empty one. */
static int make_game_dir(const char *dir, Err *err)
{
    if (mkdir(dir, 0755) == 0)
        return 0;
    if (errno != EEXIST)
        return err_set(err, ERR_IO, "cannot create %s: %s", dir, strerror(errno));
    DIR *d = opendir(dir);
    if (!d)
        return err_set(err, ERR_IO, "%s exists and is not a folder hotrun can use: %s", dir,
                       strerror(errno));
    struct dirent *e;
    bool empty = true;
    while ((e = readdir(d)) && empty)
        empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
    closedir(d);
    if (!empty)
        return err_set(err, ERR_INVALID,
                       "%s exists and is not empty: hotrun new makes a new game in a new or "
                       "empty folder",
                       dir);
    return 0;
}

int new_main(const Options *opt)
{
    Paths paths;
    char perr[1024], name[256], include_dir[PATH_MAX];
    Err err = {{0}};
    int rc;
    if (paths_find(&paths, perr, sizeof(perr)) < 0) {
        fprintf(stderr, "hotrun: %s\n", perr);
        return 1;
    }
    /* .clangd names the include folder as an absolute path: the game may move, hotrun not. */
    if (!realpath(paths.include_dir, include_dir))
        snprintf(include_dir, sizeof(include_dir), "%s", paths.include_dir);
    game_name(opt->dir, name, sizeof(name));
    if ((rc = make_game_dir(opt->dir, &err)) < 0)
        goto fail;
    char assets[PATH_MAX + 16];
    snprintf(assets, sizeof(assets), "%s/assets", opt->dir);
    if (mkdir(assets, 0755) < 0 && errno != EEXIST) {
        rc = err_set(&err, ERR_IO, "cannot create %s: %s", assets, strerror(errno));
        goto fail;
    }
    const char *const keys[][2] = {{"@NAME@", name}, {"@DIR@", opt->dir},
                                   {"@INCLUDE_DIR@", include_dir}};
    for (size_t i = 0; i < sizeof(template_files) / sizeof(template_files[0]); i++) {
        char from[PATH_MAX + 64], to[PATH_MAX + 64];
        snprintf(from, sizeof(from), "%s/new/%s", paths.templates, template_files[i].from);
        snprintf(to, sizeof(to), "%s/%s", opt->dir, template_files[i].to);
        size_t len = 0;
        char *text = read_text(from, &len);
        if (!text) {
            rc = err_set(&err, ERR_NOTFOUND, "the template %s is missing: %s (reinstall "
                         "hotrun)", from, strerror(errno));
            goto fail;
        }
        char *filled = text; /* binary: every byte as it is, NULs too */
        if (!template_files[i].binary) {
            filled = substitute(text, keys, 3);
            free(text);
            len = strlen(filled);
        }
        FILE *f = fopen(to, "wx"); /* never over a file of the user's */
        bool ok = f && fwrite(filled, 1, len, f) == len;
        ok = (f && fclose(f) == 0) && ok;
        free(filled);
        if (!ok) {
            rc = err_set(&err, ERR_IO, "cannot write %s: %s", to, strerror(errno));
            goto fail;
        }
    }
    fprintf(stderr,
            "hotrun: created %s/ (main.c, assets/coin.png and coin.wav, hotrun.ini, README.md, "
            ".gitignore, .clangd)\n"
            "hotrun: run it with: hotrun %s\n",
            opt->dir, opt->dir);
    return 0;
fail:
    fprintf(stderr, "hotrun: %s\n", err_text(&err, rc));
    return 1;
}
