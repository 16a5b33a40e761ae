/* record.h: recordings: an image to start from plus, for every frame, what the host gave
 * the game (the whole Input snapshot, as a diff from the frame before; the frame time; the
 * game clock) and the host's edits of the state. (image, recording) replays the same frames.
 * Used by record-and-loop, --record/--replay, the rewind history and replay on reload. */
#ifndef HOTRUN_RECORD_H
#define HOTRUN_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "platform/input.h"
#include "state/state.h"
#include "util/error.h"

/* Where a recording starts: the state and what the host keeps beside it. */
typedef struct RecStart {
    StateImage image;  /* owned */
    uint64_t frame;    /* frames the game had run (api->frame_count) */
    double time;       /* the game clock (api->time) */
    uint64_t rng[2];   /* the random generator */
    Input input;       /* the input of the frame before (what "pressed" compares with) */
} RecStart;

/* One recorded frame. Its input is a diff from the previous frame's, in the blob. */
typedef struct RecFrame {
    float dt;
    double time;
    uint32_t at, len;       /* the input diff: blob[at .. at+len) */
    uint32_t edits_at, edits_len; /* edits applied before this frame: "path\0value\0"... */
} RecFrame;

typedef struct Recording {
    RecStart start;
    RecFrame *frames;
    size_t count, cap;
    uint8_t *blob;   /* input diffs and edits of every frame */
    size_t blob_len, blob_cap;
    Input last;      /* the input of the last frame appended (the next diff's base) */
    char *pending;   /* edits made since the last frame, recorded with the next one */
    size_t pending_len;
} Recording;

/* Starts an empty recording at `start` (the image is copied). 0 or ERR_NOMEM. */
int record_begin(Recording *r, const StateImage *image, uint64_t frame, double time,
                 const uint64_t rng[2], const Input *input);
/* The same, taking the image's buffer (image is left empty): no copy. */
void record_begin_take(Recording *r, StateImage *image, uint64_t frame, double time,
                       const uint64_t rng[2], const Input *input);
/* Appends a frame: the input the game sees in it, its dt and game clock. */
void record_frame(Recording *r, const Input *input, float dt, double time);
/* Records an edit of the state (an inspector change): applied before the next frame. */
void record_edit(Recording *r, const char *path, const char *value);
void record_free(Recording *r);
/* Keeps the first `count` frames. */
void record_truncate(Recording *r, size_t count);
/* Bytes the recording holds (image, frames, diffs). */
size_t record_bytes(const Recording *r);

/* Reading a recording frame by frame. */
typedef struct RecCursor {
    const Recording *r;
    size_t next;  /* the frame next() returns */
    Input input;  /* the input of the frame last returned */
} RecCursor;
void rec_cursor_start(RecCursor *c, const Recording *r);
/* The next frame: its input (into *input), dt, time, and its edits (a "path\0value\0..."
 * list of edits_len bytes, or NULL). False at the end. */
bool rec_cursor_next(RecCursor *c, Input *input, const RecFrame **frame, const char **edits);

/* Files (format in record.c). 0 or a negative ERR_ code with one sentence. */
int record_save(const Recording *r, const char *path, Err *err);
int record_load(Recording *r, const char *path, Err *err);

/* The input as a recording keeps it: the host's own keys and the window's close removed. */
void record_game_input(const Input *live, Input *out);
/* `played` over the live input: the game's part from the recording, the host's part (its
 * keys, quit) from the keyboard. */
void record_apply_input(Input *live, const Input *played);

#endif
