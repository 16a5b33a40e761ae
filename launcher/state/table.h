/* table.h: an array or list of structs as one table: the rows as they are in memory, after
 * a description of their fields, so that a same-shaped array is one memcpy each way and a
 * changed one converts by a plan made once per array. Internal to state/.
 *
 * A table is one msgpack ext of type TABLE_EXT whose data is, little-endian:
 *     u32 rows, u32 stride, u32 desc_len, desc[desc_len], rows * stride bytes
 * and desc describes a struct (transient fields are left out, and their bytes and the
 * padding are zero in the rows; a string's bytes are all there, past its NUL too):
 *     struct := u16 nfields, field...
 *     field  := u8 name_len, name, u8 kind (HotKind), u8 type (the plain HotType; STRUCT),
 *               u32 offset, u32 count, and for a STRUCT: u32 size, struct
 * Kinds in a table: FIELD and ENUM of numbers, STRING, STRUCT, ARRAY of numbers. Tables
 * are written only into packed images (encode.h), which stay in the process: a file gets
 * the portable form, each row a map as encode.c writes it (table_row_put). */
#ifndef HOTRUN_STATE_TABLE_H
#define HOTRUN_STATE_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "hot.h"
#include "state/sink.h"

#define TABLE_EXT 32

/* This process's token (never 0), written in the header of its packed images: the tables
 * of an image that has it were written by this process, from its own memory. */
uint64_t table_token(void);
/* A struct type whose arrays can be tables (numbers, strings, structs of those). */
bool table_fits(const HotSchema *elem);
/* Writes n elements of type elem at items as a table. */
void table_put(Sink *s, const HotSchema *elem, const uint8_t *items, uint32_t n);

/* A table read back. */
typedef struct Table {
    uint32_t n, stride, desc_len;
    const uint8_t *desc, *rows;
} Table;

/* Checks an ext's data as a table (sizes, the description, every field inside its
 * struct) and fills t. 0 or -1. */
int table_open(const uint8_t *data, size_t len, Table *t);
/* Row i as a msgpack map, byte for byte what encode.c writes for that element. */
void table_row_put(Sink *s, const Table *t, uint32_t i);
/* The rows have exactly elem's memory layout (fields, offsets, stride). */
bool table_same(const Table *t, const HotSchema *elem);

/* What makes an element as a decode leaves it, whatever the image held: its bools 0 or 1,
 * its strings zero from their NUL on (the last byte a NUL), its f32 fields' NaNs quiet (a
 * number field goes through a double). */
typedef struct TableFixes {
    uint32_t *bools, nb, cap_b;
    uint32_t *floats, nf, cap_f;
    uint32_t *strs, ns, cap_s; /* offset, count pairs */
    bool failed;
} TableFixes;

/* When table_same: copies the first n rows into dst as a decode leaves them (the above,
 * and transient fields and padding zero), in one pass; `own` (a table of this process):
 * as they are, one memcpy. */
void table_copy_same(const Table *t, const HotSchema *elem, uint8_t *dst, uint32_t n, bool own);

/* How rows of a table become elements of another struct type, made once per table. */
typedef struct TableOp {
    uint8_t op, from, to;
    uint32_t src, dst, len, dlen;
} TableOp;
typedef struct TablePlan {
    TableOp *ops;
    uint32_t n, cap;
    bool fast;         /* false: some field needs the generic rules for every row */
    uint8_t *defaults; /* an element of the new type with its defaults */
    size_t size;
    TableFixes fix;
} TablePlan;

/* Matches the table's fields with elem's by name. 0, or -1 when out of memory (free the
 * plan all the same). */
int table_plan(const Table *t, const HotSchema *elem, TablePlan *p, bool own);
/* Row i into dst by the plan: true, or false when a value needs the generic rules (a
 * number out of range, a string too long): the caller decodes that row the generic way. */
bool table_row_apply(const TablePlan *p, const Table *t, uint32_t i, uint8_t *dst);
void table_plan_free(TablePlan *p);

/* For table.c and table_plan.c: one field of a description, read at p (checked); what
 * follows it is returned. */
typedef struct TableField {
    const char *name;
    uint8_t len, kind, type;
    uint32_t off, count, size; /* size: a STRUCT's */
    const uint8_t *sub;        /* a STRUCT's description */
} TableField;
const uint8_t *table_field(const uint8_t *p, TableField *f);
/* The first field of the struct description desc named `name` (the first of duplicates
 * wins, as in a map). */
bool table_find(const uint8_t *desc, const char *name, TableField *out);
/* Marks in keep the bytes of st's saved fields (at base). */
void table_keep(uint8_t *keep, const HotSchema *st, size_t base);
/* The runs of zeros in keep[0..stride), as (offset, length) pairs into holes (room for
 * stride / 2 + 1 pairs); their number. */
uint32_t table_holes(const uint8_t *keep, size_t stride, uint32_t *holes);
/* n rows copied with their unkept bytes zeroed, a word at a time, in one pass (a copy and
 * then a pass over the holes would read the whole table twice). stride % 8 == 0 and
 * stride <= 8 * TABLE_MASK_WORDS. */
#define TABLE_MASK_WORDS 32
void table_mask_copy(uint8_t *dst, const uint8_t *src, size_t n, size_t stride,
                     const uint8_t *keep);

static inline void table_zero_small(uint8_t *p, uint32_t n)
{
    switch (n) {
    case 1:
        p[0] = 0;
        break;
    case 2:
        memset(p, 0, 2);
        break;
    case 3:
        memset(p, 0, 3);
        break;
    case 4:
        memset(p, 0, 4);
        break;
    case 8:
        memset(p, 0, 8);
        break;
    default:
        memset(p, 0, n);
    }
}

#endif
