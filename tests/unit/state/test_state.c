/* test_state.c: the state module: defaults, image round trips, schema evolution, refusal of
 * bad images, JSON dump, path lookups, the inspector, files, and the fuzz corpus replay. */
#include <dirent.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include <msgpack.h>

#include "../../fuzz/fuzz_target.h"
#include "state/state.h"
#include "testlib.h"

/* ---------------------------------------------------------------------------------------
 * Schemas: every kind and scalar type, and nesting.
 * ------------------------------------------------------------------------------------- */

typedef enum Mode { MODE_A, MODE_B = 7, MODE_NEG = -3 } Mode;

#define INNER(X)                                                                               \
    X(FIELD, int32_t, a, 1)                                                                    \
    X(ARRAY, int16_t, h, 3)                                                                    \
    X(STRING, tag, 6, "in")
HOT_STATE(Inner, INNER)

#define MIDDLE(X)                                                                              \
    X(STRUCT, Inner, in)                                                                       \
    X(ARRAY, Inner, ins, 2)                                                                    \
    X(FIELD, double, m, 0.5)
HOT_STATE(Middle, MIDDLE)

#define ALL(X)                                                                                 \
    X(FIELD, bool, b, true)                                                                    \
    X(FIELD, int8_t, i8, -8)                                                                   \
    X(FIELD, int16_t, i16, -16)                                                                \
    X(FIELD, int32_t, i32, -32)                                                                \
    X(FIELD, int64_t, i64, -64)                                                                \
    X(FIELD, uint8_t, u8, 8)                                                                   \
    X(FIELD, uint16_t, u16, 16)                                                                \
    X(FIELD, uint32_t, u32, 32)                                                                \
    X(FIELD, uint64_t, u64, 64)                                                                \
    X(FIELD, int, n, 42)                                                                       \
    X(FIELD, float, f, 1.25f)                                                                  \
    X(FIELD, double, d, -2.5)                                                                  \
    X(FIELD, char, c, 'q')                                                                     \
    X(ENUM, Mode, mode, MODE_B)                                                                \
    X(STRING, name, 12, "hero")                                                                \
    X(STRUCT, Middle, mid)                                                                     \
    X(ARRAY, float, fa, 10)                                                                    \
    X(ARRAY, uint8_t, bytes, 4)                                                                \
    X(ARRAY, bool, bits, 3)                                                                    \
    X(ARRAY, double, da, 2)                                                                    \
    X(ARRAY, Inner, inners, 3)                                                                 \
    X(LIST, Inner, li, 4)                                                                      \
    X(LIST, int32_t, ln, 6)                                                                    \
    X(LIST, double, ld, 3)                                                                     \
    X(TRANSIENT, void *, ptr)                                                                  \
    X(TRANSIENT, int, cache)
HOT_STATE(All, ALL)

/* Five levels deep, each level with a value of its own, a list and an array. */
#define D1(X) X(FIELD, int32_t, v1, 1) X(ARRAY, uint16_t, arr1, 2)
HOT_STATE(D1, D1)
#define D2(X) X(FIELD, int32_t, v2, 2) X(STRUCT, D1, d1) X(LIST, D1, l1, 3)
HOT_STATE(D2, D2)
#define D3(X) X(FIELD, int32_t, v3, 3) X(STRUCT, D2, d2) X(ARRAY, D2, a2, 2)
HOT_STATE(D3, D3)
#define D4(X) X(FIELD, int32_t, v4, 4) X(STRUCT, D3, d3) X(TRANSIENT, int, t4)
HOT_STATE(D4, D4)
#define D5(X) X(FIELD, int32_t, v5, 5) X(STRUCT, D4, d4) X(LIST, D4, l4, 2)
HOT_STATE(D5, D5)

#define LONGDEF(X) X(STRING, s, 4, "toolong") X(FIELD, uint64_t, big, INT64_MAX)
HOT_STATE(LongDef, LONGDEF)

#define WIDE(X)   X(STRING, s, 16, "")
#define NARROW(X) X(STRING, s, 5, "")
HOT_STATE(Wide, WIDE)
HOT_STATE(Narrow, NARROW)

#define WIDE_ITEM(X)   X(FIELD, int32_t, v, 0)
#define NARROW_ITEM(X) X(FIELD, int8_t, v, -1)
HOT_STATE(WideItem, WIDE_ITEM)
HOT_STATE(NarrowItem, NARROW_ITEM)
#define WIDE_LIST(X)   X(ARRAY, WideItem, items, 100)
#define NARROW_LIST(X) X(ARRAY, NarrowItem, items, 100)
HOT_STATE(WideList, WIDE_LIST)
HOT_STATE(NarrowList, NARROW_LIST)

#define MANY(X) X(LIST, Inner, items, 20) X(LIST, Inner, none, 2) X(FIELD, int32_t, last, 1)
HOT_STATE(Many, MANY)

static bool same_bits(const void *a, const void *b, size_t n)
{
    return memcmp(a, b, n) == 0;
}

static void fill_all(All *s)
{
    s->b = false;
    s->i8 = INT8_MIN;
    s->i16 = INT16_MAX;
    s->i32 = INT32_MIN;
    s->i64 = INT64_MIN;
    s->u8 = UINT8_MAX;
    s->u16 = UINT16_MAX;
    s->u32 = UINT32_MAX;
    s->u64 = UINT64_MAX;
    s->n = INT32_MAX;
    s->f = NAN;
    s->d = -INFINITY;
    s->c = -7;
    s->mode = MODE_NEG;
    strcpy(s->name, "Zoë \"q\"\n");
    s->mid.in.a = 7;
    s->mid.in.h[2] = -300;
    strcpy(s->mid.in.tag, "deep");
    s->mid.ins[1].a = 11;
    s->mid.ins[1].h[0] = 5;
    s->mid.m = 1e-300;
    for (int i = 0; i < 10; i++)
        s->fa[i] = (float)i * 0.5f - 1.0f;
    s->fa[3] = -0.0f;
    s->fa[4] = FLT_MAX;
    s->fa[5] = FLT_TRUE_MIN;
    s->bytes[0] = 0;
    s->bytes[3] = 255;
    s->bits[1] = true;
    s->da[0] = NAN;
    s->da[1] = DBL_MAX;
    s->inners[2].a = -9;
    strcpy(s->inners[2].tag, "five!");
    s->li.count = 3;
    s->li.items[0].a = 100;
    s->li.items[2].h[1] = 22;
    s->ln.count = 6;
    for (int i = 0; i < 6; i++)
        s->ln.items[i] = i * i - 10;
    s->ld.count = 1;
    s->ld.items[0] = 3.141592653589793;
    s->ptr = s;
    s->cache = 99;
}

static void encode(const HotSchema *schema, uint32_t version, const void *mem, StateImage *img)
{
    int rc = state_encode(schema, version, mem, img);
    CHECK_EQ_INT(rc, 0);
    CHECK(img->data != NULL && img->size > 0);
}

/* Our images are ordinary msgpack: msgpack-c reads them whole, as a map led by "hotrun". */
static void check_msgpack(const StateImage *img)
{
    msgpack_unpacked u;
    msgpack_unpacked_init(&u);
    size_t off = 0;
    CHECK_EQ_INT(msgpack_unpack_next(&u, (const char *)img->data, img->size, &off),
                 MSGPACK_UNPACK_SUCCESS);
    CHECK_EQ_INT(off, img->size);
    CHECK_EQ_INT(u.data.type, MSGPACK_OBJECT_MAP);
    CHECK_EQ_INT(u.data.via.map.size, 3);
    msgpack_object_kv *kv = u.data.via.map.ptr;
    CHECK(kv[0].key.type == MSGPACK_OBJECT_STR && kv[0].key.via.str.size == 6 &&
          memcmp(kv[0].key.via.str.ptr, "hotrun", 6) == 0);
    CHECK_EQ_INT(kv[0].val.via.u64, STATE_FORMAT_VERSION);
    msgpack_unpacked_destroy(&u);
}

/* ---------------------------------------------------------------------------------------
 * Defaults, round trips
 * ------------------------------------------------------------------------------------- */

static void test_defaults(void)
{
    All *s = state_alloc(&hot_schema_All);
    CHECK(s != NULL);
    CHECK_EQ_INT((uintptr_t)s % _Alignof(All), 0);
    CHECK(s->b == true);
    CHECK_EQ_INT(s->i8, -8);
    CHECK_EQ_INT(s->i64, -64);
    CHECK_EQ_INT(s->u64, 64);
    CHECK_EQ_INT(s->n, 42);
    CHECK(s->f == 1.25f && s->d == -2.5);
    CHECK_EQ_INT(s->c, 'q');
    CHECK_EQ_INT(s->mode, MODE_B);
    CHECK_EQ_STR(s->name, "hero");
    CHECK_EQ_INT(s->mid.in.a, 1);
    CHECK_EQ_STR(s->mid.in.tag, "in");
    CHECK_EQ_INT(s->mid.ins[1].a, 1);
    CHECK_EQ_STR(s->mid.ins[1].tag, "in");
    CHECK(s->mid.m == 0.5);
    CHECK_EQ_INT(s->inners[2].a, 1);
    CHECK_EQ_INT(s->li.count, 0);
    CHECK_EQ_INT(s->li.items[3].a, 1); /* list items default too, beyond the count */
    CHECK_EQ_INT(s->fa[9] == 0.0f, 1);
    CHECK(s->ptr == NULL && s->cache == 0);

    s->i8 = 1;
    s->ptr = s;
    s->cache = 5;
    s->li.items[2].h[0] = 4;
    state_clear_transient(&hot_schema_All, s);
    CHECK(s->ptr == NULL && s->cache == 0 && s->i8 == 1);
    state_defaults(&hot_schema_All, s);
    CHECK_EQ_INT(s->i8, -8);
    CHECK_EQ_INT(s->li.items[2].h[0], 0);

    /* a default string longer than its field is cut and still terminated */
    LongDef *l = state_alloc(&hot_schema_LongDef);
    CHECK_EQ_STR(l->s, "too");
    CHECK(l->big == INT64_MAX);
    state_free(l);
    state_free(s);
    state_free(NULL);
}

static void test_round_trip_all(void)
{
    All *s = state_alloc(&hot_schema_All);
    fill_all(s);
    StateImage img = {0};
    encode(&hot_schema_All, 12, s, &img);
    check_msgpack(&img);
    CHECK_EQ_INT(state_image_check(&img), 0);

    All *t = state_alloc(&hot_schema_All);
    StateReport r;
    CHECK_EQ_INT(state_decode(&hot_schema_All, &img, t, &r), 0);
    CHECK_EQ_INT(r.count, 0);
    CHECK_EQ_INT(r.dropped, 0);
    CHECK_EQ_INT(r.image_state_version, 12);
    CHECK(t->b == false);
    CHECK_EQ_INT(t->i8, INT8_MIN);
    CHECK_EQ_INT(t->i16, INT16_MAX);
    CHECK_EQ_INT(t->i32, INT32_MIN);
    CHECK(t->i64 == INT64_MIN);
    CHECK_EQ_INT(t->u8, UINT8_MAX);
    CHECK_EQ_INT(t->u16, UINT16_MAX);
    CHECK(t->u32 == UINT32_MAX);
    CHECK(t->u64 == UINT64_MAX);
    CHECK_EQ_INT(t->n, INT32_MAX);
    CHECK(isnan(t->f));
    CHECK(isinf(t->d) && t->d < 0);
    CHECK_EQ_INT(t->c, -7);
    CHECK_EQ_INT(t->mode, MODE_NEG);
    CHECK_EQ_STR(t->name, "Zoë \"q\"\n");
    CHECK_EQ_INT(t->mid.in.a, 7);
    CHECK_EQ_INT(t->mid.in.h[2], -300);
    CHECK_EQ_STR(t->mid.in.tag, "deep");
    CHECK_EQ_INT(t->mid.ins[1].a, 11);
    CHECK_EQ_INT(t->mid.ins[1].h[0], 5);
    CHECK_EQ_STR(t->mid.ins[0].tag, "in");
    CHECK(t->mid.m == 1e-300);
    CHECK(same_bits(t->fa, s->fa, sizeof(s->fa))); /* -0.0, FLT_MAX, denormals exact */
    CHECK(signbit(t->fa[3]));
    CHECK(same_bits(t->bytes, s->bytes, sizeof(s->bytes)));
    CHECK(t->bits[0] == false && t->bits[1] == true);
    CHECK(isnan(t->da[0]) && t->da[1] == DBL_MAX);
    CHECK_EQ_INT(t->inners[2].a, -9);
    CHECK_EQ_STR(t->inners[2].tag, "five!");
    CHECK_EQ_INT(t->li.count, 3);
    CHECK_EQ_INT(t->li.items[0].a, 100);
    CHECK_EQ_INT(t->li.items[2].h[1], 22);
    CHECK_EQ_INT(t->ln.count, 6);
    CHECK(same_bits(t->ln.items, s->ln.items, sizeof(s->ln.items)));
    CHECK_EQ_INT(t->ld.count, 1);
    CHECK(t->ld.items[0] == 3.141592653589793);
    CHECK(t->ptr == NULL && t->cache == 0); /* transient: never saved, zero after */

    /* Everything but the transient fields is bit-for-bit the same. */
    s->ptr = NULL;
    s->cache = 0;
    CHECK(same_bits(s, t, sizeof(*s)));

    /* A transient field holding garbage in the target is zero after decode. */
    t->cache = 1234;
    t->ptr = t;
    CHECK_EQ_INT(state_decode(&hot_schema_All, &img, t, NULL), 0);
    CHECK(t->ptr == NULL && t->cache == 0);

    /* Re-encoding the same state reuses the buffer and gives the same bytes. */
    uint8_t *first = img.data;
    uint8_t *copy = malloc(img.size);
    memcpy(copy, img.data, img.size);
    size_t size = img.size;
    encode(&hot_schema_All, 12, t, &img);
    CHECK(img.data == first);
    CHECK_EQ_INT(img.size, size);
    CHECK(memcmp(copy, img.data, size) == 0);
    free(copy);

    /* A list count past the capacity in memory is saved as the capacity. */
    t->ln.count = 1000;
    encode(&hot_schema_All, 12, t, &img);
    All *u = state_alloc(&hot_schema_All);
    CHECK_EQ_INT(state_decode(&hot_schema_All, &img, u, &r), 0);
    CHECK_EQ_INT(u->ln.count, 6);
    CHECK_EQ_INT(r.count, 0);

    state_image_free(&img);
    CHECK(img.data == NULL && img.size == 0);
    state_free(s);
    state_free(t);
    state_free(u);
}

/* Each scalar type on its own, at its extremes, as a field and as an array element. */
#define SCALAR_CASE(T, lo, hi)                                                                 \
    do {                                                                                       \
        typedef struct {                                                                       \
            T v;                                                                               \
            T arr[3];                                                                          \
            struct {                                                                           \
                uint32_t count;                                                                \
                T items[2];                                                                    \
            } list;                                                                            \
        } S;                                                                                   \
        static const HotField fields[] = {                                                     \
            {"v", HOT_KIND_FIELD, &hot_schema_##T, offsetof(S, v), 0, 1, sizeof(T), 0, 0,      \
             NULL, NULL},                                                                          \
            {"arr", HOT_KIND_ARRAY, &hot_schema_##T, offsetof(S, arr), 0, 3, sizeof(T) * 3, 0, \
             0, NULL, NULL},                                                                   \
            {"list", HOT_KIND_LIST, &hot_schema_##T, offsetof(S, list.items),                  \
             offsetof(S, list.count), 2, sizeof(((S *)0)->list), 0, 0, NULL, NULL},            \
        };                                                                                     \
        scalar_fields = fields;                                                                \
        HotSchema schema = {"S", HOT_STRUCT, sizeof(S), _Alignof(S), scalar_table};            \
        for (int k = 0; k < 2; k++) {                                                          \
            S *s = state_alloc(&schema), *t = state_alloc(&schema);                            \
            CHECK(s &&t);                                                                      \
            s->v = k ? (hi) : (lo);                                                            \
            s->arr[0] = (lo);                                                                  \
            s->arr[2] = (hi);                                                                  \
            s->list.count = 2;                                                                 \
            s->list.items[1] = (hi);                                                           \
            StateImage img = {0};                                                              \
            StateReport r;                                                                     \
            encode(&schema, 1, s, &img);                                                       \
            CHECK_EQ_INT(state_decode(&schema, &img, t, &r), 0);                               \
            CHECK_EQ_INT(r.count, 0);                                                          \
            CHECK(memcmp(s, t, sizeof(S)) == 0);                                               \
            state_image_free(&img);                                                            \
            state_free(s);                                                                     \
            state_free(t);                                                                     \
        }                                                                                      \
    } while (0)

static const HotField *scalar_fields;
static const HotField *scalar_table(uint32_t *count)
{
    *count = 3;
    return scalar_fields;
}

static void test_round_trip_scalars(void)
{
    SCALAR_CASE(_Bool, false, true);
    SCALAR_CASE(int8_t, INT8_MIN, INT8_MAX);
    SCALAR_CASE(int16_t, INT16_MIN, INT16_MAX);
    SCALAR_CASE(int32_t, INT32_MIN, INT32_MAX);
    SCALAR_CASE(int64_t, INT64_MIN, INT64_MAX);
    SCALAR_CASE(uint8_t, 0, UINT8_MAX);
    SCALAR_CASE(uint16_t, 0, UINT16_MAX);
    SCALAR_CASE(uint32_t, 0, UINT32_MAX);
    SCALAR_CASE(uint64_t, 0, UINT64_MAX);
    SCALAR_CASE(int, INT_MIN, INT_MAX);
    SCALAR_CASE(char, CHAR_MIN, CHAR_MAX);
    SCALAR_CASE(float, -FLT_MAX, INFINITY);
    SCALAR_CASE(float, FLT_TRUE_MIN, NAN);
    SCALAR_CASE(double, -DBL_MAX, -INFINITY);
    SCALAR_CASE(double, DBL_TRUE_MIN, NAN);
}

static void test_round_trip_depth(void)
{
    D5 *s = state_alloc(&hot_schema_D5);
    CHECK_EQ_INT(s->d4.d3.d2.d1.v1, 1);
    CHECK_EQ_INT(s->l4.items[1].d3.a2[1].l1.items[2].v1, 1);
    s->v5 = 50;
    s->d4.v4 = 40;
    s->d4.t4 = 7;
    s->d4.d3.v3 = 30;
    s->d4.d3.d2.v2 = 20;
    s->d4.d3.d2.d1.v1 = 10;
    s->d4.d3.d2.d1.arr1[1] = 65535;
    s->d4.d3.a2[1].l1.count = 2;
    s->d4.d3.a2[1].l1.items[1].arr1[0] = 77;
    s->l4.count = 2;
    s->l4.items[1].d3.d2.l1.count = 3;
    s->l4.items[1].d3.d2.l1.items[2].v1 = -1;
    s->l4.items[1].t4 = 9;
    StateImage img = {0};
    encode(&hot_schema_D5, 5, s, &img);
    D5 *t = state_alloc(&hot_schema_D5);
    StateReport r;
    CHECK_EQ_INT(state_decode(&hot_schema_D5, &img, t, &r), 0);
    CHECK_EQ_INT(r.count, 0);
    CHECK_EQ_INT(t->v5, 50);
    CHECK_EQ_INT(t->d4.v4, 40);
    CHECK_EQ_INT(t->d4.d3.v3, 30);
    CHECK_EQ_INT(t->d4.d3.d2.v2, 20);
    CHECK_EQ_INT(t->d4.d3.d2.d1.v1, 10);
    CHECK_EQ_INT(t->d4.d3.d2.d1.arr1[1], 65535);
    CHECK_EQ_INT(t->d4.d3.a2[1].l1.count, 2);
    CHECK_EQ_INT(t->d4.d3.a2[1].l1.items[1].arr1[0], 77);
    CHECK_EQ_INT(t->l4.items[1].d3.d2.l1.items[2].v1, -1);
    CHECK_EQ_INT(t->d4.t4, 0);
    CHECK_EQ_INT(t->l4.items[1].t4, 0);
    s->d4.t4 = 0;
    s->l4.items[1].t4 = 0;
    CHECK(same_bits(s, t, sizeof(*s)));
    double v;
    CHECK(state_image_number(&img, "l4.1.d3.d2.l1.2.v1", &v) && v == -1);
    CHECK(state_image_number(&img, "d4.d3.a2[1].l1[1].arr1[0]", &v) && v == 77);
    CHECK(!state_image_number(&img, "d4.t4", &v));
    state_image_free(&img);
    state_free(s);
    state_free(t);
}

/* ---------------------------------------------------------------------------------------
 * Evolution: the same game before and after an edit. The type names differ, the field
 * names overlap, and every rule of state.h has a field here.
 * ------------------------------------------------------------------------------------- */

#define OLD_VEC(X) X(FIELD, float, x, 0) X(FIELD, float, y, 0)
HOT_STATE(OldVec, OLD_VEC)
#define NEW_VEC(X) X(FIELD, float, z, 9) X(FIELD, float, y, 0) X(FIELD, float, x, 0)
HOT_STATE(NewVec, NEW_VEC)

#define OLD_ENEMY(X)                                                                           \
    X(FIELD, int16_t, hp, 10) X(FIELD, int32_t, old, 1) X(FIELD, int32_t, lvl, 1)
HOT_STATE(OldEnemy, OLD_ENEMY)
#define NEW_ENEMY(X)                                                                           \
    X(FIELD, uint8_t, lvl, 1) X(FIELD, int32_t, hp, 10) X(FIELD, int32_t, shield, 4)
HOT_STATE(NewEnemy, NEW_ENEMY)

#define OLD_PLAYER(X)                                                                          \
    X(FIELD, int16_t, hp, 100)                                                                 \
    X(FIELD, float, speed, 1.5f)                                                               \
    X(FIELD, int32_t, score, 0)                                                                \
    X(STRING, name, 32, "hero")                                                                \
    X(FIELD, int32_t, gone, 5)                                                                 \
    X(STRUCT, OldVec, pos)
HOT_STATE(OldPlayer, OLD_PLAYER)
#define NEW_PLAYER(X)                                                                          \
    X(STRUCT, NewVec, pos)                                                                     \
    X(STRING, name, 8, "hero")                                                                 \
    X(FIELD, double, speed, 2.5)                                                               \
    X(FIELD, int32_t, hp, 100)                                                                 \
    X(FIELD, int32_t, mana, 50)                                                                \
    X(FIELD, double, score, 0)
HOT_STATE(NewPlayer, NEW_PLAYER)

#define OLD_GAME(X)                                                                            \
    X(STRUCT, OldPlayer, player)                                                               \
    X(FIELD, double, ratio, 0)                                                                 \
    X(FIELD, int32_t, level, 1)                                                                \
    X(FIELD, int32_t, delta, 0)                                                                \
    X(FIELD, int32_t, small, 0)                                                                \
    X(STRING, title, 8, "t")                                                                   \
    X(STRUCT, OldVec, home)                                                                    \
    X(FIELD, int32_t, target, 0)                                                               \
    X(FIELD, float, whole, 0)                                                                  \
    X(FIELD, int32_t, mode, 0)                                                                 \
    X(FIELD, bool, flag, false)                                                                \
    X(FIELD, int32_t, on, 0)                                                                   \
    X(FIELD, int32_t, multi, 0)                                                                \
    X(FIELD, int64_t, cache, 0)                                                                \
    X(ARRAY, int32_t, grow, 4)                                                                 \
    X(ARRAY, int32_t, shrink, 6)                                                               \
    X(ARRAY, int16_t, widen, 3)                                                                \
    X(ARRAY, int32_t, narrow, 4)                                                               \
    X(ARRAY, float, floats, 2)                                                                 \
    X(ARRAY, OldEnemy, enemies, 3)                                                             \
    X(LIST, int32_t, queue, 8)                                                                 \
    X(LIST, OldEnemy, squad, 5)                                                                \
    X(LIST, int32_t, tolist, 4)                                                                \
    X(FIELD, uint64_t, huge, 0)                                                                \
    X(FIELD, int32_t, same, 0)
HOT_STATE(OldGame, OLD_GAME)

typedef enum NewMode { NM_ZERO, NM_ONE, NM_TWO } NewMode;

#define NEW_GAME(X)                                                                            \
    X(FIELD, int32_t, same, 0)                                                                 \
    X(FIELD, float, ratio, 0)                                                                  \
    X(FIELD, uint8_t, level, 7)                                                                \
    X(FIELD, uint32_t, delta, 3)                                                               \
    X(FIELD, int8_t, small, 0)                                                                 \
    X(FIELD, int32_t, title, -1)                                                               \
    X(FIELD, float, home, 0.5f)                                                                \
    X(STRUCT, NewVec, target)                                                                  \
    X(FIELD, int32_t, whole, 6)                                                                \
    X(ENUM, NewMode, mode, NM_ZERO)                                                            \
    X(FIELD, int32_t, flag, 0)                                                                 \
    X(FIELD, bool, on, false)                                                                  \
    X(FIELD, bool, multi, true)                                                                \
    X(TRANSIENT, int64_t, cache)                                                               \
    X(ARRAY, int32_t, grow, 6)                                                                 \
    X(ARRAY, int32_t, shrink, 3)                                                               \
    X(ARRAY, int32_t, widen, 3)                                                                \
    X(ARRAY, uint8_t, narrow, 4)                                                               \
    X(ARRAY, int32_t, floats, 2)                                                               \
    X(ARRAY, NewEnemy, enemies, 2)                                                             \
    X(LIST, int32_t, queue, 4)                                                                 \
    X(LIST, NewEnemy, squad, 3)                                                                \
    X(ARRAY, int64_t, tolist, 5)                                                               \
    X(FIELD, float, huge, 0)                                                                   \
    X(STRUCT, NewPlayer, player)                                                               \
    X(FIELD, int16_t, added, 77)
HOT_STATE(NewGame, NEW_GAME)

/* The change of that kind at that path (kind -1: of any kind), or NULL. */
static const StateChange *find_change_kind(const StateReport *r, const char *path, int kind)
{
    for (uint32_t i = 0; i < r->count; i++)
        if (strcmp(r->changes[i].path, path) == 0 &&
            (kind < 0 || (int)r->changes[i].kind == kind))
            return &r->changes[i];
    return NULL;
}

static const StateChange *find_change(const StateReport *r, const char *path)
{
    return find_change_kind(r, path, -1);
}

#define CHECK_CHANGE(r, path_, kind_, detail_)                                                 \
    do {                                                                                       \
        const StateChange *ch_ = find_change_kind((r), (path_), (kind_));                      \
        if (!ch_)                                                                              \
            fprintf(stderr, "no change of kind %d reported for %s\n", (kind_), (path_));       \
        CHECK(ch_ != NULL);                                                                    \
        CHECK_EQ_STR(ch_->detail, (detail_));                                                  \
    } while (0)

static void test_evolution(void)
{
    OldGame *o = state_alloc(&hot_schema_OldGame);
    o->player.hp = -1234;
    o->player.speed = 3.75f;
    o->player.score = 123456;
    strcpy(o->player.name, "Sir Lancelot");
    o->player.pos.x = 1.5f;
    o->player.pos.y = -2.0f;
    o->ratio = 0.1;
    o->level = 300;
    o->delta = -1;
    o->small = 5;
    strcpy(o->title, "boss");
    o->home.x = 4;
    o->target = 12;
    o->whole = 3.0f;
    o->mode = NM_TWO;
    o->flag = true;
    o->on = 1;
    o->multi = 5;
    o->cache = 1;
    for (int i = 0; i < 4; i++)
        o->grow[i] = i + 1;
    for (int i = 0; i < 6; i++)
        o->shrink[i] = 10 * (i + 1);
    o->widen[0] = -32768;
    o->widen[2] = 32767;
    o->narrow[0] = 1;
    o->narrow[1] = 300;
    o->narrow[2] = -2;
    o->narrow[3] = 4;
    o->floats[0] = 1.0f;
    for (int i = 0; i < 3; i++) {
        o->enemies[i].hp = (int16_t)(100 + i);
        o->enemies[i].lvl = i;
    }
    o->enemies[1].lvl = 1000; /* out of range for u8 in the new schema */
    o->queue.count = 6;
    for (int i = 0; i < 6; i++)
        o->queue.items[i] = 5 * i;
    o->squad.count = 5;
    for (int i = 0; i < 5; i++)
        o->squad.items[i].hp = (int16_t)(-i);
    o->tolist.count = 2;
    o->tolist.items[0] = -5;
    o->tolist.items[1] = 6;
    o->huge = UINT64_MAX;
    o->same = 8;

    StateImage img = {0};
    encode(&hot_schema_OldGame, 3, o, &img);

    NewGame *n = state_alloc(&hot_schema_NewGame);
    n->cache = 555; /* transient: zero after decode */
    StateReport r;
    CHECK_EQ_INT(state_decode(&hot_schema_NewGame, &img, n, &r), 0);
    CHECK_EQ_INT(r.image_state_version, 3);
    for (uint32_t i = 0; i < r.count; i++) {
        char line[256];
        state_change_describe(&r.changes[i], line, sizeof(line));
        fprintf(stderr, "   %s\n", line);
    }

    /* nested struct, matched field by field, reordered, one field added, one dropped */
    CHECK_EQ_INT(n->player.hp, -1234);
    CHECK_CHANGE(&r, "player.hp", STATE_CONVERTED, "i16 -> i32");
    CHECK(n->player.speed == 3.75);
    CHECK_CHANGE(&r, "player.speed", STATE_CONVERTED, "f32 -> f64");
    CHECK(n->player.score == 123456.0);
    CHECK_CHANGE(&r, "player.score", STATE_CONVERTED, "i32 -> f64");
    CHECK_EQ_STR(n->player.name, "Sir Lan");
    CHECK_CHANGE(&r, "player.name", STATE_TRUNCATED, "12 -> 7 bytes");
    CHECK_CHANGE(&r, "player.gone", STATE_DROPPED, "");
    CHECK_EQ_INT(n->player.mana, 50);
    CHECK_CHANGE(&r, "player.mana", STATE_ADDED, "");
    CHECK(n->player.pos.x == 1.5f && n->player.pos.y == -2.0f && n->player.pos.z == 9.0f);
    CHECK_CHANGE(&r, "player.pos.z", STATE_ADDED, "");
    /* scalars */
    CHECK(n->ratio == 0.1f);
    CHECK_CHANGE(&r, "ratio", STATE_CONVERTED, "f64 -> f32");
    CHECK_EQ_INT(n->level, 7);
    CHECK_CHANGE(&r, "level", STATE_RESET, "300 out of range for u8");
    CHECK_EQ_INT(n->delta, 3);
    CHECK_CHANGE(&r, "delta", STATE_RESET, "-1 out of range for u32");
    CHECK_EQ_INT(n->small, 5);
    CHECK_CHANGE(&r, "small", STATE_CONVERTED, "i32 -> i8");
    CHECK_EQ_INT(n->title, -1);
    CHECK_CHANGE(&r, "title", STATE_RESET, "string -> i32");
    CHECK(n->home == 0.5f);
    CHECK_CHANGE(&r, "home", STATE_RESET, "struct -> f32");
    CHECK(n->target.z == 9.0f);
    CHECK_CHANGE(&r, "target", STATE_RESET, "i32 -> struct");
    CHECK_EQ_INT(n->whole, 6);
    CHECK_CHANGE(&r, "whole", STATE_RESET, "f32 -> i32");
    CHECK_EQ_INT(n->mode, NM_TWO); /* int to enum: the same i32 */
    CHECK(find_change(&r, "mode") == NULL);
    CHECK_EQ_INT(n->flag, 1);
    CHECK_CHANGE(&r, "flag", STATE_CONVERTED, "bool -> i32");
    CHECK(n->on == true);
    CHECK_CHANGE(&r, "on", STATE_CONVERTED, "i32 -> bool");
    CHECK(n->multi == true); /* 5 is no bool: the default */
    CHECK_CHANGE(&r, "multi", STATE_RESET, "5 out of range for bool");
    CHECK_EQ_INT(n->cache, 0);
    CHECK_CHANGE(&r, "cache", STATE_DROPPED, "");
    CHECK(n->huge == (float)UINT64_MAX);
    CHECK_CHANGE(&r, "huge", STATE_CONVERTED, "u64 -> f32");
    CHECK_EQ_INT(n->same, 8);
    CHECK(find_change(&r, "same") == NULL);
    CHECK_EQ_INT(n->added, 77);
    CHECK_CHANGE(&r, "added", STATE_ADDED, "");
    /* arrays of numbers */
    CHECK(n->grow[0] == 1 && n->grow[3] == 4 && n->grow[4] == 0 && n->grow[5] == 0);
    CHECK_CHANGE(&r, "grow", STATE_ADDED, "4 -> 6 items");
    CHECK(n->shrink[0] == 10 && n->shrink[2] == 30);
    CHECK_CHANGE(&r, "shrink", STATE_TRUNCATED, "6 -> 3 items");
    CHECK(n->widen[0] == -32768 && n->widen[2] == 32767);
    CHECK_CHANGE(&r, "widen", STATE_CONVERTED, "i16 -> i32");
    CHECK(n->narrow[0] == 1 && n->narrow[1] == 0 && n->narrow[2] == 0 && n->narrow[3] == 4);
    CHECK(n->floats[0] == 0 && n->floats[1] == 0);
    /* arrays and lists of structs: element by element */
    CHECK_EQ_INT(n->enemies[0].hp, 100);
    CHECK_EQ_INT(n->enemies[1].hp, 101);
    CHECK_EQ_INT(n->enemies[0].shield, 4);
    CHECK_EQ_INT(n->enemies[1].shield, 4);
    CHECK_EQ_INT(n->enemies[0].lvl, 0);
    CHECK_EQ_INT(n->enemies[1].lvl, 1);
    CHECK_CHANGE(&r, "enemies", STATE_TRUNCATED, "3 -> 2 items");
    CHECK_CHANGE(&r, "enemies[0].hp", STATE_CONVERTED, "i16 -> i32");
    CHECK_CHANGE(&r, "enemies[0].lvl", STATE_CONVERTED, "i32 -> u8");
    CHECK_CHANGE(&r, "enemies[0].old", STATE_DROPPED, "");
    CHECK_CHANGE(&r, "enemies[0].shield", STATE_ADDED, "");
    CHECK_CHANGE(&r, "enemies[1].lvl", STATE_RESET, "1000 out of range for u8");
    CHECK(find_change(&r, "enemies[1].shield") == NULL); /* told once, for [0] */
    CHECK_EQ_INT(n->queue.count, 4);
    CHECK(n->queue.items[3] == 15);
    CHECK_CHANGE(&r, "queue", STATE_TRUNCATED, "6 -> 4 items");
    CHECK_EQ_INT(n->squad.count, 3);
    CHECK_EQ_INT(n->squad.items[2].hp, -2);
    CHECK_EQ_INT(n->squad.items[2].shield, 4);
    CHECK_CHANGE(&r, "squad", STATE_TRUNCATED, "5 -> 3 items");
    CHECK_CHANGE(&r, "squad[0].shield", STATE_ADDED, "");
    /* a list becomes a longer array: items converted, the rest zero */
    CHECK(n->tolist[0] == -5 && n->tolist[1] == 6 && n->tolist[2] == 0);
    CHECK_CHANGE(&r, "tolist", STATE_CONVERTED, "i32 -> i64");
    CHECK_CHANGE(&r, "tolist", STATE_ADDED, "2 -> 5 items");

    /* The report lists exactly these changes, in image order. */
    static const StateChange expect[] = {
        {STATE_CONVERTED, "player.hp", "i16 -> i32"},
        {STATE_CONVERTED, "player.speed", "f32 -> f64"},
        {STATE_CONVERTED, "player.score", "i32 -> f64"},
        {STATE_TRUNCATED, "player.name", "12 -> 7 bytes"},
        {STATE_DROPPED, "player.gone", ""},
        {STATE_ADDED, "player.pos.z", ""},
        {STATE_ADDED, "player.mana", ""},
        {STATE_CONVERTED, "ratio", "f64 -> f32"},
        {STATE_RESET, "level", "300 out of range for u8"},
        {STATE_RESET, "delta", "-1 out of range for u32"},
        {STATE_CONVERTED, "small", "i32 -> i8"},
        {STATE_RESET, "title", "string -> i32"},
        {STATE_RESET, "home", "struct -> f32"},
        {STATE_RESET, "target", "i32 -> struct"},
        {STATE_RESET, "whole", "f32 -> i32"},
        {STATE_CONVERTED, "flag", "bool -> i32"},
        {STATE_CONVERTED, "on", "i32 -> bool"},
        {STATE_RESET, "multi", "5 out of range for bool"},
        {STATE_DROPPED, "cache", ""},
        {STATE_ADDED, "grow", "4 -> 6 items"},
        {STATE_TRUNCATED, "shrink", "6 -> 3 items"},
        {STATE_CONVERTED, "widen", "i16 -> i32"},
        {STATE_CONVERTED, "narrow", "i32 -> u8"},
        {STATE_RESET, "narrow", "2 of 4 items: 300 out of range for u8"},
        {STATE_RESET, "floats", "2 of 2 items: f32 -> i32"},
        {STATE_TRUNCATED, "enemies", "3 -> 2 items"},
        {STATE_CONVERTED, "enemies[0].hp", "i16 -> i32"},
        {STATE_DROPPED, "enemies[0].old", ""},
        {STATE_CONVERTED, "enemies[0].lvl", "i32 -> u8"},
        {STATE_ADDED, "enemies[0].shield", ""},
        {STATE_RESET, "enemies[1].lvl", "1000 out of range for u8"},
        {STATE_TRUNCATED, "queue", "6 -> 4 items"},
        {STATE_TRUNCATED, "squad", "5 -> 3 items"},
        {STATE_CONVERTED, "squad[0].hp", "i16 -> i32"},
        {STATE_DROPPED, "squad[0].old", ""},
        {STATE_CONVERTED, "squad[0].lvl", "i32 -> u8"},
        {STATE_ADDED, "squad[0].shield", ""},
        {STATE_ADDED, "tolist", "2 -> 5 items"},
        {STATE_CONVERTED, "tolist", "i32 -> i64"},
        {STATE_CONVERTED, "huge", "u64 -> f32"},
        {STATE_ADDED, "added", ""},
    };
    CHECK_EQ_INT(r.count, sizeof(expect) / sizeof(expect[0]));
    CHECK_EQ_INT(r.dropped, 0);
    for (uint32_t i = 0; i < r.count; i++) {
        CHECK_EQ_INT(r.changes[i].kind, expect[i].kind);
        CHECK_EQ_STR(r.changes[i].path, expect[i].path);
        CHECK_EQ_STR(r.changes[i].detail, expect[i].detail);
    }

    /* The way back: the new image decoded with the old schema. */
    StateImage back = {0};
    encode(&hot_schema_NewGame, 4, n, &back);
    OldGame *o2 = state_alloc(&hot_schema_OldGame);
    CHECK_EQ_INT(state_decode(&hot_schema_OldGame, &back, o2, &r), 0);
    CHECK_EQ_INT(r.image_state_version, 4);
    CHECK_EQ_INT(o2->player.hp, -1234);
    CHECK_CHANGE(&r, "player.hp", STATE_CONVERTED, "i32 -> i16");
    CHECK(o2->player.speed == 3.75f);
    CHECK_EQ_INT(o2->player.score, 0);
    CHECK_CHANGE(&r, "player.score", STATE_RESET, "f64 -> i32");
    CHECK_EQ_INT(o2->enemies[2].hp, 10); /* grown back: the new element has defaults */
    CHECK_CHANGE(&r, "enemies", STATE_ADDED, "2 -> 3 items");
    CHECK_EQ_INT(o2->tolist.count, 4);
    CHECK_CHANGE(&r, "tolist", STATE_TRUNCATED, "5 -> 4 items");

    char line[256];
    StateChange c = {STATE_RESET, "player.hp", "300 out of range for u8"};
    state_change_describe(&c, line, sizeof(line));
    CHECK_EQ_STR(line, "player.hp: reset (300 out of range for u8)");
    StateChange a = {STATE_ADDED, "mana", ""};
    state_change_describe(&a, line, sizeof(line));
    CHECK_EQ_STR(line, "mana: added");
    state_change_describe(&c, line, 10);
    CHECK_EQ_STR(line, "player.hp");

    state_image_free(&img);
    state_image_free(&back);
    state_free(o);
    state_free(o2);
    state_free(n);
}

/* A long string is cut at a character boundary, not inside a UTF-8 sequence. */
static void test_string_utf8_cut(void)
{
    Wide *w = state_alloc(&hot_schema_Wide);
    strcpy(w->s, "abcé€"); /* é is 2 bytes at 3..4, € 3 bytes at 5..7 */
    StateImage img = {0};
    encode(&hot_schema_Wide, 1, w, &img);
    Narrow *n = state_alloc(&hot_schema_Narrow);
    StateReport r;
    CHECK_EQ_INT(state_decode(&hot_schema_Narrow, &img, n, &r), 0);
    CHECK_EQ_STR(n->s, "abc");
    CHECK_EQ_INT(r.count, 1);
    CHECK_CHANGE(&r, "s", STATE_TRUNCATED, "8 -> 3 bytes");
    state_image_free(&img);
    state_free(w);
    state_free(n);
}

/* Value-level changes are reported for every element; past 64 they are only counted. */
static void test_report_overflow(void)
{
    WideList *w = state_alloc(&hot_schema_WideList);
    for (int i = 0; i < 100; i++)
        w->items[i].v = i % 2 ? 1000 : 3;
    StateImage img = {0};
    encode(&hot_schema_WideList, 1, w, &img);
    NarrowList *n = state_alloc(&hot_schema_NarrowList);
    StateReport r;
    CHECK_EQ_INT(state_decode(&hot_schema_NarrowList, &img, n, &r), 0);
    /* one CONVERTED for [0] (told once) and 50 RESETs for the odd items */
    CHECK_EQ_INT(r.count + r.dropped, 51);
    CHECK_EQ_INT(r.count, 51);
    CHECK_CHANGE(&r, "items[0].v", STATE_CONVERTED, "i32 -> i8");
    CHECK_CHANGE(&r, "items[99].v", STATE_RESET, "1000 out of range for i8");
    CHECK_EQ_INT(n->items[98].v, 3);
    CHECK_EQ_INT(n->items[99].v, -1);

    for (int i = 0; i < 100; i++)
        w->items[i].v = 1000 + i;
    encode(&hot_schema_WideList, 1, w, &img);
    CHECK_EQ_INT(state_decode(&hot_schema_NarrowList, &img, n, &r), 0);
    CHECK_EQ_INT(r.count, STATE_REPORT_MAX);
    CHECK_EQ_INT(r.dropped, 100 - STATE_REPORT_MAX);
    state_image_free(&img);
    state_free(w);
    state_free(n);
}

/* ---------------------------------------------------------------------------------------
 * Bad images
 * ------------------------------------------------------------------------------------- */

static int sbuf_image(msgpack_sbuffer *sb, StateImage *img)
{
    img->data = (uint8_t *)sb->data;
    img->size = sb->size;
    return 0;
}

static void pack_key(msgpack_packer *pk, const char *s)
{
    msgpack_pack_str_with_body(pk, s, strlen(s));
}

static void test_refusals(void)
{
    All *s = state_alloc(&hot_schema_All);
    fill_all(s);
    s->f = 2.0f; /* no NaN, so memcmp below means what it says */
    s->da[0] = 1.0;
    StateImage img = {0};
    encode(&hot_schema_All, 1, s, &img);
    All *live = state_alloc(&hot_schema_All);
    All *orig = state_alloc(&hot_schema_All);
    /* the live state holds values other than the image's, to see any partial write */
    live->i32 = 123;
    live->li.count = 1;
    strcpy(live->name, "live");
    memcpy(orig, live, sizeof(*live));

    /* every prefix of a valid image is refused cleanly and changes nothing */
    for (size_t len = 0; len < img.size; len++) {
        StateImage cut = {img.data, len};
        int rc = state_decode(&hot_schema_All, &cut, live, NULL);
        CHECK(rc == STATE_ECORRUPT || rc == STATE_EMAGIC);
        CHECK(memcmp(live, orig, sizeof(*live)) == 0);
        CHECK_EQ_INT(state_image_check(&cut), rc);
    }
    StateImage cut = {img.data, 5};
    CHECK_EQ_INT(state_decode(&hot_schema_All, &cut, live, NULL), STATE_ECORRUPT);
    cut.size = 0;
    CHECK_EQ_INT(state_decode(&hot_schema_All, &cut, live, NULL), STATE_EMAGIC);

    /* every byte replaced by a few values: decoded or refused, never a partial write */
    uint8_t *bad = malloc(img.size);
    static const uint8_t subst[] = {0x00, 0xff, 0xc1, 0x80, 0xdf, 0x7f, 0xcb, 0xc7};
    int refused = 0, decoded = 0;
    for (size_t i = 0; i < img.size; i++) {
        for (size_t k = 0; k <= sizeof(subst); k++) {
            memcpy(bad, img.data, img.size);
            bad[i] = k < sizeof(subst) ? subst[k] : bad[i] ^ 1;
            StateImage b = {bad, img.size};
            All *t = state_alloc(&hot_schema_All);
            memcpy(t, live, sizeof(*t));
            int rc = state_decode(&hot_schema_All, &b, t, NULL);
            CHECK_EQ_INT(state_image_check(&b), rc);
            if (rc) {
                CHECK(memcmp(t, live, sizeof(*t)) == 0);
                refused++;
            } else {
                decoded++;
            }
            state_free(t);
        }
    }
    CHECK(refused > 0 && decoded > 0);
    free(bad);

    /* trailing garbage */
    uint8_t *longer = malloc(img.size + 1);
    memcpy(longer, img.data, img.size);
    longer[img.size] = 0xc0;
    StateImage l = {longer, img.size + 1};
    CHECK_EQ_INT(state_decode(&hot_schema_All, &l, live, NULL), STATE_ECORRUPT);
    free(longer);

    /* not images at all */
    const char *texts[] = {"not an image",       "{\"hotrun\": 1}", "\x81\xa5hello\x01",
                           "\x83\xa6hotrux\x01", "\x92\x01\x02",    "\xc1"};
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        StateImage t = {(uint8_t *)texts[i], strlen(texts[i])};
        CHECK_EQ_INT(state_decode(&hot_schema_All, &t, live, NULL), STATE_EMAGIC);
        CHECK_EQ_INT(state_image_check(&t), STATE_EMAGIC);
    }
    StateImage none = {NULL, 0};
    CHECK_EQ_INT(state_image_check(&none), STATE_EMAGIC);

    /* a format version from the future, and a malformed one */
    msgpack_sbuffer sb;
    msgpack_packer pk;
    msgpack_sbuffer_init(&sb);
    msgpack_packer_init(&pk, &sb, msgpack_sbuffer_write);
    msgpack_pack_map(&pk, 3);
    pack_key(&pk, "hotrun");
    msgpack_pack_uint32(&pk, STATE_FORMAT_VERSION + 1);
    pack_key(&pk, "future");
    msgpack_pack_array(&pk, 1000); /* whatever comes next is not ours to judge */
    StateImage f;
    sbuf_image(&sb, &f);
    CHECK_EQ_INT(state_decode(&hot_schema_All, &f, live, NULL), STATE_EFORMAT);
    CHECK_EQ_INT(state_image_to_json(&f, stderr), STATE_EFORMAT);
    CHECK(strstr(state_strerror(STATE_EFORMAT), "format version") != NULL);
    msgpack_sbuffer_clear(&sb);
    msgpack_pack_map(&pk, 3);
    pack_key(&pk, "hotrun");
    pack_key(&pk, "1");
    sbuf_image(&sb, &f);
    CHECK_EQ_INT(state_decode(&hot_schema_All, &f, live, NULL), STATE_ECORRUPT);

    /* structure errors after a good header */
    struct {
        int kind;
        int expect;
    } cases[] = {{0, STATE_ECORRUPT}, {1, STATE_ECORRUPT}, {2, STATE_ECORRUPT},
                 {3, STATE_ECORRUPT}, {4, STATE_ECORRUPT}, {5, 0}};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        msgpack_sbuffer_clear(&sb);
        msgpack_pack_map(&pk, cases[i].kind == 1 ? 2 : 3);
        pack_key(&pk, "hotrun");
        msgpack_pack_uint32(&pk, STATE_FORMAT_VERSION);
        pack_key(&pk, "version");
        msgpack_pack_int32(&pk, cases[i].kind == 0 ? -1 : 1); /* 0: negative version */
        if (cases[i].kind != 1) {                             /* 1: no state */
            pack_key(&pk, "state");
            msgpack_pack_map(&pk, 1);
            if (cases[i].kind == 2) { /* 2: a key that is not a string */
                msgpack_pack_int32(&pk, 5);
                msgpack_pack_int32(&pk, 5);
            } else if (cases[i].kind == 3) { /* 3: an ext of an unknown type */
                pack_key(&pk, "fa");
                msgpack_pack_ext_with_body(&pk, "abcd", 4, 42);
            } else if (cases[i].kind == 4) { /* 4: a number array of a partial element */
                pack_key(&pk, "fa");
                msgpack_pack_ext_with_body(&pk, "abcde", 5, HOT_F32);
            } else { /* 5: numbers as a msgpack array: readable, converted */
                pack_key(&pk, "fa");
                msgpack_pack_array(&pk, 3);
                msgpack_pack_int32(&pk, 2);
                msgpack_pack_double(&pk, 0.5);
                msgpack_pack_str_with_body(&pk, "x", 1);
            }
        }
        sbuf_image(&sb, &f);
        All *t = state_alloc(&hot_schema_All);
        StateReport r;
        CHECK_EQ_INT(state_decode(&hot_schema_All, &f, t, &r), cases[i].expect);
        if (cases[i].expect == 0) {
            CHECK(t->fa[0] == 2.0f && t->fa[1] == 0.5f && t->fa[2] == 0 && t->fa[9] == 0);
            CHECK_CHANGE(&r, "fa", STATE_ADDED, "3 -> 10 items");
            CHECK_EQ_INT(t->i8, -8); /* missing keys: defaults */
            CHECK_EQ_INT(r.changes[0].kind, STATE_ADDED);
            int resets = 0;
            for (uint32_t k = 0; k < r.count; k++)
                if (r.changes[k].kind == STATE_RESET) {
                    CHECK_EQ_STR(r.changes[k].detail, "1 of 3 items: string -> f32");
                    resets++;
                }
            CHECK_EQ_INT(resets, 1);
        }
        state_free(t);
    }
    msgpack_sbuffer_destroy(&sb);

    for (int e = 0; e >= -7; e--)
        CHECK(state_strerror(e) != NULL && state_strerror(e)[0] != 0);

    state_image_free(&img);
    state_free(s);
    state_free(live);
    state_free(orig);
}

/* Unknown top-level keys, unknown fields and deep unknown nesting are skipped. */
static void test_unknown_keys(void)
{
    msgpack_sbuffer sb;
    msgpack_packer pk;
    msgpack_sbuffer_init(&sb);
    msgpack_packer_init(&pk, &sb, msgpack_sbuffer_write);
    msgpack_pack_map(&pk, 4);
    pack_key(&pk, "hotrun");
    msgpack_pack_uint32(&pk, STATE_FORMAT_VERSION);
    pack_key(&pk, "extra");
    msgpack_pack_array(&pk, 2);
    msgpack_pack_nil(&pk);
    msgpack_pack_bin_with_body(&pk, "xy", 2);
    pack_key(&pk, "state");
    msgpack_pack_map(&pk, 4);
    pack_key(&pk, "i16");
    msgpack_pack_fix_int16(&pk, 5);
    pack_key(&pk, "zzz");
    for (int i = 0; i < 40; i++)
        msgpack_pack_array(&pk, 1);
    msgpack_pack_map(&pk, 0);
    pack_key(&pk, "i8");
    msgpack_pack_int8(&pk, 3);
    pack_key(&pk, "name");
    msgpack_pack_str_with_body(&pk, "a\0b", 3);
    pack_key(&pk, "version");
    msgpack_pack_uint32(&pk, 9);
    StateImage img;
    sbuf_image(&sb, &img);
    All *t = state_alloc(&hot_schema_All);
    StateReport r;
    CHECK_EQ_INT(state_decode(&hot_schema_All, &img, t, &r), 0);
    CHECK_EQ_INT(r.image_state_version, 9);
    CHECK_EQ_INT(t->i8, 3);
    CHECK_EQ_STR(t->name, "a"); /* stops at an embedded NUL */
    CHECK_CHANGE(&r, "zzz", STATE_DROPPED, "");
    CHECK_EQ_INT(t->i16, 5);
    /* a duplicate key: the first wins */
    msgpack_sbuffer_clear(&sb);
    msgpack_pack_map(&pk, 3);
    pack_key(&pk, "hotrun");
    msgpack_pack_uint32(&pk, STATE_FORMAT_VERSION);
    pack_key(&pk, "version");
    msgpack_pack_uint32(&pk, 1);
    pack_key(&pk, "state");
    msgpack_pack_map(&pk, 2);
    pack_key(&pk, "ln");
    msgpack_pack_ext_with_body(&pk, "\1\0\0\0\2\0\0\0", 8, HOT_I32);
    pack_key(&pk, "ln");
    msgpack_pack_ext_with_body(&pk, "", 0, HOT_I32);
    sbuf_image(&sb, &img);
    CHECK_EQ_INT(state_decode(&hot_schema_All, &img, t, &r), 0);
    CHECK_EQ_INT(t->ln.count, 2);
    CHECK_EQ_INT(t->ln.items[1], 2);
    CHECK_CHANGE(&r, "ln", STATE_DROPPED, "duplicate");
    FILE *null = fopen("/dev/null", "w");
    CHECK_EQ_INT(state_image_to_json(&img, null), 0);
    fclose(null);

    /* nesting past the limit is refused, not recursed into */
    msgpack_sbuffer_clear(&sb);
    msgpack_pack_map(&pk, 3);
    pack_key(&pk, "hotrun");
    msgpack_pack_uint32(&pk, STATE_FORMAT_VERSION);
    pack_key(&pk, "version");
    msgpack_pack_uint32(&pk, 1);
    pack_key(&pk, "state");
    msgpack_pack_map(&pk, 1);
    pack_key(&pk, "zzz");
    for (int i = 0; i < 100000; i++)
        msgpack_pack_array(&pk, 1);
    msgpack_pack_nil(&pk);
    sbuf_image(&sb, &img);
    CHECK_EQ_INT(state_decode(&hot_schema_All, &img, t, &r), STATE_ECORRUPT);
    CHECK_EQ_INT(state_image_to_json(&img, stderr), STATE_ECORRUPT);
    msgpack_sbuffer_destroy(&sb);
    state_free(t);
}

static const HotField *no_fields(uint32_t *count)
{
    *count = 0;
    return NULL;
}

static const HotField bad_offset_fields[] = {
    {"x", HOT_KIND_FIELD, &hot_schema_int32_t, 100, 0, 1, 4, 0, 0, NULL, NULL},
};
static const HotField *bad_offset(uint32_t *count)
{
    *count = 1;
    return bad_offset_fields;
}

static void test_bad_schema(void)
{
    HotSchema empty = {"Empty", HOT_STRUCT, 8, 8, no_fields};
    HotSchema off = {"Off", HOT_STRUCT, 8, 4, bad_offset};
    HotSchema scalar = hot_schema_int32_t;
    const HotSchema *bad[] = {&empty, &off, &scalar, NULL};
    uint8_t mem[64] = {0};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        StateImage img = {0};
        CHECK_EQ_INT(state_encode(bad[i], 1, mem, &img), STATE_ESCHEMA);
        CHECK(img.data == NULL);
        CHECK(state_alloc(bad[i]) == NULL);
        All *a = state_alloc(&hot_schema_All);
        StateImage good = {0};
        encode(&hot_schema_All, 1, a, &good);
        CHECK_EQ_INT(state_decode(bad[i], &good, mem, NULL), STATE_ESCHEMA);
        char buf[16];
        CHECK_EQ_INT(state_inspect(bad[i], mem, buf, sizeof(buf)), 0);
        CHECK_EQ_STR(buf, "");
        state_defaults(bad[i], mem); /* a no-op, no crash */
        state_image_free(&good);
        state_free(a);
    }
}

/* ---------------------------------------------------------------------------------------
 * JSON, paths, inspector, files
 * ------------------------------------------------------------------------------------- */

static char *read_all(FILE *f)
{
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    CHECK(fread(s, 1, (size_t)n, f) == (size_t)n);
    s[n] = 0;
    return s;
}

static char *run(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    CHECK(p != NULL);
    char buf[4096];
    size_t n = fread(buf, 1, sizeof(buf) - 1, p);
    buf[n] = 0;
    CHECK_EQ_INT(pclose(p), 0);
    while (n > 0 && buf[n - 1] == '\n')
        buf[--n] = 0;
    return strdup(buf);
}

static void test_json(void)
{
    All *s = state_alloc(&hot_schema_All);
    fill_all(s);
    s->name[1] = (char)0xff; /* not UTF-8 */
    s->mid.in.tag[0] = 1;    /* a control character */
    s->fa[0] = 0.1f;
    StateImage img = {0};
    encode(&hot_schema_All, 6, s, &img);
    char *dir = test_tmpdir();
    char path[512];
    snprintf(path, sizeof(path), "%s/dump.json", dir);
    FILE *f = fopen(path, "w+");
    CHECK_EQ_INT(state_image_to_json(&img, f), 0);
    char *text = read_all(f);
    fclose(f);
    fputs(text, stderr);
    /* image order, blobs as number arrays, round-tripping floats, null for NaN/Inf */
    CHECK(strncmp(text, "{\n  \"hotrun\": 1,\n  \"version\": 6,\n  \"state\": {\n", 45) == 0);
    CHECK(strstr(text, "\"b\": false,\n") < strstr(text, "\"i8\": -128,\n"));
    CHECK(strstr(text, "\"i64\": -9223372036854775808,") != NULL);
    CHECK(strstr(text, "\"u64\": 18446744073709551615,") != NULL);
    CHECK(strstr(text, "\"f\": null,") != NULL);
    CHECK(strstr(text, "\"d\": null,") != NULL);
    CHECK(strstr(text, "\"mode\": -3,") != NULL);
    CHECK(strstr(text, "\"name\": \"Z\\ufffd\xc3\xab \\\"q\\\"\\n\",") != NULL);
    CHECK(strstr(text, "\"tag\": \"\\u0001eep\"") != NULL);
    CHECK(strstr(text,
                 "\"fa\": [0.1, -0.5, 0, -0, 3.4028235e+38, 1.4013e-45, 2, 2.5, 3, 3.5],") !=
          NULL);
    CHECK(strstr(text, "\"bits\": [false, true, false],") != NULL);
    CHECK(strstr(text, "\"da\": [null, 1.7976931348623157e+308],") != NULL);
    CHECK(strstr(text, "\"ln\": [-10, -9, -6, -1, 6, 15],") != NULL);
    CHECK(strstr(text, "\"ld\": [3.141592653589793]\n") != NULL);
    CHECK(strstr(text, "\"m\": 1e-300") != NULL);
    CHECK(strstr(text, "ptr") == NULL && strstr(text, "cache") == NULL);

    if (system("command -v jq >/dev/null 2>&1") == 0) {
        char cmd[1024];
        snprintf(cmd, sizeof(cmd), "jq -c '.state.mid' %s", path);
        char *out = run(cmd);
        CHECK_EQ_STR(out, "{\"in\":{\"a\":7,\"h\":[0,0,-300],\"tag\":\"\\u0001eep\"},"
                          "\"ins\":[{\"a\":1,\"h\":[0,0,0],\"tag\":\"in\"},"
                          "{\"a\":11,\"h\":[5,0,0],\"tag\":\"in\"}],\"m\":1e-300}");
        free(out);
        snprintf(cmd, sizeof(cmd),
                 "jq -c '[(.state.li | length), .state.li[0].a, .version]' %s", path);
        out = run(cmd);
        CHECK_EQ_STR(out, "[3,100,6]");
        free(out);
        snprintf(cmd, sizeof(cmd), "jq -r '.state | keys_unsorted | join(\",\")' %s", path);
        out = run(cmd);
        CHECK_EQ_STR(out, "b,i8,i16,i32,i64,u8,u16,u32,u64,n,f,d,c,mode,name,mid,fa,bytes,bits,"
                          "da,inners,li,ln,ld");
        free(out);
    } else {
        fprintf(stderr, "jq not found: JSON checked by substrings only\n");
    }
    free(text);
    test_rmtree(dir);
    free(dir);
    state_image_free(&img);
    state_free(s);
}

static void test_image_paths(void)
{
    All *s = state_alloc(&hot_schema_All);
    fill_all(s);
    StateImage img = {0};
    encode(&hot_schema_All, 1, s, &img);
    double v;
    char buf[16];
    CHECK(state_image_number(&img, "i8", &v) && v == -128);
    CHECK(state_image_number(&img, "u64", &v) && v == (double)UINT64_MAX);
    CHECK(state_image_number(&img, "b", &v) && v == 0);
    CHECK(state_image_number(&img, "mode", &v) && v == -3);
    CHECK(state_image_number(&img, "mid.in.a", &v) && v == 7);
    CHECK(state_image_number(&img, "mid.ins.1.h.0", &v) && v == 5);
    CHECK(state_image_number(&img, "mid.ins[1].h[0]", &v) && v == 5);
    CHECK(state_image_number(&img, "mid.in.h.2", &v) && v == -300);
    CHECK(state_image_number(&img, "fa.9", &v) && v == 3.5);
    CHECK(state_image_number(&img, "li.0.a", &v) && v == 100);
    CHECK(state_image_number(&img, "ln.5", &v) && v == 15);
    CHECK(state_image_number(&img, "mid.m", &v) && v == 1e-300);
    CHECK(!state_image_number(&img, "ln.6", &v));   /* past the count */
    CHECK(!state_image_number(&img, "li.3.a", &v)); /* past the count */
    CHECK(!state_image_number(&img, "fa.10", &v));
    CHECK(!state_image_number(&img, "fa", &v));
    CHECK(!state_image_number(&img, "fa.1.x", &v));
    CHECK(!state_image_number(&img, "mid", &v));
    CHECK(!state_image_number(&img, "name", &v));
    CHECK(!state_image_number(&img, "nope", &v));
    CHECK(!state_image_number(&img, "mid.", &v));
    CHECK(!state_image_number(&img, "mid..in", &v));
    CHECK(!state_image_number(&img, "", &v));
    CHECK(!state_image_number(&img, "mid.ins.x.a", &v));
    CHECK(!state_image_number(&img, "mid.ins[1", &v));
    CHECK(!state_image_number(&img, "ptr", &v));
    CHECK(state_image_string(&img, "mid.in.tag", buf, sizeof(buf)));
    CHECK_EQ_STR(buf, "deep");
    CHECK(state_image_string(&img, "name", buf, 4));
    CHECK_EQ_STR(buf, "Zo\xc3");
    CHECK(!state_image_string(&img, "i8", buf, sizeof(buf)));
    CHECK(!state_image_string(&img, "name", buf, 0));
    StateImage cut = {img.data, img.size - 1};
    CHECK(!state_image_number(&cut, "i8", &v));
    state_image_free(&img);
    state_free(s);
}

static void test_inspect(void)
{
    All *s = state_alloc(&hot_schema_All);
    fill_all(s);
    s->f = 0.5f;
    strcpy(s->name, "a\"b");
    char buf[4096];
    int lines = state_inspect(&hot_schema_All, s, buf, sizeof(buf));
    fputs(buf, stderr);
    int counted = 0;
    for (const char *p = buf; *p; p++)
        counted += *p == '\n';
    CHECK_EQ_INT(lines, counted);
    CHECK(strncmp(buf, "b = false\ni8 = -128\n", 20) == 0);
    CHECK(strstr(buf, "\nu64 = 18446744073709551615\n") != NULL);
    CHECK(strstr(buf, "\nf = 0.5\n") != NULL);
    CHECK(strstr(buf, "\nd = -inf\n") != NULL);
    CHECK(strstr(buf, "\nmode = -3\n") != NULL);
    CHECK(strstr(buf, "\nname = \"a\\\"b\"\n") != NULL);
    CHECK(strstr(buf, "\nmid.in.a = 7\n") != NULL);
    CHECK(strstr(buf, "\nmid.in.h = [0, 0, -300]\n") != NULL);
    CHECK(strstr(buf, "\nmid.ins[1].tag = \"in\"\n") != NULL);
    CHECK(strstr(buf, "\nfa = [-1, -0.5, 0, -0, 3.40282e+38, 1.4013e-45, 2, 2.5, "
                      "... (10 items)]\n") != NULL);
    CHECK(strstr(buf, "\nbits = [false, true, false]\n") != NULL);
    CHECK(strstr(buf, "\ninners[2].a = -9\n") != NULL);
    CHECK(strstr(buf, "\nli[2].h = [0, 22, 0]\n") != NULL);
    CHECK(strstr(buf, "li[3]") == NULL); /* past the count */
    CHECK(strstr(buf, "\nln = [-10, -9, -6, -1, 6, 15]\n") != NULL);
    CHECK(strstr(buf, "ptr") == NULL && strstr(buf, "cache") == NULL);

    /* a long list of structs shows 8 and a count; an empty one shows [] */
    Many *m = state_alloc(&hot_schema_Many);
    m->items.count = 12;
    lines = state_inspect(&hot_schema_Many, m, buf, sizeof(buf));
    CHECK(strstr(buf, "items[7].tag = \"in\"\n") != NULL);
    CHECK(strstr(buf, "items[8]") == NULL);
    CHECK(strstr(buf, "\nitems = ... (12 items)\nnone = []\nlast = 1\n") != NULL);
    CHECK_EQ_INT(lines, 8 * 3 + 3);

    /* a small buffer: whole lines only, terminated */
    char small[25];
    memset(small, 'x', sizeof(small));
    lines = state_inspect(&hot_schema_All, s, small, sizeof(small));
    CHECK_EQ_INT(lines, 2);
    CHECK_EQ_STR(small, "b = false\ni8 = -128\n");
    CHECK_EQ_INT(state_inspect(&hot_schema_All, s, small, 0), 0);
    CHECK_EQ_INT(state_inspect(&hot_schema_All, s, small, 1), 0);
    CHECK_EQ_STR(small, "");
    state_free(m);
    state_free(s);
}

static void test_files(void)
{
    All *s = state_alloc(&hot_schema_All);
    fill_all(s);
    StateImage img = {0}, loaded = {0}, copy = {0};
    encode(&hot_schema_All, 1, s, &img);
    char *dir = test_tmpdir();
    char path[512];
    snprintf(path, sizeof(path), "%s/quick.state", dir);
    CHECK_EQ_INT(state_image_save(path, &img), 0);
    CHECK_EQ_INT(state_image_save(path, &img), 0); /* replaces */
    CHECK_EQ_INT(state_image_load(path, &loaded), 0);
    CHECK_EQ_INT(loaded.size, img.size);
    CHECK(memcmp(loaded.data, img.data, img.size) == 0);
    struct stat st;
    CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0644);
    /* no temporary file left behind */
    DIR *d = opendir(dir);
    int entries = 0;
    for (struct dirent *e; (e = readdir(d));)
        entries += e->d_name[0] != '.';
    closedir(d);
    CHECK_EQ_INT(entries, 1);

    CHECK_EQ_INT(state_image_copy(&copy, &img), 0);
    CHECK(copy.data != img.data && copy.size == img.size);
    CHECK(memcmp(copy.data, img.data, img.size) == 0);
    uint8_t *kept = copy.data;
    CHECK_EQ_INT(state_image_copy(&copy, &loaded), 0);
    CHECK(copy.data == kept); /* reused */
    StateImage empty = {0};
    CHECK_EQ_INT(state_image_copy(&copy, &empty), 0);
    CHECK_EQ_INT(copy.size, 0);

    char missing[600];
    snprintf(missing, sizeof(missing), "%s/no/such/dir/x.state", dir);
    CHECK_EQ_INT(state_image_save(missing, &img), STATE_EIO);
    CHECK_EQ_INT(state_image_load(missing, &loaded), STATE_EIO);
    CHECK_EQ_INT(state_image_load(dir, &loaded), STATE_EIO); /* a directory */
    CHECK_EQ_INT(loaded.size, img.size);                     /* unchanged on failure */

    snprintf(path, sizeof(path), "%s/empty.state", dir);
    test_write_file(path, "");
    CHECK_EQ_INT(state_image_load(path, &loaded), 0);
    CHECK_EQ_INT(loaded.size, 0);
    CHECK_EQ_INT(state_image_check(&loaded), STATE_EMAGIC);

    test_rmtree(dir);
    free(dir);
    state_image_free(&img);
    state_image_free(&loaded);
    state_image_free(&copy);
    state_free(s);
}

/* ---------------------------------------------------------------------------------------
 * The fuzz corpus and regressions, replayed; HOTRUN_WRITE_CORPUS=dir writes the seeds.
 * ------------------------------------------------------------------------------------- */

static void write_seed(const char *dir, const char *name, const void *data, size_t size)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    CHECK(fwrite(data, 1, size, f) == size);
    fclose(f);
}

static void write_corpus(const char *dir)
{
    StateImage img = {0};
    FzState *s = state_alloc(&hot_schema_FzState);
    encode(&hot_schema_FzState, 1, s, &img);
    write_seed(dir, "valid-defaults", img.data, img.size);
    s->alive = false;
    s->i64 = INT64_MIN;
    s->u64 = UINT64_MAX;
    s->f = NAN;
    strcpy(s->name, "fuzz\"\\\n€");
    s->samples[5] = -1.5f;
    s->flags[2] = true;
    s->slots[1].at.y = 4;
    s->items.count = 5;
    s->items.items[2].stats[1] = -7;
    strcpy(s->items.items[4].label, "seven!!");
    s->ids.count = 7;
    s->ids.items[3] = 99;
    s->small.count = 2;
    encode(&hot_schema_FzState, 2, s, &img);
    write_seed(dir, "valid-full", img.data, img.size);
    /* the test's other schemas' images, decoded as FzState: every mismatch rule */
    All *a = state_alloc(&hot_schema_All);
    fill_all(a);
    encode(&hot_schema_All, 3, a, &img);
    write_seed(dir, "valid-other-schema", img.data, img.size);
    OldGame *o = state_alloc(&hot_schema_OldGame);
    o->squad.count = 2;
    encode(&hot_schema_OldGame, 4, o, &img);
    write_seed(dir, "valid-old-game", img.data, img.size);
#define SEED(name, bytes) write_seed(dir, name, bytes, sizeof(bytes) - 1)
    SEED("edge-empty", "");
    SEED("edge-magic-only", "\x81\xa6hotrun");
    SEED("edge-future-format", "\x81\xa6hotrun\x02");
    SEED("edge-empty-state", "\x83\xa6hotrun\x01\xa7version\x00\xa5state\x80");
    SEED("edge-ext-array", "\x83\xa6hotrun\x01\xa7version\x00\xa5state\x82\xa7samples\xd7\x0a"
                           "\x00\x00\x80\x3f\x00\x00\x00\x40\xa3ids\x92\x01\xcb\x3f\xf0"
                           "\x00\x00\x00\x00\x00\x00");
    SEED("edge-deep", "\x83\xa6hotrun\x01\xa7version\x00\xa5state\x81\xa3pos\x91\x91\x91"
                      "\x91\x91\x91\x91\x91\x91\x91\x91\x91\x91\x91\x91\x91\x91\xc0");
    SEED("edge-version-map-16", "\xde\x00\x03\xa6hotrun\xcc\x01\xa7version\xce\x00\x00\x00"
                                "\x01\xa5state\xde\x00\x01\xa1"
                                "f\xca\x3f\x80\x00\x00");
    state_image_free(&img);
    state_free(s);
    state_free(a);
    state_free(o);
}

static int replay_dir(const char *dir, bool valid_prefix_must_decode)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int n = 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.')
            continue;
        char path[1024];
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        StateImage img = {0};
        CHECK_EQ_INT(state_image_load(path, &img), 0);
        fuzz_one(img.data, img.size);
        if (valid_prefix_must_decode && strncmp(e->d_name, "valid-", 6) == 0)
            CHECK_EQ_INT(state_image_check(&img), 0);
        state_image_free(&img);
        n++;
    }
    closedir(d);
    return n;
}

static void test_fuzz_corpus(void)
{
    const char *out = getenv("HOTRUN_WRITE_CORPUS");
    if (out)
        write_corpus(out);
    int seeds = replay_dir(TESTS_DIR "/fuzz/corpus", true);
    int regressions = replay_dir(TESTS_DIR "/fuzz/regressions", false);
    fprintf(stderr, "replayed %d seeds and %d regressions\n", seeds, regressions);
    CHECK(seeds >= 5);
}

int main(void)
{
    RUN(test_defaults);
    RUN(test_round_trip_all);
    RUN(test_round_trip_scalars);
    RUN(test_round_trip_depth);
    RUN(test_evolution);
    RUN(test_string_utf8_cut);
    RUN(test_report_overflow);
    RUN(test_refusals);
    RUN(test_unknown_keys);
    RUN(test_bad_schema);
    RUN(test_json);
    RUN(test_image_paths);
    RUN(test_inspect);
    RUN(test_files);
    RUN(test_fuzz_corpus);
    return 0;
}
