/* snapshot.c: the last good state of the game, kept as an image so that a fault rolls the
 * game back to it instead of to its defaults. */
#include <string.h>

#include "core/host_internal.h"

/* A snapshot is taken after every good frame while encoding costs less than this, and
 * at least once a second otherwise, so a rollback loses little and costs little. */
#define SNAPSHOT_CHEAP_MS 0.25
#define SNAPSHOT_PERIOD_S 1.0
/* The session file (session.c) gets the latest snapshot this often. */
#define SESSION_PERIOD_S 1.0

void snapshot_take(Host *h)
{
    if (!h->hooks.call || !h->game)
        return; /* unguarded: nothing would ever roll back */
    double t0 = host_clock();
    if (host_encode(h, &h->snapshot) == 0)
        h->snapshot_ms = host_ms_since(t0);
}

void snapshot_after_frame(Host *h, double t)
{
    if (h->snapshot_ms < SNAPSHOT_CHEAP_MS || t - h->snapshot_time >= SNAPSHOT_PERIOD_S) {
        snapshot_take(h);
        h->snapshot_time = t;
    }
    if (h->saver && t - h->session_time >= SESSION_PERIOD_S) {
        session_offer(h->saver, &h->snapshot); /* a copy; written on the saver's thread */
        h->session_time = t;
    }
}

bool snapshot_rollback(Host *h)
{
    if (!h->game)
        return false;
    if (h->snapshot.data && host_load_image(h, &h->snapshot, NULL) == 0)
        return true;
    state_layout_defaults(&h->layout, h->state);
    return false;
}
