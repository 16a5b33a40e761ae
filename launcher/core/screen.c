/* screen.c: the game's picture and the host's overlay over it, once a frame. */
#include "core/screen.h"

#include "core/api.h"
#include "core/host_internal.h"

#include <stdio.h>
#include <string.h>

typedef struct DrawCall {
    const HotGame *game;
    const HotApi *api;
    const void *state;
} DrawCall;

static void run_draw(void *ctx)
{
    DrawCall *c = ctx;
    c->game->draw(c->api, c->state);
}

/* After a fault the state is the last good snapshot: drawing it shows the last good frame,
 * frozen, behind the report. Not when the draw itself faulted (it would again), and only
 * until a try at it fails. */
static void draw_frozen(Host *h)
{
    static bool failed;
    if (!h->paused) {
        failed = false;
        return;
    }
    if (failed || !h->game || !h->state || !h->game->draw || !h->overlay.fault[0] ||
        strncmp(h->last_fault, "draw ", 5) == 0)
        return;
    DrawCall c = {h->game, h->api, h->state};
    HostFault f;
    if (host_call(h, run_draw, &c, &f) < 0) {
        failed = true;
        render_clear(h->render, HOT_RGB(16, 18, 24)); /* whatever it drew before faulting */
    }
}

/* The help lists the host's own key table (core/hostkeys.c), each key labelled as
 * platform/input.c binds it. */
typedef struct KeyList {
    OverlayKey keys[HOST_KEY_COUNT];
    char labels[HOST_KEY_COUNT][32];
    int count;
    char fault_hint[128]; /* "F2 retry, F3 restart from defaults" */
} KeyList;

static void list_host_keys(KeyList *l)
{
    int n = 0;
    const HostKeyInfo *k = hostkeys_list(&n);
    l->count = 0;
    for (int i = 0; i < n && l->count < HOST_KEY_COUNT; i++) {
        input_host_key_label((HostKey)k[i].key, l->labels[l->count], sizeof(l->labels[0]));
        l->keys[l->count] = (OverlayKey){l->labels[l->count], k[i].what};
        l->count++;
    }
    char retry[32], restart[32];
    input_host_key_label(HOST_KEY_RETRY, retry, sizeof(retry));
    input_host_key_label(HOST_KEY_RESTART, restart, sizeof(restart));
    snprintf(l->fault_hint, sizeof(l->fault_hint), "%s retry, %s restart from defaults", retry,
             restart);
}

void screen_draw(Host *h)
{
    render_begin_frame(h->render); /* no camera, target or blend mode left from before */
    render_clear(h->render, HOT_RGB(16, 18, 24));
    if (h->game && !h->paused && h->game->draw) {
        DrawCall c = {h->game, h->api, h->state};
        HostFault f;
        if (host_call(h, run_draw, &c, &f) < 0)
            host_fault(h, "draw", &f);
    }
    draw_frozen(h);
    if (api_quit_requested()) /* the game's api->quit: this frame is the last */
        h->quit = true;
    /* The host's drawing: on 800 x 600 whatever the game's logical size, until
     * frame.c ends it after the flow's scrub bar. */
    render_begin_overlay(h->render);
    PanelView panel;
    OverlayScene scene = {
        .last_fault = h->last_fault,
        .frozen = h->paused && h->overlay.fault[0],
    };
    if (h->inspector.visible) {
        inspector_refresh(&h->inspector, h->game ? h->game->state : NULL,
                          h->game ? h->state : NULL);
        panel = inspector_view(&h->inspector);
        scene.panel = &panel;
    }
    KeyList keys;
    list_host_keys(&keys);
    scene.keys = keys.keys;
    scene.nkeys = keys.count;
    scene.fault_hint = keys.fault_hint;
    overlay_draw(&h->overlay, h->render, h->now, &scene);
}
