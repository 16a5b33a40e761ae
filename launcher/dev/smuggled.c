/* smuggled.c: pointers into an old game library smuggled through integer fields
 * (smuggled.h). */
#include "dev/smuggled.h"

#include <dlfcn.h>
#include <link.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define MAX_SEGMENTS 16

static struct {
    int n;
    uintptr_t lo[MAX_SEGMENTS], hi[MAX_SEGMENTS];
    char name[256];
} note;

typedef struct Find {
    uintptr_t base;
} Find;

static int collect(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    Find *f = data;
    if (info->dlpi_addr != f->base)
        return 0;
    for (int i = 0; i < info->dlpi_phnum && note.n < MAX_SEGMENTS; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD)
            continue;
        note.lo[note.n] = info->dlpi_addr + ph->p_vaddr;
        note.hi[note.n] = info->dlpi_addr + ph->p_vaddr + ph->p_memsz;
        note.n++;
    }
    const char *slash = strrchr(info->dlpi_name, '/');
    snprintf(note.name, sizeof(note.name), "%s", slash ? slash + 1 : info->dlpi_name);
    return 1;
}

void smuggled_note_library(const void *addr)
{
    note.n = 0;
    note.name[0] = '\0';
    Dl_info info;
    struct link_map *map = NULL;
    if (!addr || !dladdr1(addr, &info, (void **)&map, RTLD_DL_LINKMAP) || !map)
        return;
    Find f = {map->l_addr};
    dl_iterate_phdr(collect, &f);
}

static bool inside(uint64_t v)
{
    for (int i = 0; i < note.n; i++)
        if (v >= note.lo[i] && v < note.hi[i])
            return true;
    return false;
}

typedef struct Scan {
    void (*hit)(const char *path, uint64_t value, void *ud);
    void *ud;
    int found;
} Scan;

static void scan_struct(Scan *s, const HotSchema *schema, const uint8_t *mem, char *path,
                        size_t len, size_t size, int depth);

/* A type that holds a 64-bit integer somewhere (only those can carry an address): the
 * others are not walked, so a million structs of floats cost nothing at a swap. */
static bool has_wide(const HotSchema *type, int depth)
{
    if (type->type == HOT_U64 || type->type == HOT_I64)
        return sizeof(void *) == 8;
    if (type->type != HOT_STRUCT || !type->fields || depth > 16)
        return false;
    uint32_t count = 0;
    const HotField *fields = type->fields(&count);
    for (uint32_t i = 0; i < count; i++) {
        const HotField *f = &fields[i];
        if (f->kind != HOT_KIND_TRANSIENT && f->kind != HOT_KIND_STRING &&
            f->kind != HOT_KIND_ENUM && f->type && has_wide(f->type, depth + 1))
            return true;
    }
    return false;
}

/* One value of type `type` at mem, named path. */
static void scan_value(Scan *s, const HotSchema *type, const uint8_t *mem, char *path,
                       size_t len, size_t size, int depth)
{
    if (type->type == HOT_STRUCT) {
        scan_struct(s, type, mem, path, len, size, depth + 1);
        return;
    }
    if ((type->type == HOT_U64 || type->type == HOT_I64) && sizeof(void *) == 8) {
        uint64_t v;
        memcpy(&v, mem, sizeof(v));
        if (inside(v)) {
            s->found++;
            s->hit(path, v, s->ud);
        }
    }
}

static void scan_struct(Scan *s, const HotSchema *schema, const uint8_t *mem, char *path,
                        size_t len, size_t size, int depth)
{
    if (depth > 16 || !schema->fields)
        return;
    uint32_t count = 0;
    const HotField *fields = schema->fields(&count);
    for (uint32_t i = 0; i < count; i++) {
        const HotField *f = &fields[i];
        if (f->kind == HOT_KIND_TRANSIENT || f->kind == HOT_KIND_STRING ||
            f->kind == HOT_KIND_ENUM || !f->type || !has_wide(f->type, depth))
            continue;
        size_t at = len;
        int n = snprintf(path + len, size - len, "%s%s", len ? "." : "", f->name);
        if (n < 0 || (size_t)n >= size - len)
            continue;
        at = len + (size_t)n;
        uint32_t items = f->kind == HOT_KIND_ARRAY ? f->count : 1;
        if (f->kind == HOT_KIND_LIST) {
            uint32_t c;
            memcpy(&c, mem + f->count_offset, sizeof(c));
            items = c < f->count ? c : f->count;
        }
        bool many = f->kind == HOT_KIND_ARRAY || f->kind == HOT_KIND_LIST;
        for (uint32_t k = 0; k < items; k++) {
            size_t end = at;
            if (many) {
                int m = snprintf(path + at, size - at, ".%u", k);
                if (m < 0 || (size_t)m >= size - at)
                    continue;
                end = at + (size_t)m;
            }
            scan_value(s, f->type, mem + f->offset + (size_t)k * f->type->size, path, end,
                       size, depth);
        }
        path[len] = '\0';
    }
}

int smuggled_scan(const HotSchema *schema, const void *mem, const char **lib,
                  void (*hit)(const char *path, uint64_t value, void *ud), void *ud)
{
    *lib = note.name;
    if (!note.n || !schema || !mem)
        return 0;
    Scan s = {hit, ud, 0};
    char path[512] = "";
    scan_struct(&s, schema, mem, path, 0, sizeof(path), 0);
    return s.found;
}
