/* echo.h: compiler and linker output to the terminal without the frame thread ever waiting
 * for it: a bounded buffer drained by a thread of its own. */
#ifndef HOTRUN_DEV_ECHO_H
#define HOTRUN_DEV_ECHO_H

#include <stdbool.h>
#include <stddef.h>

/* What the buffer holds at most; what does not fit is dropped (and said, once the writer
 * caught up: "hotrun: N bytes of compiler output were dropped ..."). */
#define ECHO_MAX (1u << 20)

/* Queues n bytes for fd 2 and returns at once; starts the writer thread on first use (if it
 * cannot start, the bytes are written here, as before). Thread-safe. */
void echo_write(const char *data, size_t n);
/* Waits until everything queued was written, or timeout_s passed (a terminal that takes
 * nothing). True when it all went out. */
bool echo_flush(double timeout_s);
/* Bytes dropped so far (tests). */
size_t echo_dropped(void);
/* Tests: writes to fd instead of 2 from now on. */
void echo_set_fd(int fd);

#endif
