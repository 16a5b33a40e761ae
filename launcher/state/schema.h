/* schema.h: a game's state schema, checked once, and the state memory it lays out.
 *
 * A HotSchema comes from the game library (its field tables are static data there). It is
 * checked once when a library loads (state_layout_check): offsets inside their structs,
 * kinds and types consistent, nesting bounded. The checked StateLayout is what encode,
 * decode, snapshots and the inspector take, so the per-frame paths check nothing again.
 * A layout borrows the schema: it is valid while the library that holds it is loaded. */
#ifndef HOTRUN_STATE_SCHEMA_H
#define HOTRUN_STATE_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hot.h"

/* Nested structs a schema may have: C cannot make a cycle, this catches a bad table. */
#define STATE_SCHEMA_DEPTH 32

/* A schema that passed the check, with what the other modules need to know about it. */
typedef struct StateLayout {
    const HotSchema *schema; /* NULL until checked */
    uint32_t need;           /* field flags a decode holds at once (the deepest path's sum) */
    uint64_t fingerprint;    /* the saved shape: names, kinds, element types and counts */
    uint64_t memory;         /* the memory layout too: sizes, offsets, transient fields */
} StateLayout;

/* Checks `schema` and fills *out. 0, or STATE_ESCHEMA (out is emptied: its schema is NULL,
 * which every function taking a layout refuses or ignores). */
int state_layout_check(const HotSchema *schema, StateLayout *out);

/* The bytes to allocate for state memory (or a copy of it) of `size`: a big one gets a
 * quarter more, never touched until needed, so that a swap to a layout that grew a little
 * (a field added to a million structs) decodes into the same, already mapped pages. */
size_t state_block_size(size_t size);
/* Allocates state memory for a checked layout (aligned, zeroed, defaults applied). NULL
 * when out of memory or the schema's alignment is not a power of two. */
void *state_layout_alloc(const StateLayout *l);
/* State memory for l with its defaults, in the block `mem` (from an alloc of another
 * layout, or NULL) when it fits, so that a big state's swap does not fault in fresh pages;
 * else mem is freed and a new block allocated. NULL when out of memory. */
void *state_layout_reuse(const StateLayout *l, void *mem);
/* The same block, its bytes left as they are (no defaults): for a decode that writes it
 * whole (state_layout_decode_whole), so a big state is not written twice in a swap. */
void *state_layout_block(const StateLayout *l, void *mem);
/* Sets every field of `mem` to its declared default (transient fields to zero). */
void state_layout_defaults(const StateLayout *l, void *mem);
/* Zeroes the transient fields, recursively. */
void state_layout_clear_transient(const StateLayout *l, void *mem);

/* The same for an unchecked schema: each checks it first (NULL or nothing done when it is
 * unusable). For tools and tests; the host keeps a StateLayout. */
void *state_alloc(const HotSchema *schema);
void state_defaults(const HotSchema *schema, void *mem);
void state_clear_transient(const HotSchema *schema, void *mem);
/* Frees memory from state_alloc or state_layout_alloc. NULL is fine. */
void state_free(void *mem);

/* For state/'s modules, on checked schemas only. */
size_t state_elem_size(const HotSchema *t);
/* A LIST's count as stored at its struct `base`, capped at its capacity. */
uint32_t state_list_count(const HotField *f, const uint8_t *base);
/* Sets n elements of type t at p to their defaults: zero, or the struct's defaults. */
void state_fill_defaults(const HotSchema *t, uint8_t *p, size_t n);
/* The field f of the struct at base takes its default. */
void state_field_default(const HotField *f, uint8_t *base);
void state_struct_defaults(const HotSchema *s, uint8_t *p);

#endif
