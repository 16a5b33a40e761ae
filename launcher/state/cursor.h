/* cursor.h: reading msgpack, bounds-checked and without allocating. msgpack-c's unpacker
 * folds integer widths together and allocates; this reader keeps each value's exact type
 * (an i16 stays an i16), which the decoder's conversion report needs. Internal to state/. */
#ifndef HOTRUN_STATE_CURSOR_H
#define HOTRUN_STATE_CURSOR_H

#include <stdbool.h>
#include <stdint.h>

#include "state/convert.h"

#define IMAGE_DEPTH 64 /* nested msgpack containers accepted in an image */

/* The bytes still to read. */
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

/* Reads one item. 0, or -1 when it is malformed or cut off. */
int cur_read(Cur *c, Val *v);
/* Skips the items of a container whose header is v (nothing for other values). */
int cur_skip_items(Cur *c, const Val *v);
/* Skips one whole item. */
int cur_skip(Cur *c);
/* Validates the items of v: map keys are strings, ext are well-formed number arrays or
 * tables (table.h), nesting under IMAGE_DEPTH. */
int cur_check_items(Cur *c, const Val *v, int depth);
/* An ext type the image uses for a number array (a HotType from bool to f64). */
bool cur_blob_type(int8_t t);
/* v is the string s. */
bool cur_str_is(const Val *v, const char *s);

#endif
