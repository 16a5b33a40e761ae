/* image.h: a state image (the msgpack bytes of a game's state), its format versions, what
 * its header says, and the state library's error codes. */
#ifndef HOTRUN_STATE_IMAGE_H
#define HOTRUN_STATE_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The format version written into every image, and the oldest one still read. Each
 * version has its reader (format.c); a version outside this range is refused. */
#define STATE_FORMAT_VERSION 2
#define STATE_FORMAT_OLDEST  1

/* Error codes: 0 is success, these are negative. state_strerror() gives the sentence. */
enum {
    STATE_ENOMEM = -1,   /* out of memory */
    STATE_EMAGIC = -2,   /* not a hotrun state image */
    STATE_EFORMAT = -3,  /* an image format version this hotrun does not know */
    STATE_ECORRUPT = -4, /* truncated or malformed image */
    STATE_EIO = -5,      /* the file could not be read or written (see errno) */
    STATE_ESCHEMA = -6,  /* the schema itself is unusable (e.g. no fields) */
    STATE_ENOTFILE = -7, /* not a regular file (a directory, FIFO, device...) */
};

/* An encoded image. Owned by whoever holds it; free with state_image_free. */
typedef struct StateImage {
    uint8_t *data;
    size_t size;
} StateImage;

/* What an image's header records. */
typedef struct StateImageInfo {
    uint32_t format;        /* its format version */
    uint32_t state_version; /* HotGame.state_version of the game that wrote it */
    bool has_game;          /* format 2 on: the game and fingerprint below are known */
    char game[64];          /* HotGame.name of the game that wrote it ("" if it had none) */
    uint64_t fingerprint;   /* its schema's fingerprint (StateLayout.fingerprint) */
    bool packed;            /* a packed image (encode.h), which only a process holds */
} StateImageInfo;

/* Validates the header and structure of an image without a schema. 0 or negative code. */
int state_image_check(const StateImage *img);
/* Validates the image like state_image_check and says what its header records. */
int state_image_info(const StateImage *img, StateImageInfo *out);

/* Copies an image (dst is replaced). Returns 0 or STATE_ENOMEM. */
int state_image_copy(StateImage *dst, const StateImage *src);
void state_image_free(StateImage *img);

/* One sentence for a STATE_E code. */
const char *state_strerror(int err);
/* The same, with errno's reason for STATE_EIO ("... (No such file or directory)"). Call it
 * right after the failing call; the text lives until the next call. */
const char *state_error_text(int err);

#endif
