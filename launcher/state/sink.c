/* sink.c: the msgpack writer of the encoders (sink.h). */
#include "state/sink.h"

#include <malloc.h>
#include <stdlib.h>

#include "state/convert.h"

bool sink_reserve(Sink *s, size_t cap)
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

/* A header of a str, map or array: the fix form under `fix` items, else 8 (str only), 16
 * or 32 bits of length, as msgpack-c writes them. */
static void put_head(Sink *s, uint32_t n, uint8_t fix, uint32_t fixmax, uint8_t b8, uint8_t b16,
                     uint8_t b32)
{
    uint8_t *d = sink_room(s, 5);
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
        sink_be16(d + 1, (uint16_t)n);
        s->size += 3;
    } else {
        d[0] = b32;
        sink_be32(d + 1, n);
        s->size += 5;
    }
}

void sink_map(Sink *s, uint32_t n)
{
    put_head(s, n, 0x80, 16, 0, 0xde, 0xdf);
}

void sink_array(Sink *s, uint32_t n)
{
    put_head(s, n, 0x90, 16, 0, 0xdc, 0xdd);
}

void sink_str(Sink *s, const char *str, size_t len)
{
    put_head(s, (uint32_t)len, 0xa0, 32, 0xd9, 0xda, 0xdb);
    uint8_t *d = sink_room(s, len);
    if (d) {
        memcpy(d, str, len);
        s->size += len;
    }
}

void sink_nil(Sink *s)
{
    uint8_t *d = sink_room(s, 1);
    if (d) {
        d[0] = 0xc0;
        s->size += 1;
    }
}

void sink_uint(Sink *s, uint32_t v)
{
    uint8_t *d = sink_room(s, 5);
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
        sink_be16(d + 1, (uint16_t)v);
        s->size += 3;
    } else {
        d[0] = 0xce;
        sink_be32(d + 1, v);
        s->size += 5;
    }
}

uint8_t *sink_ext_head(Sink *s, size_t n, int8_t t)
{
    uint8_t *d = sink_room(s, 6 + n);
    if (!d)
        return NULL;
    size_t h;
    switch (n) {
    case 1:
        d[0] = 0xd4;
        h = 1;
        break;
    case 2:
        d[0] = 0xd5;
        h = 1;
        break;
    case 4:
        d[0] = 0xd6;
        h = 1;
        break;
    case 8:
        d[0] = 0xd7;
        h = 1;
        break;
    case 16:
        d[0] = 0xd8;
        h = 1;
        break;
    default:
        if (n < 256) {
            d[0] = 0xc7;
            d[1] = (uint8_t)n;
            h = 2;
        } else if (n < 65536) {
            d[0] = 0xc8;
            sink_be16(d + 1, (uint16_t)n);
            h = 3;
        } else {
            d[0] = 0xc9;
            sink_be32(d + 1, (uint32_t)n);
            h = 5;
        }
    }
    d[h] = (uint8_t)t;
    s->size += h + 1 + n;
    return d + h + 1;
}

void sink_ext(Sink *s, const void *data, size_t n, int8_t t)
{
    uint8_t *d = sink_ext_head(s, n, t);
    if (d)
        memcpy(d, data, n);
}

void sink_scalar(Sink *s, HotType t, const uint8_t *p)
{
    uint8_t *d = sink_room(s, 9);
    if (!d)
        return;
    switch (t) {
    case HOT_BOOL:
        d[0] = *p ? 0xc3 : 0xc2;
        s->size += 1;
        return;
    case HOT_I8:
    case HOT_U8:
        d[0] = t == HOT_I8 ? 0xd0 : 0xcc;
        d[1] = *p;
        s->size += 2;
        return;
    case HOT_I16:
    case HOT_U16: {
        uint16_t v;
        memcpy(&v, p, 2);
        d[0] = t == HOT_I16 ? 0xd1 : 0xcd;
        sink_be16(d + 1, v);
        s->size += 3;
        return;
    }
    case HOT_I32:
    case HOT_U32:
    case HOT_F32: {
        uint32_t v;
        memcpy(&v, p, 4);
        d[0] = t == HOT_I32 ? 0xd2 : t == HOT_U32 ? 0xce : 0xca;
        sink_be32(d + 1, v);
        s->size += 5;
        return;
    }
    case HOT_I64:
    case HOT_U64:
    case HOT_F64: {
        uint64_t v;
        memcpy(&v, p, 8);
        d[0] = t == HOT_I64 ? 0xd3 : t == HOT_U64 ? 0xcf : 0xcb;
        sink_be64(d + 1, v);
        s->size += 9;
        return;
    }
    default:
        d[0] = 0xc0; /* nil: a checked schema has no other scalar */
        s->size += 1;
    }
}
