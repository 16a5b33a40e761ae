/* test_query.c: state/query.c: values of an image by path. */
#include "state_test.h"

static void test_image_paths(void)
{
    All *s = state_alloc(&hot_schema_All);
    fill_all(s);
    StateImage img = {0};
    encode(&hot_schema_All, 1, s, &img);
    double v;
    char buf[16];
    CHECK(state_image_number(&img, "i8", &v) && v == -128);
    CHECK(state_image_number(&img, "u64", &v) && v == (double)UINT64_MAX);
    CHECK(state_image_number(&img, "b", &v) && v == 0);
    CHECK(state_image_number(&img, "mode", &v) && v == -3);
    CHECK(state_image_number(&img, "mid.in.a", &v) && v == 7);
    CHECK(state_image_number(&img, "mid.ins.1.h.0", &v) && v == 5);
    CHECK(state_image_number(&img, "mid.ins[1].h[0]", &v) && v == 5);
    CHECK(state_image_number(&img, "mid.in.h.2", &v) && v == -300);
    CHECK(state_image_number(&img, "fa.9", &v) && v == 3.5);
    CHECK(state_image_number(&img, "li.0.a", &v) && v == 100);
    CHECK(state_image_number(&img, "ln.5", &v) && v == 15);
    CHECK(state_image_number(&img, "mid.m", &v) && v == 1e-300);
    CHECK(!state_image_number(&img, "ln.6", &v));   /* past the count */
    CHECK(!state_image_number(&img, "li.3.a", &v)); /* past the count */
    CHECK(!state_image_number(&img, "fa.10", &v));
    CHECK(!state_image_number(&img, "fa", &v));
    CHECK(!state_image_number(&img, "fa.1.x", &v));
    CHECK(!state_image_number(&img, "mid", &v));
    CHECK(!state_image_number(&img, "name", &v));
    CHECK(!state_image_number(&img, "nope", &v));
    CHECK(!state_image_number(&img, "mid.", &v));
    CHECK(!state_image_number(&img, "mid..in", &v));
    CHECK(!state_image_number(&img, "", &v));
    CHECK(!state_image_number(&img, "mid.ins.x.a", &v));
    CHECK(!state_image_number(&img, "mid.ins[1", &v));
    CHECK(!state_image_number(&img, "ptr", &v));
    CHECK(state_image_string(&img, "mid.in.tag", buf, sizeof(buf)));
    CHECK_EQ_STR(buf, "deep");
    CHECK(state_image_string(&img, "name", buf, 4));
    CHECK_EQ_STR(buf, "Zo\xc3");
    CHECK(!state_image_string(&img, "i8", buf, sizeof(buf)));
    CHECK(!state_image_string(&img, "name", buf, 0));
    StateImage cut = {img.data, img.size - 1};
    CHECK(!state_image_number(&cut, "i8", &v));
    state_image_free(&img);
    state_free(s);
}

int main(void)
{
    RUN(test_image_paths);
    return 0;
}
