/* table_plan.c: tables read into memory: rows of the element's own layout in one pass,
 * rows of another layout by a plan made once per table (table.h). */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "state/convert.h"
#include "state/schema.h"
#include "state/table.h"

static void add_u32(uint32_t **v, uint32_t *n, uint32_t *cap, uint32_t x, bool *failed)
{
    if (*n == *cap) {
        uint32_t c = *cap ? 2 * *cap : 16;
        uint32_t *w = realloc(*v, c * sizeof(*w));
        if (!w) {
            *failed = true;
            return;
        }
        *v = w;
        *cap = c;
    }
    (*v)[(*n)++] = x;
}

static void fixes_of(TableFixes *fx, const HotSchema *st, uint32_t base)
{
    uint32_t n = 0;
    const HotField *f = st->fields(&n);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t at = base + (uint32_t)f[i].offset;
        HotType t = f[i].type ? f[i].type->type : HOT_STRUCT;
        switch (f[i].kind) {
        case HOT_KIND_FIELD:
        case HOT_KIND_ARRAY:
            for (uint32_t k = 0; t == HOT_BOOL && k < f[i].count; k++)
                add_u32(&fx->bools, &fx->nb, &fx->cap_b, at + k, &fx->failed);
            if (t == HOT_F32 && f[i].kind == HOT_KIND_FIELD)
                add_u32(&fx->floats, &fx->nf, &fx->cap_f, at, &fx->failed);
            break;
        case HOT_KIND_STRING:
            add_u32(&fx->strs, &fx->ns, &fx->cap_s, at, &fx->failed);
            add_u32(&fx->strs, &fx->ns, &fx->cap_s, f[i].count, &fx->failed);
            break;
        case HOT_KIND_STRUCT:
            fixes_of(fx, f[i].type, at);
            break;
        default:
            break;
        }
    }
}

static void fixes_free(TableFixes *fx)
{
    free(fx->bools);
    free(fx->floats);
    free(fx->strs);
    memset(fx, 0, sizeof(*fx));
}

static inline void fix_row(uint8_t *r, const TableFixes *fx)
{
    for (uint32_t k = 0; k < fx->nb; k++)
        r[fx->bools[k]] = r[fx->bools[k]] != 0;
    for (uint32_t k = 0; k < fx->nf; k++) {
        float v;
        memcpy(&v, r + fx->floats[k], 4);
        if (v != v) /* as a decode stores it: through a double */
            state_store(HOT_F32, r + fx->floats[k], state_load(HOT_F32, r + fx->floats[k]));
    }
    for (uint32_t k = 0; k < fx->ns; k += 2) {
        char *p = (char *)r + fx->strs[k];
        uint32_t count = fx->strs[k + 1];
        size_t len = strnlen(p, count - 1);
        memset(p + len, 0, count - len);
    }
}

void table_copy_same(const Table *t, const HotSchema *elem, uint8_t *dst, uint32_t n, bool own)
{
    size_t stride = elem->size;
    if (own) { /* holes zeroed by its writer, the rest as the game had it */
        memcpy(dst, t->rows, (size_t)n * stride);
        return;
    }
    uint8_t *keep = calloc(stride, 1);
    uint32_t *holes = malloc((stride / 2 + 1) * 2 * sizeof(uint32_t));
    TableFixes fx = {0};
    fixes_of(&fx, elem, 0);
    if (!keep || !holes || fx.failed) { /* out of memory: the rows as they are */
        memcpy(dst, t->rows, (size_t)n * stride);
        goto out;
    }
    table_keep(keep, elem, 0);
    /* in slices that stay in the cache: the copy, then the fixes */
    const uint32_t slice = 256;
    bool masked = stride % 8 == 0 && stride <= 8 * TABLE_MASK_WORDS && memchr(keep, 0, stride);
    uint32_t nh = masked ? 0 : table_holes(keep, stride, holes);
    for (uint32_t at = 0; at < n; at += slice) {
        uint32_t m = n - at < slice ? n - at : slice;
        uint8_t *r = dst + (size_t)at * stride;
        const uint8_t *src = t->rows + (size_t)at * stride;
        if (masked)
            table_mask_copy(r, src, m, stride, keep);
        else
            memcpy(r, src, (size_t)m * stride);
        for (uint32_t k = 0; k < m; k++, r += stride) {
            for (uint32_t h = 0; h < nh; h++)
                table_zero_small(r + holes[2 * h], holes[2 * h + 1]);
            fix_row(r, &fx);
        }
    }
out:
    free(keep);
    free(holes);
    fixes_free(&fx);
}

enum { OP_COPY, OP_CONV, OP_STR, OP_DEFAULT };

static void add_op(TablePlan *p, TableOp op)
{
    TableOp *last = p->n ? &p->ops[p->n - 1] : NULL;
    if (op.op == OP_COPY && last && last->op == OP_COPY && last->src + last->len == op.src &&
        last->dst + last->len == op.dst) {
        last->len += op.len;
        return;
    }
    if (p->n == p->cap) {
        uint32_t cap = p->cap ? 2 * p->cap : 16;
        TableOp *ops = realloc(p->ops, cap * sizeof(*ops));
        if (!ops) {
            p->fast = false;
            return;
        }
        p->ops = ops;
        p->cap = cap;
    }
    p->ops[p->n++] = op;
}

static void plan_struct(TablePlan *p, const uint8_t *desc, const HotSchema *st, uint32_t soff,
                        uint32_t doff)
{
    uint32_t n = 0;
    const HotField *f = st->fields(&n);
    for (uint32_t i = 0; i < n && p->fast; i++) {
        TableField d;
        if (f[i].kind == HOT_KIND_TRANSIENT || !table_find(desc, f[i].name, &d))
            continue; /* added: the defaults have it */
        uint32_t src = soff + d.off, dst = doff + (uint32_t)f[i].offset;
        HotType ft = f[i].type->type;
        bool number = state_is_scalar(ft);
        switch (f[i].kind) {
        case HOT_KIND_FIELD:
        case HOT_KIND_ENUM: {
            if (!number || (d.kind != HOT_KIND_FIELD && d.kind != HOT_KIND_ENUM)) {
                p->fast = false;
                break;
            }
            HotType to = f[i].kind == HOT_KIND_ENUM ? HOT_I32 : state_plain(ft);
            if (to == d.type)
                add_op(p, (TableOp){OP_COPY, 0, 0, src, dst, state_types[to].size, 0});
            else
                add_op(p, (TableOp){OP_CONV, d.type, (uint8_t)to, src, dst, 0, 0});
            break;
        }
        case HOT_KIND_STRING:
            /* as long as it was: its bytes as they are, as with rows of the same layout */
            if (d.kind != HOT_KIND_STRING)
                p->fast = false;
            else if (d.count == f[i].count)
                add_op(p, (TableOp){OP_COPY, 0, 0, src, dst, d.count, 0});
            else
                add_op(p, (TableOp){OP_STR, 0, 0, src, dst, d.count, f[i].count});
            break;
        case HOT_KIND_STRUCT:
            if (d.kind != HOT_KIND_STRUCT)
                p->fast = false;
            else
                plan_struct(p, d.sub, f[i].type, src, dst);
            break;
        case HOT_KIND_ARRAY:
            if (number && d.kind == HOT_KIND_ARRAY && d.type == state_plain(ft) &&
                d.count == f[i].count)
                add_op(p, (TableOp){OP_COPY, 0, 0, src, dst, d.count * state_types[d.type].size,
                                    0});
            else
                p->fast = false;
            break;
        default:
            p->fast = false;
        }
    }
}

int table_plan(const Table *t, const HotSchema *elem, TablePlan *p, bool own)
{
    memset(p, 0, sizeof(*p));
    p->size = elem->size;
    p->defaults = malloc(p->size ? p->size : 1);
    if (!p->defaults)
        return -1;
    state_struct_defaults(elem, p->defaults);
    p->fast = true;
    plan_struct(p, t->desc, elem, 0, 0);
    if (!own)
        fixes_of(&p->fix, elem, 0);
    p->fast = p->fast && !p->fix.failed;
    /* What no op writes (added fields, padding) is copied from the defaults. */
    uint8_t *done = calloc(p->size ? p->size : 1, 1);
    if (!done)
        return -1;
    for (uint32_t k = 0; k < p->n; k++) {
        const TableOp *o = &p->ops[k];
        size_t len = o->op == OP_COPY  ? o->len
                     : o->op == OP_STR ? o->dlen
                                       : state_types[o->to].size;
        memset(done + o->dst, 1, len);
    }
    for (uint32_t i = 0; i < p->size;) {
        if (done[i]) {
            i++;
            continue;
        }
        uint32_t at = i;
        while (i < p->size && !done[i])
            i++;
        add_op(p, (TableOp){OP_DEFAULT, 0, 0, at, at, i - at, 0});
    }
    free(done);
    return 0;
}

/* state_convert for the values that convert without a word in the report (the rest go
 * the generic way): integers into range, integers to floats, floats to floats in range. */
static bool convert(Num in, HotType to, Num *out)
{
    int from = state_types[in.type].cls, cls = state_types[to].cls;
    out->type = to;
    if (from == C_FLOAT || cls == C_FLOAT) {
        if (cls != C_FLOAT || from == C_BOOL)
            return false;
        double v = from == C_FLOAT ? in.f : from == C_SINT ? (double)in.i : (double)in.u;
        if (to == HOT_F32 && isfinite(v) && fabs(v) > FLT_MAX)
            return false;
        out->f = v;
        return true;
    }
    bool neg = from == C_SINT && in.i < 0;
    uint64_t mag = from == C_SINT ? (neg ? 0 - (uint64_t)in.i : (uint64_t)in.i) : in.u;
    unsigned bits = 8u * state_types[to].size;
    if (cls == C_BOOL   ? neg || mag > 1
        : cls == C_UINT ? neg || (bits < 64 && mag >= (1ull << bits))
                        : mag > (1ull << (bits - 1)) - (neg ? 0 : 1))
        return false;
    if (cls == C_SINT)
        out->i = neg ? -(int64_t)(mag - 1) - 1 : (int64_t)mag;
    else
        out->u = mag;
    return true;
}

/* A copy of a few bytes without a call: two moves that may overlap. */
static inline void copy_small(uint8_t *d, const uint8_t *s, uint32_t n)
{
    uint64_t a, b;
    uint32_t x, y;
    if (n >= 8 && n <= 16) {
        memcpy(&a, s, 8);
        memcpy(&b, s + n - 8, 8);
        memcpy(d, &a, 8);
        memcpy(d + n - 8, &b, 8);
    } else if (n >= 4 && n < 8) {
        memcpy(&x, s, 4);
        memcpy(&y, s + n - 4, 4);
        memcpy(d, &x, 4);
        memcpy(d + n - 4, &y, 4);
    } else if (n > 16 && n <= 32) {
        uint64_t v[4];
        memcpy(v, s, 16);
        memcpy(v + 2, s + n - 16, 16);
        memcpy(d, v, 16);
        memcpy(d + n - 16, v + 2, 16);
    } else if (n < 4) {
        for (uint32_t i = 0; i < n; i++)
            d[i] = s[i];
    } else {
        memcpy(d, s, n);
    }
}

bool table_row_apply(const TablePlan *p, const Table *t, uint32_t i, uint8_t *dst)
{
    const uint8_t *row = t->rows + (size_t)i * t->stride;
    for (uint32_t k = 0; k < p->n; k++) {
        const TableOp *o = &p->ops[k];
        switch (o->op) {
        case OP_COPY:
            copy_small(dst + o->dst, row + o->src, o->len);
            break;
        case OP_DEFAULT:
            copy_small(dst + o->dst, p->defaults + o->src, o->len);
            break;
        case OP_STR: {
            size_t len = strnlen((const char *)row + o->src, o->len - 1);
            if (len > o->dlen - 1)
                return false; /* truncated: reported for the element */
            memcpy(dst + o->dst, row + o->src, len);
            memset(dst + o->dst + len, 0, o->dlen - len);
            break;
        }
        default: {
            Num out;
            if (!convert(state_load((HotType)o->from, row + o->src), (HotType)o->to, &out))
                return false;
            state_store((HotType)o->to, dst + o->dst, out);
        }
        }
    }
    fix_row(dst, &p->fix);
    return true;
}

void table_plan_free(TablePlan *p)
{
    free(p->ops);
    free(p->defaults);
    fixes_free(&p->fix);
    memset(p, 0, sizeof(*p));
}
