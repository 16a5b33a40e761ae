/* test_camera.c: the camera's world <-> screen transform. */
#include <math.h>

#include "platform/camera.h"
#include "testlib.h"

static int near(Vec2 a, Vec2 b)
{
    return fabsf(a.x - b.x) < 1e-3f && fabsf(a.y - b.y) < 1e-3f;
}

static void test_identity_and_offset(void)
{
    Camera2D none = {.zoom = 1};
    CHECK(near(camera_to_screen(none, (Vec2){3, 4}), (Vec2){3, 4}));
    /* The target appears at the offset. */
    Camera2D c = {.target = {100, 50}, .offset = {400, 300}, .zoom = 1};
    CHECK(near(camera_to_screen(c, (Vec2){100, 50}), (Vec2){400, 300}));
    CHECK(near(camera_to_screen(c, (Vec2){110, 50}), (Vec2){410, 300}));
}

static void test_zoom_rotation(void)
{
    Camera2D c = {.target = {0, 0}, .offset = {400, 300}, .zoom = 2, .rotation = 90};
    /* 90 degrees clockwise on a y-down screen: +x goes to +y, magnified twice. */
    CHECK(near(camera_to_screen(c, (Vec2){10, 0}), (Vec2){400, 320}));
    CHECK(near(camera_to_screen(c, (Vec2){0, 10}), (Vec2){380, 300}));
    /* A zero or broken zoom counts as 1. */
    Camera2D z = {.zoom = 0};
    CHECK(near(camera_to_screen(z, (Vec2){5, 6}), (Vec2){5, 6}));
    z.zoom = NAN;
    CHECK_EQ_INT((int)camera_zoom(z), 1);
}

static void test_round_trip(void)
{
    Camera2D c = {.target = {37, -12}, .offset = {400, 300}, .zoom = 1.7f, .rotation = -33};
    for (int i = 0; i < 20; i++) {
        Vec2 w = {(float)(i * 17 - 100), (float)(i * i - 50)};
        CHECK(near(camera_to_world(c, camera_to_screen(c, w)), w));
    }
}

int main(void)
{
    RUN(test_identity_and_offset);
    RUN(test_zoom_rotation);
    RUN(test_round_trip);
    return 0;
}
