/* cursor.c: the msgpack reader: one item at a time, every length checked against the bytes
 * left. */
#include "state/cursor.h"

#include <string.h>

#include "state/table.h"

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

int cur_read(Cur *c, Val *v)
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

int cur_skip_items(Cur *c, const Val *v)
{
    uint64_t pending = v->tag == V_ARRAY ? v->len : v->tag == V_MAP ? 2ull * v->len : 0;
    while (pending) {
        Val x;
        if (cur_read(c, &x))
            return -1;
        pending--;
        pending += x.tag == V_ARRAY ? x.len : x.tag == V_MAP ? 2ull * x.len : 0;
    }
    return 0;
}

int cur_skip(Cur *c)
{
    Val v;
    return cur_read(c, &v) ? -1 : cur_skip_items(c, &v);
}

bool cur_blob_type(int8_t t)
{
    return t >= HOT_BOOL && t <= HOT_F64;
}

int cur_check_items(Cur *c, const Val *v, int depth)
{
    if (v->tag == V_EXT && v->ext == TABLE_EXT) {
        Table t;
        return table_open(v->data, v->len, &t);
    }
    if (v->tag == V_EXT)
        return cur_blob_type(v->ext) && v->len % state_types[v->ext].size == 0 ? 0 : -1;
    if (v->tag != V_ARRAY && v->tag != V_MAP)
        return 0;
    if (depth >= IMAGE_DEPTH)
        return -1;
    for (uint32_t i = 0; i < v->len; i++) {
        Val x;
        if (v->tag == V_MAP && (cur_read(c, &x) || x.tag != V_STR))
            return -1;
        if (cur_read(c, &x) || cur_check_items(c, &x, depth + 1))
            return -1;
    }
    return 0;
}

bool cur_str_is(const Val *v, const char *s)
{
    size_t n = strlen(s);
    return v->tag == V_STR && v->len == n && memcmp(v->data, s, n) == 0;
}
