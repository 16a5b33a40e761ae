/* test_schema.c: state/schema.c: the schema check, layouts and their fingerprints, defaults. */
#include "state_test.h"

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
        StateLayout l;
        CHECK_EQ_INT(state_layout_check(bad[i], &l), STATE_ESCHEMA);
        CHECK(l.schema == NULL);
        CHECK(state_layout_alloc(&l) == NULL);
        StateStamp stamp = {1, "x"};
        CHECK_EQ_INT(state_layout_encode(&l, &stamp, mem, &img), STATE_ESCHEMA);
        CHECK_EQ_INT(state_layout_decode(&l, &good, mem, NULL), STATE_ESCHEMA);
        state_image_free(&good);
        state_free(a);
    }
}

/* A layout is checked once; its fingerprints say whether two schemas save the same shape
 * (names, kinds, types, counts) and lay out memory the same way. */
static void test_layout(void)
{
    StateLayout a, b, old, neu;
    CHECK_EQ_INT(state_layout_check(&hot_schema_All, &a), 0);
    CHECK_EQ_INT(state_layout_check(&hot_schema_All, &b), 0);
    CHECK(a.schema == &hot_schema_All);
    CHECK(a.need > 0);
    CHECK(a.fingerprint == b.fingerprint && a.memory == b.memory);
    CHECK_EQ_INT(state_layout_check(&hot_schema_OldGame, &old), 0);
    CHECK_EQ_INT(state_layout_check(&hot_schema_NewGame, &neu), 0);
    CHECK(old.fingerprint != neu.fingerprint);
    CHECK(old.memory != neu.memory);
    /* the same saved shape in other memory: a wider string changes both */
    StateLayout w, n;
    CHECK_EQ_INT(state_layout_check(&hot_schema_Wide, &w), 0);
    CHECK_EQ_INT(state_layout_check(&hot_schema_Narrow, &n), 0);
    CHECK(w.fingerprint != n.fingerprint);
    /* allocation, defaults and transient fields through the layout */
    All *s = state_layout_alloc(&a);
    CHECK(s != NULL);
    CHECK_EQ_INT(s->i32, -32);
    s->i32 = 5;
    s->cache = 9;
    state_layout_clear_transient(&a, s);
    CHECK_EQ_INT(s->cache, 0);
    CHECK_EQ_INT(s->i32, 5);
    state_layout_defaults(&a, s);
    CHECK_EQ_INT(s->i32, -32);
    /* a swap reuses the old block for a layout that fits, with the new defaults */
    StateLayout d;
    CHECK_EQ_INT(state_layout_check(&hot_schema_D5, &d), 0);
    s->i32 = 5;
    void *same = state_layout_reuse(&a, s);
    CHECK(same == s);
    CHECK_EQ_INT(s->i32, -32);
    void *other = state_layout_reuse(&d, s); /* a bigger layout: a new block */
    CHECK(other != NULL);
    CHECK_EQ_INT(((D5 *)other)->v5, 5);
    CHECK_EQ_INT(((D5 *)other)->d4.d3.d2.d1.v1, 1);
    void *fresh = state_layout_reuse(&a, NULL);
    CHECK(fresh != NULL);
    CHECK_EQ_INT(((All *)fresh)->i32, -32);
    state_free(fresh);
    state_free(other);
}

int main(void)
{
    RUN(test_layout);
    RUN(test_defaults);
    RUN(test_bad_schema);
    return 0;
}
