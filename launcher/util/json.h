/* json.h: strings as JSON, one rule everywhere (events, the state dump, crash reports):
 * quotes and backslashes escaped, \n \t \r as such, other control characters and DEL as
 * \u00XX, valid UTF-8 kept, every byte that is not part of valid UTF-8 as \ufffd (the
 * replacement character), so the output is always valid JSON. */
#ifndef HOTRUN_UTIL_JSON_H
#define HOTRUN_UTIL_JSON_H

#include <stddef.h>
#include <stdio.h>

/* Appends s (n bytes), quoted, at buf + *len (buf has size bytes) and NUL-terminates;
 * when it does not fit the string is cut (at a character) and still closed, never the
 * JSON around it. *len becomes the new length. */
void json_escape(char *buf, size_t size, size_t *len, const char *s, size_t n);
/* Writes s (n bytes) quoted to o. */
void json_write_string(FILE *o, const void *s, size_t n);

#endif
