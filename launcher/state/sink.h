/* sink.h: the msgpack writer of the encoders: a buffer that grows as needed, reused from
 * one encode to the next, written straight into (byte for byte what msgpack-c's packer
 * writes: fixed-width numbers, the shortest headers). Once growing fails the sink is
 * `failed` and every later write is dropped. Internal to state/. */
#ifndef HOTRUN_STATE_SINK_H
#define HOTRUN_STATE_SINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "hot.h"

typedef struct Sink {
    uint8_t *data;
    size_t size, cap;
    bool failed;
    bool tables; /* a packed image: arrays of structs that fit go as tables (table.h) */
} Sink;

/* Grows the buffer to at least cap bytes; false (and failed) when it cannot. */
bool sink_reserve(Sink *s, size_t cap);

/* Room for n more bytes at the end (NULL once growing failed); the caller adds what it
 * wrote to s->size. Every write goes straight into the buffer: a struct array of 20,000
 * elements is some 300,000 small values, and a call through msgpack-c's packer for each
 * cost more than the values themselves. */
static inline uint8_t *sink_room(Sink *s, size_t n)
{
    if (__builtin_expect(n > s->cap - s->size, 0) &&
        !sink_reserve(s, s->cap * 2 > s->size + n ? s->cap * 2 : s->size + n + 4096))
        return NULL;
    return s->data + s->size;
}

static inline void sink_be16(uint8_t *d, uint16_t v)
{
    v = __builtin_bswap16(v);
    memcpy(d, &v, 2);
}

static inline void sink_be32(uint8_t *d, uint32_t v)
{
    v = __builtin_bswap32(v);
    memcpy(d, &v, 4);
}

static inline void sink_be64(uint8_t *d, uint64_t v)
{
    v = __builtin_bswap64(v);
    memcpy(d, &v, 8);
}

void sink_map(Sink *s, uint32_t n);
void sink_array(Sink *s, uint32_t n);
void sink_str(Sink *s, const char *str, size_t len);
void sink_nil(Sink *s);
/* An unsigned number in its smallest form (the header's version numbers). */
void sink_uint(Sink *s, uint32_t v);
/* The header of an ext of n bytes of type t (the fixext forms for 1, 2, 4, 8 and 16
 * bytes); the caller writes the n bytes. NULL once growing failed, else where they go
 * (room for them is reserved, and counted in s->size). */
uint8_t *sink_ext_head(Sink *s, size_t n, int8_t t);
void sink_ext(Sink *s, const void *data, size_t n, int8_t t);
/* A number of plain type t (bool, i8..u64, f32, f64) at p in its fixed-width form, so the
 * image records the exact C type; anything else is written as nil. */
void sink_scalar(Sink *s, HotType t, const uint8_t *p);

#endif
