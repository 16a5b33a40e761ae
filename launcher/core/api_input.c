/* api_input.c: the services table's gamepads, mouse release and wheel, text input and key
 * names (api.c has the keys and the mouse buttons): all read from the frame's Input, so a
 * recording replays them; rumble goes to the pads. */
#include "core/api.h"
#include "platform/gamepad.h"

static const Input *bound;
static float dead_zone = 0.2f;

static bool api_mouse_released(HotMouseButton b)
{
    return bound && input_mouse_released(bound, b);
}

static Vec2 api_mouse_wheel(void)
{
    return bound ? (Vec2){bound->wheel_x, bound->wheel_y} : (Vec2){0, 0};
}

static const char *api_text_input(void)
{
    return bound ? bound->text : "";
}

static const char *api_key_name(HotKey key)
{
    return input_key_label(key);
}

static bool api_pad_connected(int pad)
{
    return bound && input_pad_connected(bound, pad);
}

static const char *api_pad_name(int pad)
{
    if (!bound)
        return "";
    if (pad == HOT_PAD_ANY) {
        for (int p = 0; p < HOT_PAD_MAX; p++)
            if (bound->pad[p].connected)
                return bound->pad[p].name;
        return "";
    }
    if (pad < 0 || pad >= HOT_PAD_MAX || !bound->pad[pad].connected)
        return "";
    return bound->pad[pad].name;
}

static bool api_pad_down(int pad, HotPadButton b)
{
    return bound && input_pad_down(bound, pad, b);
}

static bool api_pad_pressed(int pad, HotPadButton b)
{
    return bound && input_pad_pressed(bound, pad, b);
}

static bool api_pad_released(int pad, HotPadButton b)
{
    return bound && input_pad_released(bound, pad, b);
}

static float api_pad_axis(int pad, HotPadAxis axis)
{
    return bound ? input_pad_axis(bound, pad, axis, dead_zone) : 0;
}

static void api_pad_set_dead_zone(float dz)
{
    dead_zone = dz >= 0 && dz <= 0.9f ? dz : dz > 0.9f ? 0.9f : 0;
}

static bool api_pad_rumble(int pad, float low, float high, float seconds)
{
    return gamepad_rumble(pad, low, high, seconds);
}

void api_input_bind(const Input *in)
{
    bound = in;
    dead_zone = 0.2f;
}

void api_input_fill(HotApi *t)
{
    t->mouse_released = api_mouse_released;
    t->mouse_wheel = api_mouse_wheel;
    t->text_input = api_text_input;
    t->key_name = api_key_name;
    t->pad_connected = api_pad_connected;
    t->pad_name = api_pad_name;
    t->pad_down = api_pad_down;
    t->pad_pressed = api_pad_pressed;
    t->pad_released = api_pad_released;
    t->pad_axis = api_pad_axis;
    t->pad_set_dead_zone = api_pad_set_dead_zone;
    t->pad_rumble = api_pad_rumble;
}
