/* rewind.h: the rewind history: a keyframe image every K frames plus every frame's recorded
 * input, bounded by age and memory. Seeking restores the keyframe at or before the target
 * and re-runs the frames in between, so a frame costs one recorded input and every K-th
 * frame one packed image (encode.h: an array of structs is one memcpy), written into the
 * buffer of a forgotten keyframe or one whose pages were touched on another thread. */
#ifndef HOTRUN_REWIND_H
#define HOTRUN_REWIND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/record.h"

typedef struct History {
    Recording *seg;     /* segments, oldest first; each starts at a keyframe */
    size_t count, cap;
    unsigned every;     /* K: frames per segment */
    size_t max_bytes;   /* memory budget */
    uint64_t max_frames; /* age limit, in frames */
    size_t bytes;       /* what the closed segments hold (the open one is added on top) */
    bool cut;           /* the state jumped: the next frame starts a segment */
    StateImage spare;   /* a forgotten keyframe's buffer, for the next keyframe */
} History;

void history_init(History *hs, unsigned every, size_t max_bytes, uint64_t max_frames);
void history_free(History *hs);
/* False when the history is off, or a state of `state_size` bytes is too big for it: a
 * keyframe over a quarter of the budget would leave a history of one or two keyframes for
 * the price of an image every second (--history-mb raises the budget). */
bool history_takes(const History *hs, size_t state_size);
/* True when the next frame starts a segment (its keyframe is needed first). */
bool history_wants_keyframe(const History *hs);
/* Starts a segment at this keyframe, taking image's buffer; drops the oldest ones past the
 * limits. image gets the buffer of a forgotten keyframe to pack the next one into (or is
 * left empty). */
void history_add_keyframe(History *hs, StateImage *image, uint64_t frame, double time,
                          const uint64_t rng[2], const Input *input);
/* Records a frame in the current segment (none while a jump waits for its keyframe). */
void history_add_frame(History *hs, const Input *input, float dt, double time);
void history_add_edit(History *hs, const char *path, const char *value);
/* Frames [*first, *last] can be sought (false when the history is empty). */
bool history_span(const History *hs, uint64_t *first, uint64_t *last);
/* The segment holding `frame`, or NULL. */
const Recording *history_find(const History *hs, uint64_t frame);
/* Forgets everything after `frame` (the future after a rewind). */
void history_truncate(History *hs, uint64_t frame);
/* The state jumped (a loop restarted, a quickload): the next frame needs a keyframe. */
void history_cut(History *hs);
/* Bytes held. */
size_t history_bytes(const History *hs);

#endif
