/* state.c: the game's state memory, laid out by a HotSchema, and its msgpack image.
 *
 * Image format, version 1 (STATE_FORMAT_VERSION). An image is one msgpack map:
 *
 *     { "hotrun": 1,          always the first key: the magic and the format version
 *       "version": <u32>,     HotGame.state_version of the game that wrote it
 *       "state": { ... } }    the state, one map per struct, keyed by field name
 *
 * Other top-level keys are ignored; bytes after the map make the image corrupt.
 * Inside a struct map, values are:
 *   - FIELD, ENUM: msgpack bool, float 32/64, or an integer in its fixed-width form
 *     (int8..int64, uint8..uint64), so the image records the exact C type (i16 vs i32) and
 *     a decoder can tell a widened field from an unchanged one. ENUMs are int32.
 *   - STRING: msgpack str, the bytes before the NUL.
 *   - STRUCT: a nested map.
 *   - ARRAY and LIST of scalars: one msgpack ext whose type is the element's HotType
 *     (1..11, char saved as i8 or u8) and whose data is the elements' little-endian bytes,
 *     so a large numeric array is one memcpy each way. A LIST saves its `count` items.
 *   - ARRAY and LIST of structs: a msgpack array of maps.
 * TRANSIENT fields are never saved.
 *
 * Decoding matches names at every level with the new schema and applies the rules of
 * state.h (ADDED, DROPPED, CONVERTED, RESET, TRUNCATED). Numbers convert from an integer
 * (or bool) to any integer type that holds the value and to floats, and between floats
 * in range; a float never becomes an integer or a bool. Changes that follow from the two
 * schemas alone (added, dropped or converted fields, incompatible types, resized fixed
 * arrays) are reported once, for the first element of an array of structs; changes that
 * depend on values (out of range, long strings, long lists) for every element.
 *
 * Of duplicate keys in a map the first wins (the others are reported DROPPED).
 *
 * Safety: an image is validated completely (structure, lengths, key types, ext types)
 * before the decoder writes anything, and once it is valid the decoder cannot fail, so a
 * refused image leaves the live state untouched without a scratch copy of the state.
 * The reader below is our own: msgpack-c's unpacker folds integer widths together and
 * allocates. The writer is msgpack-c's packer writing into out's buffer, which is reused
 * from one encode to the next (a snapshot every frame allocates nothing); if growing it
 * fails, the image is left empty (size 0) and STATE_ENOMEM returned.
 */
#include "state/state.h"

#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <limits.h>
#include <malloc.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <msgpack.h>

#include "util/json.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "state.c saves number arrays as memory copies and assumes a little-endian host"
#endif

#define SCHEMA_DEPTH  32 /* nested structs; C cannot make a cycle, this catches a bad table */
#define IMAGE_DEPTH   64 /* nested msgpack containers accepted in an image */
#define PATH_SEGS     (2 * SCHEMA_DEPTH + 4)
#define INSPECT_ITEMS 8

/* ---------------------------------------------------------------------------------------
 * Scalars
 * ------------------------------------------------------------------------------------- */

enum { C_NONE, C_BOOL, C_SINT, C_UINT, C_FLOAT };

typedef struct TypeInfo {
    const char *name;
    uint8_t size;
    uint8_t cls;
} TypeInfo;

static const TypeInfo types[] = {
    [HOT_BOOL] = {"bool", 1, C_BOOL},     [HOT_I8] = {"i8", 1, C_SINT},
    [HOT_I16] = {"i16", 2, C_SINT},       [HOT_I32] = {"i32", 4, C_SINT},
    [HOT_I64] = {"i64", 8, C_SINT},       [HOT_U8] = {"u8", 1, C_UINT},
    [HOT_U16] = {"u16", 2, C_UINT},       [HOT_U32] = {"u32", 4, C_UINT},
    [HOT_U64] = {"u64", 8, C_UINT},       [HOT_F32] = {"f32", 4, C_FLOAT},
    [HOT_F64] = {"f64", 8, C_FLOAT},      [HOT_CHAR] = {"char", 1, C_NONE},
    [HOT_STRUCT] = {"struct", 0, C_NONE},
};

/* A scalar value of a known type: i for signed, u for unsigned and bool, f for floats. */
typedef struct Num {
    HotType type;
    union {
        int64_t i;
        uint64_t u;
        double f;
    };
} Num;

static bool is_scalar(int t)
{
    return t >= HOT_BOOL && t <= HOT_CHAR;
}

/* char is saved as the 8-bit integer it is on this platform. */
static HotType plain(HotType t)
{
    if (t == HOT_CHAR)
        return CHAR_MIN < 0 ? HOT_I8 : HOT_U8;
    return t;
}

/* Reads or writes one value of C type T through the member m of a Num. */
#define LOAD_AS(T, m)                                                                          \
    {                                                                                          \
        T v_;                                                                                  \
        memcpy(&v_, p, sizeof(v_));                                                            \
        n.m = v_;                                                                              \
        break;                                                                                 \
    }
#define STORE_AS(T, m)                                                                         \
    {                                                                                          \
        T v_ = (T)n.m;                                                                         \
        memcpy(p, &v_, sizeof(v_));                                                            \
        break;                                                                                 \
    }

static Num load(HotType t, const void *p)
{
    Num n = {.type = plain(t)};
    switch (n.type) {
    case HOT_BOOL:
    case HOT_U8:
        LOAD_AS(uint8_t, u)
    case HOT_U16:
        LOAD_AS(uint16_t, u)
    case HOT_U32:
        LOAD_AS(uint32_t, u)
    case HOT_U64:
        LOAD_AS(uint64_t, u)
    case HOT_I8:
        LOAD_AS(int8_t, i)
    case HOT_I16:
        LOAD_AS(int16_t, i)
    case HOT_I32:
        LOAD_AS(int32_t, i)
    case HOT_I64:
        LOAD_AS(int64_t, i)
    case HOT_F32:
        LOAD_AS(float, f)
    case HOT_F64:
        LOAD_AS(double, f)
    default:
        break;
    }
    return n;
}

/* Stores n, already converted to type t, at p. */
static void store(HotType t, void *p, Num n)
{
    switch (plain(t)) {
    case HOT_BOOL:
        n.u = n.u != 0;
        STORE_AS(uint8_t, u)
    case HOT_U8:
        STORE_AS(uint8_t, u)
    case HOT_U16:
        STORE_AS(uint16_t, u)
    case HOT_U32:
        STORE_AS(uint32_t, u)
    case HOT_U64:
        STORE_AS(uint64_t, u)
    case HOT_I8:
        STORE_AS(int8_t, i)
    case HOT_I16:
        STORE_AS(int16_t, i)
    case HOT_I32:
        STORE_AS(int32_t, i)
    case HOT_I64:
        STORE_AS(int64_t, i)
    case HOT_F32:
        STORE_AS(float, f)
    case HOT_F64:
        STORE_AS(double, f)
    default:
        break;
    }
}

enum { CV_SAME, CV_CONVERTED, CV_RESET_TYPE, CV_RESET_RANGE };

/* Converts `in` to type `to` into *out. Integers (and bools) go to any integer type that
 * holds the value and to floats; floats go to floats in range; anything else is a type
 * the value cannot take. `why` gets the detail for a report. */
static int convert(Num in, HotType to, Num *out, char *why, size_t size)
{
    to = plain(to);
    int from = types[in.type].cls, cls = types[to].cls;
    out->type = to;
    if (from == C_FLOAT || cls == C_FLOAT) {
        if (cls != C_FLOAT || from == C_BOOL) {
            snprintf(why, size, "%s -> %s", types[in.type].name, types[to].name);
            return CV_RESET_TYPE;
        }
        double v = from == C_FLOAT ? in.f : from == C_SINT ? (double)in.i : (double)in.u;
        if (to == HOT_F32 && isfinite(v) && fabs(v) > FLT_MAX) {
            snprintf(why, size, "%g out of range for f32", v);
            return CV_RESET_RANGE;
        }
        out->f = v;
    } else {
        bool neg = from == C_SINT && in.i < 0;
        uint64_t mag = from == C_SINT ? (neg ? 0 - (uint64_t)in.i : (uint64_t)in.i) : in.u;
        unsigned bits = 8u * types[to].size;
        bool ok;
        if (cls == C_BOOL)
            ok = !neg && mag <= 1;
        else if (cls == C_UINT)
            ok = !neg && (bits == 64 || mag < (1ull << bits));
        else
            ok = mag <= (1ull << (bits - 1)) - (neg ? 0 : 1);
        if (!ok) {
            snprintf(why, size, "%s%llu out of range for %s", neg ? "-" : "",
                     (unsigned long long)mag, types[to].name);
            return CV_RESET_RANGE;
        }
        if (cls == C_SINT)
            out->i = neg ? -(int64_t)(mag - 1) - 1 : (int64_t)mag;
        else
            out->u = mag;
    }
    if (in.type == to)
        return CV_SAME;
    snprintf(why, size, "%s -> %s", types[in.type].name, types[to].name);
    return CV_CONVERTED;
}

/* ---------------------------------------------------------------------------------------
 * Schema checks and defaults
 * ------------------------------------------------------------------------------------- */

static size_t elem_size(const HotSchema *t)
{
    return t->type == HOT_STRUCT ? t->size : types[t->type].size;
}

/* Checks a field table (offsets inside the struct, kinds and types consistent) and
 * returns in *need the most field flags a decode holds at once (the deepest path's sum). */
static int schema_check(const HotSchema *s, int depth, uint32_t *need)
{
    if (!s || s->type != HOT_STRUCT || !s->fields || depth > SCHEMA_DEPTH)
        return STATE_ESCHEMA;
    uint32_t n = 0;
    const HotField *f = s->fields(&n);
    if (!f || n == 0)
        return STATE_ESCHEMA;
    uint32_t deepest = 0;
    for (uint32_t i = 0; i < n; i++) {
        const HotField *x = &f[i];
        if (!x->name || !x->name[0])
            return STATE_ESCHEMA;
        if (x->kind == HOT_KIND_TRANSIENT) {
            if ((uint64_t)x->offset + x->size > s->size)
                return STATE_ESCHEMA;
            continue;
        }
        if (!x->type || !(is_scalar(x->type->type) || x->type->type == HOT_STRUCT))
            return STATE_ESCHEMA;
        HotType t = x->type->type;
        bool ok;
        switch (x->kind) {
        case HOT_KIND_FIELD:
            ok = t != HOT_STRUCT && x->count == 1;
            break;
        case HOT_KIND_ENUM:
            ok = t == HOT_I32 && x->count == 1;
            break;
        case HOT_KIND_STRING:
            ok = t == HOT_CHAR && x->count >= 1;
            break;
        case HOT_KIND_STRUCT:
            ok = t == HOT_STRUCT && x->count == 1;
            break;
        case HOT_KIND_ARRAY:
            ok = x->count >= 1;
            break;
        case HOT_KIND_LIST:
            ok = x->count >= 1 && (uint64_t)x->count_offset + 4 <= s->size;
            break;
        default:
            ok = false;
        }
        size_t es = elem_size(x->type);
        if (!ok || es == 0 || (uint64_t)x->offset + (uint64_t)es * x->count > s->size)
            return STATE_ESCHEMA;
        if (t == HOT_STRUCT) {
            uint32_t sub = 0;
            int rc = schema_check(x->type, depth + 1, &sub);
            if (rc)
                return rc;
            if (sub > deepest)
                deepest = sub;
        }
    }
    *need = n + deepest;
    return 0;
}

static void struct_defaults(const HotSchema *s, uint8_t *p);

/* Sets n elements of type t at p to their defaults: zero, or the struct's defaults. */
static void fill_defaults(const HotSchema *t, uint8_t *p, size_t n)
{
    if (n == 0)
        return;
    size_t size = elem_size(t);
    if (t->type != HOT_STRUCT) {
        memset(p, 0, n * size);
        return;
    }
    struct_defaults(t, p);
    for (size_t done = 1; done < n;) {
        size_t chunk = done < n - done ? done : n - done;
        memcpy(p + done * size, p, chunk * size);
        done += chunk;
    }
}

static void field_default(const HotField *f, uint8_t *base)
{
    uint8_t *p = base + f->offset;
    switch (f->kind) {
    case HOT_KIND_FIELD:
    case HOT_KIND_ENUM: {
        HotType t = f->kind == HOT_KIND_ENUM ? HOT_I32 : plain(f->type->type);
        Num n = {.type = t};
        if (types[t].cls == C_FLOAT)
            n.f = f->def_f;
        else
            n.i = f->def_i; /* u shares the bits */
        store(t, p, n);
        break;
    }
    case HOT_KIND_STRING:
        memset(p, 0, f->count);
        if (f->def_s)
            memcpy(p, f->def_s, strnlen(f->def_s, f->count - 1));
        break;
    case HOT_KIND_STRUCT:
        struct_defaults(f->type, p);
        break;
    case HOT_KIND_ARRAY:
        fill_defaults(f->type, p, f->count);
        break;
    case HOT_KIND_LIST:
        memset(base + f->count_offset, 0, 4);
        fill_defaults(f->type, p, f->count);
        break;
    default:
        memset(p, 0, f->size);
    }
}

static void struct_defaults(const HotSchema *s, uint8_t *p)
{
    uint32_t n = 0;
    const HotField *f = s->fields(&n);
    memset(p, 0, s->size);
    for (uint32_t i = 0; i < n; i++)
        field_default(&f[i], p);
}

void *state_alloc(const HotSchema *schema)
{
    uint32_t need;
    if (schema_check(schema, 0, &need))
        return NULL;
    size_t align = schema->align < sizeof(void *) ? sizeof(void *) : schema->align;
    if (align & (align - 1))
        return NULL;
    void *p = NULL;
    if (posix_memalign(&p, align, schema->size ? schema->size : 1))
        return NULL;
    struct_defaults(schema, p);
    return p;
}

void state_free(void *mem)
{
    free(mem);
}

void state_defaults(const HotSchema *schema, void *mem)
{
    uint32_t need;
    if (schema_check(schema, 0, &need) == 0)
        struct_defaults(schema, mem);
}

static bool has_transient(const HotSchema *s)
{
    uint32_t n = 0;
    const HotField *f = s->fields(&n);
    for (uint32_t i = 0; i < n; i++) {
        if (f[i].kind == HOT_KIND_TRANSIENT)
            return true;
        if (f[i].type && f[i].type->type == HOT_STRUCT && has_transient(f[i].type))
            return true;
    }
    return false;
}

static void clear_transient(const HotSchema *s, uint8_t *base)
{
    uint32_t n = 0;
    const HotField *f = s->fields(&n);
    for (uint32_t i = 0; i < n; i++) {
        uint8_t *p = base + f[i].offset;
        if (f[i].kind == HOT_KIND_TRANSIENT)
            memset(p, 0, f[i].size);
        else if (f[i].type->type == HOT_STRUCT && has_transient(f[i].type))
            for (uint32_t k = 0; k < f[i].count; k++)
                clear_transient(f[i].type, p + (size_t)k * f[i].type->size);
    }
}

void state_clear_transient(const HotSchema *schema, void *mem)
{
    uint32_t need;
    if (schema_check(schema, 0, &need) == 0)
        clear_transient(schema, mem);
}

/* ---------------------------------------------------------------------------------------
 * Encoding
 * ------------------------------------------------------------------------------------- */

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
    Num n = load(t, p);
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

static uint32_t list_count(const HotField *f, const uint8_t *base)
{
    uint32_t n;
    memcpy(&n, base + f->count_offset, 4);
    return n < f->count ? n : f->count;
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
        uint32_t n = f->kind == HOT_KIND_LIST ? list_count(f, base) : f->count;
        const HotSchema *t = f->type;
        if (t->type == HOT_STRUCT) {
            msgpack_pack_array(pk, n);
            for (uint32_t i = 0; i < n; i++)
                enc_struct(pk, t, p + (size_t)i * t->size);
        } else {
            size_t bytes = (size_t)n * types[t->type].size;
            msgpack_pack_ext(pk, bytes, (int8_t)plain(t->type));
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

int state_encode(const HotSchema *schema, uint32_t state_version, const void *mem,
                 StateImage *out)
{
    uint32_t need;
    int rc = schema_check(schema, 0, &need);
    if (rc)
        return rc;
    /* The buffer is reused, so a steady state allocates nothing. A state of numbers
     * needs about its own size: reserve that at once rather than double up to it. */
    Sink sink = {out->data, 0, out->data ? malloc_usable_size(out->data) : 0, false};
    if (sink.cap < schema->size + 256)
        sink_reserve(&sink, schema->size + schema->size / 8 + 256);
    msgpack_packer pk;
    msgpack_packer_init(&pk, &sink, sink_write);
    msgpack_pack_map(&pk, 3);
    pack_name(&pk, "hotrun", 6);
    msgpack_pack_uint32(&pk, STATE_FORMAT_VERSION);
    pack_name(&pk, "version", 7);
    msgpack_pack_uint32(&pk, state_version);
    pack_name(&pk, "state", 5);
    enc_struct(&pk, schema, mem);
    out->data = sink.data;
    out->size = sink.failed ? 0 : sink.size;
    return sink.failed ? STATE_ENOMEM : 0;
}

/* ---------------------------------------------------------------------------------------
 * Reading msgpack: a bounds-checked cursor; no allocation.
 * ------------------------------------------------------------------------------------- */

typedef struct Cur {
    const uint8_t *p, *end;
} Cur;

enum { V_NIL, V_NUM, V_STR, V_BIN, V_EXT, V_ARRAY, V_MAP };

/* One msgpack item. Numbers and bools are V_NUM; str/bin/ext point at their bytes (the
 * cursor is past them); arrays and maps give their item count in len and the cursor is
 * at their first item. */
typedef struct Val {
    int tag;
    Num num;
    const uint8_t *data;
    uint32_t len;
    int8_t ext;
} Val;

static uint64_t be(const uint8_t *p, int n)
{
    uint64_t v = 0;
    for (int i = 0; i < n; i++)
        v = v << 8 | p[i];
    return v;
}

static int take(Cur *c, size_t n, const uint8_t **out)
{
    if ((size_t)(c->end - c->p) < n)
        return -1;
    *out = c->p;
    c->p += n;
    return 0;
}

/* Reads `lenbytes` of big-endian length, then that many bytes of payload. */
static int payload(Cur *c, int lenbytes, Val *v)
{
    const uint8_t *h;
    if (take(c, (size_t)lenbytes, &h))
        return -1;
    v->len = (uint32_t)be(h, lenbytes);
    return take(c, v->len, &v->data);
}

static int rd(Cur *c, Val *v)
{
    const uint8_t *h;
    if (take(c, 1, &h))
        return -1;
    uint8_t b = h[0];
    v->tag = V_NUM;
    if (b <= 0x7f) {
        v->num = (Num){.type = HOT_U8, .u = b};
        return 0;
    }
    if (b >= 0xe0) {
        v->num = (Num){.type = HOT_I8, .i = (int8_t)b};
        return 0;
    }
    if (b <= 0x8f || (b >= 0xde && b <= 0xdf)) {
        v->tag = V_MAP;
        if (b <= 0x8f)
            v->len = b & 15;
        else if (take(c, b == 0xde ? 2 : 4, &h))
            return -1;
        else
            v->len = (uint32_t)be(h, b == 0xde ? 2 : 4);
        /* every key and value takes at least one byte */
        return v->len <= (size_t)(c->end - c->p) / 2 ? 0 : -1;
    }
    if (b <= 0x9f || (b >= 0xdc && b <= 0xdd)) {
        v->tag = V_ARRAY;
        if (b <= 0x9f)
            v->len = b & 15;
        else if (take(c, b == 0xdc ? 2 : 4, &h))
            return -1;
        else
            v->len = (uint32_t)be(h, b == 0xdc ? 2 : 4);
        return v->len <= (size_t)(c->end - c->p) ? 0 : -1;
    }
    if (b <= 0xbf) {
        v->tag = V_STR;
        v->len = b & 31;
        return take(c, v->len, &v->data);
    }
    switch (b) {
    case 0xc0:
        v->tag = V_NIL;
        return 0;
    case 0xc2:
    case 0xc3:
        v->num = (Num){.type = HOT_BOOL, .u = b == 0xc3};
        return 0;
    case 0xc4:
    case 0xc5:
    case 0xc6:
        v->tag = V_BIN;
        return payload(c, 1 << (b - 0xc4), v);
    case 0xc7:
    case 0xc8:
    case 0xc9: {
        v->tag = V_EXT;
        int lb = 1 << (b - 0xc7);
        if (take(c, (size_t)lb + 1, &h))
            return -1;
        v->len = (uint32_t)be(h, lb);
        v->ext = (int8_t)h[lb];
        return take(c, v->len, &v->data);
    }
    case 0xca:
    case 0xcb: {
        bool f32 = b == 0xca;
        if (take(c, f32 ? 4 : 8, &h))
            return -1;
        uint64_t bits = be(h, f32 ? 4 : 8);
        if (f32) {
            uint32_t b32 = (uint32_t)bits;
            float f;
            memcpy(&f, &b32, 4);
            v->num = (Num){.type = HOT_F32, .f = f};
        } else {
            double d;
            memcpy(&d, &bits, 8);
            v->num = (Num){.type = HOT_F64, .f = d};
        }
        return 0;
    }
    case 0xcc:
    case 0xcd:
    case 0xce:
    case 0xcf: {
        int n = 1 << (b - 0xcc);
        if (take(c, (size_t)n, &h))
            return -1;
        static const HotType ut[] = {HOT_U8, HOT_U16, HOT_U32, HOT_U64};
        v->num = (Num){.type = ut[b - 0xcc], .u = be(h, n)};
        return 0;
    }
    case 0xd0:
    case 0xd1:
    case 0xd2:
    case 0xd3: {
        int n = 1 << (b - 0xd0);
        if (take(c, (size_t)n, &h))
            return -1;
        static const HotType st[] = {HOT_I8, HOT_I16, HOT_I32, HOT_I64};
        uint64_t u = be(h, n);
        int64_t i;
        if (n == 8)
            memcpy(&i, &u, 8);
        else /* sign-extend from n bytes */
            i = (int64_t)(u ^ (1ull << (8 * n - 1))) - (int64_t)(1ull << (8 * n - 1));
        v->num = (Num){.type = st[b - 0xd0], .i = i};
        return 0;
    }
    case 0xd4:
    case 0xd5:
    case 0xd6:
    case 0xd7:
    case 0xd8:
        v->tag = V_EXT;
        if (take(c, 1, &h))
            return -1;
        v->ext = (int8_t)h[0];
        v->len = 1u << (b - 0xd4);
        return take(c, v->len, &v->data);
    case 0xd9:
    case 0xda:
    case 0xdb:
        v->tag = V_STR;
        return payload(c, 1 << (b - 0xd9), v);
    default: /* 0xc1 is never used */
        return -1;
    }
}

/* Skips the items of a container whose header is v (nothing for other values). */
static int skip_items(Cur *c, const Val *v)
{
    uint64_t pending = v->tag == V_ARRAY ? v->len : v->tag == V_MAP ? 2ull * v->len : 0;
    while (pending) {
        Val x;
        if (rd(c, &x))
            return -1;
        pending--;
        pending += x.tag == V_ARRAY ? x.len : x.tag == V_MAP ? 2ull * x.len : 0;
    }
    return 0;
}

static int skip(Cur *c)
{
    Val v;
    return rd(c, &v) ? -1 : skip_items(c, &v);
}

static bool blob_type(int8_t t)
{
    return t >= HOT_BOOL && t <= HOT_F64;
}

/* Validates the items of v: map keys are strings, ext are well-formed number arrays. */
static int check_items(Cur *c, const Val *v, int depth)
{
    if (v->tag == V_EXT)
        return blob_type(v->ext) && v->len % types[v->ext].size == 0 ? 0 : -1;
    if (v->tag != V_ARRAY && v->tag != V_MAP)
        return 0;
    if (depth >= IMAGE_DEPTH)
        return -1;
    for (uint32_t i = 0; i < v->len; i++) {
        Val x;
        if (v->tag == V_MAP && (rd(c, &x) || x.tag != V_STR))
            return -1;
        if (rd(c, &x) || check_items(c, &x, depth + 1))
            return -1;
    }
    return 0;
}

static bool str_is(const Val *v, const char *s)
{
    size_t n = strlen(s);
    return v->tag == V_STR && v->len == n && memcmp(v->data, s, n) == 0;
}

/* A checked image: the state_version it records and a cursor at its state map. */
typedef struct Image {
    uint32_t version;
    Cur state;
} Image;

/* Checks the whole image and finds its parts. */
static int image_open(const StateImage *img, Image *im)
{
    static const char magic[] = "\xa6hotrun";
    if (!img || !img->data || img->size == 0)
        return STATE_EMAGIC;
    Cur c = {img->data, img->data + img->size};
    Val top, v;
    uint8_t b = img->data[0];
    bool map = b >= 0x80 && (b <= 0x8f || b == 0xde || b == 0xdf);
    if (rd(&c, &top))
        return map ? STATE_ECORRUPT : STATE_EMAGIC;
    if (top.tag != V_MAP || top.len == 0)
        return STATE_EMAGIC;
    size_t avail = (size_t)(c.end - c.p);
    if (avail < 7) /* a cut-off magic is a truncated image, anything else is not one */
        return memcmp(c.p, magic, avail) == 0 ? STATE_ECORRUPT : STATE_EMAGIC;
    if (memcmp(c.p, magic, 7) != 0)
        return STATE_EMAGIC;
    c.p += 7;
    if (rd(&c, &v) || v.tag != V_NUM || types[v.num.type].cls == C_FLOAT ||
        types[v.num.type].cls == C_BOOL)
        return STATE_ECORRUPT;
    if (types[v.num.type].cls != C_UINT || v.num.u != STATE_FORMAT_VERSION)
        return STATE_EFORMAT;
    bool have_version = false, have_state = false;
    for (uint32_t i = 1; i < top.len; i++) {
        Val key;
        if (rd(&c, &key) || key.tag != V_STR)
            return STATE_ECORRUPT;
        Cur at = c;
        if (rd(&c, &v) || check_items(&c, &v, 1))
            return STATE_ECORRUPT;
        if (str_is(&key, "version")) {
            if (v.tag != V_NUM || types[v.num.type].cls != C_UINT || v.num.u > UINT32_MAX)
                return STATE_ECORRUPT;
            im->version = (uint32_t)v.num.u;
            have_version = true;
        } else if (str_is(&key, "state")) {
            if (v.tag != V_MAP)
                return STATE_ECORRUPT;
            im->state = at;
            have_state = true;
        }
    }
    if (c.p != c.end || !have_version || !have_state)
        return STATE_ECORRUPT;
    return 0;
}

int state_image_check(const StateImage *img)
{
    Image im;
    return image_open(img, &im);
}

/* ---------------------------------------------------------------------------------------
 * Decoding
 * ------------------------------------------------------------------------------------- */

typedef struct Seg {
    const char *name; /* NULL for an array index */
    uint32_t len, index;
} Seg;

typedef struct Ctx {
    StateReport *report;
    Seg path[PATH_SEGS];
    int depth;
    uint8_t *seen; /* field flags, a stack: each struct level takes its field count */
    uint32_t seen_top;
    uint32_t quiet; /* inside elements after the first: schema-level changes not repeated */
} Ctx;

static void push(Ctx *c, const char *name, uint32_t len, uint32_t index)
{
    if (c->depth < PATH_SEGS)
        c->path[c->depth] = (Seg){name, len, index};
    c->depth++;
}

static void pop(Ctx *c)
{
    c->depth--;
}

static void format_path(const Ctx *c, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = 0;
    int depth = c->depth < PATH_SEGS ? c->depth : PATH_SEGS;
    for (int i = 0; i < depth && n < size; i++) {
        const Seg *s = &c->path[i];
        int w = s->name
                    ? snprintf(buf + n, size - n, "%s%.*s", i ? "." : "", (int)s->len, s->name)
                    : snprintf(buf + n, size - n, "[%u]", s->index);
        n += w > 0 ? (size_t)w : 0;
    }
}

/* Records a change at the current path. `schema_level` changes follow from the schemas
 * alone and are not repeated for every element of an array. */
static void note(Ctx *c, StateChangeKind kind, bool schema_level, const char *fmt, ...)
    HOT_PRINTF(4, 5);
static void note(Ctx *c, StateChangeKind kind, bool schema_level, const char *fmt, ...)
{
    StateReport *r = c->report;
    if (!r || (schema_level && c->quiet))
        return;
    if (r->count >= STATE_REPORT_MAX) {
        r->dropped++;
        return;
    }
    StateChange *ch = &r->changes[r->count++];
    ch->kind = kind;
    format_path(c, ch->path, sizeof(ch->path));
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ch->detail, sizeof(ch->detail), fmt, ap);
    va_end(ap);
}

static void val_name(const Val *v, char *buf, size_t size)
{
    static const char *names[] = {"nil", "", "string", "bin", "", "array", "struct"};
    if (v->tag == V_NUM)
        snprintf(buf, size, "%s", types[v->num.type].name);
    else if (v->tag == V_EXT)
        snprintf(buf, size, "array of %s", types[(int)v->ext].name);
    else
        snprintf(buf, size, "%s", names[v->tag]);
}

static void field_name(const HotField *f, char *buf, size_t size)
{
    HotType t = f->kind == HOT_KIND_ENUM ? HOT_I32 : plain(f->type->type);
    if (f->kind == HOT_KIND_ARRAY || f->kind == HOT_KIND_LIST)
        snprintf(buf, size, "array of %s", types[t].name);
    else if (f->kind == HOT_KIND_STRING)
        snprintf(buf, size, "string");
    else
        snprintf(buf, size, "%s", types[t].name);
}

/* Results of converting many items: reported once per array. */
typedef struct Tally {
    uint32_t resets;
    bool converted, reset_schema;
    char conv_why[64], reset_why[64];
} Tally;

static void tally_item(Tally *t, Num in, HotType to, uint8_t *p)
{
    Num out;
    char why[64];
    int r = convert(in, to, &out, why, sizeof(why));
    if (r == CV_SAME || r == CV_CONVERTED) {
        store(to, p, out);
        if (r == CV_CONVERTED && !t->converted) {
            t->converted = true;
            memcpy(t->conv_why, why, sizeof(why));
        }
        return;
    }
    memset(p, 0, types[plain(to)].size);
    if (t->resets++ == 0) {
        t->reset_schema = r == CV_RESET_TYPE;
        memcpy(t->reset_why, why, sizeof(why));
    }
}

static void tally_report(Ctx *c, const Tally *t, uint32_t n)
{
    if (t->converted)
        note(c, STATE_CONVERTED, true, "%s", t->conv_why);
    if (t->resets)
        note(c, STATE_RESET, t->reset_schema, "%u of %u items: %s", t->resets, n, t->reset_why);
}

/* How many of nsrc image items fit the field; reports the difference in size. */
static uint32_t items_begin(Ctx *c, const HotField *f, uint32_t nsrc)
{
    bool array = f->kind == HOT_KIND_ARRAY;
    if (nsrc > f->count) {
        note(c, STATE_TRUNCATED, array, "%u -> %u items", nsrc, f->count);
        return f->count;
    }
    if (nsrc < f->count && array)
        note(c, STATE_ADDED, true, "%u -> %u items", nsrc, f->count);
    return nsrc;
}

/* A LIST takes n as its count; an ARRAY's elements past n take their defaults. */
static void items_end(const HotField *f, uint8_t *base, uint32_t n)
{
    if (f->kind == HOT_KIND_LIST)
        memcpy(base + f->count_offset, &n, 4);
    else
        fill_defaults(f->type, base + f->offset + (size_t)n * elem_size(f->type), f->count - n);
}

static void dec_blob(Ctx *c, const HotField *f, uint8_t *base, const Val *v)
{
    HotType from = (HotType)v->ext, to = plain(f->type->type);
    size_t fs = types[from].size, ts = types[to].size;
    uint32_t n = items_begin(c, f, (uint32_t)(v->len / fs));
    uint8_t *dst = base + f->offset;
    if (from == to && to != HOT_BOOL) {
        memcpy(dst, v->data, n * ts);
    } else {
        Tally t = {0};
        for (uint32_t i = 0; i < n; i++)
            tally_item(&t, load(from, v->data + i * fs), to, dst + i * ts);
        tally_report(c, &t, n);
    }
    items_end(f, base, n);
}

/* A msgpack array of numbers into a number array: not what we write, but readable. */
static int dec_scalar_items(Ctx *c, const HotField *f, uint8_t *base, Cur *cur, uint32_t nsrc)
{
    HotType to = plain(f->type->type);
    size_t ts = types[to].size;
    uint32_t n = items_begin(c, f, nsrc);
    Tally t = {0};
    for (uint32_t i = 0; i < nsrc; i++) {
        Val e;
        if (rd(cur, &e) || skip_items(cur, &e))
            return -1;
        if (i >= n)
            continue;
        uint8_t *p = base + f->offset + i * ts;
        if (e.tag == V_NUM) {
            tally_item(&t, e.num, to, p);
        } else {
            memset(p, 0, ts);
            if (t.resets++ == 0) {
                char src[48];
                val_name(&e, src, sizeof(src));
                t.reset_schema = true;
                snprintf(t.reset_why, sizeof(t.reset_why), "%s -> %s", src, types[to].name);
            }
        }
    }
    tally_report(c, &t, n);
    items_end(f, base, n);
    return 0;
}

static int dec_struct(Ctx *c, const HotSchema *s, uint8_t *base, Cur *cur, uint32_t nkeys);

static int dec_struct_items(Ctx *c, const HotField *f, uint8_t *base, Cur *cur, uint32_t nsrc)
{
    const HotSchema *t = f->type;
    uint32_t n = items_begin(c, f, nsrc);
    for (uint32_t i = 0; i < nsrc; i++) {
        Val e;
        if (rd(cur, &e))
            return -1;
        if (i >= n) {
            if (skip_items(cur, &e))
                return -1;
            continue;
        }
        uint8_t *p = base + f->offset + (size_t)i * t->size;
        push(c, NULL, 0, i);
        c->quiet += i > 0;
        int rc = 0;
        if (e.tag == V_MAP) {
            rc = dec_struct(c, t, p, cur, e.len);
        } else {
            char src[48];
            val_name(&e, src, sizeof(src));
            rc = skip_items(cur, &e);
            struct_defaults(t, p);
            note(c, STATE_RESET, true, "%s -> struct", src);
        }
        c->quiet -= i > 0;
        pop(c);
        if (rc)
            return rc;
    }
    items_end(f, base, n);
    return 0;
}

static void dec_string(Ctx *c, const HotField *f, uint8_t *p, const Val *v)
{
    const uint8_t *nul = memchr(v->data, 0, v->len);
    uint32_t len = nul ? (uint32_t)(nul - v->data) : v->len, cut = len;
    if (len > f->count - 1) {
        cut = f->count - 1;
        while (cut > 0 && (v->data[cut] & 0xc0) == 0x80) /* keep UTF-8 characters whole */
            cut--;
        note(c, STATE_TRUNCATED, false, "%u -> %u bytes", len, cut);
    }
    memcpy(p, v->data, cut);
    memset(p + cut, 0, f->count - cut);
}

static int dec_field(Ctx *c, const HotField *f, uint8_t *base, Cur *cur)
{
    Val v;
    if (rd(cur, &v))
        return -1;
    uint8_t *p = base + f->offset;
    bool structs = f->type->type == HOT_STRUCT;
    switch (f->kind) {
    case HOT_KIND_FIELD:
    case HOT_KIND_ENUM:
        if (v.tag == V_NUM) {
            HotType to = f->kind == HOT_KIND_ENUM ? HOT_I32 : f->type->type;
            Num out;
            char why[64];
            int r = convert(v.num, to, &out, why, sizeof(why));
            if (r == CV_SAME || r == CV_CONVERTED) {
                store(to, p, out);
                if (r == CV_CONVERTED)
                    note(c, STATE_CONVERTED, true, "%s", why);
            } else {
                field_default(f, base);
                note(c, STATE_RESET, r == CV_RESET_TYPE, "%s", why);
            }
            return 0;
        }
        break;
    case HOT_KIND_STRING:
        if (v.tag == V_STR) {
            dec_string(c, f, p, &v);
            return 0;
        }
        break;
    case HOT_KIND_STRUCT:
        if (v.tag == V_MAP)
            return dec_struct(c, f->type, p, cur, v.len);
        break;
    default: /* ARRAY, LIST */
        if (structs && v.tag == V_ARRAY)
            return dec_struct_items(c, f, base, cur, v.len);
        if (!structs && v.tag == V_ARRAY)
            return dec_scalar_items(c, f, base, cur, v.len);
        if (!structs && v.tag == V_EXT) {
            dec_blob(c, f, base, &v);
            return 0;
        }
    }
    /* A value of another kind: the field keeps its default. */
    char src[48], dst[48];
    val_name(&v, src, sizeof(src));
    field_name(f, dst, sizeof(dst));
    field_default(f, base);
    note(c, STATE_RESET, true, "%s -> %s", src, dst);
    return skip_items(cur, &v);
}

/* The field named by a key: images usually list fields in schema order, so the search
 * starts after the previous match. */
static int find_field(const HotField *f, uint32_t n, const Val *key, uint32_t *hint)
{
    if (memchr(key->data, 0, key->len)) /* no field name holds a NUL */
        return -1;
    for (uint32_t k = 0, i = *hint; k < n; k++, i++) {
        if (i >= n)
            i = 0;
        /* the key has no NUL, so a match of len bytes means the name is that long */
        if (strncmp(f[i].name, (const char *)key->data, key->len) == 0 &&
            f[i].name[key->len] == 0) {
            *hint = i + 1;
            return (int)i;
        }
    }
    return -1;
}

static int dec_struct(Ctx *c, const HotSchema *s, uint8_t *base, Cur *cur, uint32_t nkeys)
{
    uint32_t n = 0, hint = 0;
    const HotField *f = s->fields(&n);
    uint8_t *seen = c->seen + c->seen_top;
    c->seen_top += n;
    memset(seen, 0, n);
    int rc = 0;
    for (uint32_t k = 0; k < nkeys && rc == 0; k++) {
        Val key;
        if (rd(cur, &key) || key.tag != V_STR) {
            rc = -1;
            break;
        }
        int i = find_field(f, n, &key, &hint);
        if (i < 0 || f[i].kind == HOT_KIND_TRANSIENT || seen[i]) {
            /* the first of duplicate keys wins, so a decode never leaves stale items
             * past a list's count */
            push(c, (const char *)key.data, key.len, 0);
            note(c, STATE_DROPPED, true, "%s", i >= 0 && seen[i] ? "duplicate" : "");
            pop(c);
            rc = skip(cur);
            continue;
        }
        push(c, f[i].name, key.len, 0);
        rc = dec_field(c, &f[i], base, cur);
        pop(c);
        seen[i] = 1;
    }
    for (uint32_t i = 0; i < n && rc == 0; i++) {
        if (f[i].kind == HOT_KIND_TRANSIENT) {
            memset(base + f[i].offset, 0, f[i].size);
        } else if (!seen[i]) {
            field_default(&f[i], base);
            push(c, f[i].name, (uint32_t)strlen(f[i].name), 0);
            note(c, STATE_ADDED, true, "%s", "");
            pop(c);
        }
    }
    c->seen_top -= n;
    return rc;
}

int state_decode(const HotSchema *schema, const StateImage *img, void *mem, StateReport *report)
{
    if (report) {
        report->count = 0;
        report->dropped = 0;
        report->image_state_version = 0;
    }
    uint32_t need;
    int rc = schema_check(schema, 0, &need);
    if (rc)
        return rc;
    Image im;
    rc = image_open(img, &im);
    if (rc)
        return rc;
    uint8_t local[512];
    uint8_t *seen = need <= sizeof(local) ? local : malloc(need);
    if (!seen)
        return STATE_ENOMEM;
    if (report)
        report->image_state_version = im.version;
    /* From here on nothing fails for a checked image, so mem is written directly. */
    Ctx c = {.report = report, .seen = seen};
    Cur cur = im.state;
    Val v;
    rc = rd(&cur, &v) || dec_struct(&c, schema, mem, &cur, v.len) ? STATE_ECORRUPT : 0;
    if (seen != local)
        free(seen);
    return rc;
}

/* ---------------------------------------------------------------------------------------
 * Messages
 * ------------------------------------------------------------------------------------- */

const char *state_strerror(int err)
{
    switch (err) {
    case 0:
        return "no error";
    case STATE_ENOMEM:
        return "out of memory while handling the game state";
    case STATE_EMAGIC:
        return "not a hotrun state image";
    case STATE_EFORMAT:
        return "a state image format version this hotrun does not know: use the hotrun "
               "that wrote it";
    case STATE_ECORRUPT:
        return "the state image is truncated or corrupt";
    case STATE_EIO:
        return "the state file could not be read or written";
    case STATE_ESCHEMA:
        return "the game's state schema is unusable (no fields or a malformed field "
               "table)";
    default:
        return "unknown state error";
    }
}

const char *state_error_text(int err)
{
    static char buf[160];
    if (err != STATE_EIO || errno == 0)
        return state_strerror(err);
    snprintf(buf, sizeof(buf), "%s (%s)", state_strerror(err), strerror(errno));
    return buf;
}

void state_change_describe(const StateChange *c, char *buf, size_t size)
{
    static const char *words[] = {"added", "dropped", "converted", "reset", "truncated"};
    const char *word = (unsigned)c->kind < 5 ? words[c->kind] : "changed";
    if (c->detail[0])
        snprintf(buf, size, "%s: %s (%s)", c->path, word, c->detail);
    else
        snprintf(buf, size, "%s: %s", c->path, word);
}

/* ---------------------------------------------------------------------------------------
 * Looking values up in an image by path
 * ------------------------------------------------------------------------------------- */

/* Parses a decimal index of a path component. */
static bool parse_index(const char *s, size_t len, uint32_t *out)
{
    if (len == 0 || len > 9)
        return false;
    uint32_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (uint32_t)(s[i] - '0');
    }
    *out = v;
    return true;
}

/* Finds the value at a path like "player.pos.x", "enemies.3.hp" or "enemies[3].hp". An
 * element of a number array comes back as a V_NUM. */
static bool image_find(const StateImage *img, const char *path, Val *out)
{
    Image im;
    if (!path || !*path || image_open(img, &im))
        return false;
    Cur c = im.state;
    Val v;
    if (rd(&c, &v))
        return false;
    const char *p = path;
    while (*p) {
        const char *tok = p;
        size_t len;
        if (*p == '[') {
            tok = ++p;
            while (*p && *p != ']')
                p++;
            if (*p != ']')
                return false;
            len = (size_t)(p++ - tok);
        } else {
            while (*p && *p != '.' && *p != '[')
                p++;
            len = (size_t)(p - tok);
        }
        if (*p == '.' && !*++p)
            return false;
        uint32_t at = 0;
        bool numeric = parse_index(tok, len, &at);
        if (len == 0)
            return false;
        if (v.tag == V_MAP) {
            uint32_t k = 0, n = v.len;
            for (; k < n; k++) {
                Val key;
                if (rd(&c, &key))
                    return false;
                if (key.tag == V_STR && key.len == len && memcmp(key.data, tok, len) == 0)
                    break;
                if (skip(&c))
                    return false;
            }
            if (k == n || rd(&c, &v))
                return false;
        } else if (v.tag == V_ARRAY && numeric && at < v.len) {
            for (uint32_t i = 0; i < at; i++)
                if (skip(&c))
                    return false;
            if (rd(&c, &v))
                return false;
        } else if (v.tag == V_EXT && numeric && !*p) {
            size_t size = types[(int)v.ext].size;
            if (at >= v.len / size)
                return false;
            v.num = load((HotType)v.ext, v.data + at * size);
            v.tag = V_NUM;
        } else {
            return false;
        }
    }
    *out = v;
    return true;
}

bool state_image_number(const StateImage *img, const char *path, double *out)
{
    Val v;
    if (!image_find(img, path, &v) || v.tag != V_NUM)
        return false;
    int cls = types[v.num.type].cls;
    *out = cls == C_FLOAT ? v.num.f : cls == C_SINT ? (double)v.num.i : (double)v.num.u;
    return true;
}

bool state_image_string(const StateImage *img, const char *path, char *buf, size_t size)
{
    Val v;
    if (size == 0 || !image_find(img, path, &v) || v.tag != V_STR)
        return false;
    size_t n = v.len < size - 1 ? v.len : size - 1;
    memcpy(buf, v.data, n);
    buf[n] = 0;
    return true;
}

/* ---------------------------------------------------------------------------------------
 * Images as buffers and files
 * ------------------------------------------------------------------------------------- */

int state_image_copy(StateImage *dst, const StateImage *src)
{
    if (dst == src)
        return 0;
    uint8_t *buf = dst->data;
    size_t have = buf ? malloc_usable_size(buf) : 0;
    if (have < src->size || have == 0) {
        buf = malloc(src->size ? src->size : 1);
        if (!buf)
            return STATE_ENOMEM;
    }
    if (src->size)
        memcpy(buf, src->data, src->size);
    if (buf != dst->data)
        free(dst->data);
    dst->data = buf;
    dst->size = src->size;
    return 0;
}

void state_image_free(StateImage *img)
{
    if (!img)
        return;
    free(img->data);
    img->data = NULL;
    img->size = 0;
}

int state_image_load(const char *path, StateImage *out)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return STATE_EIO;
    struct stat st;
    uint8_t *buf = NULL;
    size_t size = 0;
    if (fstat(fd, &st) != 0)
        goto fail;
    if (!S_ISREG(st.st_mode)) {
        errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
        goto fail;
    }
    size = (size_t)st.st_size;
    buf = malloc(size ? size : 1);
    if (!buf) {
        close(fd);
        return STATE_ENOMEM;
    }
    for (size_t got = 0; got < size;) {
        ssize_t r = read(fd, buf + got, size - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) { /* an error, or the file shrank under us */
            if (r == 0)
                errno = EIO;
            goto fail;
        }
        got += (size_t)r;
    }
    close(fd);
    free(out->data);
    out->data = buf;
    out->size = size;
    return 0;
fail : {
    int e = errno;
    free(buf);
    close(fd);
    errno = e;
    return STATE_EIO;
}
}

int state_image_save(const char *path, const StateImage *img)
{
    size_t n = strlen(path);
    char *tmp = malloc(n + 16);
    if (!tmp)
        return STATE_ENOMEM;
    snprintf(tmp, n + 16, "%s.tmp-XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        free(tmp);
        return STATE_EIO;
    }
    bool ok = fchmod(fd, 0644) == 0;
    for (size_t done = 0; ok && done < img->size;) {
        ssize_t w = write(fd, img->data + done, img->size - done);
        if (w < 0 && errno == EINTR)
            continue;
        ok = w > 0;
        done += ok ? (size_t)w : 0;
    }
    ok = ok && fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    ok = ok && rename(tmp, path) == 0;
    if (!ok) {
        int e = errno;
        unlink(tmp);
        errno = e;
    }
    free(tmp);
    return ok ? 0 : STATE_EIO;
}

/* ---------------------------------------------------------------------------------------
 * JSON
 * ------------------------------------------------------------------------------------- */

/* The fewest significant digits (from 6 or 15) that read back as the same number. */
static void format_float(char *buf, size_t size, double v, bool f32)
{
    for (int digits = f32 ? 6 : 15;; digits++) {
        snprintf(buf, size, "%.*g", digits, v);
        if (digits >= (f32 ? 9 : 17) ||
            (f32 ? strtof(buf, NULL) == (float)v : strtod(buf, NULL) == v))
            return;
    }
}

/* A number as text; `json` writes null for NaN and infinities, which JSON lacks. */
static void format_num(char *buf, size_t size, Num n, bool json)
{
    switch (types[n.type].cls) {
    case C_BOOL:
        snprintf(buf, size, "%s", n.u ? "true" : "false");
        break;
    case C_SINT:
        snprintf(buf, size, "%lld", (long long)n.i);
        break;
    case C_UINT:
        snprintf(buf, size, "%llu", (unsigned long long)n.u);
        break;
    default:
        if (json && !isfinite(n.f))
            snprintf(buf, size, "null");
        else if (json)
            format_float(buf, size, n.f, n.type == HOT_F32);
        else
            snprintf(buf, size, "%g", n.f);
    }
}

static void indent(FILE *o, int level)
{
    fprintf(o, "%*s", 2 * level, "");
}

static int json_value(FILE *o, Cur *c, int level)
{
    Val v;
    char num[40];
    if (rd(c, &v))
        return -1;
    switch (v.tag) {
    case V_NIL:
        fputs("null", o);
        break;
    case V_NUM:
        format_num(num, sizeof(num), v.num, true);
        fputs(num, o);
        break;
    case V_STR:
        json_write_string(o, v.data, v.len);
        break;
    case V_BIN:
    case V_EXT: { /* number arrays in one line */
        HotType t = v.tag == V_BIN ? HOT_U8 : (HotType)v.ext;
        size_t size = types[t].size;
        fputc('[', o);
        for (size_t i = 0; i * size < v.len; i++) {
            format_num(num, sizeof(num), load(t, v.data + i * size), true);
            fprintf(o, "%s%s", i ? ", " : "", num);
        }
        fputc(']', o);
        break;
    }
    default: { /* V_ARRAY, V_MAP */
        bool map = v.tag == V_MAP, flat = !map;
        if (level >= IMAGE_DEPTH)
            return -1;
        Cur peek = *c; /* an array of plain values goes on one line */
        for (uint32_t i = 0; i < v.len && flat; i++) {
            Val x;
            flat = rd(&peek, &x) == 0 && x.tag != V_ARRAY && x.tag != V_MAP;
        }
        if (flat) {
            fputc('[', o);
            for (uint32_t i = 0; i < v.len; i++) {
                fputs(i ? ", " : "", o);
                if (json_value(o, c, level + 1))
                    return -1;
            }
            fputc(']', o);
            break;
        }
        fputs(v.len == 0 ? "{}" : map ? "{\n" : "[\n", o);
        for (uint32_t i = 0; i < v.len; i++) {
            indent(o, level + 1);
            if (map) {
                Val key;
                if (rd(c, &key) || key.tag != V_STR)
                    return -1;
                json_write_string(o, key.data, key.len);
                fputs(": ", o);
            }
            if (json_value(o, c, level + 1))
                return -1;
            fputs(i + 1 < v.len ? ",\n" : "\n", o);
        }
        if (v.len) {
            indent(o, level);
            fputc(map ? '}' : ']', o);
        }
    }
    }
    return 0;
}

int state_image_to_json(const StateImage *img, FILE *out)
{
    Image im;
    int rc = image_open(img, &im);
    if (rc)
        return rc;
    Cur c = {img->data, img->data + img->size};
    if (json_value(out, &c, 0))
        return STATE_ECORRUPT;
    fputc('\n', out);
    return fflush(out) == 0 && !ferror(out) ? 0 : STATE_EIO;
}

/* ---------------------------------------------------------------------------------------
 * Inspector lines
 * ------------------------------------------------------------------------------------- */

typedef struct Ins {
    char *buf;
    size_t size, len;
    int lines;
    bool full;
    char path[256];
} Ins;

/* Appends "path = value\n" if it fits whole; the first line that does not ends output. */
static void ins_line(Ins *in, const char *value)
{
    if (in->full)
        return;
    int w = snprintf(in->buf + in->len, in->size - in->len, "%s = %s\n", in->path, value);
    if (w < 0 || (size_t)w >= in->size - in->len) {
        in->buf[in->len] = 0;
        in->full = true;
        return;
    }
    in->len += (size_t)w;
    in->lines++;
}

static void append(char *buf, size_t size, const char *fmt, ...) HOT_PRINTF(3, 4);
static void append(char *buf, size_t size, const char *fmt, ...)
{
    size_t n = strlen(buf);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + n, size - n, fmt, ap);
    va_end(ap);
}

static void ins_struct(Ins *in, const HotSchema *s, const uint8_t *base);

static void ins_field(Ins *in, const HotField *f, const uint8_t *base)
{
    const uint8_t *p = base + f->offset;
    char val[256] = "", num[40];
    switch (f->kind) {
    case HOT_KIND_FIELD:
    case HOT_KIND_ENUM:
        format_num(num, sizeof(num),
                   load(f->kind == HOT_KIND_ENUM ? HOT_I32 : f->type->type, p), false);
        ins_line(in, num);
        return;
    case HOT_KIND_STRING:
        append(val, sizeof(val), "\"");
        for (size_t i = 0; i < f->count - 1 && p[i] && strlen(val) < sizeof(val) - 8; i++) {
            if (p[i] == '"' || p[i] == '\\')
                append(val, sizeof(val), "\\%c", p[i]);
            else if (p[i] < 0x20)
                append(val, sizeof(val), "\\x%02x", p[i]);
            else
                append(val, sizeof(val), "%c", p[i]);
        }
        append(val, sizeof(val), "\"");
        ins_line(in, val);
        return;
    case HOT_KIND_STRUCT:
        ins_struct(in, f->type, p);
        return;
    default:
        break;
    }
    uint32_t n = f->kind == HOT_KIND_LIST ? list_count(f, base) : f->count;
    uint32_t shown = n < INSPECT_ITEMS ? n : INSPECT_ITEMS;
    const HotSchema *t = f->type;
    if (t->type != HOT_STRUCT) {
        append(val, sizeof(val), "[");
        for (uint32_t i = 0; i < shown; i++) {
            format_num(num, sizeof(num), load(t->type, p + i * types[t->type].size), false);
            append(val, sizeof(val), "%s%s", i ? ", " : "", num);
        }
        if (n > shown)
            append(val, sizeof(val), ", ... (%u items)", n);
        append(val, sizeof(val), "]");
        ins_line(in, val);
        return;
    }
    if (n == 0)
        ins_line(in, "[]");
    size_t len = strlen(in->path);
    for (uint32_t i = 0; i < shown && !in->full; i++) {
        snprintf(in->path + len, sizeof(in->path) - len, "[%u]", i);
        ins_struct(in, t, p + (size_t)i * t->size);
    }
    in->path[len] = 0;
    if (n > shown) {
        snprintf(val, sizeof(val), "... (%u items)", n);
        ins_line(in, val);
    }
}

static void ins_struct(Ins *in, const HotSchema *s, const uint8_t *base)
{
    uint32_t n = 0;
    const HotField *f = s->fields(&n);
    size_t len = strlen(in->path);
    for (uint32_t i = 0; i < n && !in->full; i++) {
        if (f[i].kind == HOT_KIND_TRANSIENT)
            continue;
        snprintf(in->path + len, sizeof(in->path) - len, "%s%s", len ? "." : "", f[i].name);
        ins_field(in, &f[i], base);
    }
    in->path[len] = 0;
}

int state_inspect(const HotSchema *schema, const void *mem, char *buf, size_t size)
{
    uint32_t need;
    if (size == 0)
        return 0;
    buf[0] = 0;
    if (schema_check(schema, 0, &need))
        return 0;
    Ins in = {.buf = buf, .size = size};
    ins_struct(&in, schema, mem);
    return in.lines;
}
