/* edit.c: one value of the live state, found by its path and read or changed as text. */
#include "state/edit.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t list_count(const HotField *f, const uint8_t *owner)
{
    uint32_t n;
    memcpy(&n, owner + f->count_offset, 4);
    return n < f->count ? n : f->count;
}

/* A field of a struct by name (length-limited: the name is a piece of a path). */
static const HotField *field_named(const HotSchema *s, const char *name, size_t len)
{
    uint32_t n = 0;
    const HotField *f = s->fields(&n);
    for (uint32_t i = 0; i < n; i++) {
        if (strlen(f[i].name) == len && memcmp(f[i].name, name, len) == 0)
            return &f[i];
    }
    return NULL;
}

static bool is_index(const char *p, size_t len, uint32_t *out)
{
    if (len == 0 || len > 9)
        return false;
    uint32_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (!isdigit((unsigned char)p[i]))
            return false;
        v = v * 10 + (uint32_t)(p[i] - '0');
    }
    *out = v;
    return true;
}

int state_find(const HotSchema *schema, void *mem, const char *path, StateSlot *out,
               Err *err)
{
    if (!schema || schema->type != HOT_STRUCT || !mem || !path)
        return err_set(err, ERR_INVALID, "no state to look in");
    /* "a[2].b" reads as "a.2.b". */
    char norm[256];
    size_t n = 0;
    for (const char *p = path; *p && n < sizeof(norm) - 1; p++) {
        if (*p == '[')
            norm[n++] = '.';
        else if (*p != ']')
            norm[n++] = *p;
    }
    norm[n] = '\0';
    StateSlot s = {.type = schema, .ptr = mem, .owner = mem, .index = -1};
    const char *p = norm;
    while (*p) {
        size_t len = strcspn(p, ".");
        uint32_t idx;
        bool group = s.field && s.index < 0 &&
                     (s.field->kind == HOT_KIND_ARRAY || s.field->kind == HOT_KIND_LIST);
        if (group && is_index(p, len, &idx)) {
            uint32_t count = s.field->kind == HOT_KIND_LIST ? list_count(s.field, s.owner)
                                                            : s.field->count;
            if (idx >= count)
                return err_set(err, ERR_NOTFOUND, "%s: item %u of %u", path, idx, count);
            s.ptr += (size_t)idx * s.type->size;
            s.index = (int32_t)idx;
        } else if (s.type->type == HOT_STRUCT && !group) {
            const HotField *f = field_named(s.type, p, len);
            if (!f || f->kind == HOT_KIND_TRANSIENT)
                return err_set(err, ERR_NOTFOUND, "%s: no field '%.*s'", path, (int)len, p);
            s = (StateSlot){.field = f, .type = f->type, .ptr = s.ptr + f->offset,
                            .owner = s.ptr, .index = -1};
        } else {
            return err_set(err, ERR_NOTFOUND, "%s: '%.*s' is not inside a value", path,
                           (int)len, p);
        }
        p += len;
        if (*p == '.')
            p++;
    }
    if (!s.field)
        return err_set(err, ERR_NOTFOUND, "an empty path names no value");
    *out = s;
    return 0;
}

StateValueKind state_slot_kind(const StateSlot *s)
{
    const HotField *f = s->field;
    if (s->index < 0) {
        switch (f->kind) {
        case HOT_KIND_ENUM:
            return STATE_VALUE_ENUM;
        case HOT_KIND_STRING:
            return STATE_VALUE_STRING;
        case HOT_KIND_STRUCT:
        case HOT_KIND_ARRAY:
        case HOT_KIND_LIST:
            return STATE_VALUE_GROUP;
        default:
            break;
        }
    }
    switch (s->type->type) {
    case HOT_STRUCT:
        return STATE_VALUE_GROUP;
    case HOT_BOOL:
        return STATE_VALUE_BOOL;
    case HOT_F32:
    case HOT_F64:
        return STATE_VALUE_FLOAT;
    case HOT_TEXTURE:
    case HOT_FONT:
    case HOT_SOUND:
    case HOT_MUSIC:
    case HOT_DATA:
        return STATE_VALUE_ASSET;
    default:
        return STATE_VALUE_INT;
    }
}

uint32_t state_slot_children(const StateSlot *s)
{
    if (state_slot_kind(s) != STATE_VALUE_GROUP)
        return 0;
    if (s->index < 0 && s->field->kind == HOT_KIND_LIST)
        return list_count(s->field, s->owner);
    if (s->index < 0 && s->field->kind == HOT_KIND_ARRAY)
        return s->field->count;
    uint32_t n = 0;
    s->type->fields(&n);
    return n;
}

const char *state_enum_name(const HotField *f, int32_t value)
{
    for (const HotEnumName *e = f ? f->enum_names : NULL; e && e->name; e++) {
        if (e->value == value)
            return e->name;
    }
    return NULL;
}

/* Integers as int64 (an unsigned 64-bit value above INT64_MAX in u64). */
static bool load_int(HotType t, const uint8_t *p, int64_t *i, uint64_t *u)
{
    int8_t i8; int16_t i16; int32_t i32; uint8_t u8; uint16_t u16; uint32_t u32;
    *u = 0;
    switch (t) {
    case HOT_BOOL: case HOT_U8: memcpy(&u8, p, 1); *i = u8; return true;
    case HOT_I8: memcpy(&i8, p, 1); *i = i8; return true;
    case HOT_I16: memcpy(&i16, p, 2); *i = i16; return true;
    case HOT_I32: memcpy(&i32, p, 4); *i = i32; return true;
    case HOT_I64: memcpy(i, p, 8); return true;
    case HOT_U16: memcpy(&u16, p, 2); *i = u16; return true;
    case HOT_U32: memcpy(&u32, p, 4); *i = u32; return true;
    case HOT_U64: memcpy(u, p, 8); *i = (int64_t)(*u > INT64_MAX ? 0 : *u); return false;
    default: *i = 0; return true;
    }
}

void state_slot_text(const StateSlot *s, char *buf, size_t size)
{
    if (size == 0)
        return;
    buf[0] = '\0';
    int64_t i;
    uint64_t u;
    float f32;
    double f64;
    uint32_t id;
    switch (state_slot_kind(s)) {
    case STATE_VALUE_GROUP:
        return;
    case STATE_VALUE_BOOL:
        snprintf(buf, size, "%s", *s->ptr ? "true" : "false");
        return;
    case STATE_VALUE_FLOAT:
        /* 9 and 17 digits read back to the same float and double. */
        if (s->type->type == HOT_F32) {
            memcpy(&f32, s->ptr, 4);
            snprintf(buf, size, "%.9g", (double)f32);
        } else {
            memcpy(&f64, s->ptr, 8);
            snprintf(buf, size, "%.17g", f64);
        }
        return;
    case STATE_VALUE_ENUM: {
        int32_t v;
        memcpy(&v, s->ptr, 4);
        const char *name = state_enum_name(s->field, v);
        if (name)
            snprintf(buf, size, "%s", name);
        else
            snprintf(buf, size, "%" PRId32, v);
        return;
    }
    case STATE_VALUE_STRING:
        snprintf(buf, size, "%.*s", (int)strnlen((const char *)s->ptr, s->field->count),
                 (const char *)s->ptr);
        return;
    case STATE_VALUE_ASSET:
        memcpy(&id, s->ptr, 4);
        snprintf(buf, size, "#%" PRIu32, id);
        return;
    case STATE_VALUE_INT:
        if (!load_int(s->type->type, s->ptr, &i, &u))
            snprintf(buf, size, "%" PRIu64, u);
        else
            snprintf(buf, size, "%" PRId64, i);
        return;
    }
}

static const struct {
    HotType type;
    const char *name;
    int64_t lo;
    uint64_t hi;
} int_types[] = {
    {HOT_I8, "i8", INT8_MIN, INT8_MAX},       {HOT_I16, "i16", INT16_MIN, INT16_MAX},
    {HOT_I32, "i32", INT32_MIN, INT32_MAX},   {HOT_I64, "i64", INT64_MIN, INT64_MAX},
    {HOT_U8, "u8", 0, UINT8_MAX},             {HOT_U16, "u16", 0, UINT16_MAX},
    {HOT_U32, "u32", 0, UINT32_MAX},          {HOT_U64, "u64", 0, UINT64_MAX},
};

static void store_int(HotType t, uint8_t *p, int64_t i, uint64_t u, bool neg)
{
    int8_t i8 = (int8_t)i; int16_t i16 = (int16_t)i; int32_t i32 = (int32_t)i;
    uint8_t u8 = (uint8_t)u; uint16_t u16 = (uint16_t)u; uint32_t u32 = (uint32_t)u;
    if (!neg)
        i = (int64_t)u, i8 = (int8_t)u, i16 = (int16_t)u, i32 = (int32_t)u;
    switch (t) {
    case HOT_I8: memcpy(p, &i8, 1); break;
    case HOT_I16: memcpy(p, &i16, 2); break;
    case HOT_I32: memcpy(p, &i32, 4); break;
    case HOT_I64: memcpy(p, &i, 8); break;
    case HOT_U8: memcpy(p, &u8, 1); break;
    case HOT_U16: memcpy(p, &u16, 2); break;
    case HOT_U32: memcpy(p, &u32, 4); break;
    case HOT_U64: memcpy(p, &u, 8); break;
    default: break;
    }
}

/* Stores an integer typed as text into a slot of integer type t, range-checked. */
static int set_int(HotType t, uint8_t *p, const char *path, const char *text, Err *err)
{
    for (size_t k = 0; k < sizeof(int_types) / sizeof(int_types[0]); k++) {
        if (int_types[k].type != t)
            continue;
        char *end;
        errno = 0;
        bool neg = text[strspn(text, " ")] == '-';
        uint64_t u = 0;
        int64_t i = 0;
        if (neg)
            i = strtoll(text, &end, 0);
        else
            u = strtoull(text, &end, 0);
        if (end == text || *end != '\0')
            return err_set(err, ERR_INVALID, "%s: '%s' is not a whole number", path, text);
        bool ok = errno == 0 && (neg ? i >= int_types[k].lo : u <= int_types[k].hi);
        if (!ok)
            return err_set(err, ERR_INVALID, "%s: %s is out of range for %s", path, text,
                           int_types[k].name);
        store_int(t, p, i, u, neg);
        return 0;
    }
    return err_set(err, ERR_UNSUPPORTED, "%s: not a number", path);
}

static int set_value(StateSlot *s, const char *path, const char *text, Err *err)
{
    char *end;
    switch (state_slot_kind(s)) {
    case STATE_VALUE_GROUP:
        return err_set(err, ERR_UNSUPPORTED, "%s: a group has no value to set", path);
    case STATE_VALUE_ASSET:
        return err_set(err, ERR_UNSUPPORTED, "%s: an asset handle is not edited here", path);
    case STATE_VALUE_BOOL:
        if (strcmp(text, "true") == 0 || strcmp(text, "1") == 0)
            *s->ptr = 1;
        else if (strcmp(text, "false") == 0 || strcmp(text, "0") == 0)
            *s->ptr = 0;
        else
            return err_set(err, ERR_INVALID, "%s: '%s' is not true or false", path, text);
        return 0;
    case STATE_VALUE_FLOAT: {
        errno = 0;
        double v = strtod(text, &end);
        if (end == text || *end != '\0' || !isfinite(v))
            return err_set(err, ERR_INVALID, "%s: '%s' is not a number", path, text);
        if (s->type->type == HOT_F32) {
            if (fabs(v) > 3.4028234663852886e38)
                return err_set(err, ERR_INVALID, "%s: %s is out of range for f32", path,
                               text);
            float f = (float)v;
            memcpy(s->ptr, &f, 4);
        } else {
            memcpy(s->ptr, &v, 8);
        }
        return 0;
    }
    case STATE_VALUE_ENUM:
        for (const HotEnumName *e = s->field->enum_names; e && e->name; e++) {
            if (strcmp(e->name, text) == 0) {
                memcpy(s->ptr, &e->value, 4);
                return 0;
            }
        }
        if (set_int(HOT_I32, s->ptr, path, text, NULL) == 0)
            return 0;
        return err_set(err, ERR_INVALID, "%s: '%s' is neither a name of this enum nor a number",
                       path, text);
    case STATE_VALUE_STRING: {
        size_t len = strlen(text);
        if (len >= s->field->count)
            return err_set(err, ERR_INVALID, "%s: longer than %u bytes", path,
                           s->field->count - 1);
        memset(s->ptr, 0, s->field->count);
        memcpy(s->ptr, text, len);
        return 0;
    }
    case STATE_VALUE_INT:
        return set_int(s->type->type, s->ptr, path, text, err);
    }
    return err_set(err, ERR_UNSUPPORTED, "%s: cannot be set", path);
}

int state_set_text(const HotSchema *schema, void *mem, const char *path, const char *text,
                   Err *err)
{
    StateSlot s;
    int rc = state_find(schema, mem, path, &s, err);
    if (rc < 0)
        return rc;
    return set_value(&s, path, text ? text : "", err);
}
