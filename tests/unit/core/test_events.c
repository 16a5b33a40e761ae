/* test_events.c: the JSON lines of --events parse, escape what they must, and never write a
 * broken line when one is too long; held lines (a frame's) come out together with the
 * terminal's lines of the same moment, in the order they were written. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

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

static void event(const char *name)
{
    EventLine ev;
    ev_begin(&ev, name);
    ev_end(&ev);
}

/* Events to stdout and the terminal (stderr) both into one file, so that their order shows. */
static void test_hold(const char *path)
{
    fflush(stdout);
    fflush(stderr);
    int out = dup(1), err = dup(2);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0600);
    CHECK(fd >= 0);
    dup2(fd, 1);
    dup2(fd, 2);
    close(fd);
    CHECK_EQ_INT(events_open("-"), 0);

    event("before"); /* nothing held: at once */
    fprintf(stderr, "hotrun: said at once\n");
    CHECK_EQ_STR(read_all(path), "{\"event\":\"before\"}\nhotrun: said at once\n");

    events_hold();
    event("build");
    fprintf(stderr, "hotrun: reload 2\n");
    event("reload");
    fputs("[game] a log line\n", stderr);
    event("first_frame");
    /* Held: neither the events nor the terminal's lines are out yet. */
    CHECK_EQ_STR(read_all(path), "{\"event\":\"before\"}\nhotrun: said at once\n");
    events_release();
    CHECK_EQ_STR(read_all(path), "{\"event\":\"before\"}\nhotrun: said at once\n"
                                 "{\"event\":\"build\"}\nhotrun: reload 2\n"
                                 "{\"event\":\"reload\"}\n[game] a log line\n"
                                 "{\"event\":\"first_frame\"}\n");

    /* Released: at once again; and without an events stream nothing is ever held. */
    fprintf(stderr, "after\n");
    events_close();
    events_hold();
    fprintf(stderr, "no events\n");
    events_release();
    CHECK(strstr(read_all(path), "{\"event\":\"first_frame\"}\nafter\nno events\n") != NULL);

    fflush(stdout);
    dup2(out, 1);
    dup2(err, 2);
    close(out);
    close(err);
}

int main(void)
{
    char *dir = test_tmpdir();
    char path[600];
    snprintf(path, sizeof(path), "%s/events.jsonl", dir);
    test_lines(path);
    test_overflow(path);
    test_hold(path);
    CHECK(events_open("/nonexistent-dir/x.jsonl") < 0);
    test_rmtree(dir);
    free(dir);
    return 0;
}
