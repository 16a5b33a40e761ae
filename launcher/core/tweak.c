/* tweak.c: the tweak panel in the frame loop: input to the panel, edits to the state. */
#include "core/tweak.h"

#include <string.h>

#include "core/events.h"
#include "core/host_internal.h"
#include "state/edit.h"

/* The sentence of the last edit that failed; edits run on the frame thread only. */
static Err edit_error;

/* The host's edit function (host_set_edit_fn): recordings replay edits through it too. */
static int set_value(const HotSchema *schema, void *state, const char *path, const char *value)
{
    edit_error.text[0] = '\0';
    return state_set_text(schema, state, path, value, &edit_error);
}

static int apply_hook(void *ud, const char *path, const char *text, Err *err)
{
    return tweak_apply(ud, path, text, err);
}

void tweak_init(Host *h)
{
    host_set_edit_fn(h, set_value);
    inspector_init(&h->inspector, apply_hook, h);
}

int tweak_apply(Host *h, const char *path, const char *text, Err *err)
{
    if (!h->game || !h->state)
        return err_set(err, ERR_INVALID, "no game is running");
    edit_error.text[0] = '\0';
    int rc = host_edit(h, path, text); /* applied now, and recorded like input */
    if (rc < 0 && err)
        *err = edit_error;
    if (events_enabled()) {
        EventLine ev;
        ev_begin(&ev, "edit");
        ev_str(&ev, "path", path);
        ev_str(&ev, "value", text);
        ev_bool(&ev, "ok", rc == 0);
        ev_str(&ev, "error", rc < 0 ? err_text(err, rc) : NULL);
        ev_int(&ev, "frame", (long long)h->frame);
        ev_end(&ev);
    }
    return rc;
}

/* The panel's keys, by game key. */
static const struct {
    HotKey key;
    InspectorKey to;
} panel_keys[] = {
    {HOT_KEY_UP, INSPECTOR_UP},       {HOT_KEY_DOWN, INSPECTOR_DOWN},
    {HOT_KEY_LEFT, INSPECTOR_LEFT},   {HOT_KEY_RIGHT, INSPECTOR_RIGHT},
    {HOT_KEY_ENTER, INSPECTOR_ENTER}, {HOT_KEY_ESCAPE, INSPECTOR_ESCAPE},
    {HOT_KEY_BACKSPACE, INSPECTOR_BACKSPACE},
};

/* Letters and digits from key presses, for scripted presses (--press), which make no text
 * events; typed text comes as text events and then wins. */
static void keys_as_text(const Input *in, char *buf, size_t size)
{
    size_t n = 0;
    for (int k = HOT_KEY_A; k <= HOT_KEY_9 && n + 1 < size; k++) {
        if (input_key_pressed(in, (HotKey)k))
            buf[n++] = k <= HOT_KEY_Z ? (char)('a' + (k - HOT_KEY_A)) : (char)('0' + (k - HOT_KEY_0));
    }
    buf[n] = '\0';
}

void tweak_frame(Host *h)
{
    Inspector *ins = &h->inspector;
    const HotSchema *schema = h->game && h->state ? h->game->state : NULL;
    void *state = schema ? h->state : NULL;
    if (!ins->visible)
        return;
    inspector_refresh(ins, schema, state);
    Input *in = &h->input;
    bool shift = input_key_down(in, HOT_KEY_SHIFT);
    for (size_t i = 0; i < sizeof(panel_keys) / sizeof(panel_keys[0]); i++) {
        if (input_key_pressed(in, panel_keys[i].key)) {
            inspector_key(ins, panel_keys[i].to, shift, schema, state);
            inspector_refresh(ins, schema, state);
        }
    }
    char text[64];
    if (in->text[0])
        snprintf(text, sizeof(text), "%s", in->text);
    else
        keys_as_text(in, text, sizeof(text));
    if (text[0]) {
        inspector_text(ins, text);
        inspector_refresh(ins, schema, state);
    }
    /* The keyboard is the panel's while it is open: a key the game never saw pressed is
     * one it never sees released either. */
    memset(in->down, 0, sizeof(in->down));
    memset(in->was_down, 0, sizeof(in->was_down));
    in->text[0] = '\0';
    if (inspector_mouse(ins, in->mouse_x, in->mouse_y, input_mouse_down(in, HOT_MOUSE_LEFT),
                        input_mouse_pressed(in, HOT_MOUSE_LEFT), schema, state)) {
        memset(in->mouse, 0, sizeof(in->mouse));
        memset(in->was_mouse, 0, sizeof(in->was_mouse));
        inspector_refresh(ins, schema, state);
    }
}
