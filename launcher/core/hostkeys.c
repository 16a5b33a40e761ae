/* hostkeys.c: what the host does when one of its own keys is pressed (the keys never
 * reach the game; platform/input.c says which physical key, behind which modifier, is which
 * HostKey). One table:
 * a key, whether it needs a game, and its action. */
#include "core/host_internal.h"

static void key_quit(Host *h)
{
    h->quit = true;
}

static void key_inspect(Host *h)
{
    h->inspector.visible = !h->inspector.visible;
}

static void key_help(Host *h)
{
    h->overlay.help = !h->overlay.help;
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
    if (!h->state && (h->state = state_layout_alloc(&h->layout)) == NULL)
        return;
    state_layout_defaults(&h->layout, h->state);
    flow_state_jumped(h, "restart");
    h->paused = false;
    overlay_fault(&h->overlay, NULL);
    overlay_status(&h->overlay, h->now, "restarted from defaults");
    if (host_run_init(h) == 0)
        snapshot_take(h);
}

/* Fullscreen: Ctrl+Shift+F11 while developing (Ctrl+F11 is fast forward), F11 in a
 * release. */
static void key_fullscreen(Host *h)
{
    render_set_fullscreen(h->render, !render_is_fullscreen(h->render));
}

/* Every host key: what it does (for the help overlay) and its action. F12 (rewind) acts
 * while held: flow.c looks at it every frame. */
static const HostKeyInfo host_keys[] = {
    /* In this order: a frame with both quit and others pressed still quits. */
    {HOST_KEY_QUIT, false, "quit hotrun", key_quit},
    {HOST_KEY_FULLSCREEN, false, "fullscreen on/off", key_fullscreen},
    {HOST_KEY_INSPECT, false, "tweak panel: the state as a tree, edit it", key_inspect},
    {HOST_KEY_HELP, false, "this help", key_help},
    {HOST_KEY_RETRY, true, "after a fault: retry", key_retry},
    {HOST_KEY_RESTART, true, "restart from defaults", key_restart},
    {HOST_KEY_SAVE, true, "quicksave", key_save},
    {HOST_KEY_LOAD, true, "quickload", quicksave_load},
    {HOST_KEY_RESUME, true, "resume the killed session", quicksave_resume},
    {HOST_KEY_RECORD, true, "record a loop; again: loop it", flow_key_record},
    {HOST_KEY_LEAVE_LOOP, true, "leave the loop", flow_key_leave_loop},
    {HOST_KEY_REWIND, true, "hold: rewind", NULL},
    {HOST_KEY_REPLAY_RELOAD, true, "replay on reload on/off", flow_key_replay_reload},
    {HOST_KEY_PAUSE, true, "pause / play", flow_key_pause},
    {HOST_KEY_STEP, true, "one frame", flow_key_step},
    {HOST_KEY_SLOWER, true, "slow motion", flow_key_slower},
    {HOST_KEY_FASTER, true, "fast forward", flow_key_faster},
};

const HostKeyInfo *hostkeys_list(int *count)
{
    *count = (int)(sizeof(host_keys) / sizeof(host_keys[0]));
    return host_keys;
}

void hostkeys_handle(Host *h)
{
    if (h->cfg.release) {
        /* A player's build has none of the developer's keys: Shift+Escape quits, F11 is
         * fullscreen (platform/input.c maps only those two); every other key is the game's. */
        if (input_host_pressed(&h->input, HOST_KEY_QUIT))
            key_quit(h);
        if (input_host_pressed(&h->input, HOST_KEY_FASTER) ||
            input_host_pressed(&h->input, HOST_KEY_FULLSCREEN))
            key_fullscreen(h);
        return;
    }
    for (size_t i = 0; i < sizeof(host_keys) / sizeof(host_keys[0]); i++) {
        if (host_keys[i].needs_game && !h->game)
            continue;
        if (host_keys[i].action && input_host_pressed(&h->input, host_keys[i].key))
            host_keys[i].action(h);
    }
}
