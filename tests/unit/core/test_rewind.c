/* test_rewind.c: the rewind history: segments every K frames, finding a frame, truncating
 * the future, and the limits (frames held and memory). */
#include "core/rewind.h"
#include "testlib.h"

static void add(History *hs, uint64_t frame, size_t image_size)
{
    static const uint64_t rng[2] = {1, 3};
    Input in;
    memset(&in, 0, sizeof(in));
    if (history_wants_keyframe(hs)) {
        /* the history takes the buffer and may give back a forgotten keyframe's */
        StateImage img = {xcalloc(1, image_size), image_size};
        history_add_keyframe(hs, &img, frame, (double)frame, rng, &in);
        state_image_free(&img);
    }
    in.down[HOT_KEY_A] = frame % 3 == 0;
    history_add_frame(hs, &in, 0.016f, (double)frame + 1);
}

static void test_segments(void)
{
    History hs;
    history_init(&hs, 10, 1 << 30, 1000);
    for (uint64_t f = 0; f < 35; f++)
        add(&hs, f, 100);
    CHECK_EQ_INT(hs.count, 4);
    uint64_t first, last;
    CHECK(history_span(&hs, &first, &last));
    CHECK_EQ_INT(first, 0);
    CHECK_EQ_INT(last, 35);
    CHECK_EQ_INT(history_find(&hs, 0)->start.frame, 0);
    CHECK_EQ_INT(history_find(&hs, 17)->start.frame, 10);
    CHECK_EQ_INT(history_find(&hs, 35)->start.frame, 30);
    CHECK(history_find(&hs, 36) == NULL);
    /* The future after frame 17 goes; the history goes on from there. */
    history_truncate(&hs, 17);
    CHECK(history_span(&hs, &first, &last));
    CHECK_EQ_INT(last, 17);
    CHECK_EQ_INT(hs.count, 2);
    for (uint64_t f = 17; f < 25; f++)
        add(&hs, f, 100);
    CHECK(history_span(&hs, &first, &last));
    CHECK_EQ_INT(last, 25);
    CHECK_EQ_INT(history_find(&hs, 22)->start.frame, 20);
    /* A cut starts a segment at the next frame. */
    history_cut(&hs);
    CHECK(history_wants_keyframe(&hs));
    history_free(&hs);
}

static void test_limits(void)
{
    History hs;
    history_init(&hs, 10, 1 << 30, 100); /* 100 frames */
    for (uint64_t f = 0; f < 1000; f++)
        add(&hs, f, 100);
    uint64_t first, last;
    CHECK(history_span(&hs, &first, &last));
    CHECK(last - first >= 100 && last - first <= 110);
    history_free(&hs);

    history_init(&hs, 10, 200 * 1024, 1 << 30); /* 200 KiB of 32 KiB keyframes */
    for (uint64_t f = 0; f < 1000; f++)
        add(&hs, f, 32 * 1024);
    CHECK(history_bytes(&hs) <= 200 * 1024);
    CHECK(hs.count >= 4);
    history_free(&hs);
}

/* A dropped keyframe's buffer comes back for the next keyframe, so a full history packs
 * into buffers it already has; a cut waits for its keyframe before recording frames. */
static void test_reuse(void)
{
    History hs;
    history_init(&hs, 10, 100 * 1024, 1 << 30); /* 3 keyframes of 32 KiB */
    static const uint64_t rng[2] = {1, 3};
    Input in;
    memset(&in, 0, sizeof(in));
    StateImage img = {0};
    int reused = 0;
    for (uint64_t f = 0; f < 100; f++) {
        if (history_wants_keyframe(&hs)) {
            uint8_t *had = img.data;
            if (!img.data)
                img.data = xcalloc(1, 32 * 1024);
            reused += had != NULL;
            img.size = 32 * 1024;
            history_add_keyframe(&hs, &img, f, (double)f, rng, &in);
        }
        history_add_frame(&hs, &in, 0.016f, (double)f + 1);
    }
    CHECK(reused >= 5); /* 10 keyframes, the first 3 or 4 into new buffers */
    CHECK(history_bytes(&hs) <= 100 * 1024);
    uint64_t first, last;
    CHECK(history_span(&hs, &first, &last));
    CHECK_EQ_INT(last, 100);
    history_cut(&hs);
    history_add_frame(&hs, &in, 0.016f, 101); /* no keyframe yet: not recorded */
    CHECK(history_span(&hs, &first, &last));
    CHECK_EQ_INT(last, 100);
    state_image_free(&img);
    history_free(&hs);
}

int main(void)
{
    RUN(test_segments);
    RUN(test_limits);
    RUN(test_reuse);
    fprintf(stderr, "test_rewind: %d checks passed\n", testlib_checks);
    return 0;
}
