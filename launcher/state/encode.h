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
/* The same as a packed image, for the process's own use (a swap, the snapshot): the
 * header says "packed", and an array of structs of numbers, strings and structs of
 * those is a table (table.h), one memcpy each way, so a 64 MiB state of a million structs
 * swaps in milliseconds. The header's "packed" is a token of this process: its own tables
 * are copied back as they are, as a copy (copy.h) is; any other table is checked row by
 * row (bools 0 or 1, strings cut at their NUL, padding zero). The decoder reads both forms; state_image_portable (and every
 * file write, file.h) turns a packed image into the portable one, byte for byte what
 * state_layout_encode writes. */
int state_layout_pack(const StateLayout *l, const StateStamp *stamp, const void *mem,
                      StateImage *out);
/* A packed image made portable (out's buffer reused as by an encode). An image that is
 * not packed is copied as it is. 0, STATE_ENOMEM, or the image's own error. */
int state_image_portable(const StateImage *img, StateImage *out);
/* The same for an unchecked schema (checked first: STATE_ESCHEMA), no game name. */
int state_encode(const HotSchema *schema, uint32_t state_version, const void *mem,
                 StateImage *out);

#endif
