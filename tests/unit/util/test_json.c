/* test_json.c: the one JSON string rule, into a buffer (events) and to a stream (dumps). */
#include "util/json.h"
#include "testlib.h"

static char *quoted(const char *s, size_t n)
{
    static char buf[256];
    size_t len = 0;
    json_escape(buf, sizeof(buf), &len, s, n);
    CHECK_EQ_INT(len, strlen(buf));
    return buf;
}

static void test_rule(void)
{
    CHECK_EQ_STR(quoted("plain", 5), "\"plain\"");
    CHECK_EQ_STR(quoted("a\"b\\c", 5), "\"a\\\"b\\\\c\"");
    CHECK_EQ_STR(quoted("\n\t\r", 3), "\"\\n\\t\\r\"");
    CHECK_EQ_STR(quoted("\x01\x1f\x7f", 3), "\"\\u0001\\u001f\\u007f\"");
    CHECK_EQ_STR(quoted("caf\xc3\xa9 \xe2\x82\xac", 9), "\"caf\xc3\xa9 \xe2\x82\xac\"");
    /* Not UTF-8: a lone continuation byte, a cut sequence, an overlong form, a surrogate. */
    CHECK_EQ_STR(quoted("a\x80z", 3), "\"a\\ufffdz\"");
    CHECK_EQ_STR(quoted("\xe2\x82", 2), "\"\\ufffd\\ufffd\"");
    CHECK_EQ_STR(quoted("\xc0\xaf", 2), "\"\\ufffd\\ufffd\"");
    CHECK_EQ_STR(quoted("\xed\xa0\x80", 3), "\"\\ufffd\\ufffd\\ufffd\"");
    CHECK_EQ_STR(quoted("a\0b", 3), "\"a\\u0000b\"");
}

/* A string cut to fit is still one closed JSON string (moved here from test_events). */
static void test_bounds(void)
{
    char buf[8];
    size_t len = 0;
    json_escape(buf, sizeof(buf), &len, "abcdefghij", 10);
    CHECK(len < sizeof(buf));
    CHECK(buf[0] == '"' && buf[len - 1] == '"' && buf[len] == '\0');
    /* Never half an escape or half a character. */
    len = 0;
    json_escape(buf, sizeof(buf), &len, "abc\xe2\x82\xac", 6);
    CHECK_EQ_STR(buf, "\"abc\"");
    len = 6;
    json_escape(buf, sizeof(buf), &len, "x", 1); /* no room for both quotes: nothing */
    CHECK_EQ_INT(len, 6);
}

static void test_stream(void)
{
    char *text = NULL;
    size_t size = 0;
    FILE *o = open_memstream(&text, &size);
    json_write_string(o, "a\"\n\xff\xc3\xa9", 6);
    fclose(o);
    CHECK_EQ_STR(text, "\"a\\\"\\n\\ufffd\xc3\xa9\"");
    free(text);
}

int main(void)
{
    RUN(test_rule);
    RUN(test_bounds);
    RUN(test_stream);
    return 0;
}
