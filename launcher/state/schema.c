/* schema.c: the schema check (once per library), its fingerprints, and defaults. */
#include "state/schema.h"

#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include "state/convert.h"
#include "state/image.h"
#include "util/hash.h"

#define SCHEMA_DEPTH STATE_SCHEMA_DEPTH

size_t state_elem_size(const HotSchema *t)
{
    return t->type == HOT_STRUCT ? t->size : state_types[t->type].size;
}

uint32_t state_list_count(const HotField *f, const uint8_t *base)
{
    uint32_t n;
    memcpy(&n, base + f->count_offset, 4);
    return n < f->count ? n : f->count;
}

typedef struct Check {
    uint64_t shape, memory;
} Check;

static void mix(uint64_t *h, const void *data, size_t n)
{
    *h = hash_bytes(*h, data, n);
}

static void mix_u32(uint64_t *h, uint32_t v)
{
    mix(h, &v, sizeof(v));
}

/* Checks a field table (offsets inside the struct, kinds and types consistent), hashes
 * it into the fingerprints and returns in *need the most field flags a decode holds at
 * once. */
static int check(const HotSchema *s, int depth, uint32_t *need, Check *c)
{
    if (!s || s->type != HOT_STRUCT || !s->fields || depth > SCHEMA_DEPTH)
        return STATE_ESCHEMA;
    uint32_t n = 0;
    const HotField *f = s->fields(&n);
    if (!f || n == 0)
        return STATE_ESCHEMA;
    mix_u32(&c->shape, n);
    mix_u32(&c->memory, (uint32_t)s->size);
    mix_u32(&c->memory, n);
    uint32_t deepest = 0;
    for (uint32_t i = 0; i < n; i++) {
        const HotField *x = &f[i];
        if (!x->name || !x->name[0])
            return STATE_ESCHEMA;
        uint32_t desc[4] = {(uint32_t)x->kind, (uint32_t)x->offset, (uint32_t)x->size,
                            (uint32_t)x->count_offset};
        mix(&c->memory, x->name, strlen(x->name) + 1);
        mix(&c->memory, desc, sizeof(desc));
        if (x->kind == HOT_KIND_TRANSIENT) {
            if ((uint64_t)x->offset + x->size > s->size)
                return STATE_ESCHEMA;
            continue;
        }
        if (!x->type || !(state_is_scalar(x->type->type) || state_is_handle(x->type->type) ||
                          x->type->type == HOT_STRUCT))
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
        size_t es = state_elem_size(x->type);
        if (!ok || es == 0 || (uint64_t)x->offset + (uint64_t)es * x->count > s->size)
            return STATE_ESCHEMA;
        uint32_t shape[3] = {(uint32_t)x->kind, (uint32_t)state_plain(t), x->count};
        mix(&c->shape, x->name, strlen(x->name) + 1);
        mix(&c->shape, shape, sizeof(shape));
        mix(&c->memory, shape, sizeof(shape));
        if (t == HOT_STRUCT) {
            uint32_t sub = 0;
            int rc = check(x->type, depth + 1, &sub, c);
            if (rc)
                return rc;
            if (sub > deepest)
                deepest = sub;
        }
    }
    *need = n + deepest;
    return 0;
}

int state_layout_check(const HotSchema *schema, StateLayout *out)
{
    Check c = {HASH_FNV1A_INIT, HASH_FNV1A_INIT};
    uint32_t need = 0;
    memset(out, 0, sizeof(*out));
    int rc = check(schema, 0, &need, &c);
    if (rc)
        return rc;
    out->schema = schema;
    out->need = need;
    out->fingerprint = c.shape;
    out->memory = c.memory;
    return 0;
}

static void struct_defaults(const HotSchema *s, uint8_t *p);

void state_fill_defaults(const HotSchema *t, uint8_t *p, size_t n)
{
    if (n == 0)
        return;
    size_t size = state_elem_size(t);
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

void state_field_default(const HotField *f, uint8_t *base)
{
    uint8_t *p = base + f->offset;
    switch (f->kind) {
    case HOT_KIND_FIELD:
    case HOT_KIND_ENUM: {
        HotType t = f->kind == HOT_KIND_ENUM ? HOT_I32 : state_plain(f->type->type);
        Num n = {.type = t};
        if (state_types[t].cls == C_FLOAT)
            n.f = f->def_f;
        else
            n.i = f->def_i; /* u shares the bits */
        state_store(t, p, n);
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
        state_fill_defaults(f->type, p, f->count);
        break;
    case HOT_KIND_LIST:
        memset(base + f->count_offset, 0, 4);
        state_fill_defaults(f->type, p, f->count);
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
        state_field_default(&f[i], p);
}

void state_struct_defaults(const HotSchema *s, uint8_t *p)
{
    struct_defaults(s, p);
}

size_t state_block_size(size_t size)
{
    return size < ((size_t)1 << 20) ? (size ? size : 1) : size + size / 4;
}

/* A block for l's memory, its bytes as they come. */
static void *block_alloc(const StateLayout *l)
{
    const HotSchema *schema = l->schema;
    if (!schema)
        return NULL;
    size_t align = schema->align < sizeof(void *) ? sizeof(void *) : schema->align;
    if (align & (align - 1))
        return NULL;
    void *p = NULL;
    if (posix_memalign(&p, align, state_block_size(schema->size)))
        return NULL;
    return p;
}

void *state_layout_alloc(const StateLayout *l)
{
    void *p = block_alloc(l);
    if (p)
        struct_defaults(l->schema, p);
    return p;
}

void *state_layout_block(const StateLayout *l, void *mem)
{
    if (mem && l->schema) {
        size_t size = l->schema->size, have = malloc_usable_size(mem);
        size_t align = l->schema->align < sizeof(void *) ? sizeof(void *) : l->schema->align;
        /* the same block when it fits and is not more than twice too big */
        if (!(align & (align - 1)) && (uintptr_t)mem % align == 0 && size <= have &&
            have / 2 <= size)
            return mem;
    }
    free(mem);
    return block_alloc(l);
}

void *state_layout_reuse(const StateLayout *l, void *mem)
{
    void *p = state_layout_block(l, mem);
    if (p)
        struct_defaults(l->schema, p);
    return p;
}

void state_layout_defaults(const StateLayout *l, void *mem)
{
    if (l->schema)
        struct_defaults(l->schema, mem);
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

void state_layout_clear_transient(const StateLayout *l, void *mem)
{
    if (l->schema)
        clear_transient(l->schema, mem);
}

void *state_alloc(const HotSchema *schema)
{
    StateLayout l;
    return state_layout_check(schema, &l) ? NULL : state_layout_alloc(&l);
}

void state_free(void *mem)
{
    free(mem);
}

void state_defaults(const HotSchema *schema, void *mem)
{
    StateLayout l;
    if (state_layout_check(schema, &l) == 0)
        state_layout_defaults(&l, mem);
}

void state_clear_transient(const HotSchema *schema, void *mem)
{
    StateLayout l;
    if (state_layout_check(schema, &l) == 0)
        state_layout_clear_transient(&l, mem);
}
