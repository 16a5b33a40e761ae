/* sources.c: scanning the sources and pruning the cache. */
#include "dev/sources.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/error.h"

static bool inside(const char *path, const char *dir)
{
    size_t n = dir ? strlen(dir) : 0;
    return n && strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* What a scan has seen: directories and files by (device, inode), so that a directory or
 * file reached twice (a link to something inside the tree, a link to an ancestor: a loop)
 * is taken once; and the links it met, followed after the tree itself so that a file's
 * own path wins over a link's. */
typedef struct Seen {
    struct { dev_t dev; ino_t ino; } *v;
    int n, cap;
    Strv links; /* relative paths of links met, in the order met */
    bool following; /* the tree's own files are known: files are now checked too */
} Seen;

static bool seen_add(Seen *s, dev_t dev, ino_t ino)
{
    for (int i = 0; i < s->n; i++)
        if (s->v[i].dev == dev && s->v[i].ino == ino)
            return false;
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->v = xrealloc(s->v, (size_t)s->cap * sizeof(*s->v));
    }
    s->v[s->n].dev = dev;
    s->v[s->n].ino = ino;
    s->n++;
    return true;
}

static void scan(const char *src_dir, const char *skip_dir, const char *rel, Seen *seen,
                 Strv *out)
{
    char *abs = rel[0] ? str_fmt("%s/%s", src_dir, rel) : str_fmt("%s", src_dir);
    struct stat dst;
    DIR *d = stat(abs, &dst) == 0 && seen_add(seen, dst.st_dev, dst.st_ino) ? opendir(abs)
                                                                             : NULL;
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
        /* The directory entry knows its type and inode; only links and odd filesystems
         * need a stat (one saved per file: hundreds in a big game, each build). */
        struct stat st = {.st_mode = e->d_type == DT_DIR ? S_IFDIR : S_IFREG};
        bool known = e->d_type == DT_DIR || e->d_type == DT_REG;
        if (e->d_type == DT_LNK) {
            strv_push(&seen->links, child_rel); /* after the tree: see sources_scan */
        } else if (known || lstat(child_abs, &st) == 0) {
            if (S_ISLNK(st.st_mode)) {
                strv_push(&seen->links, child_rel);
            } else if (S_ISDIR(st.st_mode)) {
                if (!inside(child_abs, skip_dir))
                    scan(src_dir, skip_dir, child_rel, seen, out);
            } else if (S_ISREG(st.st_mode) && str_ends_with(e->d_name, ".c") &&
                       (!seen->following || (stat(child_abs, &st) == 0 &&
                                             seen_add(seen, st.st_dev, st.st_ino)))) {
                strv_push(out, child_rel);
            }
        }
        free(child_rel);
        free(child_abs);
    }
    closedir(d);
    free(abs);
}

/* A link met by the scan: a directory is scanned through it (unless seen: a loop, or a
 * directory of the tree), a .c file is compiled through it (unless it is a file of the
 * tree's). Links inside it are queued in turn. */
static void follow(const char *src_dir, const char *skip_dir, const char *rel, Seen *seen,
                   Strv *out)
{
    char *abs = str_fmt("%s/%s", src_dir, rel);
    struct stat st;
    if (stat(abs, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            if (!inside(abs, skip_dir))
                scan(src_dir, skip_dir, rel, seen, out);
        } else if (S_ISREG(st.st_mode) && str_ends_with(rel, ".c") &&
                   seen_add(seen, st.st_dev, st.st_ino)) {
            strv_push(out, rel);
        }
    }
    free(abs);
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

void sources_scan(const char *src_dir, const char *skip_dir, Strv *out)
{
    int from = out->n;
    Seen seen = {0};
    scan(src_dir, skip_dir, "", &seen, out);
    if (seen.links.n > 0) {
        /* Only a tree with links pays a stat per file: what a link reaches may be one. */
        for (int i = from; i < out->n; i++) {
            char *abs = str_fmt("%s/%s", src_dir, out->v[i]);
            struct stat st;
            if (stat(abs, &st) == 0)
                seen_add(&seen, st.st_dev, st.st_ino);
            free(abs);
        }
        seen.following = true;
    }
    for (int i = 0; i < seen.links.n; i++) /* grows while links inside links are met */
        follow(src_dir, skip_dir, seen.links.v[i], &seen, out);
    free(seen.v);
    strv_free(&seen.links);
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
