/* test_encode.c: state/encode.c: images of every kind and scalar type, written and read back bit for bit. */
#include "state_test.h"

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

/* Every header size of msgpack: maps and arrays past 15 items, strings past 31 and 255
 * bytes, each fixext size and the ext8/16/32 forms. */
#define SMALL(X) X(FIELD, int8_t, a, -1)
HOT_STATE(Small, SMALL)
#define SIZES(X)                                                                               \
    X(FIELD, uint8_t, f0, 0)                                                                 \
    X(FIELD, uint8_t, f1, 1)                                                                 \
    X(FIELD, uint8_t, f2, 2)                                                                 \
    X(FIELD, uint8_t, f3, 3)                                                                 \
    X(FIELD, uint8_t, f4, 4)                                                                 \
    X(FIELD, uint8_t, f5, 5)                                                                 \
    X(FIELD, uint8_t, f6, 6)                                                                 \
    X(FIELD, uint8_t, f7, 7)                                                                 \
    X(FIELD, uint8_t, f8, 8)                                                                 \
    X(FIELD, uint8_t, f9, 9)                                                                 \
    X(FIELD, uint8_t, f10, 10)                                                                 \
    X(FIELD, uint8_t, f11, 11)                                                                 \
    X(FIELD, uint8_t, f12, 12)                                                                 \
    X(FIELD, uint8_t, f13, 13)                                                                 \
    X(FIELD, uint8_t, f14, 14)                                                                 \
    X(FIELD, uint8_t, f15, 15)                                                                 \
    X(FIELD, uint8_t, f16, 16)                                                                 \
    X(STRING, s40, 41, "")                                                                     \
    X(STRING, s300, 301, "")                                                                   \
    X(ARRAY, uint8_t, e1, 1)                                                                   \
    X(ARRAY, uint8_t, e2, 2)                                                                   \
    X(ARRAY, uint8_t, e4, 4)                                                                   \
    X(ARRAY, uint8_t, e8, 8)                                                                   \
    X(ARRAY, uint8_t, e16, 16)                                                                 \
    X(ARRAY, uint8_t, e200, 200)                                                               \
    X(ARRAY, uint8_t, e70000, 70000)                                                           \
    X(LIST, uint8_t, none, 3)                                                                  \
    X(LIST, Small, smalls, 20)
HOT_STATE(Sizes, SIZES)

static void pk_str(msgpack_packer *pk, const char *s, size_t n)
{
    msgpack_pack_str(pk, n);
    msgpack_pack_str_body(pk, s, n);
}

/* Our writer gives byte for byte what msgpack-c's packer gives for the same values. */
static void test_same_bytes_as_msgpack_c(void)
{
    StateLayout l;
    CHECK_EQ_INT(state_layout_check(&hot_schema_Sizes, &l), 0);
    Sizes *s = state_layout_alloc(&l);
    memset(s->s40, 'x', 40);
    memset(s->s300, 'y', 300);
    for (int i = 0; i < 70000; i++)
        s->e70000[i] = (uint8_t)i;
    s->e16[3] = 9;
    s->smalls.count = 20;
    StateImage img = {0};
    StateStamp stamp = {70000, "a game"};
    CHECK_EQ_INT(state_layout_encode(&l, &stamp, s, &img), 0);

    msgpack_sbuffer sb;
    msgpack_packer pk;
    msgpack_sbuffer_init(&sb);
    msgpack_packer_init(&pk, &sb, msgpack_sbuffer_write);
    msgpack_pack_map(&pk, 5);
    pk_str(&pk, "hotrun", 6);
    msgpack_pack_uint32(&pk, STATE_FORMAT_VERSION);
    pk_str(&pk, "version", 7);
    msgpack_pack_uint32(&pk, 70000);
    pk_str(&pk, "game", 4);
    pk_str(&pk, "a game", 6);
    pk_str(&pk, "schema", 6);
    msgpack_pack_fix_uint64(&pk, l.fingerprint);
    pk_str(&pk, "state", 5);
    msgpack_pack_map(&pk, 28);
    char name[8];
    for (int i = 0; i < 17; i++) {
        snprintf(name, sizeof(name), "f%d", i);
        pk_str(&pk, name, strlen(name));
        msgpack_pack_fix_uint8(&pk, (uint8_t)i);
    }
    pk_str(&pk, "s40", 3);
    pk_str(&pk, s->s40, 40);
    pk_str(&pk, "s300", 4);
    pk_str(&pk, s->s300, 300);
    static const struct {
        const char *name;
        size_t n, off;
    } exts[] = {{"e1", 1, offsetof(Sizes, e1)},       {"e2", 2, offsetof(Sizes, e2)},
                {"e4", 4, offsetof(Sizes, e4)},       {"e8", 8, offsetof(Sizes, e8)},
                {"e16", 16, offsetof(Sizes, e16)},    {"e200", 200, offsetof(Sizes, e200)},
                {"e70000", 70000, offsetof(Sizes, e70000)}, {"none", 0, 0}};
    for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
        pk_str(&pk, exts[i].name, strlen(exts[i].name));
        msgpack_pack_ext(&pk, exts[i].n, HOT_U8);
        msgpack_pack_ext_body(&pk, (const char *)s + exts[i].off, exts[i].n);
    }
    pk_str(&pk, "smalls", 6);
    msgpack_pack_array(&pk, 20);
    for (int i = 0; i < 20; i++) {
        msgpack_pack_map(&pk, 1);
        pk_str(&pk, "a", 1);
        msgpack_pack_fix_int8(&pk, -1);
    }
    CHECK_EQ_INT(img.size, sb.size);
    CHECK(memcmp(img.data, sb.data, sb.size) == 0);
    msgpack_sbuffer_destroy(&sb);
    state_image_free(&img);
    state_free(s);
}

int main(void)
{
    RUN(test_same_bytes_as_msgpack_c);
    RUN(test_round_trip_all);
    RUN(test_round_trip_scalars);
    RUN(test_round_trip_depth);
    return 0;
}
