/* format.h: an image's header, read by the reader of its format version. Internal to
 * state/ (the public side is state_image_check and state_image_info in image.h).
 *
 * Format 1 (written until December 2026):
 *     { "hotrun": 1,          always the first key: the magic and the format version
 *       "version": <u32>,     HotGame.state_version of the game that wrote it
 *       "state": { ... } }    the state, one map per struct, keyed by field name
 * Format 2 adds which game wrote the image:
 *     { "hotrun": 2, "version": <u32>,
 *       "game": <str>,        HotGame.name ("" when the game has none)
 *       "schema": <u64>,      the fingerprint of its schema (StateLayout.fingerprint)
 *       "state": { ... } }
 * A packed image (state_layout_pack: in the process only, never in a file) adds
 *       "packed": <u64>,      the token of the process that wrote it (table_token)
 * before "state", whose arrays of structs may be tables (table.h).
 * Other top-level keys are ignored; bytes after the map make the image corrupt. The state
 * map is the same in both (see encode.c). */
#ifndef HOTRUN_STATE_FORMAT_H
#define HOTRUN_STATE_FORMAT_H

#include "state/cursor.h"
#include "state/image.h"

/* A checked image: what its header says and a cursor at its state map. */
typedef struct Image {
    StateImageInfo info;
    Cur state;
    uint64_t packed_by; /* a packed image: the token of the process that wrote it */
} Image;

/* Checks the whole image (header by its version's reader, then every item) and finds its
 * parts. 0 or a negative STATE_E code. */
int image_open(const StateImage *img, Image *im);
/* Checks the first bytes of an image file (up to IMAGE_SNIFF_BYTES): not an image
 * (STATE_EMAGIC), another format version (STATE_EFORMAT), a header that goes wrong before
 * the state map (STATE_ECORRUPT), or nothing wrong as far as the bytes go (0). For
 * refusing a file before reading it whole. */
int image_sniff(const uint8_t *data, size_t size);
/* The image's header says "packed" (encode.h: tables inside, for the process's own
 * use), as far as its first keys go; nothing else is checked. */
bool image_packed(const uint8_t *data, size_t size);
/* How many bytes image_sniff looks at: the header of an image we write, whole. */
#define IMAGE_SNIFF_BYTES 256

#endif
