/* swap.c: the swap protocol (DESIGN.md, "The swap, in order"), steps 3 and 4: the old
 * code's last word, the state out in the old layout, the old library closed, the state in
 * with the new layout, the new code's first word. */
#include "core/swap.h"

#include <malloc.h>
#include <string.h>

#include "core/host_internal.h"

int swap_run(Host *h, const SwapRequest *rq, StateReport *report, SwapTimes *t, Err *err)
{
    memset(t, 0, sizeof(*t));
    memset(report, 0, sizeof(*report));
    double t0 = host_clock(), t1;
    HostFault msg;
    StateImage img = h->spare; /* the buffer of an earlier image: no fresh pages to fault in */
    h->spare = (StateImage){0};
    img.size = 0;
    const HotGame *next = rq->next;

    /* 1. The old code gets its last word, then the state leaves in the old layout. */
    if (rq->hooks && h->game->before_swap && !h->paused &&
        host_call_entry(h, h->game->before_swap, &msg) < 0) {
        host_fault(h, "before_swap", &msg); /* rolled back: the snapshot is what we carry */
    }
    t1 = host_clock();
    t->before = (t1 - t0) * 1000.0;
    if (!img.data && h->state && !h->snapshot_is_copy && h->snapshot.data) {
        /* Swaps quicker than the periodic copy: the snapshot's image is older than the
         * state about to leave, and its buffer takes it without fresh pages. */
        img = h->snapshot;
        img.size = 0;
        h->snapshot = (StateImage){0};
    }
    /* A packed image (tables for arrays of structs: one memcpy each way when their layout
     * is the same). No state only after a decode ran out of memory: the snapshot holds it
     * then. */
    StateStamp stamp = {h->game->state_version, h->game->name};
    int rc = h->state ? state_layout_pack(&h->layout, &stamp, h->state, &img)
                      : state_image_copy(&img, &h->snapshot);
    t->encode = host_ms_since(t1);
    if (rc < 0) {
        state_image_free(&img);
        return err_set(err, ERR_CORRUPT, "could not encode the state: %s",
                       state_error_text(rc));
    }

    /* 2. The old library goes away; only the image remains. */
    t1 = host_clock();
    rq->close_old(rq->ud);
    t->close = host_ms_since(t1);
    void *old = h->state; /* its block is reused for the new layout when it fits */
    h->state = NULL;
    h->game = next;
    /* The new schema is checked once, here; encode, decode and snapshots use the layout. */
    rc = host_set_game(h, next);
    host_set_window(h, next);
    h->gen = rq->gen;

    /* 3. The state arrives in the new layout. */
    t1 = host_clock();
    if (rc == 0 && old && h->layout.schema->size >= HOST_BIG && h->prefault &&
        h->layout.schema->size > malloc_usable_size(old)) {
        /* Grown past its block: one made ahead (snapshot.c), its pages touched. */
        void *block;
        if (prefault_take(h->prefault, state_block_size(h->layout.schema->size), &block)) {
            state_free(old);
            old = block;
        }
    }
    if (rc == 0)
        h->state = state_layout_block(&h->layout, old); /* written whole by the decode */
    else
        state_free(old);
    rc = rc < 0 ? rc : !h->state ? STATE_ENOMEM
                                 : state_layout_decode_whole(&h->layout, &img, h->state, report);
    t->decode = host_ms_since(t1);
    if (rc < 0) {
        /* Cannot happen for an image we just wrote, unless memory ran out. */
        err_set(err, ERR_NOMEM, "could not carry the state across: %s", state_error_text(rc));
        snapshot_set_image(h, &img); /* F2 or the next build tries again */
        state_image_free(&img);
        h->paused = true;
        return ERR_NOMEM;
    }
    h->paused = false;
    if (rq->carried)
        state_image_portable(&img, rq->carried);
    /* Until the first good frame of the new code, the image is the last good state: a
     * rollback decodes it (the snapshot's copy is of the old layout). No copy: it moves. */
    snapshot_adopt_image(h, &img);
    h->spare = img; /* the snapshot's old buffer, for the next swap */
    img = (StateImage){0};
    if (rq->hooks && next->migrate && report->image_state_version != next->state_version) {
        GameCall c = {.migrate = next->migrate, .api = h->api, .state = h->state,
                      .from = report->image_state_version, .old = host_snapshot_image(h)};
        if (host_call(h, host_run_game_call, &c, &msg) < 0)
            host_fault(h, "migrate", &msg);
    }
    t1 = host_clock();
    if (!h->started) {
        /* The previous code never finished init: this one starts the game afresh. */
        state_layout_defaults(&h->layout, h->state);
        host_run_init(h);
    } else if (rq->hooks && !h->paused && next->after_swap &&
               host_call_entry(h, next->after_swap, &msg) < 0) {
        host_fault(h, "after_swap", &msg);
    }
    t->after = host_ms_since(t1);
    state_image_free(&img);
    t->total = host_ms_since(t0);
    if (h->paused)
        return err_set(err, ERR_FAULT, "the new code faulted during the swap");
    snapshot_after_swap(h);
    overlay_fault(&h->overlay, NULL);
    if (rq->hooks)
        flow_after_swap(h);
    return 0;
}
