/* json.c: strings as JSON, one rule (see json.h). */
#include "util/json.h"

#include <stdint.h>
#include <string.h>

/* The length of the valid UTF-8 sequence at s (at most n bytes), 0 if there is none. */
static size_t utf8_len(const uint8_t *s, size_t n)
{
    size_t len = s[0] < 0x80 ? 1 : (s[0] & 0xe0) == 0xc0 ? 2 : (s[0] & 0xf0) == 0xe0 ? 3
                                  : (s[0] & 0xf8) == 0xf0                         ? 4
                                                                                  : 0;
    if (len == 0 || len > n || (len == 2 && s[0] < 0xc2))
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((s[i] & 0xc0) != 0x80)
            return 0;
    /* overlong forms, surrogates and code points past U+10FFFF */
    if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] > 0x9f) ||
        (s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] > 0x8f) || s[0] > 0xf4)
        return 0;
    return len;
}

/* The JSON text of the character at s into out (at most 7 bytes, not NUL-terminated):
 * returns its length and sets *used to the bytes of s it stands for. */
static size_t escape_one(const uint8_t *s, size_t n, char out[8], size_t *used)
{
    static const char hex[] = "0123456789abcdef";
    size_t len = utf8_len(s, n);
    *used = len ? len : 1;
    if (len == 0) {
        memcpy(out, "\\ufffd", 6);
        return 6;
    }
    if (len > 1) {
        memcpy(out, s, len);
        return len;
    }
    uint8_t c = s[0];
    const char *short_form = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\n' ? "\\n"
                                                : c == '\t' ? "\\t" : c == '\r' ? "\\r" : NULL;
    if (short_form) {
        memcpy(out, short_form, 2);
        return 2;
    }
    if (c < 0x20 || c == 0x7f) {
        memcpy(out, "\\u00", 4);
        out[4] = hex[c >> 4];
        out[5] = hex[c & 15];
        return 6;
    }
    out[0] = (char)c;
    return 1;
}

void json_escape(char *buf, size_t size, size_t *len, const char *s, size_t n)
{
    size_t at = *len;
    /* Room for both quotes and the NUL, or nothing is written. */
    if (at + 3 > size)
        return;
    buf[at++] = '"';
    const uint8_t *p = (const uint8_t *)s;
    for (size_t i = 0; i < n;) {
        char one[8];
        size_t used, k = escape_one(p + i, n - i, one, &used);
        if (at + k + 2 > size)
            break;
        memcpy(buf + at, one, k);
        at += k;
        i += used;
    }
    buf[at++] = '"';
    buf[at] = '\0';
    *len = at;
}

void json_write_string(FILE *o, const void *s, size_t n)
{
    const uint8_t *p = s;
    fputc('"', o);
    for (size_t i = 0; i < n;) {
        char one[8];
        size_t used, k = escape_one(p + i, n - i, one, &used);
        fwrite(one, 1, k, o);
        i += used;
    }
    fputc('"', o);
}
