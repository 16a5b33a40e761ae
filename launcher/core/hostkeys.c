/* hostkeys.c: what the host does when one of its own keys is pressed (the keys never
 * reach the game; platform/input.c says which physical key is which HostKey). One table:
 * a key, whether it needs a game, and its action. */
#include "core/host_internal.h"

static void key_quit(Host *h)
{
    h->quit = true;
}

static void key_inspect(Host *h)
{
    h->overlay.inspector = !h->overlay.inspector;
}

static void key_save(Host *h)
{
    if (h->state)
        quicksave_save(h);
}

/* F2 after a fault: the same code again, from the last good state. */
static void key_retry(Host *h)
{
    if (!h->paused || (!h->state && host_load_image(h, &h->snapshot, NULL) != 0))
        return;
    h->paused = false;
    overlay_fault(&h->overlay, NULL);
    overlay_status(&h->overlay, h->now, "retrying from the last good state");
    if (!h->started)
        host_run_init(h);
    else
        host_after_decode(h);
}

/* F3: start over from defaults (and init). */
static void key_restart(Host *h)
{
    if (!h->state && (h->state = state_alloc(h->game->state)) == NULL)
        return;
    state_defaults(h->game->state, h->state);
    h->paused = false;
    overlay_fault(&h->overlay, NULL);
    overlay_status(&h->overlay, h->now, "restarted from defaults");
    if (host_run_init(h) == 0)
        snapshot_take(h);
}

static const struct {
    HostKey key;
    bool needs_game;
    void (*action)(Host *h);
} host_keys[] = {
    /* In this order: a frame with both quit and others pressed still quits. */
    {HOST_KEY_QUIT, false, key_quit},
    {HOST_KEY_INSPECT, false, key_inspect},
    {HOST_KEY_SAVE, true, key_save},
    {HOST_KEY_LOAD, true, quicksave_load},
    {HOST_KEY_RETRY, true, key_retry},
    {HOST_KEY_RESTART, true, key_restart},
};

void hostkeys_handle(Host *h)
{
    for (size_t i = 0; i < sizeof(host_keys) / sizeof(host_keys[0]); i++) {
        if (host_keys[i].needs_game && !h->game)
            continue;
        if (input_host_pressed(&h->input, host_keys[i].key))
            host_keys[i].action(h);
    }
}
