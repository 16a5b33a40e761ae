/* test_record.c: recordings: input diffs reproduce every frame's whole Input (keys, wheel,
 * text, pads), edits come back with their frame, truncation, and files (round trip, the
 * older HOTREC1 format read, refusals of damaged ones). */
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
    /* The rest of what a frame reads: the whole keyboard, the wheel, text, pads. */
    in.down[HOT_KEY_F5] = i == 6;
    in.down[HOT_KEY_KP_7] = i >= 1;
    in.wheel_y = i == 3 ? 2.0f : 0;
    snprintf(in.text, sizeof(in.text), "%s", i == 8 ? "Zoë" : "");
    in.pad[1].connected = i >= 2 && i < 9;
    if (in.pad[1].connected)
        snprintf(in.pad[1].name, sizeof(in.pad[1].name), "pad %d", i / 4);
    in.pad[1].down[HOT_PAD_A] = i == 4;
    in.pad[1].axis[HOT_PAD_LEFT_X] = (int16_t)(i * 3000);
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

/* A HOTREC1 file (before the whole keyboard, text and pads: an Input of 184 bytes) is read
 * and its frames come back with the keys they held. */
static void test_v1_file(void)
{
    char *dir = test_tmpdir();
    char path[PATH_MAX];
    snprintf(path, sizeof(path), "%s/v1.rec", dir);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    uint32_t isize = 184;
    uint64_t frame = 7, image_size = 5, count = 3;
    double time = 1.5;
    uint8_t start[184] = {0};
    start[HOT_KEY_UP] = 1; /* down[UP] */
    fwrite("HOTREC1", 1, 8, f);
    fwrite(&isize, 4, 1, f);
    fwrite(&frame, 8, 1, f);
    fwrite(&time, 8, 1, f);
    fwrite(rng, 8, 2, f);
    fwrite(&image_size, 8, 1, f);
    fwrite(image().data, 1, 5, f);
    fwrite(start, 1, sizeof(start), f);
    fwrite(&count, 8, 1, f);
    for (uint64_t i = 0; i < count; i++) {
        float dt = 0.02f;
        double t = 1.5 + 0.02 * (double)(i + 1);
        /* frame 0: right down; frame 1: space down and was_down[right]; frame 2: with an edit */
        uint8_t diff[16];
        uint32_t len = 0, elen = i == 2 ? 6 : 0;
        uint16_t head[2];
        if (i == 0) {
            head[0] = HOT_KEY_RIGHT, head[1] = 1;
            memcpy(diff, head, 4), diff[4] = 1, len = 5;
        } else if (i == 1) {
            head[0] = HOT_KEY_SPACE, head[1] = 1;
            memcpy(diff, head, 4), diff[4] = 1, len = 5;
        }
        fwrite(&dt, 4, 1, f);
        fwrite(&t, 8, 1, f);
        fwrite(&len, 4, 1, f);
        fwrite(diff, 1, len, f);
        fwrite(&elen, 4, 1, f);
        fwrite("x\0001.5", 1, elen, f);
    }
    fclose(f);
    Recording r;
    Err err = {0};
    CHECK_EQ_INT(record_load(&r, path, &err), 0);
    CHECK_EQ_INT(r.count, 3);
    CHECK_EQ_INT(r.start.frame, 7);
    CHECK(r.start.input.down[HOT_KEY_UP]);
    RecCursor c;
    rec_cursor_start(&c, &r);
    Input in;
    const RecFrame *fr;
    const char *edits;
    CHECK(rec_cursor_next(&c, &in, &fr, &edits));
    CHECK(in.down[HOT_KEY_RIGHT] && in.down[HOT_KEY_UP] && !in.down[HOT_KEY_SPACE]);
    CHECK(fr->dt == 0.02f && edits == NULL);
    CHECK(rec_cursor_next(&c, &in, &fr, &edits));
    CHECK(in.down[HOT_KEY_SPACE] && in.down[HOT_KEY_RIGHT]);
    CHECK(!in.pad[0].connected && in.text[0] == '\0');
    CHECK(rec_cursor_next(&c, &in, &fr, &edits));
    CHECK(edits != NULL);
    CHECK_EQ_STR(edits, "x");
    CHECK_EQ_STR(edits + 2, "1.5");
    CHECK(!rec_cursor_next(&c, &in, &fr, &edits));
    /* Saved again, it is this build's format and reads back the same. */
    CHECK_EQ_INT(record_save(&r, path, &err), 0);
    Recording back;
    CHECK_EQ_INT(record_load(&back, path, &err), 0);
    CHECK_EQ_INT(back.count, 3);
    rec_cursor_start(&c, &back);
    for (int i = 0; i < 3; i++)
        CHECK(rec_cursor_next(&c, &in, &fr, &edits));
    CHECK(in.down[HOT_KEY_SPACE] && in.down[HOT_KEY_RIGHT] && in.down[HOT_KEY_UP]);
    record_free(&back);
    record_free(&r);
    test_rmtree(dir);
    free(dir);
}

int main(void)
{
    RUN(test_frames);
    RUN(test_truncate);
    RUN(test_files);
    RUN(test_v1_file);
    fprintf(stderr, "test_record: %d checks passed\n", testlib_checks);
    return 0;
}
