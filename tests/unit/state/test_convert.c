/* test_convert.c: state/convert.c: scalar loads and stores, conversion by the evolution
 * rules, numbers as text. */
#include "state/convert.h"

#include <float.h>
#include <math.h>
#include <stdint.h>

#include "testlib.h"

static int conv(Num in, HotType to, Num *out, char *why)
{
    return state_convert(in, to, out, why, 64);
}

static void test_load_store(void)
{
    uint8_t buf[8];
    Num n = {.type = HOT_I16, .i = -300};
    state_store(HOT_I16, buf, n);
    Num back = state_load(HOT_I16, buf);
    CHECK_EQ_INT(back.type, HOT_I16);
    CHECK_EQ_INT(back.i, -300);
    state_store(HOT_BOOL, buf, (Num){.type = HOT_BOOL, .u = 5});
    CHECK_EQ_INT(buf[0], 1); /* a bool is stored as 0 or 1 */
    state_store(HOT_F32, buf, (Num){.type = HOT_F32, .f = 0.5});
    CHECK(state_load(HOT_F32, buf).f == 0.5);
    CHECK(state_plain(HOT_CHAR) == HOT_I8 || state_plain(HOT_CHAR) == HOT_U8);
    CHECK_EQ_STR(state_types[HOT_U64].name, "u64");
    CHECK_EQ_INT(state_types[HOT_F64].size, 8);
}

static void test_conversions(void)
{
    Num out;
    char why[64];
    /* integers widen and narrow while the value fits */
    CHECK_EQ_INT(conv((Num){.type = HOT_I16, .i = -5}, HOT_I64, &out, why), CV_CONVERTED);
    CHECK_EQ_INT(out.i, -5);
    CHECK_EQ_STR(why, "i16 -> i64");
    CHECK_EQ_INT(conv((Num){.type = HOT_I32, .i = 200}, HOT_U8, &out, why), CV_CONVERTED);
    CHECK_EQ_INT(out.u, 200);
    CHECK_EQ_INT(conv((Num){.type = HOT_I32, .i = 300}, HOT_U8, &out, why), CV_RESET_RANGE);
    CHECK_EQ_STR(why, "300 out of range for u8");
    CHECK_EQ_INT(conv((Num){.type = HOT_I32, .i = -3}, HOT_U32, &out, why), CV_RESET_RANGE);
    CHECK_EQ_STR(why, "-3 out of range for u32");
    CHECK_EQ_INT(conv((Num){.type = HOT_I64, .i = INT64_MIN}, HOT_I64, &out, why), CV_SAME);
    CHECK(out.i == INT64_MIN);
    CHECK_EQ_INT(conv((Num){.type = HOT_U64, .u = UINT64_MAX}, HOT_I64, &out, why),
                 CV_RESET_RANGE);
    /* to floats */
    CHECK_EQ_INT(conv((Num){.type = HOT_I32, .i = 7}, HOT_F64, &out, why), CV_CONVERTED);
    CHECK(out.f == 7.0);
    CHECK_EQ_INT(conv((Num){.type = HOT_F64, .f = 1e300}, HOT_F32, &out, why),
                 CV_RESET_RANGE);
    CHECK_EQ_INT(conv((Num){.type = HOT_F64, .f = INFINITY}, HOT_F32, &out, why),
                 CV_CONVERTED);
    CHECK(isinf(out.f));
    /* floats into integers: a whole number that fits converts, anything else says why */
    CHECK_EQ_INT(conv((Num){.type = HOT_F32, .f = 3.0}, HOT_I32, &out, why), CV_CONVERTED);
    CHECK_EQ_INT(out.i, 3);
    CHECK_EQ_STR(why, "f32 -> i32, a whole number");
    CHECK_EQ_INT(conv((Num){.type = HOT_F64, .f = -128.0}, HOT_I8, &out, why), CV_CONVERTED);
    CHECK_EQ_INT(out.i, -128);
    CHECK_EQ_INT(conv((Num){.type = HOT_F64, .f = 255.0}, HOT_U8, &out, why), CV_CONVERTED);
    CHECK_EQ_INT(out.u, 255);
    CHECK_EQ_INT(conv((Num){.type = HOT_F64, .f = 2.5}, HOT_I32, &out, why), CV_RESET_RANGE);
    CHECK_EQ_STR(why, "2.5 is not a whole number for i32");
    CHECK_EQ_INT(conv((Num){.type = HOT_F64, .f = 300.0}, HOT_U8, &out, why), CV_RESET_RANGE);
    CHECK_EQ_STR(why, "300 out of range for u8");
    CHECK_EQ_INT(conv((Num){.type = HOT_F64, .f = -1.0}, HOT_U32, &out, why), CV_RESET_RANGE);
    CHECK_EQ_STR(why, "-1 out of range for u32");
    CHECK_EQ_INT(conv((Num){.type = HOT_F64, .f = 1e30}, HOT_I64, &out, why), CV_RESET_RANGE);
    CHECK_EQ_STR(why, "1e+30 out of range for i64");
    CHECK_EQ_INT(conv((Num){.type = HOT_F64, .f = NAN}, HOT_I32, &out, why), CV_RESET_RANGE);
    CHECK_EQ_STR(why, "nan is not a whole number for i32");
    CHECK_EQ_INT(conv((Num){.type = HOT_F64, .f = 9007199254740992.0}, HOT_I64, &out, why),
                 CV_CONVERTED);
    CHECK(out.i == 9007199254740992LL);
    CHECK_EQ_INT(conv((Num){.type = HOT_F64, .f = -9223372036854775808.0}, HOT_I64, &out, why),
                 CV_CONVERTED);
    CHECK(out.i == INT64_MIN);
    CHECK_EQ_INT(conv((Num){.type = HOT_F64, .f = 18446744073709551616.0}, HOT_U64, &out, why),
                 CV_RESET_RANGE);
    CHECK_EQ_INT(conv((Num){.type = HOT_F32, .f = 1.0}, HOT_BOOL, &out, why), CV_RESET_TYPE);
    /* a bool is no float */
    CHECK_EQ_INT(conv((Num){.type = HOT_BOOL, .u = 1}, HOT_F32, &out, why), CV_RESET_TYPE);
    CHECK_EQ_INT(conv((Num){.type = HOT_I32, .i = 1}, HOT_BOOL, &out, why), CV_CONVERTED);
    CHECK_EQ_INT(conv((Num){.type = HOT_I32, .i = 2}, HOT_BOOL, &out, why), CV_RESET_RANGE);
}

static void test_format(void)
{
    char buf[40];
    state_format_num(buf, sizeof(buf), (Num){.type = HOT_F32, .f = 0.1f}, true);
    CHECK_EQ_STR(buf, "0.1");
    state_format_num(buf, sizeof(buf), (Num){.type = HOT_F64, .f = NAN}, true);
    CHECK_EQ_STR(buf, "null");
    state_format_num(buf, sizeof(buf), (Num){.type = HOT_F64, .f = NAN}, false);
    CHECK_EQ_STR(buf, "nan");
    state_format_num(buf, sizeof(buf), (Num){.type = HOT_I64, .i = INT64_MIN}, true);
    CHECK_EQ_STR(buf, "-9223372036854775808");
    state_format_num(buf, sizeof(buf), (Num){.type = HOT_BOOL, .u = 1}, false);
    CHECK_EQ_STR(buf, "true");
}

int main(void)
{
    RUN(test_load_store);
    RUN(test_conversions);
    RUN(test_format);
    return 0;
}
