/* encode.h: the game's state memory written as a portable image (msgpack, format
 * STATE_FORMAT_VERSION): what files, swaps across libraries and recordings carry. */
#ifndef HOTRUN_STATE_ENCODE_H
#define HOTRUN_STATE_ENCODE_H

#include <stdint.h>

#include "state/image.h"
#include "state/schema.h"

/* What an image records about the game that wrote it. */
typedef struct StateStamp {
    uint32_t state_version; /* HotGame.state_version */
    const char *game;       /* HotGame.name; NULL is written as "" */
} StateStamp;

/* Encodes `mem` laid out by a checked layout into out (replacing out's buffer, which must
 * be zeroed or from an earlier encode: it is reused, so a steady state allocates nothing).
 * 0, or STATE_ENOMEM (out->size is then 0). */
int state_layout_encode(const StateLayout *l, const StateStamp *stamp, const void *mem,
                        StateImage *out);
/* The same for an unchecked schema (checked first: STATE_ESCHEMA), no game name. */
int state_encode(const HotSchema *schema, uint32_t state_version, const void *mem,
                 StateImage *out);

#endif
