/* snapshot.c: the last good state of the game, so that a fault rolls the game back to it
 * instead of to its defaults.
 *
 * After a good frame the snapshot is a plain copy of the state memory (state/copy.h): it is
 * only ever restored into this same library's layout, so it needs no encoding, and a copy
 * costs about what memcpy does (a 16 MB state in a couple of milliseconds, where an encode
 * of 20,000 structs took several). When the last good state is in another layout (an image
 * carried by a swap, a --state-in), the snapshot is that image and a rollback decodes it. */
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include "core/host_internal.h"

/* A snapshot is taken after every good frame while it costs less than this, and at least
 * once a second otherwise, so a rollback loses little and costs little. */
#define SNAPSHOT_CHEAP_MS 3.0
#define SNAPSHOT_PERIOD_S 1.0
/* The session file (session.c) gets the latest good state this often, or less often for a
 * big state: its thread works at most a tenth of the time (a 64 MiB state's image costs it
 * some 300 ms, so every 3 s), leaving the other core to the compiler and the frame
 * thread the memory bandwidth. */
#define SESSION_PERIOD_S 1.0
#define SESSION_SHARE 0.1
/* An image buffer this big is prepared off the frame thread (session_buffer). */
#define SESSION_BIG ((size_t)8 << 20)

/* A big state's copy goes into a buffer whose pages another thread touched (the first
 * copy, or one after a swap grew the state). False when `wait` and it is not ready yet. */
static bool copy_buffer(Host *h, bool wait)
{
    size_t size = h->layout.schema ? h->layout.schema->size : 0;
    if (size < HOST_BIG || h->snap_copy.cap >= size)
        return true;
    StateImage buf = {0};
    if (!host_big_buffer(h, state_block_size(size), &buf))
        return !wait; /* asked; a copy now allocates as before */
    free(h->snap_copy.data);
    h->snap_copy.data = buf.data;
    h->snap_copy.cap = malloc_usable_size(buf.data);
    state_copy_clear(&h->snap_copy);
    return true;
}

/* False only when `wait` and the copy waits for its buffer. */
static bool take(Host *h, bool wait)
{
    if (!h->hooks.call || !h->game || !h->state)
        return true; /* unguarded: nothing would ever roll back */
    if (!copy_buffer(h, wait))
        return false;
    double t0 = host_clock();
    if (state_copy_take(&h->layout, h->state, &h->snap_copy) == 0) {
        h->snapshot_ms = host_ms_since(t0);
        h->snapshot_is_copy = true;
        if (h->snapshot.data) { /* the image is stale now: its buffer serves the next swap */
            if (!h->spare.data) {
                h->spare = h->snapshot;
                h->snapshot = (StateImage){0};
            } else {
                state_image_free(&h->snapshot);
            }
        }
    }
    return true;
}

void snapshot_take(Host *h)
{
    take(h, false);
}

static void prepare_swap(Host *h);

void snapshot_after_swap(Host *h)
{
    /* A costly copy waits for the periodic one: until then a rollback decodes the image the
     * swap carried, which is this same state. */
    if (h->snapshot_ms < SNAPSHOT_CHEAP_MS)
        snapshot_take(h);
    prepare_swap(h);
}

void snapshot_set_image(Host *h, const StateImage *img)
{
    if (state_image_copy(&h->snapshot, img) == 0) {
        state_copy_clear(&h->snap_copy);
        h->snapshot_is_copy = false;
    }
}

void snapshot_adopt_image(Host *h, StateImage *img)
{
    if (!img->data)
        return;
    StateImage old = h->snapshot;
    h->snapshot = *img;
    *img = old; /* the caller frees what the snapshot held */
    state_copy_clear(&h->snap_copy);
    h->snapshot_is_copy = false;
}

const StateImage *host_snapshot_image(const Host *h)
{
    return &h->snapshot;
}

/* The last good state as an image (for the session file): the copy packed (the session's
 * thread writes it in the portable form, off the frame), or the image. */
static int snapshot_image(Host *h, StateImage *out)
{
    if (h->snapshot_is_copy) {
        StateStamp stamp = {h->game->state_version, h->game->name};
        return h->snap_copy.memory == h->layout.memory
                   ? state_layout_pack(&h->layout, &stamp, h->snap_copy.data, out)
                   : STATE_ESCHEMA;
    }
    return h->snapshot.data ? state_image_copy(out, &h->snapshot) : STATE_ECORRUPT;
}

/* A big state keeps, made ahead on the prefault thread while the frames go on: an image
 * buffer for the next swap's packed image (h->spare), and a state block for a swap that
 * grows the state past its own block (by up to a quarter of it). So no swap, not even the
 * first of a run, faults in fresh pages. Asked after every swap and periodic snapshot. */
static void prepare_swap(Host *h)
{
    size_t size = h->game && h->state ? h->game->state->size : 0;
    if (size < HOST_BIG)
        return;
    host_big_buffer(h, size + size / 8 + 4096, &h->spare);
    size_t block = malloc_usable_size(h->state);
    prefault_ahead(host_prefault(h), state_block_size(block + block / 4));
}

void snapshot_after_frame(Host *h, double t)
{
    bool heavy = h->heavy_frame; /* a big image was packed this frame */
    h->heavy_frame = false;
    bool costly = false; /* a snapshot that is not cheap: the session waits a frame */
    if (h->snapshot_ms < SNAPSHOT_CHEAP_MS || t - h->snapshot_time >= SNAPSHOT_PERIOD_S) {
        costly = h->snapshot_ms >= SNAPSHOT_CHEAP_MS;
        if (costly && heavy)
            return; /* one big copy a frame: this one next frame */
        if (!take(h, true))
            return; /* its buffer is being made: next frame */
        prepare_swap(h);
        h->snapshot_time = t;
        costly = costly || h->snapshot_ms >= SNAPSHOT_CHEAP_MS;
    }
    /* The session's image is packed here (its arrays of structs one memcpy each) and made
     * portable on the session's thread, so a big state costs this frame a copy, not an
     * encode; never in the frame of a costly snapshot. */
    double period = session_write_ms(h->saver) / 1000.0 / SESSION_SHARE;
    if (period < SESSION_PERIOD_S)
        period = SESSION_PERIOD_S;
    if (h->saver && !costly && !heavy && t - h->session_time >= period) {
        /* A big state's first image goes into a buffer the session's thread touched, so no
         * frame faults in its pages; until it is ready, the session waits. */
        size_t need = h->game->state->size + h->game->state->size / 8 + 4096;
        if (!h->session_image.data && need >= SESSION_BIG &&
            !session_buffer(h->saver, need, &h->session_image)) {
            h->session_time = t - period + 0.1; /* asked: again in 0.1 s */
            return;
        }
        if (snapshot_image(h, &h->session_image) == 0)
            session_offer_take(h->saver, &h->session_image); /* written on its thread */
        h->session_time = t;
    }
}

bool snapshot_rollback(Host *h)
{
    if (!h->game)
        return false;
    if (h->snapshot_is_copy && h->state &&
        state_copy_restore(&h->layout, &h->snap_copy, h->state) == 0)
        return true;
    if (!h->snapshot_is_copy && h->snapshot.data && host_load_image(h, &h->snapshot, NULL) == 0)
        return true;
    if (h->state)
        state_layout_defaults(&h->layout, h->state);
    return false;
}

void snapshot_free(Host *h)
{
    state_image_free(&h->snapshot);
    state_image_free(&h->session_image);
    state_image_free(&h->spare);
    state_copy_free(&h->snap_copy);
    h->snapshot_is_copy = false;
}
