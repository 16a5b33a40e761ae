/* clock.h: the monotonic clock, in seconds and in nanoseconds. */
#ifndef HOTRUN_UTIL_CLOCK_H
#define HOTRUN_UTIL_CLOCK_H

#include <stdint.h>

/* CLOCK_MONOTONIC in seconds. */
double clock_now_s(void);
/* CLOCK_MONOTONIC in nanoseconds (the clock libuv's uv_hrtime reads). */
uint64_t clock_now_ns(void);

#endif
