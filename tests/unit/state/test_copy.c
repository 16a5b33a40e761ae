/* test_copy.c: state/copy.c: the in-process copy of the state memory (the rollback
 * snapshot): restored exactly, transient fields zeroed, refused into another layout. */
#include "state_test.h"

static void test_copy_restore(void)
{
    StateLayout l, other;
    CHECK_EQ_INT(state_layout_check(&hot_schema_All, &l), 0);
    CHECK_EQ_INT(state_layout_check(&hot_schema_OldGame, &other), 0);
    All *s = state_layout_alloc(&l);
    fill_all(s);
    StateCopy c = {0};
    CHECK_EQ_INT(state_copy_take(&l, s, &c), 0);
    CHECK_EQ_INT(c.size, sizeof(All));
    CHECK(c.memory == l.memory);
    All *want = malloc(sizeof(All));
    memcpy(want, s, sizeof(All));
    want->ptr = NULL; /* transient: zero after a restore, as after a decode */
    want->cache = 0;
    /* the game goes on and changes things; the rollback puts the copy back */
    s->i32 = 1;
    strcpy(s->name, "changed");
    s->li.count = 0;
    CHECK_EQ_INT(state_copy_restore(&l, &c, s), 0);
    CHECK(memcmp(s, want, sizeof(All)) == 0);
    /* the buffer is reused */
    uint8_t *buf = c.data;
    CHECK_EQ_INT(state_copy_take(&l, s, &c), 0);
    CHECK(c.data == buf);
    /* never into another layout, nor from an empty copy */
    OldGame *o = state_layout_alloc(&other);
    OldGame before = *o;
    CHECK_EQ_INT(state_copy_restore(&other, &c, o), STATE_ESCHEMA);
    CHECK(memcmp(o, &before, sizeof(before)) == 0);
    state_copy_clear(&c);
    CHECK_EQ_INT(state_copy_restore(&l, &c, s), STATE_ESCHEMA);
    StateLayout none = {0};
    CHECK_EQ_INT(state_copy_take(&none, s, &c), STATE_ESCHEMA);
    state_copy_free(&c);
    CHECK(c.data == NULL);
    free(want);
    state_free(s);
    state_free(o);
}

/* A copy restored and then encoded gives the image of the state it copied. */
static void test_copy_same_image(void)
{
    StateLayout l;
    CHECK_EQ_INT(state_layout_check(&hot_schema_D5, &l), 0);
    D5 *s = state_layout_alloc(&l);
    s->d4.d3.a2[1].l1.count = 2;
    s->d4.d3.a2[1].l1.items[1].v1 = 77;
    s->l4.count = 1;
    StateStamp stamp = {1, "g"};
    StateImage a = {0}, b = {0};
    CHECK_EQ_INT(state_layout_encode(&l, &stamp, s, &a), 0);
    StateCopy c = {0};
    CHECK_EQ_INT(state_copy_take(&l, s, &c), 0);
    s->v5 = 99;
    CHECK_EQ_INT(state_copy_restore(&l, &c, s), 0);
    CHECK_EQ_INT(state_layout_encode(&l, &stamp, s, &b), 0);
    CHECK(a.size == b.size && memcmp(a.data, b.data, a.size) == 0);
    state_image_free(&a);
    state_image_free(&b);
    state_copy_free(&c);
    state_free(s);
}

int main(void)
{
    RUN(test_copy_restore);
    RUN(test_copy_same_image);
    return 0;
}
