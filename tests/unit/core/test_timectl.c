/* test_timectl.c: pause, step and speed as the frame time the game gets. */
#include "core/timectl.h"
#include "testlib.h"

static void test_time(void)
{
    TimeCtl t;
    float dt = -1;
    timectl_init(&t, 0);
    CHECK(timectl_tick(&t, 0.02f, &dt) && dt == 0.02f);
    timectl_toggle_pause(&t);
    CHECK(!timectl_tick(&t, 0.02f, &dt));
    timectl_step(&t);
    CHECK(timectl_tick(&t, 0.02f, &dt) && dt == 0.02f);
    CHECK(!timectl_tick(&t, 0.02f, &dt)); /* one frame only */
    timectl_toggle_pause(&t);
    timectl_slower(&t);
    CHECK(timectl_tick(&t, 0.02f, &dt) && dt == 0.01f);
    timectl_slower(&t);
    timectl_slower(&t);
    CHECK(t.scale == 0.125);
    timectl_slower(&t);
    CHECK(t.scale == 1.0);
    timectl_faster(&t);
    timectl_faster(&t);
    CHECK(timectl_tick(&t, 0.02f, &dt) && dt == 0.08f);
    char buf[16];
    CHECK_EQ_STR(timectl_describe(&t, buf, sizeof(buf)), "x4");
    timectl_faster(&t);
    timectl_faster(&t);
    CHECK(t.scale == 1.0);
    CHECK_EQ_STR(timectl_describe(&t, buf, sizeof(buf)), "");
    timectl_init(&t, 0.25);
    CHECK(timectl_tick(&t, 0.1f, &dt) && dt == 0.025f);
}

int main(void)
{
    RUN(test_time);
    fprintf(stderr, "test_timectl: %d checks passed\n", testlib_checks);
    return 0;
}
