/* state.h: the game's state memory, laid out by a HotSchema, and its msgpack image. */
#ifndef HOTRUN_STATE_H
#define HOTRUN_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "hot.h"

/* Format version written into every image; images of other versions are refused. */
#define STATE_FORMAT_VERSION 1

/* Error codes: 0 is success, these are negative. state_strerror() gives the sentence. */
enum {
    STATE_ENOMEM = -1,   /* out of memory */
    STATE_EMAGIC = -2,   /* not a hotrun state image */
    STATE_EFORMAT = -3,  /* an image format version this hotrun does not know */
    STATE_ECORRUPT = -4, /* truncated or malformed image */
    STATE_EIO = -5,      /* the file could not be read or written (see errno) */
    STATE_ESCHEMA = -6,  /* the schema itself is unusable (e.g. no fields) */
};

/* An encoded image. Owned by whoever holds it; free with state_image_free. */
typedef struct StateImage {
    uint8_t *data;
    size_t size;
} StateImage;

/* What a decode had to do because the image and the schema differ. */
typedef enum StateChangeKind {
    STATE_ADDED,     /* in the schema, not in the image: took its default */
    STATE_DROPPED,   /* in the image, not in the schema: ignored */
    STATE_CONVERTED, /* another type in the image, converted losslessly */
    STATE_RESET,     /* could not be converted (range, type): took its default */
    STATE_TRUNCATED, /* array, list or string longer than the new size: cut */
} StateChangeKind;

typedef struct StateChange {
    StateChangeKind kind;
    char path[96];   /* dotted path, e.g. "player.pos.x" or "enemies[3].hp" */
    char detail[96]; /* e.g. "i32 -> f64", "300 out of range for u8", "8 -> 4 items" */
} StateChange;

#define STATE_REPORT_MAX 64

typedef struct StateReport {
    uint32_t count;   /* changes recorded in `changes` */
    uint32_t dropped; /* changes beyond STATE_REPORT_MAX, counted only */
    uint32_t image_state_version; /* HotGame.state_version the image was written with */
    StateChange changes[STATE_REPORT_MAX];
} StateReport;

/* Allocates state memory for `schema` (aligned, zeroed, defaults applied). NULL on OOM. */
void *state_alloc(const HotSchema *schema);
/* Frees memory from state_alloc. NULL is fine. */
void state_free(void *mem);
/* Sets every field of `mem` to its declared default (transient fields to zero). */
void state_defaults(const HotSchema *schema, void *mem);
/* Zeroes the transient fields, recursively. */
void state_clear_transient(const HotSchema *schema, void *mem);

/* Encodes `mem` described by `schema` into a new image (replacing out's buffer, which
 * must be zeroed or from an earlier encode). Returns 0 or a negative STATE_E code. */
int state_encode(const HotSchema *schema, uint32_t state_version, const void *mem,
                 StateImage *out);
/* Decodes `img` into `mem`, which must already hold defaults. Fields are matched by name
 * and converted as the rules in DESIGN.md say; `report` (may be NULL) lists what changed.
 * On error `mem` is left exactly as it was. Returns 0 or a negative STATE_E code. */
int state_decode(const HotSchema *schema, const StateImage *img, void *mem,
                 StateReport *report);

/* One sentence for a STATE_E code. */
const char *state_strerror(int err);
/* The same, with errno's reason for STATE_EIO ("... (No such file or directory)"). Call it
 * right after the failing call; the text lives until the next call. */
const char *state_error_text(int err);
/* One line for a change, e.g. "player.hp: reset (300 out of range for u8)". */
void state_change_describe(const StateChange *c, char *buf, size_t size);

/* Reads a value at a dotted path of an image ("player.pos.x", "enemies.3.hp"), for the
 * migrate hook. Return false when missing or not of that kind. */
bool state_image_number(const StateImage *img, const char *path, double *out);
bool state_image_string(const StateImage *img, const char *path, char *buf, size_t size);

/* Copies an image (dst is replaced). Returns 0 or STATE_ENOMEM. */
int state_image_copy(StateImage *dst, const StateImage *src);
void state_image_free(StateImage *img);
/* Reads a whole file / writes it atomically (temp file + rename). 0 or negative code. */
int state_image_load(const char *path, StateImage *out);
int state_image_save(const char *path, const StateImage *img);
/* Validates the header and structure of an image without a schema. 0 or negative code. */
int state_image_check(const StateImage *img);
/* Writes an image as JSON (stable key order: as in the image) to `out`. 0 or code. */
int state_image_to_json(const StateImage *img, FILE *out);

/* Writes human-readable "path = value" lines of the live state into buf (NUL-terminated,
 * cut at size), for the inspector overlay. Long arrays show their first items and a count.
 * Returns the number of lines written. */
int state_inspect(const HotSchema *schema, const void *mem, char *buf, size_t size);

#endif
