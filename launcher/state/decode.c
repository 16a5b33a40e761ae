/* decode.c: image -> state memory by the current schema, with the report.
 *
 * Decoding matches names at every level with the new schema and applies the rules of
 * decode.h (ADDED, DROPPED, CONVERTED, RESET, TRUNCATED). Numbers convert by convert.c's
 * rules. Changes that follow from the two schemas alone (added, dropped or converted
 * fields, incompatible types, resized fixed arrays) are reported once, for the first
 * element of an array of structs; changes that depend on values (out of range, long
 * strings, long lists) for every element.
 *
 * Of duplicate keys in a map the first wins (the others are reported DROPPED).
 *
 * Safety: an image is validated completely (structure, lengths, key types, ext types)
 * before the decoder writes anything, and once it is valid the decoder cannot fail, so a
 * refused image leaves the live state untouched without a scratch copy of the state. */
#include "state/decode.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state/convert.h"
#include "state/cursor.h"
#include "state/format.h"
#include "state/table.h"

#define SCHEMA_DEPTH STATE_SCHEMA_DEPTH
#define PATH_SEGS    (2 * SCHEMA_DEPTH + 4)

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
    bool own;       /* a packed image of this process: its tables are its own memory */
    bool whole;     /* write every item (decode_whole): the memory holds nothing yet */
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
        snprintf(buf, size, "%s", state_types[v->num.type].name);
    else if (v->tag == V_EXT && v->ext == TABLE_EXT)
        snprintf(buf, size, "array");
    else if (v->tag == V_EXT)
        snprintf(buf, size, "array of %s", state_types[(int)v->ext].name);
    else
        snprintf(buf, size, "%s", names[v->tag]);
}

static void field_name(const HotField *f, char *buf, size_t size)
{
    HotType t = f->kind == HOT_KIND_ENUM ? HOT_I32 : state_plain(f->type->type);
    if (f->kind == HOT_KIND_ARRAY || f->kind == HOT_KIND_LIST)
        snprintf(buf, size, "array of %s", state_types[t].name);
    else if (f->kind == HOT_KIND_STRING)
        snprintf(buf, size, "string");
    else
        snprintf(buf, size, "%s", state_types[t].name);
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
    int r = state_convert(in, to, &out, why, sizeof(why));
    if (r == CV_SAME || r == CV_CONVERTED) {
        state_store(to, p, out);
        if (r == CV_CONVERTED && !t->converted) {
            t->converted = true;
            memcpy(t->conv_why, why, sizeof(why));
        }
        return;
    }
    memset(p, 0, state_types[state_plain(to)].size);
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
static void items_end(const Ctx *c, const HotField *f, uint8_t *base, uint32_t n)
{
    if (f->kind == HOT_KIND_LIST && c->whole) /* the items past the count too */
        state_fill_defaults(f->type, base + f->offset + (size_t)n * state_elem_size(f->type),
                            f->count - n);
    if (f->kind == HOT_KIND_LIST)
        memcpy(base + f->count_offset, &n, 4);
    else
        state_fill_defaults(f->type, base + f->offset + (size_t)n * state_elem_size(f->type), f->count - n);
}

static void dec_blob(Ctx *c, const HotField *f, uint8_t *base, const Val *v)
{
    HotType from = (HotType)v->ext, to = state_plain(f->type->type);
    size_t fs = state_types[from].size, ts = state_types[to].size;
    uint32_t n = items_begin(c, f, (uint32_t)(v->len / fs));
    uint8_t *dst = base + f->offset;
    if (from == to && to != HOT_BOOL) {
        memcpy(dst, v->data, n * ts);
    } else {
        Tally t = {0};
        for (uint32_t i = 0; i < n; i++)
            tally_item(&t, state_load(from, v->data + i * fs), to, dst + i * ts);
        tally_report(c, &t, n);
    }
    items_end(c, f, base, n);
}

/* A msgpack array of numbers into a number array: not what we write, but readable. */
static int dec_scalar_items(Ctx *c, const HotField *f, uint8_t *base, Cur *cur, uint32_t nsrc)
{
    HotType to = state_plain(f->type->type);
    size_t ts = state_types[to].size;
    uint32_t n = items_begin(c, f, nsrc);
    Tally t = {0};
    for (uint32_t i = 0; i < nsrc; i++) {
        Val e;
        if (cur_read(cur, &e) || cur_skip_items(cur, &e))
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
                snprintf(t.reset_why, sizeof(t.reset_why), "%s -> %s", src, state_types[to].name);
            }
        }
    }
    tally_report(c, &t, n);
    items_end(c, f, base, n);
    return 0;
}

static int dec_struct(Ctx *c, const HotSchema *s, uint8_t *base, Cur *cur, uint32_t nkeys);

/* An asset handle from its saved path (nil: none); false for a value of another kind. */
static bool dec_handle(HotType t, uint8_t *p, const Val *v)
{
    if (v->tag != V_STR && v->tag != V_NIL)
        return false;
    Num n = {.type = t, .u = v->tag == V_STR ? state_handle_id(t, v->data, v->len) : 0};
    state_store(t, p, n);
    return true;
}

/* A msgpack array of asset paths into an ARRAY or LIST of handles. */
static int dec_handle_items(Ctx *c, const HotField *f, uint8_t *base, Cur *cur, uint32_t nsrc)
{
    HotType t = f->type->type;
    uint32_t n = items_begin(c, f, nsrc), resets = 0;
    for (uint32_t i = 0; i < nsrc; i++) {
        Val e;
        if (cur_read(cur, &e) || cur_skip_items(cur, &e))
            return -1;
        if (i < n && !dec_handle(t, base + f->offset + (size_t)i * 4, &e)) {
            memset(base + f->offset + (size_t)i * 4, 0, 4);
            resets++;
        }
    }
    if (resets)
        note(c, STATE_RESET, true, "%u of %u items: not an asset path", resets, n);
    items_end(c, f, base, n);
    return 0;
}

static int dec_struct_items(Ctx *c, const HotField *f, uint8_t *base, Cur *cur, uint32_t nsrc)
{
    const HotSchema *t = f->type;
    uint32_t n = items_begin(c, f, nsrc);
    for (uint32_t i = 0; i < nsrc; i++) {
        Val e;
        if (cur_read(cur, &e))
            return -1;
        if (i >= n) {
            if (cur_skip_items(cur, &e))
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
            rc = cur_skip_items(cur, &e);
            state_struct_defaults(t, p);
            note(c, STATE_RESET, true, "%s -> struct", src);
        }
        c->quiet -= i > 0;
        pop(c);
        if (rc)
            return rc;
    }
    items_end(c, f, base, n);
    return 0;
}

static int dec_field(Ctx *c, const HotField *f, uint8_t *base, Cur *cur);

/* Row i of a table into the element at p by the generic rules: the row as the map it
 * stands for, decoded as one. */
static int dec_row(Ctx *c, const HotSchema *t, uint8_t *p, const Table *tab, uint32_t i,
                   Sink *scratch)
{
    scratch->size = 0;
    table_row_put(scratch, tab, i);
    if (scratch->failed) { /* out of memory: the element keeps its defaults */
        state_struct_defaults(t, p);
        return 0;
    }
    Cur cur = {scratch->data, scratch->data + scratch->size};
    Val e;
    push(c, NULL, 0, i);
    c->quiet += i > 0;
    int rc = cur_read(&cur, &e) || dec_struct(c, t, p, &cur, e.len);
    c->quiet -= i > 0;
    pop(c);
    return rc ? -1 : 0;
}

/* A table into an array or list of structs: one memcpy when the rows have the element's
 * layout; else the first row by the generic rules (it reports what the schemas' change
 * does) and the others by a plan made once, but for rows whose values need a word in the
 * report, which go the generic way too. The report is the one the rows as maps give. */
static int dec_table(Ctx *c, const HotField *f, uint8_t *base, const Val *v)
{
    const HotSchema *t = f->type;
    Table tab;
    if (table_open(v->data, v->len, &tab))
        return -1;
    uint32_t n = items_begin(c, f, tab.n);
    uint8_t *dst = base + f->offset;
    int rc = 0;
    if (table_same(&tab, t)) {
        table_copy_same(&tab, t, dst, n, c->own);
    } else {
        TablePlan plan;
        bool fast = table_plan(&tab, t, &plan, c->own) == 0 && plan.fast;
        Sink scratch = {0};
        for (uint32_t i = 0; i < n && rc == 0; i++) {
            uint8_t *p = dst + (size_t)i * t->size;
            if (i == 0 || !fast || !table_row_apply(&plan, &tab, i, p))
                rc = dec_row(c, t, p, &tab, i, &scratch);
        }
        free(scratch.data);
        table_plan_free(&plan);
    }
    items_end(c, f, base, n);
    return rc;
}

/* A table where the schema has no array of structs: decoded as the array of maps it
 * stands for, so the report is the same. */
static int dec_table_elsewhere(Ctx *c, const HotField *f, uint8_t *base, const Val *v)
{
    Table tab;
    if (table_open(v->data, v->len, &tab))
        return -1;
    Sink s = {0};
    sink_array(&s, tab.n);
    for (uint32_t i = 0; i < tab.n; i++)
        table_row_put(&s, &tab, i);
    int rc = 0;
    if (s.failed) {
        state_field_default(f, base);
    } else {
        Cur cur = {s.data, s.data + s.size};
        rc = dec_field(c, f, base, &cur);
    }
    free(s.data);
    return rc;
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
    if (cur_read(cur, &v))
        return -1;
    uint8_t *p = base + f->offset;
    bool structs = f->type->type == HOT_STRUCT;
    bool handles = state_is_handle(f->type->type);
    if (v.tag == V_EXT && v.ext == TABLE_EXT)
        return structs && (f->kind == HOT_KIND_ARRAY || f->kind == HOT_KIND_LIST)
                   ? dec_table(c, f, base, &v)
                   : dec_table_elsewhere(c, f, base, &v);
    switch (f->kind) {
    case HOT_KIND_FIELD:
    case HOT_KIND_ENUM:
        if (handles && f->kind == HOT_KIND_FIELD && dec_handle(f->type->type, p, &v))
            return 0;
        if (v.tag == V_NUM) {
            HotType to = f->kind == HOT_KIND_ENUM ? HOT_I32 : f->type->type;
            Num out;
            char why[64];
            int r = state_convert(v.num, to, &out, why, sizeof(why));
            if (r == CV_SAME || r == CV_CONVERTED) {
                state_store(to, p, out);
                if (r == CV_CONVERTED)
                    note(c, STATE_CONVERTED, true, "%s", why);
            } else {
                state_field_default(f, base);
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
        if (handles && v.tag == V_ARRAY)
            return dec_handle_items(c, f, base, cur, v.len);
        if (handles)
            break;
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
    state_field_default(f, base);
    note(c, STATE_RESET, true, "%s -> %s", src, dst);
    return cur_skip_items(cur, &v);
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
        if (cur_read(cur, &key) || key.tag != V_STR) {
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
            rc = cur_skip(cur);
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
            state_field_default(&f[i], base);
            push(c, f[i].name, (uint32_t)strlen(f[i].name), 0);
            note(c, STATE_ADDED, true, "%s", "");
            pop(c);
        }
    }
    c->seen_top -= n;
    return rc;
}

static int decode(const StateLayout *l, const StateImage *img, void *mem, StateReport *report,
                  bool whole)
{
    if (report) {
        report->count = 0;
        report->dropped = 0;
        report->image_state_version = 0;
    }
    if (!l->schema)
        return STATE_ESCHEMA;
    Image im;
    int rc = image_open(img, &im);
    if (rc)
        return rc;
    uint8_t local[512];
    uint8_t *seen = l->need <= sizeof(local) ? local : malloc(l->need);
    if (!seen)
        return STATE_ENOMEM;
    if (report)
        report->image_state_version = im.info.state_version;
    /* From here on nothing fails for a checked image, so mem is written directly. */
    Ctx c = {.report = report, .seen = seen,
             .own = im.info.packed && im.packed_by == table_token(), .whole = whole};
    Cur cur = im.state;
    Val v;
    rc = cur_read(&cur, &v) || dec_struct(&c, l->schema, mem, &cur, v.len) ? STATE_ECORRUPT
                                                                            : 0;
    if (seen != local)
        free(seen);
    return rc;
}

int state_layout_decode(const StateLayout *l, const StateImage *img, void *mem,
                        StateReport *report)
{
    return decode(l, img, mem, report, false);
}

int state_layout_decode_whole(const StateLayout *l, const StateImage *img, void *mem,
                              StateReport *report)
{
    int rc = decode(l, img, mem, report, true);
    if (rc < 0)
        state_layout_defaults(l, mem);
    return rc;
}

int state_decode(const HotSchema *schema, const StateImage *img, void *mem,
                 StateReport *report)
{
    StateLayout l;
    state_layout_check(schema, &l); /* an unusable schema leaves l empty: STATE_ESCHEMA */
    return state_layout_decode(&l, img, mem, report);
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
