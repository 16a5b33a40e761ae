/* fs.c: file system helpers. */
#include "util/fs.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

int fs_copy_fd(int in, int out)
{
    bool plain = false;
    for (;;) {
        ssize_t n;
        if (!plain) {
            n = copy_file_range(in, NULL, out, NULL, 1 << 30, 0);
            if (n < 0 && (errno == EXDEV || errno == ENOSYS || errno == EINVAL ||
                          errno == EOPNOTSUPP)) {
                plain = true; /* older kernels, odd filesystems: copy by hand */
                continue;
            }
        } else {
            char buf[65536];
            n = read(in, buf, sizeof(buf));
            for (ssize_t off = 0; n > 0 && off < n;) {
                ssize_t w = write(out, buf + off, (size_t)(n - off));
                if (w < 0 && errno == EINTR)
                    continue;
                if (w < 0) {
                    n = -1;
                    break;
                }
                off += w;
            }
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return ERR_IO;
        if (n == 0)
            return 0;
    }
}

int fs_copy_file(const char *src, const char *dst, unsigned mode)
{
    int in = open(src, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return ERR_IO;
    unlink(dst);
    int out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, (mode_t)mode);
    if (out < 0) {
        int e = errno;
        close(in);
        errno = e;
        return ERR_IO;
    }
    int rc = fs_copy_fd(in, out);
    int e = errno;
    close(in);
    if (close(out) < 0 && rc == 0) {
        rc = ERR_IO;
        e = errno;
    }
    if (rc < 0)
        unlink(dst);
    errno = e;
    return rc;
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

bool fs_same_bytes(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fa ? fopen(b, "rb") : NULL;
    struct stat sa, sb;
    bool same = fa && fb && fstat(fileno(fa), &sa) == 0 && fstat(fileno(fb), &sb) == 0 &&
                sa.st_size == sb.st_size; /* most files that differ, without a read */
    char ba[16384], bb[16384];
    while (same) {
        size_t na = fread(ba, 1, sizeof(ba), fa), nb = fread(bb, 1, sizeof(bb), fb);
        same = na == nb && memcmp(ba, bb, na) == 0;
        if (na < sizeof(ba))
            break;
    }
    if (fa)
        fclose(fa);
    if (fb)
        fclose(fb);
    return same;
}
