/* image.c: image buffers (copy, free) and the state library's error sentences. */
#include "state/image.h"

#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int state_image_copy(StateImage *dst, const StateImage *src)
{
    if (dst == src)
        return 0;
    uint8_t *buf = dst->data;
    size_t have = buf ? malloc_usable_size(buf) : 0;
    if (have < src->size || have == 0) {
        buf = malloc(src->size ? src->size : 1);
        if (!buf)
            return STATE_ENOMEM;
    }
    if (src->size)
        memcpy(buf, src->data, src->size);
    if (buf != dst->data)
        free(dst->data);
    dst->data = buf;
    dst->size = src->size;
    return 0;
}

void state_image_free(StateImage *img)
{
    if (!img)
        return;
    free(img->data);
    img->data = NULL;
    img->size = 0;
}

const char *state_strerror(int err)
{
    switch (err) {
    case 0:
        return "no error";
    case STATE_ENOMEM:
        return "out of memory while handling the game state";
    case STATE_EMAGIC:
        return "not a hotrun state image";
    case STATE_EFORMAT:
        return "a state image format version this hotrun does not know: use the hotrun "
               "that wrote it";
    case STATE_ECORRUPT:
        return "the state image is truncated or corrupt";
    case STATE_EIO:
        return "the state file could not be read or written";
    case STATE_ESCHEMA:
        return "the game's state schema is unusable (no fields or a malformed field "
               "table)";
    case STATE_ENOTFILE:
        return "not a regular file (a directory, pipe or device): give a state image file";
    default:
        return "unknown state error";
    }
}

const char *state_error_text(int err)
{
    static char buf[160];
    if (err != STATE_EIO || errno == 0)
        return state_strerror(err);
    snprintf(buf, sizeof(buf), "%s (%s)", state_strerror(err), strerror(errno));
    return buf;
}
