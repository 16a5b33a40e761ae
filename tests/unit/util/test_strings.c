/* test_strings.c: formatted copies, suffixes, white-space words and the string vector. */
#include "util/strings.h"
#include "testlib.h"

static void test_fmt(void)
{
    char *s = str_fmt("%s-%d", "a", 42);
    CHECK_EQ_STR(s, "a-42");
    free(s);
    s = str_fmt("%s", "");
    CHECK_EQ_STR(s, "");
    free(s);
}

static void test_ends_with(void)
{
    CHECK(str_ends_with("player.c", ".c"));
    CHECK(str_ends_with(".c", ".c"));
    CHECK(!str_ends_with("c", ".c"));
    CHECK(!str_ends_with("player.h", ".c"));
    CHECK(str_ends_with("x", ""));
}

static void test_words(void)
{
    Strv a = {0};
    strv_push_words(&a, "  -O2\t-g \n -DX=1  ");
    CHECK_EQ_INT(a.n, 3);
    CHECK_EQ_STR(a.v[0], "-O2");
    CHECK_EQ_STR(a.v[1], "-g");
    CHECK_EQ_STR(a.v[2], "-DX=1");
    CHECK(a.v[3] == NULL);
    strv_push_words(&a, NULL);
    strv_push_words(&a, "   ");
    CHECK_EQ_INT(a.n, 3);
    strv_free(&a);
    CHECK(a.v == NULL && a.n == 0);
}

static void test_vector(void)
{
    Strv a = {0}, b = {0};
    for (int i = 0; i < 100; i++) {
        char *s = str_fmt("%d", i);
        strv_push(&a, s);
        free(s);
    }
    CHECK_EQ_INT(a.n, 100);
    CHECK_EQ_STR(a.v[99], "99");
    CHECK(a.v[100] == NULL);
    const char *list[] = {"x", "y", NULL};
    strv_push_list(&b, list);
    strv_push_list(&b, NULL);
    strv_push_all(&b, &a);
    CHECK_EQ_INT(b.n, 102);
    CHECK_EQ_STR(b.v[1], "y");
    CHECK_EQ_STR(b.v[2], "0");
    strv_free(&a);
    strv_free(&b);
}

/* A set of strings: has, push once, remove (the NULL end kept). */
static void test_set(void)
{
    Strv a = {0};
    strv_push_once(&a, "a.c");
    strv_push_once(&a, "b.c");
    strv_push_once(&a, "a.c");
    CHECK_EQ_INT(a.n, 2);
    CHECK(strv_has(&a, "a.c") && strv_has(&a, "b.c") && !strv_has(&a, "c.c"));
    strv_remove(&a, "a.c");
    strv_remove(&a, "zzz");
    CHECK_EQ_INT(a.n, 1);
    CHECK_EQ_STR(a.v[0], "b.c");
    CHECK(a.v[1] == NULL);
    CHECK(!strv_has(&a, "a.c"));
    strv_remove(&a, "b.c");
    CHECK_EQ_INT(a.n, 0);
    strv_free(&a);
}

int main(void)
{
    RUN(test_fmt);
    RUN(test_ends_with);
    RUN(test_words);
    RUN(test_vector);
    RUN(test_set);
    return 0;
}
