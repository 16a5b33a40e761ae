/* fs.c: file system helpers. */
#include "util/fs.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "util/error.h"

int fs_mkdirs(const char *path)
{
    char buf[PATH_MAX];
    if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf)) {
        errno = ENAMETOOLONG;
        return ERR_INVALID;
    }
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        int rc = mkdir(buf, 0755);
        *p = '/';
        if (rc < 0 && errno != EEXIST)
            return ERR_IO;
    }
    struct stat st;
    if (mkdir(buf, 0755) < 0 && (errno != EEXIST || stat(buf, &st) < 0 || !S_ISDIR(st.st_mode))) {
        if (errno == EEXIST)
            errno = ENOTDIR;
        return ERR_IO;
    }
    return 0;
}

int fs_mkdirs_parent(const char *file)
{
    char buf[PATH_MAX];
    if (snprintf(buf, sizeof(buf), "%s", file) >= (int)sizeof(buf)) {
        errno = ENAMETOOLONG;
        return ERR_INVALID;
    }
    char *slash = strrchr(buf, '/');
    if (!slash || slash == buf)
        return 0;
    *slash = '\0';
    return fs_mkdirs(buf);
}
