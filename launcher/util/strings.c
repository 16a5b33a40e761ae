/* strings.c: formatted copies, suffixes, the string vector. */
#include "util/strings.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"

char *str_fmt(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = xmalloc(n > 0 ? (size_t)n + 1 : 1);
    va_start(ap, fmt);
    vsnprintf(s, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
    va_end(ap);
    return s;
}

bool str_ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

void strv_push(Strv *a, const char *s)
{
    if (a->n + 2 > a->cap) {
        a->cap = a->cap ? a->cap * 2 : 16;
        a->v = xrealloc(a->v, (size_t)a->cap * sizeof(char *));
    }
    a->v[a->n++] = xstrdup(s);
    a->v[a->n] = NULL;
}

void strv_push_all(Strv *a, const Strv *from)
{
    for (int i = 0; i < from->n; i++)
        strv_push(a, from->v[i]);
}

bool strv_has(const Strv *a, const char *s)
{
    for (int i = 0; i < a->n; i++)
        if (strcmp(a->v[i], s) == 0)
            return true;
    return false;
}

void strv_push_once(Strv *a, const char *s)
{
    if (!strv_has(a, s))
        strv_push(a, s);
}

void strv_remove(Strv *a, const char *s)
{
    for (int i = 0; i < a->n; i++)
        if (strcmp(a->v[i], s) == 0) {
            free(a->v[i]);
            a->v[i] = a->v[--a->n];
            a->v[a->n] = NULL;
            return;
        }
}

void strv_push_list(Strv *a, const char *const *list)
{
    for (int i = 0; list && list[i]; i++)
        strv_push(a, list[i]);
}

void strv_push_words(Strv *a, const char *s)
{
    static const char space[] = " \t\n";
    while (s && *s) {
        s += strspn(s, space);
        size_t n = strcspn(s, space);
        if (n) {
            char *w = str_fmt("%.*s", (int)n, s);
            strv_push(a, w);
            free(w);
        }
        s += n;
    }
}

void strv_free(Strv *a)
{
    for (int i = 0; i < a->n; i++)
        free(a->v[i]);
    free(a->v);
    *a = (Strv){0};
}
