/* text.c: the inspector's lines of the live state. */
#include "state/text.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "state/convert.h"

#define INSPECT_ITEMS 8

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
        state_format_num(num, sizeof(num),
                   state_load(f->kind == HOT_KIND_ENUM ? HOT_I32 : f->type->type, p), false);
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
    uint32_t n = f->kind == HOT_KIND_LIST ? state_list_count(f, base) : f->count;
    uint32_t shown = n < INSPECT_ITEMS ? n : INSPECT_ITEMS;
    const HotSchema *t = f->type;
    if (t->type != HOT_STRUCT) {
        append(val, sizeof(val), "[");
        for (uint32_t i = 0; i < shown; i++) {
            state_format_num(num, sizeof(num), state_load(t->type, p + i * state_types[t->type].size), false);
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

int state_layout_inspect(const StateLayout *l, const void *mem, char *buf, size_t size)
{
    if (size == 0)
        return 0;
    buf[0] = 0;
    if (!l->schema)
        return 0;
    Ins in = {.buf = buf, .size = size};
    ins_struct(&in, l->schema, mem);
    return in.lines;
}

int state_inspect(const HotSchema *schema, const void *mem, char *buf, size_t size)
{
    StateLayout l;
    if (size == 0)
        return 0;
    buf[0] = 0;
    if (state_layout_check(schema, &l))
        return 0;
    return state_layout_inspect(&l, mem, buf, size);
}
