/* json.c: an image written as JSON: maps as objects in the image's key order, number
 * arrays on one line, floats with the fewest digits that read back exactly. */
#include "state/json.h"

#include <stdbool.h>
#include <stdlib.h>

#include "state/convert.h"
#include "state/cursor.h"
#include "state/format.h"
#include "state/table.h"
#include "util/json.h"

static void indent(FILE *o, int level)
{
    fprintf(o, "%*s", 2 * level, "");
}

static int json_value(FILE *o, Cur *c, int level)
{
    Val v;
    char num[40];
    if (cur_read(c, &v))
        return -1;
    switch (v.tag) {
    case V_NIL:
        fputs("null", o);
        break;
    case V_NUM:
        state_format_num(num, sizeof(num), v.num, true);
        fputs(num, o);
        break;
    case V_STR:
        json_write_string(o, v.data, v.len);
        break;
    case V_EXT:
        if (v.ext == TABLE_EXT) { /* a table: written as the array of maps it stands for */
            Table t;
            Sink s = {0};
            if (table_open(v.data, v.len, &t))
                return -1;
            sink_array(&s, t.n);
            for (uint32_t i = 0; i < t.n; i++)
                table_row_put(&s, &t, i);
            Cur rows = {s.data, s.data + s.size};
            int rc = s.failed ? -1 : json_value(o, &rows, level);
            free(s.data);
            return rc;
        }
        /* fall through */
    case V_BIN: { /* number arrays in one line */
        HotType t = v.tag == V_BIN ? HOT_U8 : (HotType)v.ext;
        size_t size = state_types[t].size;
        fputc('[', o);
        for (size_t i = 0; i * size < v.len; i++) {
            state_format_num(num, sizeof(num), state_load(t, v.data + i * size), true);
            fprintf(o, "%s%s", i ? ", " : "", num);
        }
        fputc(']', o);
        break;
    }
    default: { /* V_ARRAY, V_MAP */
        bool map = v.tag == V_MAP, flat = !map;
        if (level >= IMAGE_DEPTH)
            return -1;
        Cur peek = *c; /* an array of plain values goes on one line */
        for (uint32_t i = 0; i < v.len && flat; i++) {
            Val x;
            flat = cur_read(&peek, &x) == 0 && x.tag != V_ARRAY && x.tag != V_MAP;
        }
        if (flat) {
            fputc('[', o);
            for (uint32_t i = 0; i < v.len; i++) {
                fputs(i ? ", " : "", o);
                if (json_value(o, c, level + 1))
                    return -1;
            }
            fputc(']', o);
            break;
        }
        fputs(v.len == 0 ? "{}" : map ? "{\n" : "[\n", o);
        for (uint32_t i = 0; i < v.len; i++) {
            indent(o, level + 1);
            if (map) {
                Val key;
                if (cur_read(c, &key) || key.tag != V_STR)
                    return -1;
                json_write_string(o, key.data, key.len);
                fputs(": ", o);
            }
            if (json_value(o, c, level + 1))
                return -1;
            fputs(i + 1 < v.len ? ",\n" : "\n", o);
        }
        if (v.len) {
            indent(o, level);
            fputc(map ? '}' : ']', o);
        }
    }
    }
    return 0;
}

int state_image_to_json(const StateImage *img, FILE *out)
{
    Image im;
    int rc = image_open(img, &im);
    if (rc)
        return rc;
    Cur c = {img->data, img->data + img->size};
    if (json_value(out, &c, 0))
        return STATE_ECORRUPT;
    fputc('\n', out);
    return fflush(out) == 0 && !ferror(out) ? 0 : STATE_EIO;
}
