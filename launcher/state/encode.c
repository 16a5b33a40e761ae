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
 * TRANSIENT fields are never saved.
 *
 * The writer is msgpack-c's packer writing into out's buffer, which is reused from one
 * encode to the next; if growing it fails, the image is left empty (size 0) and
 * STATE_ENOMEM returned. */
#include "state/encode.h"

#include <malloc.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <msgpack.h>

#include "state/convert.h"

/* Where the packer writes: a buffer that grows as needed, reused from encode to encode. */
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

static int sink_write(void *ctx, const char *buf, size_t len)
{
    Sink *s = ctx;
    if (len > s->cap - s->size &&
        !sink_reserve(s, s->cap * 2 > s->size + len ? s->cap * 2 : s->size + len + 4096))
        return -1;
    if (len <= 8) /* most writes are a type byte and a few bytes of value */
        for (size_t i = 0; i < len; i++)
            s->data[s->size + i] = (uint8_t)buf[i];
    else
        memcpy(s->data + s->size, buf, len);
    s->size += len;
    return 0;
}

static void pack_name(msgpack_packer *pk, const char *s, size_t len)
{
    msgpack_pack_str(pk, len);
    msgpack_pack_str_body(pk, s, len);
}

static void enc_scalar(msgpack_packer *pk, HotType t, const uint8_t *p)
{
    Num n = state_load(t, p);
    switch (n.type) {
    case HOT_BOOL:
        n.u ? msgpack_pack_true(pk) : msgpack_pack_false(pk);
        break;
    case HOT_I8:
        msgpack_pack_fix_int8(pk, (int8_t)n.i);
        break;
    case HOT_I16:
        msgpack_pack_fix_int16(pk, (int16_t)n.i);
        break;
    case HOT_I32:
        msgpack_pack_fix_int32(pk, (int32_t)n.i);
        break;
    case HOT_I64:
        msgpack_pack_fix_int64(pk, n.i);
        break;
    case HOT_U8:
        msgpack_pack_fix_uint8(pk, (uint8_t)n.u);
        break;
    case HOT_U16:
        msgpack_pack_fix_uint16(pk, (uint16_t)n.u);
        break;
    case HOT_U32:
        msgpack_pack_fix_uint32(pk, (uint32_t)n.u);
        break;
    case HOT_U64:
        msgpack_pack_fix_uint64(pk, n.u);
        break;
    case HOT_F32:
        msgpack_pack_float(pk, (float)n.f);
        break;
    case HOT_F64:
        msgpack_pack_double(pk, n.f);
        break;
    default:
        msgpack_pack_nil(pk);
    }
}

static void enc_struct(msgpack_packer *pk, const HotSchema *s, const uint8_t *base);

static void enc_field(msgpack_packer *pk, const HotField *f, const uint8_t *base)
{
    const uint8_t *p = base + f->offset;
    switch (f->kind) {
    case HOT_KIND_FIELD:
        enc_scalar(pk, f->type->type, p);
        break;
    case HOT_KIND_ENUM:
        enc_scalar(pk, HOT_I32, p);
        break;
    case HOT_KIND_STRING:
        pack_name(pk, (const char *)p, strnlen((const char *)p, f->count - 1));
        break;
    case HOT_KIND_STRUCT:
        enc_struct(pk, f->type, p);
        break;
    default: { /* ARRAY, LIST */
        uint32_t n = f->kind == HOT_KIND_LIST ? state_list_count(f, base) : f->count;
        const HotSchema *t = f->type;
        if (t->type == HOT_STRUCT) {
            msgpack_pack_array(pk, n);
            for (uint32_t i = 0; i < n; i++)
                enc_struct(pk, t, p + (size_t)i * t->size);
        } else {
            size_t bytes = (size_t)n * state_types[t->type].size;
            msgpack_pack_ext(pk, bytes, (int8_t)state_plain(t->type));
            msgpack_pack_ext_body(pk, p, bytes);
        }
    }
    }
}

static void enc_struct(msgpack_packer *pk, const HotSchema *s, const uint8_t *base)
{
    uint32_t n = 0, kept = 0;
    const HotField *f = s->fields(&n);
    for (uint32_t i = 0; i < n; i++)
        kept += f[i].kind != HOT_KIND_TRANSIENT;
    msgpack_pack_map(pk, kept);
    for (uint32_t i = 0; i < n; i++) {
        if (f[i].kind == HOT_KIND_TRANSIENT)
            continue;
        pack_name(pk, f[i].name, strlen(f[i].name));
        enc_field(pk, &f[i], base);
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
    msgpack_packer pk;
    msgpack_packer_init(&pk, &sink, sink_write);
    msgpack_pack_map(&pk, 5);
    pack_name(&pk, "hotrun", 6);
    msgpack_pack_uint32(&pk, STATE_FORMAT_VERSION);
    pack_name(&pk, "version", 7);
    msgpack_pack_uint32(&pk, stamp->state_version);
    pack_name(&pk, "game", 4);
    pack_name(&pk, game, strnlen(game, sizeof(((StateImageInfo *)0)->game) - 1));
    pack_name(&pk, "schema", 6);
    msgpack_pack_fix_uint64(&pk, l->fingerprint);
    pack_name(&pk, "state", 5);
    enc_struct(&pk, schema, mem);
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
