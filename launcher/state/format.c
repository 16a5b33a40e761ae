/* format.c: image headers, one reader per format version. */
#include "state/format.h"

#include <string.h>

static const char magic[] = "\xa6hotrun";

/* The top-level keys after "hotrun", checked and read into im; `game` says whether this
 * format version records the game (then "game" and "schema" are required). */
static int read_keys(Cur *c, uint32_t nkeys, Image *im, bool game)
{
    bool have_version = false, have_state = false, have_game = false, have_schema = false;
    for (uint32_t i = 1; i < nkeys; i++) {
        Val key, v;
        if (cur_read(c, &key) || key.tag != V_STR)
            return STATE_ECORRUPT;
        Cur at = *c;
        if (cur_read(c, &v) || cur_check_items(c, &v, 1))
            return STATE_ECORRUPT;
        if (cur_str_is(&key, "version")) {
            if (v.tag != V_NUM || state_types[v.num.type].cls != C_UINT ||
                v.num.u > UINT32_MAX)
                return STATE_ECORRUPT;
            im->info.state_version = (uint32_t)v.num.u;
            have_version = true;
        } else if (cur_str_is(&key, "state")) {
            if (v.tag != V_MAP)
                return STATE_ECORRUPT;
            im->state = at;
            have_state = true;
        } else if (game && cur_str_is(&key, "game")) {
            if (v.tag != V_STR || v.len >= sizeof(im->info.game) ||
                memchr(v.data, 0, v.len))
                return STATE_ECORRUPT;
            memcpy(im->info.game, v.data, v.len);
            im->info.game[v.len] = 0;
            have_game = true;
        } else if (cur_str_is(&key, "packed")) {
            if (v.tag != V_NUM || state_types[v.num.type].cls != C_UINT)
                return STATE_ECORRUPT;
            im->info.packed = true;
            im->packed_by = v.num.u;
        } else if (game && cur_str_is(&key, "schema")) {
            if (v.tag != V_NUM || state_types[v.num.type].cls != C_UINT)
                return STATE_ECORRUPT;
            im->info.fingerprint = v.num.u;
            have_schema = true;
        }
    }
    if (c->p != c->end || !have_version || !have_state)
        return STATE_ECORRUPT;
    if (game && !(have_game && have_schema))
        return STATE_ECORRUPT;
    im->info.has_game = game;
    return 0;
}

/* Format 1: version and state. */
static int read_v1(Cur *c, uint32_t nkeys, Image *im)
{
    return read_keys(c, nkeys, im, false);
}

/* Format 2: version, game, schema fingerprint and state. */
static int read_v2(Cur *c, uint32_t nkeys, Image *im)
{
    return read_keys(c, nkeys, im, true);
}

/* The reader of each format version still read. A new version adds its slot here and
 * keeps the old ones, so no quicksave ever becomes unreadable. */
typedef int (*ImageReader)(Cur *c, uint32_t nkeys, Image *im);
static const ImageReader readers[STATE_FORMAT_VERSION + 1] = {
    [1] = read_v1,
    [2] = read_v2,
};

/* The map header and magic; leaves c at the format version. */
static int open_top(Cur *c, const uint8_t *data, size_t size, Val *top)
{
    if (!data || size == 0)
        return STATE_EMAGIC;
    uint8_t b = data[0];
    bool map = b >= 0x80 && (b <= 0x8f || b == 0xde || b == 0xdf);
    if (cur_read(c, top))
        return map ? STATE_ECORRUPT : STATE_EMAGIC;
    if (top->tag != V_MAP || top->len == 0)
        return STATE_EMAGIC;
    size_t avail = (size_t)(c->end - c->p);
    if (avail < 7) /* a cut-off magic is a truncated image, anything else is not one */
        return memcmp(c->p, magic, avail) == 0 ? STATE_ECORRUPT : STATE_EMAGIC;
    if (memcmp(c->p, magic, 7) != 0)
        return STATE_EMAGIC;
    c->p += 7;
    return 0;
}

/* The format version after the magic, and its reader. */
static int format_of(Cur *c, uint32_t *format)
{
    Val v;
    if (cur_read(c, &v) || v.tag != V_NUM || state_types[v.num.type].cls == C_FLOAT ||
        state_types[v.num.type].cls == C_BOOL)
        return STATE_ECORRUPT;
    if (state_types[v.num.type].cls != C_UINT || v.num.u < STATE_FORMAT_OLDEST ||
        v.num.u > STATE_FORMAT_VERSION || !readers[v.num.u])
        return STATE_EFORMAT;
    *format = (uint32_t)v.num.u;
    return 0;
}

int image_open(const StateImage *img, Image *im)
{
    memset(im, 0, sizeof(*im));
    if (!img)
        return STATE_EMAGIC;
    Cur c = {img->data, img->data + img->size};
    Val top;
    int rc = open_top(&c, img->data, img->size, &top);
    if (rc == 0)
        rc = format_of(&c, &im->info.format);
    if (rc == 0)
        rc = readers[im->info.format](&c, top.len, im);
    return rc;
}

static bool is_str_byte(uint8_t b)
{
    return (b >= 0xa0 && b <= 0xbf) || (b >= 0xd9 && b <= 0xdb);
}

static bool is_map_byte(uint8_t b)
{
    return (b >= 0x80 && b <= 0x8f) || b == 0xde || b == 0xdf;
}

int image_sniff(const uint8_t *data, size_t size)
{
    Cur c = {data, data + size};
    Val top, key, v;
    uint32_t format;
    int rc = open_top(&c, data, size, &top);
    if (rc == 0)
        rc = format_of(&c, &format);
    if (rc)
        return rc;
    /* The header's keys up to the state map, as far as the bytes go: what is there must be
     * right; where they end (a prefix of a bigger file) nothing more can be said. */
    for (uint32_t i = 1; i < top.len && c.p < c.end; i++) {
        if (!is_str_byte(*c.p))
            return STATE_ECORRUPT;
        if (cur_read(&c, &key) || c.p == c.end)
            return 0;
        if (cur_str_is(&key, "state"))
            return is_map_byte(*c.p) ? 0 : STATE_ECORRUPT;
        if (cur_read(&c, &v) || cur_skip_items(&c, &v))
            return 0;
        if ((cur_str_is(&key, "version") && v.tag != V_NUM) ||
            (format >= 2 && cur_str_is(&key, "game") && v.tag != V_STR) ||
            (format >= 2 && cur_str_is(&key, "schema") && v.tag != V_NUM))
            return STATE_ECORRUPT;
    }
    return 0;
}

bool image_packed(const uint8_t *data, size_t size)
{
    Cur c = {data, data + size};
    Val top, key, v;
    if (!data || cur_read(&c, &top) || top.tag != V_MAP)
        return false;
    for (uint32_t i = 0; i < top.len; i++) {
        if (cur_read(&c, &key) || key.tag != V_STR || cur_str_is(&key, "state"))
            return false;
        if (cur_read(&c, &v) || cur_skip_items(&c, &v))
            return false;
        if (cur_str_is(&key, "packed"))
            return v.tag == V_NUM && state_types[v.num.type].cls == C_UINT;
    }
    return false;
}

int state_image_check(const StateImage *img)
{
    Image im;
    return image_open(img, &im);
}

int state_image_info(const StateImage *img, StateImageInfo *out)
{
    Image im;
    int rc = image_open(img, &im);
    *out = im.info;
    return rc;
}
