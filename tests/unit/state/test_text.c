/* test_text.c: state/text.c: the inspector lines. */
#include "state_test.h"

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

int main(void)
{
    RUN(test_inspect);
    return 0;
}
