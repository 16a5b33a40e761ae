/* strings.h: small string helpers: formatted copies, suffixes, white-space words, and the
 * growable NULL-terminated string vector that argv and flag lists are built in. */
#ifndef HOTRUN_UTIL_STRINGS_H
#define HOTRUN_UTIL_STRINGS_H

#include <stdbool.h>

/* A growable NULL-terminated array of owned strings ({0} is an empty one). */
typedef struct Strv {
    char **v;
    int n, cap;
} Strv;

/* A printf-style formatted copy (xmalloc's rule on out of memory). */
char *str_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* True when s ends with suffix. */
bool str_ends_with(const char *s, const char *suffix);

/* Appends a copy of s. */
void strv_push(Strv *a, const char *s);
/* Appends a copy of each string of from / of a NULL-terminated list (which may be NULL). */
void strv_push_all(Strv *a, const Strv *from);
/* True when a holds a string equal to s. */
bool strv_has(const Strv *a, const char *s);
/* Pushes a copy of s unless a holds it already. */
void strv_push_once(Strv *a, const char *s);
/* Removes the first string equal to s (the last one takes its place: order is not kept). */
void strv_remove(Strv *a, const char *s);
void strv_push_list(Strv *a, const char *const *list);
/* Appends the words of s split at spaces, tabs and newlines (no shell quoting). */
void strv_push_words(Strv *a, const char *s);
/* Frees the strings and the array; a is empty again. */
void strv_free(Strv *a);

#endif
