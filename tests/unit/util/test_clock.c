/* test_clock.c: the monotonic clock in both units agrees with itself and moves forward. */
#include <time.h>

#include "util/clock.h"
#include "testlib.h"

int main(void)
{
    uint64_t a = clock_now_ns();
    double s = clock_now_s();
    struct timespec pause = {0, 2000000};
    nanosleep(&pause, NULL);
    uint64_t b = clock_now_ns();
    CHECK(b >= a + 2000000);
    CHECK(s >= (double)a * 1e-9 && s <= (double)b * 1e-9);
    return 0;
}
