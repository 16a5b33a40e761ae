/* decode.h: an image read into the game's state memory by its current schema: fields
 * matched by name, converted or reset by the evolution rules, and the report of what had to
 * change. */
#ifndef HOTRUN_STATE_DECODE_H
#define HOTRUN_STATE_DECODE_H

#include <stddef.h>
#include <stdint.h>

#include "state/image.h"
#include "state/schema.h"

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

/* Decodes `img` into `mem` laid out by a checked layout; `mem` must already hold defaults.
 * Fields are matched by name and converted as the rules in DESIGN.md say; `report` (may be
 * NULL) lists what changed. On error `mem` is left exactly as it was. Returns 0 or a
 * negative STATE_E code. */
int state_layout_decode(const StateLayout *l, const StateImage *img, void *mem,
                        StateReport *report);
/* The same into memory that holds nothing yet (state_layout_block): every byte a decode
 * defines is written, the items of a list past its count take their defaults too, so the
 * memory needs no defaults first (a swap of a 64 MiB state writes it once, not twice). On
 * failure mem gets the defaults. */
int state_layout_decode_whole(const StateLayout *l, const StateImage *img, void *mem,
                              StateReport *report);
/* The same for an unchecked schema (checked first: STATE_ESCHEMA). */
int state_decode(const HotSchema *schema, const StateImage *img, void *mem,
                 StateReport *report);
/* One line for a change, e.g. "player.hp: reset (300 out of range for u8)". */
void state_change_describe(const StateChange *c, char *buf, size_t size);

#endif
