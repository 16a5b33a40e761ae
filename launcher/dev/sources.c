/* sources.c: scanning the sources and pruning the cache. */
#include "dev/sources.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool inside(const char *path, const char *dir)
{
    size_t n = dir ? strlen(dir) : 0;
    return n && strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

static void scan(const char *src_dir, const char *skip_dir, const char *rel, Strv *out)
{
    char *abs = rel[0] ? str_fmt("%s/%s", src_dir, rel) : str_fmt("%s", src_dir);
    DIR *d = opendir(abs);
    if (!d) {
        free(abs);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *child_rel = rel[0] ? str_fmt("%s/%s", rel, e->d_name) : str_fmt("%s", e->d_name);
        char *child_abs = str_fmt("%s/%s", abs, e->d_name);
        /* The directory entry knows its type; only links and odd filesystems need a stat
         * (one saved per file: hundreds in a big game, each build). */
        struct stat st = {.st_mode = e->d_type == DT_DIR ? S_IFDIR : S_IFREG};
        bool known = e->d_type == DT_DIR || e->d_type == DT_REG;
        if (known || stat(child_abs, &st) == 0) {
            if (S_ISDIR(st.st_mode) && e->d_type != DT_LNK) {
                if (!inside(child_abs, skip_dir))
                    scan(src_dir, skip_dir, child_rel, out);
            } else if (S_ISREG(st.st_mode) && str_ends_with(e->d_name, ".c")) {
                strv_push(out, child_rel);
            }
        }
        free(child_rel);
        free(child_abs);
    }
    closedir(d);
    free(abs);
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

void sources_scan(const char *src_dir, const char *skip_dir, Strv *out)
{
    int from = out->n;
    scan(src_dir, skip_dir, "", out);
    if (out->n > from)
        qsort(out->v + from, (size_t)(out->n - from), sizeof(char *), cmp_str);
}

static bool has_source(const Strv *rels, const char *rel)
{
    return rels->n && bsearch(&rel, rels->v, (size_t)rels->n, sizeof(char *), cmp_str);
}

static void prune(const char *dir, size_t root, const Strv *rels)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *path = str_fmt("%s/%s", dir, e->d_name);
        struct stat st;
        if (e->d_type == DT_DIR ||
            (e->d_type == DT_UNKNOWN && lstat(path, &st) == 0 && S_ISDIR(st.st_mode))) {
            prune(path, root, rels);
        } else {
            static const char *const suffixes[] = {".o", ".d", ".stamp", ".stamp.new"};
            for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
                if (!str_ends_with(path, suffixes[i]))
                    continue;
                char *rel =
                    str_fmt("%.*s", (int)(strlen(path) - root - strlen(suffixes[i])), path + root);
                if (!has_source(rels, rel))
                    unlink(path);
                free(rel);
                break;
            }
        }
        free(path);
    }
    closedir(d);
}

void sources_prune(const char *obj_dir, const Strv *rels)
{
    prune(obj_dir, strlen(obj_dir) + 1, rels);
}
