/* error.c: the error table's phrases, sentence filling, and allocation that cannot fail. */
#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *err_str(int code)
{
    switch (code) {
    case ERR_OK: return "success";
#define ERR_CASE_(name, phrase) \
    case ERR_##name: return phrase;
        ERR_TABLE(ERR_CASE_)
#undef ERR_CASE_
    default: return "unknown error";
    }
}

int err_set(Err *e, int code, const char *fmt, ...)
{
    if (e) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(e->text, sizeof e->text, fmt, ap);
        va_end(ap);
    }
    return code;
}

const char *err_text(const Err *e, int code)
{
    return e && e->text[0] ? e->text : err_str(code);
}

static void *out_of_memory(size_t n)
{
    fprintf(stderr, "hotrun: out of memory (%zu bytes)\n", n);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    return p ? p : out_of_memory(n);
}

void *xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    return p ? p : out_of_memory(count * size);
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    return q ? q : out_of_memory(n);
}

char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}
