/* encode.c: state memory -> image. The state map, inside the header of format.h:
 *   - FIELD, ENUM: msgpack bool, float 32/64, or an integer in its fixed-width form
 *     (int8..int64, uint8..uint64), so the image records the exact C type (i16 vs i32) and
 *     a decoder can tell a widened field from an unchanged one. ENUMs are int32.
 *   - STRING: msgpack str, the bytes before the NUL.
 *   - STRUCT: a nested map keyed by field name.
 *   - ARRAY and LIST of scalars: one msgpack ext whose type is the element's HotType
 *     (1..11, char saved as i8 or u8) and whose data is the elements' little-endian bytes,
 *     so a large numeric array is one memcpy each way. A LIST saves its `count` items.
 *   - ARRAY and LIST of structs: a msgpack array of maps.
 *   - Asset handles (a FIELD, or ARRAY and LIST elements in a msgpack array): the asset's
 *     path as a msgpack str, nil for none (handles.h).
 * TRANSIENT fields are never saved.
 *
 * The writer is our own, writing msgpack straight into out's buffer (byte for byte what
 * msgpack-c's packer wrote: fixed-width numbers, the shortest headers), reused from one
 * encode to the next; if growing it fails, the image is left empty (size 0) and
 * STATE_ENOMEM returned. */
#include "state/encode.h"

#include <malloc.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "state/convert.h"

/* Where the writer writes: a buffer that grows as needed, reused from encode to encode. */
typedef struct Sink {
    uint8_t *data;
    size_t size, cap;
    bool failed;
} Sink;

static bool sink_reserve(Sink *s, size_t cap)
{
    uint8_t *data = s->failed ? NULL : realloc(s->data, cap);
    if (!data) {
        s->failed = true;
        return false;
    }
    s->data = data;
    s->cap = malloc_usable_size(data);
    return true;
}

/* Room for n more bytes at the end (NULL once growing failed); the caller adds what it
 * wrote to s->size. Every write goes straight into the buffer: a struct array of 20,000
 * elements is some 300,000 small values, and a call through msgpack-c's packer for each
 * cost more than the values themselves. */
static inline uint8_t *room(Sink *s, size_t n)
{
    if (__builtin_expect(n > s->cap - s->size, 0) &&
        !sink_reserve(s, s->cap * 2 > s->size + n ? s->cap * 2 : s->size + n + 4096))
        return NULL;
    return s->data + s->size;
}

static inline void be16(uint8_t *d, uint16_t v)
{
    v = __builtin_bswap16(v);
    memcpy(d, &v, 2);
}

static inline void be32(uint8_t *d, uint32_t v)
{
    v = __builtin_bswap32(v);
    memcpy(d, &v, 4);
}

static inline void be64(uint8_t *d, uint64_t v)
{
    v = __builtin_bswap64(v);
    memcpy(d, &v, 8);
}

/* A header of a str, map or array: the fix form under `fix` items, else 8 (str only), 16
 * or 32 bits of length, as msgpack-c writes them. */
static void put_head(Sink *s, uint32_t n, uint8_t fix, uint32_t fixmax, uint8_t b8, uint8_t b16,
                     uint8_t b32)
{
    uint8_t *d = room(s, 5);
    if (!d)
        return;
    if (n < fixmax) {
        d[0] = (uint8_t)(fix | n);
        s->size += 1;
    } else if (b8 && n < 256) {
        d[0] = b8;
        d[1] = (uint8_t)n;
        s->size += 2;
    } else if (n < 65536) {
        d[0] = b16;
        be16(d + 1, (uint16_t)n);
        s->size += 3;
    } else {
        d[0] = b32;
        be32(d + 1, n);
        s->size += 5;
    }
}

static void put_map(Sink *s, uint32_t n)
{
    put_head(s, n, 0x80, 16, 0, 0xde, 0xdf);
}

static void put_array(Sink *s, uint32_t n)
{
    put_head(s, n, 0x90, 16, 0, 0xdc, 0xdd);
}

static void put_str(Sink *s, const char *str, size_t len)
{
    put_head(s, (uint32_t)len, 0xa0, 32, 0xd9, 0xda, 0xdb);
    uint8_t *d = room(s, len);
    if (d) {
        memcpy(d, str, len);
        s->size += len;
    }
}

/* An ext of n bytes of type t: the fixext forms for 1, 2, 4, 8 and 16 bytes. */
static void put_ext(Sink *s, const void *data, size_t n, int8_t t)
{
    uint8_t *d = room(s, 6 + n);
    if (!d)
        return;
    size_t h;
    switch (n) {
    case 1: d[0] = 0xd4; h = 1; break;
    case 2: d[0] = 0xd5; h = 1; break;
    case 4: d[0] = 0xd6; h = 1; break;
    case 8: d[0] = 0xd7; h = 1; break;
    case 16: d[0] = 0xd8; h = 1; break;
    default:
        if (n < 256) {
            d[0] = 0xc7;
            d[1] = (uint8_t)n;
            h = 2;
        } else if (n < 65536) {
            d[0] = 0xc8;
            be16(d + 1, (uint16_t)n);
            h = 3;
        } else {
            d[0] = 0xc9;
            be32(d + 1, (uint32_t)n);
            h = 5;
        }
    }
    d[h] = (uint8_t)t;
    memcpy(d + h + 1, data, n);
    s->size += h + 1 + n;
}

/* An asset handle: its path, or nil. */
static void enc_handle(Sink *s, HotType t, const uint8_t *p)
{
    uint32_t id;
    memcpy(&id, p, 4);
    const char *path = state_handle_path(t, id);
    if (path) {
        put_str(s, path, strlen(path));
        return;
    }
    uint8_t *d = room(s, 1);
    if (d) {
        d[0] = 0xc0;
        s->size += 1;
    }
}

/* One scalar in its fixed-width form, so the image records the exact C type. */
static void enc_scalar(Sink *s, HotType t, const uint8_t *p)
{
    if (state_is_handle(t)) {
        enc_handle(s, t, p);
        return;
    }
    uint8_t *d = room(s, 9);
    if (!d)
        return;
    switch (state_plain(t)) {
    case HOT_BOOL:
        d[0] = *p ? 0xc3 : 0xc2;
        s->size += 1;
        return;
    case HOT_I8:
    case HOT_U8:
        d[0] = state_plain(t) == HOT_I8 ? 0xd0 : 0xcc;
        d[1] = *p;
        s->size += 2;
        return;
    case HOT_I16:
    case HOT_U16: {
        uint16_t v;
        memcpy(&v, p, 2);
        d[0] = state_plain(t) == HOT_I16 ? 0xd1 : 0xcd;
        be16(d + 1, v);
        s->size += 3;
        return;
    }
    case HOT_I32:
    case HOT_U32:
    case HOT_F32: {
        uint32_t v;
        memcpy(&v, p, 4);
        d[0] = t == HOT_I32 ? 0xd2 : t == HOT_U32 ? 0xce : 0xca;
        be32(d + 1, v);
        s->size += 5;
        return;
    }
    case HOT_I64:
    case HOT_U64:
    case HOT_F64: {
        uint64_t v;
        memcpy(&v, p, 8);
        d[0] = t == HOT_I64 ? 0xd3 : t == HOT_U64 ? 0xcf : 0xcb;
        be64(d + 1, v);
        s->size += 9;
        return;
    }
    default:
        d[0] = 0xc0; /* nil: a checked schema has no other scalar */
        s->size += 1;
    }
}

static void enc_struct(Sink *s, const HotSchema *schema, const uint8_t *base);

static void enc_field(Sink *s, const HotField *f, const uint8_t *base)
{
    const uint8_t *p = base + f->offset;
    switch (f->kind) {
    case HOT_KIND_FIELD:
        enc_scalar(s, f->type->type, p);
        break;
    case HOT_KIND_ENUM:
        enc_scalar(s, HOT_I32, p);
        break;
    case HOT_KIND_STRING:
        put_str(s, (const char *)p, strnlen((const char *)p, f->count - 1));
        break;
    case HOT_KIND_STRUCT:
        enc_struct(s, f->type, p);
        break;
    default: { /* ARRAY, LIST */
        uint32_t n = f->kind == HOT_KIND_LIST ? state_list_count(f, base) : f->count;
        const HotSchema *t = f->type;
        if (t->type == HOT_STRUCT) {
            put_array(s, n);
            for (uint32_t i = 0; i < n; i++)
                enc_struct(s, t, p + (size_t)i * t->size);
        } else if (state_is_handle(t->type)) {
            put_array(s, n);
            for (uint32_t i = 0; i < n; i++)
                enc_handle(s, t->type, p + (size_t)i * 4);
        } else {
            put_ext(s, p, (size_t)n * state_types[t->type].size, (int8_t)state_plain(t->type));
        }
    }
    }
}

static void enc_struct(Sink *s, const HotSchema *schema, const uint8_t *base)
{
    uint32_t n = 0, kept = 0;
    const HotField *f = schema->fields(&n);
    for (uint32_t i = 0; i < n; i++)
        kept += f[i].kind != HOT_KIND_TRANSIENT;
    put_map(s, kept);
    for (uint32_t i = 0; i < n; i++) {
        if (f[i].kind == HOT_KIND_TRANSIENT)
            continue;
        put_str(s, f[i].name, strlen(f[i].name));
        enc_field(s, &f[i], base);
    }
}

/* An unsigned number in its smallest form (the header's version numbers). */
static void put_uint(Sink *s, uint32_t v)
{
    uint8_t *d = room(s, 5);
    if (!d)
        return;
    if (v < 128) {
        d[0] = (uint8_t)v;
        s->size += 1;
    } else if (v < 256) {
        d[0] = 0xcc;
        d[1] = (uint8_t)v;
        s->size += 2;
    } else if (v < 65536) {
        d[0] = 0xcd;
        be16(d + 1, (uint16_t)v);
        s->size += 3;
    } else {
        d[0] = 0xce;
        be32(d + 1, v);
        s->size += 5;
    }
}

int state_layout_encode(const StateLayout *l, const StateStamp *stamp, const void *mem,
                        StateImage *out)
{
    const HotSchema *schema = l->schema;
    if (!schema)
        return STATE_ESCHEMA;
    const char *game = stamp->game ? stamp->game : "";
    /* The buffer is reused, so a steady state allocates nothing. A state of numbers
     * needs about its own size: reserve that at once rather than double up to it. */
    Sink sink = {out->data, 0, out->data ? malloc_usable_size(out->data) : 0, false};
    if (sink.cap < schema->size + 256)
        sink_reserve(&sink, schema->size + schema->size / 8 + 256);
    put_map(&sink, 5);
    put_str(&sink, "hotrun", 6);
    put_uint(&sink, STATE_FORMAT_VERSION);
    put_str(&sink, "version", 7);
    put_uint(&sink, stamp->state_version);
    put_str(&sink, "game", 4);
    put_str(&sink, game, strnlen(game, sizeof(((StateImageInfo *)0)->game) - 1));
    put_str(&sink, "schema", 6);
    uint8_t *d = room(&sink, 9);
    if (d) {
        d[0] = 0xcf;
        be64(d + 1, l->fingerprint);
        sink.size += 9;
    }
    put_str(&sink, "state", 5);
    enc_struct(&sink, schema, mem);
    out->data = sink.data;
    out->size = sink.failed ? 0 : sink.size;
    return sink.failed ? STATE_ENOMEM : 0;
}

int state_encode(const HotSchema *schema, uint32_t state_version, const void *mem,
                 StateImage *out)
{
    StateLayout l;
    int rc = state_layout_check(schema, &l);
    if (rc)
        return rc;
    StateStamp stamp = {state_version, NULL};
    return state_layout_encode(&l, &stamp, mem, out);
}
