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

#include "state/encode.h"
#include "state/format.h"

/* Reads exactly n bytes at buf. 0, or -1 with errno (EIO when the file ended early: it
 * shrank under us). */
static int read_all(int fd, uint8_t *buf, size_t n)
{
    for (size_t got = 0; got < n;) {
        ssize_t r = read(fd, buf + got, n - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            if (r == 0)
                errno = EIO;
            return -1;
        }
        got += (size_t)r;
    }
    return 0;
}

/* Reads a regular file whole; `image`: its first bytes must start a hotrun image of a
 * known format, checked before the rest is read. */
static int load(const char *path, StateImage *out, bool image)
{
    /* O_NONBLOCK: opening a FIFO with no writer must not wait for one (it is refused
     * below, as every file that is not a regular one). */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0)
        return STATE_EIO;
    struct stat st;
    uint8_t *buf = NULL;
    int rc = STATE_EIO;
    if (fstat(fd, &st) != 0)
        goto fail;
    if (!S_ISREG(st.st_mode)) {
        rc = STATE_ENOTFILE;
        errno = 0;
        goto fail;
    }
    size_t size = (size_t)st.st_size, head = size < IMAGE_SNIFF_BYTES ? size : IMAGE_SNIFF_BYTES;
    uint8_t first[IMAGE_SNIFF_BYTES];
    if (image) {
        if (read_all(fd, first, head) < 0)
            goto fail;
        rc = image_sniff(first, head);
        if (rc < 0) {
            errno = 0;
            goto fail;
        }
        rc = STATE_EIO;
    }
    buf = malloc(size ? size : 1);
    if (!buf) {
        rc = STATE_ENOMEM;
        goto fail;
    }
    size_t done = image ? head : 0;
    if (image)
        memcpy(buf, first, head);
    if (read_all(fd, buf + done, size - done) < 0)
        goto fail;
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
    return rc;
}
}

int state_image_load(const char *path, StateImage *out)
{
    return load(path, out, false);
}

int state_image_read(const char *path, StateImage *out)
{
    return load(path, out, true);
}

static int save(const char *path, const StateImage *img);

int state_image_save(const char *path, const StateImage *img)
{
    if (!image_packed(img->data, img->size))
        return save(path, img);
    StateImage portable = {0}; /* a file always gets the portable form */
    int rc = state_image_portable(img, &portable);
    if (rc == 0)
        rc = save(path, &portable);
    state_image_free(&portable);
    return rc;
}

static int save(const char *path, const StateImage *img)
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
