/* convert.c: scalar types, loading and storing values, conversion by the evolution rules
 * (DESIGN.md), numbers as text. */
#include "state/convert.h"
#include "state/handles.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const TypeInfo state_types[] = {
    [HOT_BOOL] = {"bool", 1, C_BOOL},     [HOT_I8] = {"i8", 1, C_SINT},
    [HOT_I16] = {"i16", 2, C_SINT},       [HOT_I32] = {"i32", 4, C_SINT},
    [HOT_I64] = {"i64", 8, C_SINT},       [HOT_U8] = {"u8", 1, C_UINT},
    [HOT_U16] = {"u16", 2, C_UINT},       [HOT_U32] = {"u32", 4, C_UINT},
    [HOT_U64] = {"u64", 8, C_UINT},       [HOT_F32] = {"f32", 4, C_FLOAT},
    [HOT_F64] = {"f64", 8, C_FLOAT},      [HOT_CHAR] = {"char", 1, C_NONE},
    [HOT_STRUCT] = {"struct", 0, C_NONE},
    /* Asset handles: a uint32_t id in memory, the asset's path in an image (handles.h). */
    [HOT_TEXTURE] = {"texture", 4, C_NONE}, [HOT_FONT] = {"font", 4, C_NONE},
    [HOT_SOUND] = {"sound", 4, C_NONE},     [HOT_MUSIC] = {"music", 4, C_NONE},
    [HOT_DATA] = {"data", 4, C_NONE},
};
#define types state_types

HotType state_plain(HotType t)
{
    if (t == HOT_CHAR)
        return CHAR_MIN < 0 ? HOT_I8 : HOT_U8;
    return t;
}

/* Reads or writes one value of C type T through the member m of a Num. */
#define LOAD_AS(T, m)                                                                          \
    {                                                                                          \
        T v_;                                                                                  \
        memcpy(&v_, p, sizeof(v_));                                                            \
        n.m = v_;                                                                              \
        break;                                                                                 \
    }
#define STORE_AS(T, m)                                                                         \
    {                                                                                          \
        T v_ = (T)n.m;                                                                         \
        memcpy(p, &v_, sizeof(v_));                                                            \
        break;                                                                                 \
    }

Num state_load(HotType t, const void *p)
{
    Num n = {.type = state_plain(t)};
    switch (n.type) {
    case HOT_BOOL:
    case HOT_U8:
        LOAD_AS(uint8_t, u)
    case HOT_U16:
        LOAD_AS(uint16_t, u)
    case HOT_U32:
        LOAD_AS(uint32_t, u)
    case HOT_U64:
        LOAD_AS(uint64_t, u)
    case HOT_I8:
        LOAD_AS(int8_t, i)
    case HOT_I16:
        LOAD_AS(int16_t, i)
    case HOT_I32:
        LOAD_AS(int32_t, i)
    case HOT_I64:
        LOAD_AS(int64_t, i)
    case HOT_F32:
        LOAD_AS(float, f)
    case HOT_F64:
        LOAD_AS(double, f)
    case HOT_TEXTURE:
    case HOT_FONT:
    case HOT_SOUND:
    case HOT_MUSIC:
    case HOT_DATA:
        LOAD_AS(uint32_t, u)
    default:
        break;
    }
    return n;
}

void state_store(HotType t, void *p, Num n)
{
    switch (state_plain(t)) {
    case HOT_BOOL:
        n.u = n.u != 0;
        STORE_AS(uint8_t, u)
    case HOT_U8:
        STORE_AS(uint8_t, u)
    case HOT_U16:
        STORE_AS(uint16_t, u)
    case HOT_U32:
        STORE_AS(uint32_t, u)
    case HOT_U64:
        STORE_AS(uint64_t, u)
    case HOT_I8:
        STORE_AS(int8_t, i)
    case HOT_I16:
        STORE_AS(int16_t, i)
    case HOT_I32:
        STORE_AS(int32_t, i)
    case HOT_I64:
        STORE_AS(int64_t, i)
    case HOT_F32:
        STORE_AS(float, f)
    case HOT_F64:
        STORE_AS(double, f)
    case HOT_TEXTURE:
    case HOT_FONT:
    case HOT_SOUND:
    case HOT_MUSIC:
    case HOT_DATA:
        STORE_AS(uint32_t, u)
    default:
        break;
    }
}

/* A float into an integer type: only a whole number that fits, so nothing is rounded. */
static int float_to_int(Num in, HotType to, Num *out, char *why, size_t size)
{
    double v = in.f;
    if (!isfinite(v) || v != trunc(v)) {
        snprintf(why, size, "%.9g is not a whole number for %s", v, types[to].name);
        return CV_RESET_RANGE;
    }
    /* -2^63 and 2^64 are exact doubles: the bounds of what an integer can hold at all */
    if (v < -9223372036854775808.0 || v >= 18446744073709551616.0) {
        snprintf(why, size, "%.9g out of range for %s", v, types[to].name);
        return CV_RESET_RANGE;
    }
    Num as = v < 0 ? (Num){.type = HOT_I64, .i = (int64_t)v}
                   : (Num){.type = HOT_U64, .u = (uint64_t)v};
    if (state_convert(as, to, out, why, size) == CV_RESET_RANGE) {
        snprintf(why, size, "%.9g out of range for %s", v, types[to].name);
        return CV_RESET_RANGE;
    }
    snprintf(why, size, "%s -> %s, a whole number", types[in.type].name, types[to].name);
    return CV_CONVERTED;
}

int state_convert(Num in, HotType to, Num *out, char *why, size_t size)
{
    to = state_plain(to);
    int from = types[in.type].cls, cls = types[to].cls;
    out->type = to;
    if (from == C_FLOAT && (cls == C_SINT || cls == C_UINT))
        return float_to_int(in, to, out, why, size);
    if (from == C_FLOAT || cls == C_FLOAT) {
        if (cls != C_FLOAT || from == C_BOOL) {
            snprintf(why, size, "%s -> %s", types[in.type].name, types[to].name);
            return CV_RESET_TYPE;
        }
        double v = from == C_FLOAT ? in.f : from == C_SINT ? (double)in.i : (double)in.u;
        if (to == HOT_F32 && isfinite(v) && fabs(v) > FLT_MAX) {
            snprintf(why, size, "%g out of range for f32", v);
            return CV_RESET_RANGE;
        }
        out->f = v;
    } else {
        bool neg = from == C_SINT && in.i < 0;
        uint64_t mag = from == C_SINT ? (neg ? 0 - (uint64_t)in.i : (uint64_t)in.i) : in.u;
        unsigned bits = 8u * types[to].size;
        bool ok;
        if (cls == C_BOOL)
            ok = !neg && mag <= 1;
        else if (cls == C_UINT)
            ok = !neg && (bits == 64 || mag < (1ull << bits));
        else
            ok = mag <= (1ull << (bits - 1)) - (neg ? 0 : 1);
        if (!ok) {
            snprintf(why, size, "%s%llu out of range for %s", neg ? "-" : "",
                     (unsigned long long)mag, types[to].name);
            return CV_RESET_RANGE;
        }
        if (cls == C_SINT)
            out->i = neg ? -(int64_t)(mag - 1) - 1 : (int64_t)mag;
        else
            out->u = mag;
    }
    if (in.type == to)
        return CV_SAME;
    snprintf(why, size, "%s -> %s", types[in.type].name, types[to].name);
    return CV_CONVERTED;
}

/* The fewest significant digits (from 6 or 15) that read back as the same number. */
static void format_float(char *buf, size_t size, double v, bool f32)
{
    for (int digits = f32 ? 6 : 15;; digits++) {
        snprintf(buf, size, "%.*g", digits, v);
        if (digits >= (f32 ? 9 : 17) ||
            (f32 ? strtof(buf, NULL) == (float)v : strtod(buf, NULL) == v))
            return;
    }
}

void state_format_num(char *buf, size_t size, Num n, bool json)
{
    if (state_is_handle(n.type)) { /* its asset path */
        const char *path = state_handle_path(n.type, (uint32_t)n.u);
        snprintf(buf, size, json ? "\"%s\"" : "%s", path ? path : "none");
        if (json && !path)
            snprintf(buf, size, "null");
        return;
    }
    switch (types[n.type].cls) {
    case C_BOOL:
        snprintf(buf, size, "%s", n.u ? "true" : "false");
        break;
    case C_SINT:
        snprintf(buf, size, "%lld", (long long)n.i);
        break;
    case C_UINT:
        snprintf(buf, size, "%llu", (unsigned long long)n.u);
        break;
    default:
        if (json && !isfinite(n.f))
            snprintf(buf, size, "null");
        else if (json)
            format_float(buf, size, n.f, n.type == HOT_F32);
        else
            snprintf(buf, size, "%g", n.f);
    }
}
