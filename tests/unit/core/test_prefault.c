/* test_prefault.c: core/prefault.c: big buffers made on a thread of their own: the first
 * ask says "not yet" and starts one, a later one gets it zeroed and big enough; a buffer
 * asked for ahead is there when taken; sizes far from what is held are made anew. */
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "core/prefault.h"
#include "testlib.h"

static void nap(void)
{
    struct timespec ts = {0, 2000000};
    nanosleep(&ts, NULL);
}

/* Takes a buffer of `size`, asking until it is made (at most 4 s). */
static void *take_soon(Prefault *p, size_t size, int *asks)
{
    void *buf = NULL;
    *asks = 0;
    for (int i = 0; i < 2000; i++) {
        ++*asks;
        if (prefault_take(p, size, &buf))
            return buf;
        nap();
    }
    return NULL;
}

static bool zeroed(const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i += 4093)
        if (b[i])
            return false;
    return b[n - 1] == 0;
}

static void test_prefault(void)
{
    Prefault *p = prefault_start();
    CHECK(p != NULL);
    int asks;
    size_t size = 3 << 20;
    uint8_t *a = take_soon(p, size, &asks);
    CHECK(a != NULL);
    CHECK(asks > 1); /* nothing was ready at the first ask */
    CHECK(malloc_usable_size(a) >= size);
    CHECK((uintptr_t)a % 64 == 0);
    CHECK(zeroed(a, size));
    free(a);

    /* Made ahead: there at the first take (after the thread had time). */
    prefault_ahead(p, 5 << 20);
    void *b = NULL;
    for (int i = 0; i < 2000 && !b; i++) {
        if (!prefault_take(p, 4 << 20, &b))
            nap();
    }
    CHECK(b != NULL && malloc_usable_size(b) >= (5 << 20));
    free(b);

    /* Two sizes asked at once are both made; each take gets the smallest that fits. */
    void *c;
    CHECK(!prefault_take(p, 1 << 20, &c));
    CHECK(!prefault_take(p, 6 << 20, &c));
    void *big = take_soon(p, 6 << 20, &asks), *small = take_soon(p, 1 << 20, &asks);
    CHECK(big && small && malloc_usable_size(small) < (6 << 20));
    free(big);
    free(small);
    prefault_ahead(p, 2 << 20); /* left made or being made: stop frees it */
    prefault_stop(p);
    prefault_stop(NULL);
    CHECK(!prefault_take(NULL, 1, &c));
}

int main(void)
{
    RUN(test_prefault);
    return 0;
}
