/* test_image.c: state/image.c: image buffers (copy reuses the buffer, free), error
 * sentences. */
#include <errno.h>

#include "state_test.h"

static void test_copy_free(void)
{
    uint8_t a[] = {1, 2, 3, 4, 5};
    StateImage src = {a, sizeof(a)}, dst = {0};
    CHECK_EQ_INT(state_image_copy(&dst, &src), 0);
    CHECK_EQ_INT(dst.size, 5);
    CHECK(memcmp(dst.data, a, 5) == 0);
    uint8_t *buf = dst.data;
    StateImage shorter = {a, 2};
    CHECK_EQ_INT(state_image_copy(&dst, &shorter), 0);
    CHECK(dst.data == buf); /* reused: a snapshot every frame allocates nothing */
    CHECK_EQ_INT(dst.size, 2);
    CHECK_EQ_INT(state_image_copy(&dst, &dst), 0);
    state_image_free(&dst);
    CHECK(dst.data == NULL && dst.size == 0);
    state_image_free(&dst); /* twice is fine */
    state_image_free(NULL);
}

static void test_sentences(void)
{
    for (int e = 0; e >= STATE_ENOTFILE; e--) {
        const char *s = state_strerror(e);
        CHECK(s != NULL && s[0] != 0);
    }
    CHECK_EQ_STR(state_strerror(-99), "unknown state error");
    errno = ENOENT;
    CHECK(strstr(state_error_text(STATE_EIO), "(No such file or directory)") != NULL);
    errno = ENOENT;
    CHECK_EQ_STR(state_error_text(STATE_EMAGIC), "not a hotrun state image");
}

int main(void)
{
    RUN(test_copy_free);
    RUN(test_sentences);
    return 0;
}
