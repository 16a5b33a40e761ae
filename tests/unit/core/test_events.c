/* test_events.c: the JSON lines of --events parse, escape what they must, and never write a
 * broken line when one is too long. */
#include <stdio.h>
#include <stdlib.h>

#include "core/events.h"
#include "testlib.h"

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "r");
    CHECK(f != NULL);
    static char buf[65536];
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void test_lines(const char *path)
{
    CHECK_EQ_INT(events_open(path), 0);
    CHECK(events_enabled());
    EventLine ev;
    ev_begin(&ev, "build");
    ev_bool(&ev, "ok", false);
    ev_int(&ev, "compiled", -3);
    ev_num(&ev, "ms", 1.5);
    ev_num(&ev, "nan", 0.0 / 0.0);
    ev_str(&ev, "error", "a.c:1: \"quoted\" \\ tab\t nl\n ctl\x01");
    ev_str(&ev, "none", NULL);
    ev_raw(&ev, "changes", "[\"x\"]");
    ev_end(&ev);
    events_close();
    CHECK(!events_enabled());
    CHECK_EQ_STR(read_all(path),
                 "{\"event\":\"build\",\"ok\":false,\"compiled\":-3,\"ms\":1.500,\"nan\":null,"
                 "\"error\":\"a.c:1: \\\"quoted\\\" \\\\ tab\\t nl\\n ctl\\u0001\","
                 "\"none\":null,\"changes\":[\"x\"]}\n");
}

static void test_overflow(const char *path)
{
    /* A string too long for the line is cut, the JSON is not. */
    CHECK_EQ_INT(events_open(path), 0);
    static char big[20000];
    memset(big, 'x', sizeof(big) - 1);
    EventLine ev;
    ev_begin(&ev, "reload");
    ev_str(&ev, "error", big);
    ev_end(&ev);
    events_close();
    const char *line = read_all(path);
    CHECK(strncmp(line, "{\"event\":\"reload\",\"error\":\"xxx", 30) == 0);
    CHECK(strlen(line) < sizeof(ev.buf));
    CHECK(strcmp(line + strlen(line) - 3, "\"}\n") == 0);

    /* Too many fields: a short line that still parses and says so. */
    CHECK_EQ_INT(events_open(path), 0);
    ev_begin(&ev, "reload");
    for (int i = 0; i < 2000; i++)
        ev_int(&ev, "n", i);
    ev_end(&ev);
    events_close();
    CHECK_EQ_STR(read_all(path), "{\"event\":\"reload\",\"truncated\":true}\n");
}

int main(void)
{
    char *dir = test_tmpdir();
    char path[600];
    snprintf(path, sizeof(path), "%s/events.jsonl", dir);
    test_lines(path);
    test_overflow(path);
    CHECK(events_open("/nonexistent-dir/x.jsonl") < 0);
    test_rmtree(dir);
    free(dir);
    return 0;
}
