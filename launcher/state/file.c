/* file.c: images read from and written to files. */
#include "state/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int state_image_load(const char *path, StateImage *out)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return STATE_EIO;
    struct stat st;
    uint8_t *buf = NULL;
    size_t size = 0;
    if (fstat(fd, &st) != 0)
        goto fail;
    if (!S_ISREG(st.st_mode)) {
        errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
        goto fail;
    }
    size = (size_t)st.st_size;
    buf = malloc(size ? size : 1);
    if (!buf) {
        close(fd);
        return STATE_ENOMEM;
    }
    for (size_t got = 0; got < size;) {
        ssize_t r = read(fd, buf + got, size - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) { /* an error, or the file shrank under us */
            if (r == 0)
                errno = EIO;
            goto fail;
        }
        got += (size_t)r;
    }
    close(fd);
    free(out->data);
    out->data = buf;
    out->size = size;
    return 0;
fail : {
    int e = errno;
    free(buf);
    close(fd);
    errno = e;
    return STATE_EIO;
}
}

int state_image_save(const char *path, const StateImage *img)
{
    size_t n = strlen(path);
    char *tmp = malloc(n + 16);
    if (!tmp)
        return STATE_ENOMEM;
    snprintf(tmp, n + 16, "%s.tmp-XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        free(tmp);
        return STATE_EIO;
    }
    bool ok = fchmod(fd, 0644) == 0;
    for (size_t done = 0; ok && done < img->size;) {
        ssize_t w = write(fd, img->data + done, img->size - done);
        if (w < 0 && errno == EINTR)
            continue;
        ok = w > 0;
        done += ok ? (size_t)w : 0;
    }
    ok = ok && fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    ok = ok && rename(tmp, path) == 0;
    if (!ok) {
        int e = errno;
        unlink(tmp);
        errno = e;
    }
    free(tmp);
    return ok ? 0 : STATE_EIO;
}
