/* testlib.h: a tiny assertion kit for the unit tests; a failed check ends the test. */
#ifndef HOTRUN_TESTLIB_H
#define HOTRUN_TESTLIB_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern int testlib_checks;

#define CHECK(cond)                                                                   \
    do {                                                                              \
        testlib_checks++;                                                             \
        if (!(cond)) {                                                                \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);   \
            exit(1);                                                                  \
        }                                                                             \
    } while (0)

#define CHECK_EQ_INT(a, b)                                                            \
    do {                                                                              \
        long long a_ = (long long)(a), b_ = (long long)(b);                           \
        testlib_checks++;                                                             \
        if (a_ != b_) {                                                               \
            fprintf(stderr, "%s:%d: %s == %s failed: %lld != %lld\n", __FILE__,        \
                    __LINE__, #a, #b, a_, b_);                                        \
            exit(1);                                                                  \
        }                                                                             \
    } while (0)

#define CHECK_EQ_STR(a, b)                                                            \
    do {                                                                              \
        const char *a_ = (a), *b_ = (b);                                              \
        testlib_checks++;                                                             \
        if (strcmp(a_, b_) != 0) {                                                    \
            fprintf(stderr, "%s:%d: %s == %s failed: \"%s\" != \"%s\"\n", __FILE__,    \
                    __LINE__, #a, #b, a_, b_);                                        \
            exit(1);                                                                  \
        }                                                                             \
    } while (0)

/* Runs one test function and reports it. */
#define RUN(fn)                                                                       \
    do {                                                                              \
        fprintf(stderr, "-- %s\n", #fn);                                              \
        fn();                                                                         \
    } while (0)

/* Makes a fresh temporary directory (mkdtemp) and returns its path (static storage per
 * call is not shared: the result is malloc'ed). */
char *test_tmpdir(void);
/* Writes a whole file, creating it; aborts the test on failure. */
void test_write_file(const char *path, const char *text);
/* Removes a directory tree. */
void test_rmtree(const char *path);
/* True when process pid is gone (or a zombie waiting for its parent). */
bool test_pid_gone(int pid);
/* Calls `int fn(void)` of a built library through a fresh copy of it (dlopen keeps one
 * mapping per path and inode): its value, or -999 when it has no such function. */
int test_call_in(const char *lib, const char *fn);

#endif
