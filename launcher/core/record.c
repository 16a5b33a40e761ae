/* record.c: recordings in memory and in files.
 *
 * An input is recorded as a diff from the frame before: runs of changed bytes of the whole
 * Input struct, as (u16 offset, u16 length, bytes). Most frames change nothing and cost a
 * RecFrame; whatever platform/input adds to Input (keys, gamepads, text, the wheel) is
 * recorded without code here.
 *
 * File format (little-endian, as the machines hotrun runs on):
 *   "HOTREC2\0"  u32 input_size (sizeof(Input): a recording of another build is refused)
 *   u64 frame  f64 time  u64 rng[2]  u64 image_size  image  Input start_input
 *   u64 frames, then per frame: f32 dt  f64 time  u32 diff_len  diff  u32 edits_len  edits
 * "HOTREC1" files (before gamepads, text and the whole keyboard: an Input of 184 bytes,
 * InputV1 below) are read and converted: the keys they hold kept their HotKey values.
 */
#include "core/record.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char MAGIC[8] = "HOTREC2";
static const char MAGIC_V1[8] = "HOTREC1";

/* The Input of HOTREC1 files: 49 keys (up to HOT_KEY_9), 3 mouse buttons, 17 host keys. */
#define V1_KEYS 49
#define V1_MOUSE 3
#define V1_HOST 17
typedef struct InputV1 {
    bool down[V1_KEYS], was_down[V1_KEYS];
    bool mouse[V1_MOUSE], was_mouse[V1_MOUSE];
    bool host_pressed[V1_HOST], host_down[V1_HOST];
    float mouse_x, mouse_y;
    char text[32];
    bool quit;
} InputV1;
_Static_assert(HOT_KEY_9 + 1 == V1_KEYS, "HotKey values up to 9 are what HOTREC1 stored");

static void input_from_v1(const InputV1 *v, Input *in)
{
    memset(in, 0, sizeof(*in));
    memcpy(in->down, v->down, sizeof(v->down));
    memcpy(in->was_down, v->was_down, sizeof(v->was_down));
    memcpy(in->mouse, v->mouse, sizeof(v->mouse));
    memcpy(in->was_mouse, v->was_mouse, sizeof(v->was_mouse));
    in->mouse_x = v->mouse_x;
    in->mouse_y = v->mouse_y;
    memcpy(in->text, v->text, sizeof(v->text));
    in->text[sizeof(v->text) - 1] = '\0';
}

static void blob_add(Recording *r, const void *data, size_t n)
{
    if (r->blob_len + n > r->blob_cap) {
        size_t cap = r->blob_cap ? r->blob_cap * 2 : 4096;
        while (cap < r->blob_len + n)
            cap *= 2;
        r->blob = xrealloc(r->blob, cap);
        r->blob_cap = cap;
    }
    memcpy(r->blob + r->blob_len, data, n);
    r->blob_len += n;
}

static void begin(Recording *r, uint64_t frame, double time, const uint64_t rng[2],
                  const Input *input)
{
    r->start.frame = frame;
    r->start.time = time;
    r->start.rng[0] = rng[0];
    r->start.rng[1] = rng[1];
    record_game_input(input, &r->start.input);
    r->last = r->start.input;
}

int record_begin(Recording *r, const StateImage *image, uint64_t frame, double time,
                 const uint64_t rng[2], const Input *input)
{
    memset(r, 0, sizeof(*r));
    if (state_image_copy(&r->start.image, image) < 0)
        return ERR_NOMEM;
    begin(r, frame, time, rng, input);
    return 0;
}

void record_begin_take(Recording *r, StateImage *image, uint64_t frame, double time,
                       const uint64_t rng[2], const Input *input)
{
    memset(r, 0, sizeof(*r));
    r->start.image = *image;
    *image = (StateImage){0};
    begin(r, frame, time, rng, input);
}

/* Runs of bytes where a and b differ, appended to the blob. Returns the bytes added. */
static uint32_t add_diff(Recording *r, const uint8_t *a, const uint8_t *b, size_t n)
{
    size_t before = r->blob_len;
    for (size_t i = 0; i < n;) {
        if (a[i] == b[i]) {
            i++;
            continue;
        }
        size_t j = i;
        /* A run ends at 4 equal bytes in a row (a shorter gap costs less than a header). */
        size_t same = 0;
        while (j < n && j - i < 65535 && same < 4) {
            same = a[j] == b[j] ? same + 1 : 0;
            j++;
        }
        size_t len = j - i - same;
        uint16_t head[2] = {(uint16_t)i, (uint16_t)len};
        blob_add(r, head, sizeof(head));
        blob_add(r, b + i, len);
        i += len;
    }
    return (uint32_t)(r->blob_len - before);
}

static void apply_diff(uint8_t *dst, size_t n, const uint8_t *diff, size_t len)
{
    size_t i = 0;
    while (i + 4 <= len) {
        uint16_t head[2];
        memcpy(head, diff + i, sizeof(head));
        i += 4;
        if ((size_t)head[0] + head[1] > n || i + head[1] > len)
            return; /* checked when loaded: cannot happen */
        memcpy(dst + head[0], diff + i, head[1]);
        i += head[1];
    }
}

void record_frame(Recording *r, const Input *input, float dt, double time)
{
    if (r->count == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 256;
        r->frames = xrealloc(r->frames, r->cap * sizeof(*r->frames));
    }
    Input in;
    record_game_input(input, &in);
    RecFrame *f = &r->frames[r->count++];
    f->dt = dt;
    f->time = time;
    f->at = (uint32_t)r->blob_len;
    f->len = add_diff(r, (const uint8_t *)&r->last, (const uint8_t *)&in, sizeof(in));
    f->edits_at = (uint32_t)r->blob_len;
    f->edits_len = (uint32_t)r->pending_len;
    if (r->pending_len)
        blob_add(r, r->pending, r->pending_len);
    free(r->pending);
    r->pending = NULL;
    r->pending_len = 0;
    r->last = in;
}

void record_edit(Recording *r, const char *path, const char *value)
{
    size_t a = strlen(path) + 1, b = strlen(value) + 1;
    r->pending = xrealloc(r->pending, r->pending_len + a + b);
    memcpy(r->pending + r->pending_len, path, a);
    memcpy(r->pending + r->pending_len + a, value, b);
    r->pending_len += a + b;
}

void record_free(Recording *r)
{
    state_image_free(&r->start.image);
    free(r->frames);
    free(r->blob);
    free(r->pending);
    memset(r, 0, sizeof(*r));
}

void record_truncate(Recording *r, size_t count)
{
    if (count >= r->count)
        return;
    r->count = count;
    /* The next diff is taken from the last kept frame's input. */
    RecCursor c;
    rec_cursor_start(&c, r);
    while (rec_cursor_next(&c, NULL, NULL, NULL)) {
    }
    r->last = c.input;
    r->blob_len = count ? r->frames[count - 1].edits_at + r->frames[count - 1].edits_len : 0;
    free(r->pending);
    r->pending = NULL;
    r->pending_len = 0;
}

size_t record_bytes(const Recording *r)
{
    return r->start.image.size + r->cap * sizeof(RecFrame) + r->blob_cap + sizeof(*r);
}

void rec_cursor_start(RecCursor *c, const Recording *r)
{
    c->r = r;
    c->next = 0;
    c->input = r->start.input;
}

bool rec_cursor_next(RecCursor *c, Input *input, const RecFrame **frame, const char **edits)
{
    if (c->next >= c->r->count)
        return false;
    const RecFrame *f = &c->r->frames[c->next++];
    apply_diff((uint8_t *)&c->input, sizeof(c->input), c->r->blob + f->at, f->len);
    if (input)
        *input = c->input;
    if (frame)
        *frame = f;
    if (edits)
        *edits = f->edits_len ? (const char *)c->r->blob + f->edits_at : NULL;
    return true;
}

void record_game_input(const Input *live, Input *out)
{
    *out = *live;
    memset(out->host_pressed, 0, sizeof(out->host_pressed));
    memset(out->host_down, 0, sizeof(out->host_down));
    out->quit = false;
}

void record_apply_input(Input *live, const Input *played)
{
    Input host = *live;
    *live = *played;
    memcpy(live->host_pressed, host.host_pressed, sizeof(host.host_pressed));
    memcpy(live->host_down, host.host_down, sizeof(host.host_down));
    live->quit = host.quit;
}

/* ---- files ---- */

static bool put(FILE *f, const void *p, size_t n)
{
    return fwrite(p, 1, n, f) == n;
}

int record_save(const Recording *r, const char *path, Err *err)
{
    char tmp[4200];
    snprintf(tmp, sizeof(tmp), "%s.tmp", path);
    /* The start image in its portable form (the host keeps it packed, encode.h). */
    StateImage image = {0};
    if (state_image_portable(&r->start.image, &image) < 0)
        return err_set(err, ERR_NOMEM, "cannot write %s: out of memory for its image", path);
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        state_image_free(&image);
        return err_set(err, ERR_IO, "cannot write %s: %s", path, strerror(errno));
    }
    uint32_t input_size = sizeof(Input);
    uint64_t image_size = image.size, count = r->count;
    bool ok = put(f, MAGIC, sizeof(MAGIC)) && put(f, &input_size, 4) &&
              put(f, &r->start.frame, 8) && put(f, &r->start.time, 8) &&
              put(f, r->start.rng, 16) && put(f, &image_size, 8) &&
              put(f, image.data, image.size) &&
              put(f, &r->start.input, sizeof(Input)) && put(f, &count, 8);
    for (size_t i = 0; ok && i < r->count; i++) {
        const RecFrame *fr = &r->frames[i];
        ok = put(f, &fr->dt, 4) && put(f, &fr->time, 8) && put(f, &fr->len, 4) &&
             put(f, r->blob + fr->at, fr->len) && put(f, &fr->edits_len, 4) &&
             put(f, r->blob + fr->edits_at, fr->edits_len);
    }
    state_image_free(&image);
    ok = fflush(f) == 0 && ok;
    int saved = errno;
    if (fclose(f) != 0)
        ok = false;
    if (!ok || rename(tmp, path) != 0) {
        saved = ok ? errno : saved;
        remove(tmp);
        return err_set(err, ERR_IO, "cannot write %s: %s", path, strerror(saved));
    }
    return 0;
}

typedef struct Reader {
    const uint8_t *p, *end;
} Reader;

static bool take(Reader *rd, void *out, size_t n)
{
    if ((size_t)(rd->end - rd->p) < n)
        return false;
    memcpy(out, rd->p, n);
    rd->p += n;
    return true;
}

/* A diff whose runs all fall inside an input of `size` bytes. */
static bool diff_ok(const uint8_t *d, size_t len, size_t size)
{
    size_t i = 0;
    while (i < len) {
        uint16_t head[2];
        if (len - i < 4)
            return false;
        memcpy(head, d + i, 4);
        i += 4;
        if ((size_t)head[0] + head[1] > size || len - i < head[1])
            return false;
        i += head[1];
    }
    return true;
}

/* A HOTREC1 recording (its diffs over InputV1) as this build's: every frame's input read
 * whole, converted, and recorded again. */
static void convert_v1(Recording *r, const InputV1 *start)
{
    Recording out;
    memset(&out, 0, sizeof(out));
    out.start = r->start; /* the image moves over */
    memset(&r->start, 0, sizeof(r->start));
    input_from_v1(start, &out.start.input);
    out.last = out.start.input;
    InputV1 v = *start;
    for (size_t i = 0; i < r->count; i++) {
        const RecFrame *f = &r->frames[i];
        apply_diff((uint8_t *)&v, sizeof(v), r->blob + f->at, f->len);
        for (size_t e = 0; e < f->edits_len;) { /* "path\0value\0" pairs */
            const char *path = (const char *)r->blob + f->edits_at + e;
            const char *value = path + strlen(path) + 1;
            record_edit(&out, path, value);
            e += strlen(path) + 1 + strlen(value) + 1;
        }
        Input in;
        input_from_v1(&v, &in);
        record_frame(&out, &in, f->dt, f->time);
    }
    record_free(r);
    *r = out;
}

int record_load(Recording *r, const char *path, Err *err)
{
    memset(r, 0, sizeof(*r));
    StateImage file = {0};
    int rc = state_image_load(path, &file); /* reads any file whole */
    if (rc < 0)
        return err_set(err, ERR_IO, "cannot read %s: %s", path, state_error_text(rc));
    Reader rd = {file.data, file.data + file.size};
    char magic[8];
    uint32_t input_size = 0;
    uint64_t image_size = 0, count = 0;
    bool v1 = false;
    if (!take(&rd, magic, 8) ||
        (memcmp(magic, MAGIC, 8) != 0 && !(v1 = memcmp(magic, MAGIC_V1, 8) == 0))) {
        state_image_free(&file);
        return err_set(err, ERR_MAGIC, "%s is not a hotrun recording", path);
    }
    size_t isize = v1 ? sizeof(InputV1) : sizeof(Input);
    if (!take(&rd, &input_size, 4) || input_size != isize) {
        state_image_free(&file);
        return err_set(err, ERR_FORMAT,
                       "%s was recorded by another hotrun build (input of %u bytes, this one "
                       "has %zu): record it again",
                       path, input_size, isize);
    }
    bool ok = take(&rd, &r->start.frame, 8) && take(&rd, &r->start.time, 8) &&
              take(&rd, r->start.rng, 16) && take(&rd, &image_size, 8) &&
              image_size <= (size_t)(rd.end - rd.p);
    if (ok) {
        StateImage img = {(uint8_t *)rd.p, (size_t)image_size};
        ok = state_image_copy(&r->start.image, &img) == 0;
        rd.p += image_size;
    }
    InputV1 start_v1;
    memset(&start_v1, 0, sizeof(start_v1));
    ok = ok && take(&rd, v1 ? (void *)&start_v1 : (void *)&r->start.input, isize) &&
         take(&rd, &count, 8) && count <= (size_t)(rd.end - rd.p) / 20;
    r->last = r->start.input;
    for (uint64_t i = 0; ok && i < count; i++) {
        if (r->count == r->cap) {
            r->cap = r->cap ? r->cap * 2 : 256;
            r->frames = xrealloc(r->frames, r->cap * sizeof(*r->frames));
        }
        RecFrame *f = &r->frames[r->count];
        ok = take(&rd, &f->dt, 4) && take(&rd, &f->time, 8) && take(&rd, &f->len, 4) &&
             f->len <= (size_t)(rd.end - rd.p) && diff_ok(rd.p, f->len, isize);
        if (!ok)
            break;
        f->at = (uint32_t)r->blob_len;
        blob_add(r, rd.p, f->len);
        rd.p += f->len;
        ok = take(&rd, &f->edits_len, 4) && f->edits_len <= (size_t)(rd.end - rd.p) &&
             (f->edits_len == 0 || rd.p[f->edits_len - 1] == '\0');
        if (!ok)
            break;
        f->edits_at = (uint32_t)r->blob_len;
        blob_add(r, rd.p, f->edits_len);
        rd.p += f->edits_len;
        r->count++;
    }
    state_image_free(&file);
    if (!ok || rd.p != rd.end) {
        record_free(r);
        return err_set(err, ERR_CORRUPT, "%s is a truncated or damaged recording", path);
    }
    if (v1)
        convert_v1(r, &start_v1);
    return 0;
}
