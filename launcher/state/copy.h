/* copy.h: in-process copies of the state memory, for the rollback snapshot taken after
 * every good frame. A copy is a plain memcpy, tagged with the layout it was taken with, and
 * is only ever restored into memory of that same layout (StateLayout.memory) in the same
 * process: what leaves the process or crosses a swap to other code is an image
 * (encode.h), encoded by the old schema and decoded by the new one. */
#ifndef HOTRUN_STATE_COPY_H
#define HOTRUN_STATE_COPY_H

#include <stddef.h>
#include <stdint.h>

#include "state/schema.h"

typedef struct StateCopy {
    uint8_t *data;   /* owned; reused from one copy to the next */
    size_t size, cap;
    uint64_t memory; /* StateLayout.memory of the layout it was taken with; 0: empty */
} StateCopy;

/* Copies `mem`, laid out by l, into out (its buffer reused: a steady state allocates
 * nothing). 0, or STATE_ENOMEM (out is then empty) or STATE_ESCHEMA (no layout). */
int state_copy_take(const StateLayout *l, const void *mem, StateCopy *out);
/* Puts a copy back into `mem`, laid out by l, with the transient fields zeroed as after a
 * decode. 0, or STATE_ESCHEMA when the copy is empty or of another layout (mem is then
 * untouched). */
int state_copy_restore(const StateLayout *l, const StateCopy *c, void *mem);
/* Empties a copy: nothing to restore (the buffer is kept for the next one). */
void state_copy_clear(StateCopy *c);
void state_copy_free(StateCopy *c);

#endif
