/* table.c: arrays of structs as tables (table.h): written with one memcpy, read back with
 * one memcpy when the shape is the same, or by a plan made once per table. */
#include "state/table.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "state/convert.h"
#include "state/schema.h"

static void raw(Sink *s, const void *p, size_t n)
{
    uint8_t *d = sink_room(s, n);
    if (d) {
        memcpy(d, p, n);
        s->size += n;
    }
}

static void raw8(Sink *s, uint8_t v)
{
    raw(s, &v, 1);
}

static void raw32(Sink *s, uint32_t v)
{
    raw(s, &v, 4); /* little-endian: convert.h refuses other hosts */
}

static uint32_t le32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static uint16_t le16(const uint8_t *p)
{
    uint16_t v;
    memcpy(&v, p, 2);
    return v;
}

bool table_fits(const HotSchema *elem)
{
    uint32_t n = 0;
    const HotField *f = elem->fields(&n);
    if (n > UINT16_MAX)
        return false;
    for (uint32_t i = 0; i < n; i++) {
        if (f[i].kind == HOT_KIND_TRANSIENT)
            continue;
        if (strlen(f[i].name) > 255)
            return false;
        switch (f[i].kind) {
        case HOT_KIND_FIELD:
        case HOT_KIND_ARRAY:
            if (!state_is_scalar(f[i].type->type)) /* no handles, no arrays of structs */
                return false;
            break;
        case HOT_KIND_ENUM:
        case HOT_KIND_STRING:
            break;
        case HOT_KIND_STRUCT:
            if (!table_fits(f[i].type))
                return false;
            break;
        default: /* a LIST keeps only its count of items: the generic form */
            return false;
        }
    }
    return true;
}

/* The bytes of a field's value in memory. */
static size_t value_size(const HotField *f)
{
    switch (f->kind) {
    case HOT_KIND_ENUM:
        return 4;
    case HOT_KIND_STRUCT:
        return f->type->size;
    default:
        return (size_t)f->count * state_elem_size(f->type);
    }
}

static void desc_put(Sink *s, const HotSchema *st)
{
    uint32_t n = 0;
    const HotField *f = st->fields(&n);
    uint16_t kept = 0;
    for (uint32_t i = 0; i < n; i++)
        kept += f[i].kind != HOT_KIND_TRANSIENT;
    raw(s, &kept, 2);
    for (uint32_t i = 0; i < n; i++) {
        if (f[i].kind == HOT_KIND_TRANSIENT)
            continue;
        size_t len = strlen(f[i].name);
        raw8(s, (uint8_t)len);
        raw(s, f[i].name, len);
        raw8(s, (uint8_t)f[i].kind);
        HotType t = f[i].kind == HOT_KIND_STRUCT ? HOT_STRUCT
                    : f[i].kind == HOT_KIND_ENUM ? HOT_I32
                                                 : state_plain(f[i].type->type);
        raw8(s, (uint8_t)t);
        raw32(s, (uint32_t)f[i].offset);
        raw32(s, f[i].count);
        if (f[i].kind == HOT_KIND_STRUCT) {
            raw32(s, (uint32_t)f[i].type->size);
            desc_put(s, f[i].type);
        }
    }
}

/* Marks the bytes of st's saved fields at base in keep. */
void table_keep(uint8_t *keep, const HotSchema *st, size_t base)
{
    uint32_t n = 0;
    const HotField *f = st->fields(&n);
    for (uint32_t i = 0; i < n; i++) {
        if (f[i].kind == HOT_KIND_STRUCT)
            table_keep(keep, f[i].type, base + f[i].offset);
        else if (f[i].kind != HOT_KIND_TRANSIENT)
            memset(keep + base + f[i].offset, 1, value_size(&f[i]));
    }
}

/* The runs of zeros in keep[0..stride), as (offset, length) pairs; their number. */
uint32_t table_holes(const uint8_t *keep, size_t stride, uint32_t *holes)
{
    uint32_t nh = 0;
    for (uint32_t i = 0; i < stride;) {
        if (keep[i]) {
            i++;
            continue;
        }
        uint32_t at = i;
        while (i < stride && !keep[i])
            i++;
        holes[2 * nh] = at;
        holes[2 * nh + 1] = i - at;
        nh++;
    }
    return nh;
}

/* n rows copied with their unkept bytes zeroed, a word at a time, in one pass (a copy and
 * then a pass over the holes would read the whole table twice). stride % 8 == 0 and
 * stride <= 8 * TABLE_MASK_WORDS. */
void table_mask_copy(uint8_t *dst, const uint8_t *src, size_t n, size_t stride,
                     const uint8_t *keep)
{
    size_t words = stride / 8;
    uint64_t mask[TABLE_MASK_WORDS];
    for (size_t w = 0; w < words; w++) {
        uint8_t m[8];
        for (int b = 0; b < 8; b++)
            m[b] = keep[w * 8 + b] ? 0xff : 0;
        memcpy(&mask[w], m, 8);
    }
    for (size_t k = 0; k < n; k++, dst += stride, src += stride) {
        for (size_t w = 0; w < words; w++) {
            uint64_t v;
            memcpy(&v, src + 8 * w, 8);
            v &= mask[w];
            memcpy(dst + 8 * w, &v, 8);
        }
    }
}

void table_put(Sink *s, const HotSchema *elem, const uint8_t *items, uint32_t n)
{
    Sink d = {0};
    desc_put(&d, elem);
    size_t stride = elem->size, rows = (size_t)n * stride;
    uint8_t *keep = calloc(stride ? stride : 1, 1);
    uint32_t *holes = malloc((stride / 2 + 1) * 2 * sizeof(uint32_t));
    uint32_t nh;
    uint8_t *p =
        d.failed || !keep || !holes ? NULL : sink_ext_head(s, 12 + d.size + rows, TABLE_EXT);
    if (!p) {
        s->failed = true;
    } else {
        uint32_t head[3] = {n, (uint32_t)stride, (uint32_t)d.size};
        memcpy(p, head, 12);
        memcpy(p + 12, d.data, d.size);
        uint8_t *r = p + 12 + d.size;
        /* padding and transient fields are zero, so equal states give equal images */
        table_keep(keep, elem, 0);
        if (stride % 8 == 0 && stride <= 8 * TABLE_MASK_WORDS && memchr(keep, 0, stride)) {
            table_mask_copy(r, items, n, stride, keep);
            nh = 0;
        } else {
            memcpy(r, items, rows);
            nh = table_holes(keep, stride, holes);
        }
        for (size_t k = 0; nh && k < n; k++, r += stride)
            for (uint32_t h = 0; h < nh; h++)
                table_zero_small(r + holes[2 * h], holes[2 * h + 1]);
    }
    free(keep);
    free(holes);
    free(d.data);
}

static const uint8_t *skip_struct(const uint8_t *p);

/* Reads the field at p (of a checked description); returns what follows it. */
const uint8_t *table_field(const uint8_t *p, TableField *f)
{
    f->len = p[0];
    f->name = (const char *)p + 1;
    p += 1 + f->len;
    f->kind = p[0];
    f->type = p[1];
    f->off = le32(p + 2);
    f->count = le32(p + 6);
    p += 10;
    f->sub = NULL;
    if (f->kind == HOT_KIND_STRUCT) {
        f->size = le32(p);
        f->sub = p + 4;
        return skip_struct(p + 4);
    }
    return p;
}

static const uint8_t *skip_struct(const uint8_t *p)
{
    uint16_t n = le16(p);
    p += 2;
    TableField f;
    for (uint16_t i = 0; i < n; i++)
        p = table_field(p, &f);
    return p;
}

/* Checks a description of a struct of `size` bytes at *pp. */
static int desc_check(const uint8_t **pp, const uint8_t *end, uint64_t size, int depth)
{
    const uint8_t *p = *pp;
    if (depth > STATE_SCHEMA_DEPTH || end - p < 2)
        return -1;
    uint16_t n = le16(p);
    p += 2;
    for (uint16_t i = 0; i < n; i++) {
        if (end - p < 1 || p[0] == 0 || end - p < 1 + p[0] + 10 || memchr(p + 1, 0, p[0]))
            return -1;
        p += 1 + p[0];
        uint8_t kind = p[0], type = p[1];
        uint64_t off = le32(p + 2), count = le32(p + 6), es;
        p += 10;
        bool number = type >= HOT_BOOL && type <= HOT_F64;
        switch (kind) {
        case HOT_KIND_FIELD:
        case HOT_KIND_ARRAY:
            if (!number || count < 1 || (kind == HOT_KIND_FIELD && count != 1))
                return -1;
            es = state_types[type].size;
            break;
        case HOT_KIND_ENUM:
            if (type != HOT_I32 || count != 1)
                return -1;
            es = 4;
            break;
        case HOT_KIND_STRING:
            if ((type != HOT_I8 && type != HOT_U8) || count < 1)
                return -1;
            es = 1;
            break;
        case HOT_KIND_STRUCT:
            if (type != HOT_STRUCT || count != 1 || end - p < 4)
                return -1;
            es = le32(p);
            p += 4;
            if (es == 0 || desc_check(&p, end, es, depth + 1))
                return -1;
            break;
        default:
            return -1;
        }
        if (off + es * count > size)
            return -1;
    }
    *pp = p;
    return 0;
}

int table_open(const uint8_t *data, size_t len, Table *t)
{
    if (len < 12)
        return -1;
    t->n = le32(data);
    t->stride = le32(data + 4);
    t->desc_len = le32(data + 8);
    if (t->stride == 0 || t->desc_len > len - 12 ||
        (uint64_t)t->n * t->stride != len - 12 - t->desc_len)
        return -1;
    t->desc = data + 12;
    t->rows = t->desc + t->desc_len;
    const uint8_t *p = t->desc;
    return desc_check(&p, t->rows, t->stride, 0) == 0 && p == t->rows ? 0 : -1;
}

static void row_struct(Sink *s, const uint8_t *desc, const uint8_t *base)
{
    uint16_t n = le16(desc);
    const uint8_t *p = desc + 2;
    sink_map(s, n);
    for (uint16_t i = 0; i < n; i++) {
        TableField f;
        p = table_field(p, &f);
        sink_str(s, f.name, f.len);
        const uint8_t *v = base + f.off;
        switch (f.kind) {
        case HOT_KIND_FIELD:
        case HOT_KIND_ENUM:
            sink_scalar(s, (HotType)f.type, v);
            break;
        case HOT_KIND_STRING:
            sink_str(s, (const char *)v, strnlen((const char *)v, f.count - 1));
            break;
        case HOT_KIND_STRUCT:
            row_struct(s, f.sub, v);
            break;
        default:
            sink_ext(s, v, (size_t)f.count * state_types[f.type].size, (int8_t)f.type);
        }
    }
}

void table_row_put(Sink *s, const Table *t, uint32_t i)
{
    row_struct(s, t->desc, t->rows + (size_t)i * t->stride);
}

bool table_same(const Table *t, const HotSchema *elem)
{
    if (t->stride != elem->size || !table_fits(elem))
        return false;
    Sink d = {0};
    desc_put(&d, elem);
    bool same = !d.failed && d.size == t->desc_len && memcmp(d.data, t->desc, d.size) == 0;
    free(d.data);
    return same;
}

uint64_t table_token(void)
{
    static uint64_t token;
    uint64_t t = __atomic_load_n(&token, __ATOMIC_ACQUIRE);
    if (t)
        return t;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    uint64_t fresh = 0;
    if (getrandom(&fresh, sizeof(fresh), GRND_NONBLOCK) != (ssize_t)sizeof(fresh))
        fresh = ((uint64_t)getpid() << 40) ^ (uint64_t)ts.tv_nsec ^ (uintptr_t)&token;
    fresh |= 1;
    uint64_t none = 0; /* the first thread to get here sets it */
    __atomic_compare_exchange_n(&token, &none, fresh, false, __ATOMIC_ACQ_REL,
                                __ATOMIC_ACQUIRE);
    return __atomic_load_n(&token, __ATOMIC_ACQUIRE);
}

/* The first field of a description named `name` (the first of duplicates wins, as in a
 * map). */
bool table_find(const uint8_t *desc, const char *name, TableField *out)
{
    uint16_t n = le16(desc);
    const uint8_t *p = desc + 2;
    size_t len = strlen(name);
    for (uint16_t i = 0; i < n; i++) {
        p = table_field(p, out);
        if (out->len == len && memcmp(out->name, name, len) == 0)
            return true;
    }
    return false;
}
