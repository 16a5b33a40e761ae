/* test_record.c: recordings: input diffs reproduce every frame's whole Input, edits come back
 * with their frame, truncation, and files (round trip, refusals of damaged ones). */
#include "core/record.h"
#include "testlib.h"

#include <limits.h>

static const uint64_t rng[2] = {0x1234, 0x5679};

static StateImage image(void)
{
    static uint8_t bytes[] = {1, 2, 3, 4, 5};
    return (StateImage){bytes, sizeof(bytes)};
}

/* Input of frame i: keys, a mouse that moves, host keys that must not be recorded. */
static Input input_at(int i)
{
    Input in;
    memset(&in, 0, sizeof(in));
    in.down[HOT_KEY_RIGHT] = i >= 3 && i < 7;
    in.was_down[HOT_KEY_RIGHT] = i >= 4 && i < 8;
    in.down[HOT_KEY_SPACE] = i == 5;
    in.mouse_x = (float)(i / 2) * 10.0f;
    in.mouse[HOT_MOUSE_LEFT] = i % 4 == 0;
    in.host_pressed[HOST_KEY_SAVE] = i == 2;
    in.host_down[HOST_KEY_REWIND] = i == 2;
    in.quit = i == 9;
    return in;
}

static void check_frames(const Recording *r, int n)
{
    RecCursor c;
    rec_cursor_start(&c, r);
    Input in;
    const RecFrame *f;
    const char *edits;
    for (int i = 0; i < n; i++) {
        CHECK(rec_cursor_next(&c, &in, &f, &edits));
        Input want;
        record_game_input(&(Input){0}, &want);
        Input live = input_at(i);
        record_game_input(&live, &want);
        CHECK(memcmp(&in, &want, sizeof(in)) == 0);
        CHECK(!in.host_pressed[HOST_KEY_SAVE] && !in.host_down[HOST_KEY_REWIND] && !in.quit);
        CHECK(f->dt == 0.016f * (float)(i + 1));
        CHECK(f->time == (double)i);
        if (i == 4) {
            CHECK(edits != NULL);
            CHECK_EQ_STR(edits, "player.x");
            CHECK_EQ_STR(edits + strlen(edits) + 1, "12.5");
        } else {
            CHECK(edits == NULL);
        }
    }
    CHECK(!rec_cursor_next(&c, &in, &f, &edits));
}

static void record_ten(Recording *r)
{
    StateImage img = image();
    Input start = input_at(0);
    CHECK_EQ_INT(record_begin(r, &img, 100, 2.5, rng, &start), 0);
    for (int i = 0; i < 10; i++) {
        if (i == 4)
            record_edit(r, "player.x", "12.5");
        Input in = input_at(i);
        record_frame(r, &in, 0.016f * (float)(i + 1), (double)i);
    }
}

static void test_frames(void)
{
    Recording r;
    record_ten(&r);
    CHECK_EQ_INT(r.count, 10);
    CHECK(r.blob_len < 10 * sizeof(Input) / 4); /* diffs, not copies */
    check_frames(&r, 10);
    record_free(&r);
}

static void test_truncate(void)
{
    Recording r;
    record_ten(&r);
    record_truncate(&r, 6);
    CHECK_EQ_INT(r.count, 6);
    Input in = input_at(6);
    record_frame(&r, &in, 0.016f * 7, 6.0);
    check_frames(&r, 7);
    record_free(&r);
}

static void test_files(void)
{
    char *dir = test_tmpdir();
    char path[PATH_MAX], bad[PATH_MAX];
    snprintf(path, sizeof(path), "%s/run.rec", dir);
    Recording r, back;
    record_ten(&r);
    Err err = {0};
    CHECK_EQ_INT(record_save(&r, path, &err), 0);
    CHECK_EQ_INT(record_load(&back, path, &err), 0);
    CHECK_EQ_INT(back.count, 10);
    CHECK_EQ_INT(back.start.frame, 100);
    CHECK(back.start.time == 2.5);
    CHECK(back.start.rng[0] == rng[0] && back.start.rng[1] == rng[1]);
    CHECK(back.start.image.size == 5 && memcmp(back.start.image.data, image().data, 5) == 0);
    check_frames(&back, 10);
    record_free(&back);

    /* Every cut of the file is refused with one sentence. */
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    static uint8_t buf[65536];
    size_t n = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    snprintf(bad, sizeof(bad), "%s/bad.rec", dir);
    for (size_t cut = 0; cut < n; cut += 7) {
        FILE *o = fopen(bad, "wb");
        fwrite(buf, 1, cut, o);
        fclose(o);
        memset(&err, 0, sizeof(err));
        int rc = record_load(&back, bad, &err);
        CHECK(rc == ERR_CORRUPT || rc == ERR_MAGIC || rc == ERR_IO || rc == ERR_FORMAT);
        CHECK(err.text[0] != '\0');
    }
    /* Another build's Input size. */
    buf[8] ^= 1;
    FILE *o = fopen(bad, "wb");
    fwrite(buf, 1, n, o);
    fclose(o);
    CHECK_EQ_INT(record_load(&back, bad, &err), ERR_FORMAT);
    CHECK(strstr(err.text, "another hotrun build") != NULL);
    CHECK_EQ_INT(record_load(&back, "/nonexistent/x.rec", &err), ERR_IO);
    record_free(&r);
    test_rmtree(dir);
    free(dir);
}

int main(void)
{
    RUN(test_frames);
    RUN(test_truncate);
    RUN(test_files);
    fprintf(stderr, "test_record: %d checks passed\n", testlib_checks);
    return 0;
}
