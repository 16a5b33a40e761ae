/* encode.c: state memory -> image. The state map, inside the header of format.h:
 *   - FIELD, ENUM: msgpack bool, float 32/64, or an integer in its fixed-width form
 *     (int8..int64, uint8..uint64), so the image records the exact C type (i16 vs i32) and
 *     a decoder can tell a widened field from an unchanged one. ENUMs are int32.
 *   - STRING: msgpack str, the bytes before the NUL.
 *   - STRUCT: a nested map keyed by field name.
 *   - ARRAY and LIST of scalars: one msgpack ext whose type is the element's HotType
 *     (1..11, char saved as i8 or u8) and whose data is the elements' little-endian bytes,
 *     so a large numeric array is one memcpy each way. A LIST saves its `count` items.
 *   - ARRAY and LIST of structs: a msgpack array of maps; in a packed image, a table
 *     (table.h: the rows as in memory after a description of their fields) when the
 *     struct holds only numbers, strings and structs of those.
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
#include "state/cursor.h"
#include "state/format.h"
#include "state/sink.h"
#include "state/table.h"

/* An asset handle: its path, or nil. */
static void enc_handle(Sink *s, HotType t, const uint8_t *p)
{
    uint32_t id;
    memcpy(&id, p, 4);
    const char *path = state_handle_path(t, id);
    if (path)
        sink_str(s, path, strlen(path));
    else
        sink_nil(s);
}

/* One scalar in its fixed-width form, so the image records the exact C type. */
static void enc_scalar(Sink *s, HotType t, const uint8_t *p)
{
    if (state_is_handle(t))
        enc_handle(s, t, p);
    else
        sink_scalar(s, state_plain(t), p);
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
        sink_str(s, (const char *)p, strnlen((const char *)p, f->count - 1));
        break;
    case HOT_KIND_STRUCT:
        enc_struct(s, f->type, p);
        break;
    default: { /* ARRAY, LIST */
        uint32_t n = f->kind == HOT_KIND_LIST ? state_list_count(f, base) : f->count;
        const HotSchema *t = f->type;
        if (t->type == HOT_STRUCT && s->tables && (uint64_t)n * t->size < UINT32_MAX / 2 &&
            table_fits(t)) {
            table_put(s, t, p, n);
        } else if (t->type == HOT_STRUCT) {
            sink_array(s, n);
            for (uint32_t i = 0; i < n; i++)
                enc_struct(s, t, p + (size_t)i * t->size);
        } else if (state_is_handle(t->type)) {
            sink_array(s, n);
            for (uint32_t i = 0; i < n; i++)
                enc_handle(s, t->type, p + (size_t)i * 4);
        } else {
            sink_ext(s, p, (size_t)n * state_types[t->type].size, (int8_t)state_plain(t->type));
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
    sink_map(s, kept);
    for (uint32_t i = 0; i < n; i++) {
        if (f[i].kind == HOT_KIND_TRANSIENT)
            continue;
        sink_str(s, f[i].name, strlen(f[i].name));
        enc_field(s, &f[i], base);
    }
}

static int encode(const StateLayout *l, const StateStamp *stamp, const void *mem,
                  StateImage *out, bool packed)
{
    const HotSchema *schema = l->schema;
    if (!schema)
        return STATE_ESCHEMA;
    const char *game = stamp->game ? stamp->game : "";
    /* The buffer is reused, so a steady state allocates nothing. A state of numbers
     * needs about its own size: reserve that at once rather than double up to it. */
    Sink sink = {out->data, 0, out->data ? malloc_usable_size(out->data) : 0, false, packed};
    if (sink.cap < schema->size + 256)
        sink_reserve(&sink, schema->size + schema->size / 8 + 256);
    sink_map(&sink, packed ? 6 : 5);
    sink_str(&sink, "hotrun", 6);
    sink_uint(&sink, STATE_FORMAT_VERSION);
    sink_str(&sink, "version", 7);
    sink_uint(&sink, stamp->state_version);
    sink_str(&sink, "game", 4);
    sink_str(&sink, game, strnlen(game, sizeof(((StateImageInfo *)0)->game) - 1));
    sink_str(&sink, "schema", 6);
    uint8_t *d = sink_room(&sink, 9);
    if (d) {
        d[0] = 0xcf;
        sink_be64(d + 1, l->fingerprint);
        sink.size += 9;
    }
    if (packed) {
        sink_str(&sink, "packed", 6);
        uint8_t *t = sink_room(&sink, 9);
        if (t) {
            t[0] = 0xcf;
            sink_be64(t + 1, table_token());
            sink.size += 9;
        }
    }
    sink_str(&sink, "state", 5);
    enc_struct(&sink, schema, mem);
    out->data = sink.data;
    out->size = sink.failed ? 0 : sink.size;
    return sink.failed ? STATE_ENOMEM : 0;
}

int state_layout_encode(const StateLayout *l, const StateStamp *stamp, const void *mem,
                        StateImage *out)
{
    return encode(l, stamp, mem, out, false);
}

int state_layout_pack(const StateLayout *l, const StateStamp *stamp, const void *mem,
                      StateImage *out)
{
    return encode(l, stamp, mem, out, true);
}

/* Copies the item at c, its tables written as the arrays of maps they stand for. */
static int copy_item(Sink *s, Cur *c)
{
    const uint8_t *at = c->p;
    Val v;
    if (cur_read(c, &v))
        return -1;
    if (v.tag == V_EXT && v.ext == TABLE_EXT) {
        Table t;
        if (table_open(v.data, v.len, &t))
            return -1;
        sink_array(s, t.n);
        for (uint32_t i = 0; i < t.n; i++)
            table_row_put(s, &t, i);
        return 0;
    }
    uint8_t *d = sink_room(s, (size_t)(c->p - at)); /* a container: its header */
    if (d) {
        memcpy(d, at, (size_t)(c->p - at));
        s->size += (size_t)(c->p - at);
    }
    uint64_t items = v.tag == V_MAP ? 2ull * v.len : v.tag == V_ARRAY ? v.len : 0;
    for (uint64_t i = 0; i < items; i++)
        if (copy_item(s, c))
            return -1;
    return 0;
}

int state_image_portable(const StateImage *img, StateImage *out)
{
    if (!image_packed(img->data, img->size))
        return state_image_copy(out, img);
    Image im;
    int rc = image_open(img, &im);
    if (rc)
        return rc;
    Sink sink = {out->data, 0, out->data ? malloc_usable_size(out->data) : 0, false, false};
    Cur c = {img->data, img->data + img->size};
    Val top, key;
    if (cur_read(&c, &top) || top.tag != V_MAP)
        return STATE_ECORRUPT;
    sink_map(&sink, top.len - 1); /* without "packed" */
    for (uint32_t i = 0; i < top.len; i++) {
        Cur at = c;
        if (cur_read(&c, &key))
            return STATE_ECORRUPT;
        if (cur_str_is(&key, "packed")) {
            if (cur_skip(&c))
                return STATE_ECORRUPT;
            continue;
        }
        c = at;
        if (copy_item(&sink, &c) || copy_item(&sink, &c))
            return STATE_ECORRUPT;
    }
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
