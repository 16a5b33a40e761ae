/* snapshot.c: the last good state of the game, so that a fault rolls the game back to it
 * instead of to its defaults.
 *
 * After a good frame the snapshot is a plain copy of the state memory (state/copy.h): it is
 * only ever restored into this same library's layout, so it needs no encoding, and a copy
 * costs about what memcpy does (a 16 MB state in a couple of milliseconds, where an encode
 * of 20,000 structs took several). When the last good state is in another layout (an image
 * carried by a swap, a --state-in), the snapshot is that image and a rollback decodes it. */
#include <string.h>

#include "core/host_internal.h"

/* A snapshot is taken after every good frame while it costs less than this, and at least
 * once a second otherwise, so a rollback loses little and costs little. */
#define SNAPSHOT_CHEAP_MS 3.0
#define SNAPSHOT_PERIOD_S 1.0
/* The session file (session.c) gets the latest good state this often. */
#define SESSION_PERIOD_S 1.0
/* An image buffer this big is prepared off the frame thread (session_buffer). */
#define SESSION_BIG ((size_t)8 << 20)

void snapshot_take(Host *h)
{
    if (!h->hooks.call || !h->game || !h->state)
        return; /* unguarded: nothing would ever roll back */
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
}

void snapshot_after_swap(Host *h)
{
    /* A costly copy waits for the periodic one: until then a rollback decodes the image the
     * swap carried, which is this same state. */
    if (h->snapshot_ms < SNAPSHOT_CHEAP_MS)
        snapshot_take(h);
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

void snapshot_after_frame(Host *h, double t)
{
    bool costly = false; /* a snapshot that is not cheap: the session waits a frame */
    if (h->snapshot_ms < SNAPSHOT_CHEAP_MS || t - h->snapshot_time >= SNAPSHOT_PERIOD_S) {
        costly = h->snapshot_ms >= SNAPSHOT_CHEAP_MS;
        snapshot_take(h);
        h->snapshot_time = t;
        costly = costly || h->snapshot_ms >= SNAPSHOT_CHEAP_MS;
    }
    /* The session's image is packed here (its arrays of structs one memcpy each) and made
     * portable on the session's thread, so a big state costs this frame a copy, not an
     * encode; never in the frame of a costly snapshot. */
    if (h->saver && !costly && t - h->session_time >= SESSION_PERIOD_S) {
        /* A big state's first image goes into a buffer the session's thread touched, so no
         * frame faults in its pages; until it is ready, the session waits. */
        size_t need = h->game->state->size + h->game->state->size / 8 + 4096;
        if (!h->session_image.data && need >= SESSION_BIG &&
            !session_buffer(h->saver, need, &h->session_image)) {
            h->session_time = t - SESSION_PERIOD_S + 0.1; /* asked: again in 0.1 s */
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
