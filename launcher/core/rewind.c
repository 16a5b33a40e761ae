/* rewind.c: the rewind history's segments (a keyframe and the frames after it). */
#include "core/rewind.h"

#include <stdlib.h>
#include <string.h>

void history_init(History *hs, unsigned every, size_t max_bytes, uint64_t max_frames)
{
    memset(hs, 0, sizeof(*hs));
    hs->every = every ? every : 60;
    hs->max_bytes = max_bytes;
    hs->max_frames = max_frames;
}

void history_free(History *hs)
{
    state_image_free(&hs->spare);
    for (size_t i = 0; i < hs->count; i++)
        record_free(&hs->seg[i]);
    free(hs->seg);
    hs->seg = NULL;
    hs->count = hs->cap = 0;
    hs->bytes = 0;
}

bool history_takes(const History *hs, size_t state_size)
{
    return hs->max_bytes && state_size <= hs->max_bytes / 4;
}

bool history_wants_keyframe(const History *hs)
{
    return hs->count == 0 || hs->cut || hs->seg[hs->count - 1].count >= hs->every;
}

/* A segment forgotten: its keyframe's buffer is kept for the next keyframe (one at most),
 * so a big state's keyframes write into pages already touched. */
static void release(History *hs, Recording *r)
{
    if (!hs->spare.data) {
        hs->spare = r->start.image;
        r->start.image = (StateImage){0};
    }
    record_free(r);
}

static void drop_oldest(History *hs)
{
    hs->bytes -= record_bytes(&hs->seg[0]);
    release(hs, &hs->seg[0]);
    memmove(hs->seg, hs->seg + 1, (hs->count - 1) * sizeof(*hs->seg));
    hs->count--;
}

void history_add_keyframe(History *hs, StateImage *image, uint64_t frame, double time,
                          const uint64_t rng[2], const Input *input)
{
    if (hs->count) /* the previous segment is complete: count what it holds now */
        hs->bytes += record_bytes(&hs->seg[hs->count - 1]);
    if (hs->count == hs->cap) {
        hs->cap = hs->cap ? hs->cap * 2 : 16;
        hs->seg = xrealloc(hs->seg, hs->cap * sizeof(*hs->seg));
    }
    record_begin_take(&hs->seg[hs->count], image, frame, time, rng, input);
    hs->count++;
    hs->cut = false;
    /* Keep at least the segment just started; the rest by age (frames held, as a loop's
     * frame numbers repeat) and memory. */
    uint64_t frames = 0;
    for (size_t i = 1; i < hs->count; i++)
        frames += hs->seg[i].count;
    while (hs->count > 1 &&
           (hs->bytes + record_bytes(&hs->seg[hs->count - 1]) > hs->max_bytes ||
            frames >= hs->max_frames)) {
        drop_oldest(hs);
        frames -= hs->seg[0].count; /* the new oldest is no longer counted */
    }
    *image = hs->spare;
    hs->spare = (StateImage){0};
}

void history_add_frame(History *hs, const Input *input, float dt, double time)
{
    if (hs->count && !hs->cut) /* after a jump, only once its keyframe is there */
        record_frame(&hs->seg[hs->count - 1], input, dt, time);
}

void history_add_edit(History *hs, const char *path, const char *value)
{
    if (hs->count && !hs->cut)
        record_edit(&hs->seg[hs->count - 1], path, value);
}

bool history_span(const History *hs, uint64_t *first, uint64_t *last)
{
    if (!hs->count)
        return false;
    const Recording *l = &hs->seg[hs->count - 1];
    *first = hs->seg[0].start.frame;
    *last = l->start.frame + l->count;
    return true;
}

const Recording *history_find(const History *hs, uint64_t frame)
{
    for (size_t i = hs->count; i-- > 0;) {
        const Recording *r = &hs->seg[i];
        if (frame >= r->start.frame && frame <= r->start.frame + r->count)
            return r;
    }
    return NULL;
}

void history_truncate(History *hs, uint64_t frame)
{
    const Recording *keep = history_find(hs, frame);
    while (hs->count && &hs->seg[hs->count - 1] != keep) {
        Recording *r = &hs->seg[--hs->count];
        if (hs->count) /* its predecessor becomes the open one: not counted in bytes */
            hs->bytes -= record_bytes(&hs->seg[hs->count - 1]);
        release(hs, r);
    }
    if (!hs->count)
        return;
    Recording *r = &hs->seg[hs->count - 1];
    record_truncate(r, (size_t)(frame - r->start.frame));
    hs->cut = false;
}

void history_cut(History *hs)
{
    hs->cut = true;
}

size_t history_bytes(const History *hs)
{
    return hs->bytes + (hs->count ? record_bytes(&hs->seg[hs->count - 1]) : 0);
}
