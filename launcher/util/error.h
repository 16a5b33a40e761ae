/* error.h: hotrun's one error convention, used by every module.
 *
 * A function that can fail returns 0 (or a count >= 0) on success and a negative ERR_*
 * code on failure. Where the caller needs more than the code, the function also takes an
 * `Err *` (may be NULL) and fills it with one sentence that names the thing and the reason,
 * lower-case first word, no final period: "cannot watch game/src: no space left on device".
 * Modules never print; cli/ and core/ print a sentence with the "hotrun: " prefix.
 *
 * Out of memory, one rule: bookkeeping allocations (names, lists, small structs) go through
 * xmalloc and friends, which end the process with one line (a dev tool has nothing sensible
 * to do without a few bytes); an allocation whose size comes from input (an image file, a
 * state of the game's size) is checked and fails with ERR_NOMEM. */
#ifndef HOTRUN_UTIL_ERROR_H
#define HOTRUN_UTIL_ERROR_H

#include <stddef.h>

/* X(name, phrase): every code and its phrase, in one table. */
#define ERR_TABLE(X)                                              \
    X(NOMEM, "out of memory")                                     \
    X(IO, "input/output error")                                   \
    X(NOTFOUND, "not found")                                      \
    X(INVALID, "invalid argument")                                \
    X(MAGIC, "not a hotrun state image")                          \
    X(FORMAT, "an image format version this hotrun does not know") \
    X(CORRUPT, "truncated or malformed data")                     \
    X(SCHEMA, "unusable state description")                       \
    X(OTHERGAME, "an image of another game")                      \
    X(BUILD, "the build failed")                                  \
    X(LOAD, "the library cannot be loaded")                       \
    X(FAULT, "the game faulted")                                  \
    X(BUSY, "still running")                                      \
    X(UNSUPPORTED, "not supported here")

enum {
    ERR_OK = 0,
#define ERR_ENUM_(name, phrase) ERR_##name##_INDEX_,
    ERR_FIRST_INDEX_ = 0,
    ERR_TABLE(ERR_ENUM_)
#undef ERR_ENUM_
};

#define ERR_CODE_(name, phrase) ERR_##name = -ERR_##name##_INDEX_,
enum { ERR_TABLE(ERR_CODE_) };
#undef ERR_CODE_

/* One sentence about a failure; text[0] == 0 when none was set. */
typedef struct Err {
    char text[512];
} Err;

/* The phrase of a code ("out of memory"); "unknown error" for anything else. */
const char *err_str(int code);
/* Fills e (if not NULL) with a printf-style sentence and returns code, so that a failure
 * path reads `return err_set(err, ERR_IO, "cannot read %s: %s", path, strerror(errno));`. */
int err_set(Err *e, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The sentence of e, or the phrase of code when e holds none. */
const char *err_text(const Err *e, int code);

/* Allocation that cannot fail: ends the process with one line on out of memory. */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

#endif
