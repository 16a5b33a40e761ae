/* query.c: a value of an image found by its path. */
#include "state/query.h"

#include <stdlib.h>
#include <string.h>

#include "state/convert.h"
#include "state/cursor.h"
#include "state/format.h"
#include "state/table.h"

/* Parses a decimal index of a path component. */
static bool parse_index(const char *s, size_t len, uint32_t *out)
{
    if (len == 0 || len > 9)
        return false;
    uint32_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (uint32_t)(s[i] - '0');
    }
    *out = v;
    return true;
}

/* Finds the value at a path like "player.pos.x", "enemies.3.hp" or "enemies[3].hp". An
 * element of a number array comes back as a V_NUM. A row of a table (a packed image) is
 * written into scratch as its map, which the value may point into. */
static bool image_find(const StateImage *img, const char *path, Val *out, Sink *scratch)
{
    Image im;
    if (!path || !*path || image_open(img, &im))
        return false;
    Cur c = im.state;
    Val v;
    if (cur_read(&c, &v))
        return false;
    const char *p = path;
    while (*p) {
        const char *tok = p;
        size_t len;
        if (*p == '[') {
            tok = ++p;
            while (*p && *p != ']')
                p++;
            if (*p != ']')
                return false;
            len = (size_t)(p++ - tok);
        } else {
            while (*p && *p != '.' && *p != '[')
                p++;
            len = (size_t)(p - tok);
        }
        if (*p == '.' && !*++p)
            return false;
        uint32_t at = 0;
        bool numeric = parse_index(tok, len, &at);
        if (len == 0)
            return false;
        if (v.tag == V_MAP) {
            uint32_t k = 0, n = v.len;
            for (; k < n; k++) {
                Val key;
                if (cur_read(&c, &key))
                    return false;
                if (key.tag == V_STR && key.len == len && memcmp(key.data, tok, len) == 0)
                    break;
                if (cur_skip(&c))
                    return false;
            }
            if (k == n || cur_read(&c, &v))
                return false;
        } else if (v.tag == V_ARRAY && numeric && at < v.len) {
            for (uint32_t i = 0; i < at; i++)
                if (cur_skip(&c))
                    return false;
            if (cur_read(&c, &v))
                return false;
        } else if (v.tag == V_EXT && v.ext == TABLE_EXT && numeric) {
            Table t;
            if (table_open(v.data, v.len, &t) || at >= t.n)
                return false;
            scratch->size = 0;
            table_row_put(scratch, &t, at);
            c = (Cur){scratch->data, scratch->data + scratch->size};
            if (scratch->failed || cur_read(&c, &v))
                return false;
        } else if (v.tag == V_EXT && numeric && !*p) {
            size_t size = state_types[(int)v.ext].size;
            if (at >= v.len / size)
                return false;
            v.num = state_load((HotType)v.ext, v.data + at * size);
            v.tag = V_NUM;
        } else {
            return false;
        }
    }
    *out = v;
    return true;
}

bool state_image_number(const StateImage *img, const char *path, double *out)
{
    Val v;
    Sink scratch = {0};
    bool found = image_find(img, path, &v, &scratch) && v.tag == V_NUM;
    if (found) {
        int cls = state_types[v.num.type].cls;
        *out = cls == C_FLOAT ? v.num.f : cls == C_SINT ? (double)v.num.i : (double)v.num.u;
    }
    free(scratch.data);
    return found;
}

bool state_image_string(const StateImage *img, const char *path, char *buf, size_t size)
{
    Val v;
    Sink scratch = {0};
    bool found = size > 0 && image_find(img, path, &v, &scratch) && v.tag == V_STR;
    if (found) {
        size_t n = v.len < size - 1 ? v.len : size - 1;
        memcpy(buf, v.data, n);
        buf[n] = 0;
    }
    free(scratch.data);
    return found;
}
