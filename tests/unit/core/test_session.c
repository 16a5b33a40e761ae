/* test_session.c: core/session.c: the session file written on its own thread: a packed
 * image (the frame thread's, tables inside) lands on disk in the portable form, and a big
 * state's first buffer is prepared (its pages touched) on that thread. */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/session.h"
#include "testlib.h"

#define MOB(X) X(FIELD, float, x, 0) X(FIELD, int32_t, hp, 3) X(STRING, name, 8, "m")
HOT_STATE(Mob, MOB)
#define WORLD(X) X(LIST, Mob, mobs, 1000) X(FIELD, int32_t, seed, 1)
HOT_STATE(World, WORLD)

static void nap(void)
{
    struct timespec ts = {0, 2000000};
    nanosleep(&ts, NULL);
}

static void test_session_portable(void)
{
    char *dir = test_tmpdir(), path[4096];
    snprintf(path, sizeof(path), "%s/session.state", dir);
    SessionSaver *s = session_start(path);
    CHECK(s != NULL);
    StateImage buf = {0};
    bool got = false;
    for (int i = 0; i < 2000 && !got; i++) { /* the first ask starts the preparation */
        got = session_buffer(s, 1 << 20, &buf);
        if (!got)
            nap();
    }
    CHECK(got);
    CHECK(buf.data != NULL && buf.size == 0 && malloc_usable_size(buf.data) >= (1 << 20));

    StateLayout l;
    CHECK_EQ_INT(state_layout_check(&hot_schema_World, &l), 0);
    World *w = state_layout_alloc(&l);
    w->mobs.count = 700;
    for (int i = 0; i < 700; i++)
        w->mobs.items[i].hp = i;
    StateStamp stamp = {1, "session"};
    uint8_t *prepared = buf.data;
    CHECK_EQ_INT(state_layout_pack(&l, &stamp, w, &buf), 0);
    CHECK(buf.data == prepared); /* no fresh pages */
    StateImageInfo info;
    CHECK_EQ_INT(state_image_info(&buf, &info), 0);
    CHECK(info.packed);
    session_offer_take(s, &buf);
    StateImage want = {0}, file = {0};
    CHECK_EQ_INT(state_layout_encode(&l, &stamp, w, &want), 0);
    bool same = false;
    for (int i = 0; i < 2000 && !same; i++) {
        if (state_image_load(path, &file) == 0)
            same = file.size == want.size && memcmp(file.data, want.data, want.size) == 0;
        if (!same)
            nap();
    }
    CHECK(same);
    session_stop(s, true);
    CHECK(access(path, F_OK) != 0);
    state_image_free(&buf);
    state_image_free(&want);
    state_image_free(&file);
    state_free(w);
    test_rmtree(dir);
    free(dir);
}

/* A quicksave's saver: session_wait returns once what was offered is on disk, and
 * session_poll says how many offers were answered and how the write went. */
static void test_session_wait(void)
{
    char *dir = test_tmpdir(), path[4096];
    snprintf(path, sizeof(path), "%s/q.state", dir);
    SessionSaver *s = session_start(path);
    StateLayout l;
    CHECK_EQ_INT(state_layout_check(&hot_schema_World, &l), 0);
    World *w = state_layout_alloc(&l);
    w->seed = 77;
    StateStamp stamp = {1, "session"};
    StateImage img = {0}, want = {0}, file = {0};
    CHECK_EQ_INT(state_layout_pack(&l, &stamp, w, &img), 0);
    session_offer_take(s, &img);
    session_wait(s);
    CHECK_EQ_INT(state_layout_encode(&l, &stamp, w, &want), 0);
    CHECK_EQ_INT(state_image_load(path, &file), 0);
    CHECK(file.size == want.size && memcmp(file.data, want.data, want.size) == 0);
    int rc = -1;
    char why[256];
    CHECK_EQ_INT(session_poll(s, &rc, why, sizeof(why)), 1);
    CHECK_EQ_INT(rc, 0);
    CHECK_EQ_INT(session_poll(s, &rc, why, sizeof(why)), 0);
    CHECK(session_write_ms(s) >= 0);
    session_stop(s, false);
    CHECK(access(path, F_OK) == 0); /* not a clean session end: the file stays */

    /* A write that fails says why. */
    snprintf(path, sizeof(path), "%s/no/such/dir/q.state", dir);
    s = session_start(path);
    CHECK_EQ_INT(state_layout_pack(&l, &stamp, w, &img), 0);
    session_offer_take(s, &img);
    session_wait(s);
    CHECK_EQ_INT(session_poll(s, &rc, why, sizeof(why)), 1);
    CHECK(rc < 0 && why[0]);
    session_stop(s, false);
    state_image_free(&img);
    state_image_free(&want);
    state_image_free(&file);
    state_free(w);
    test_rmtree(dir);
    free(dir);
}

int main(void)
{
    RUN(test_session_portable);
    RUN(test_session_wait);
    return 0;
}
