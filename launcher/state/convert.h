/* convert.h: the scalar types of a state (bool, integers, floats, char) as the state library
 * sees them: their names and sizes, loading and storing one value, converting a value to
 * another type by the evolution rules, and writing one as text. Internal to state/. */
#ifndef HOTRUN_STATE_CONVERT_H
#define HOTRUN_STATE_CONVERT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hot.h"
#include "state/handles.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "state/ saves number arrays as memory copies and assumes a little-endian host"
#endif

/* Classes of scalar types. */
enum { C_NONE, C_BOOL, C_SINT, C_UINT, C_FLOAT };

typedef struct TypeInfo {
    const char *name; /* "i32", "f64", ... */
    uint8_t size;
    uint8_t cls;
} TypeInfo;

/* Indexed by HotType (HOT_BOOL .. HOT_DATA). */
extern const TypeInfo state_types[];

/* A scalar value of a known type: i for signed, u for unsigned and bool, f for floats. */
typedef struct Num {
    HotType type;
    union {
        int64_t i;
        uint64_t u;
        double f;
    };
} Num;

static inline bool state_is_scalar(int t)
{
    return t >= HOT_BOOL && t <= HOT_CHAR;
}

/* char is saved as the 8-bit integer it is on this platform. */
HotType state_plain(HotType t);
/* The value of type t at p. */
Num state_load(HotType t, const void *p);
/* Stores n, already converted to type t, at p. */
void state_store(HotType t, void *p, Num n);

/* Results of state_convert. */
enum { CV_SAME, CV_CONVERTED, CV_RESET_TYPE, CV_RESET_RANGE };

/* Converts `in` to type `to` into *out. Integers (and bools) go to any integer type that
 * holds the value and to floats; floats go to floats in range, and to an integer type when
 * the value is a whole number it holds ("f32 -> i32, a whole number"; else "2.5 is not a
 * whole number for i32", "3e+10 out of range for i32"); a float never becomes a bool.
 * Anything else is a type the value cannot take. `why` gets the detail for a report. */
int state_convert(Num in, HotType to, Num *out, char *why, size_t size);

/* A number as text; `json` writes the fewest digits that read back exactly, and null for
 * NaN and infinities, which JSON lacks. */
void state_format_num(char *buf, size_t size, Num n, bool json);

#endif
