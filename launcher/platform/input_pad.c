/* input_pad.c: reading the gamepads of an Input: buttons, axes past the dead zone, any pad;
 * button and axis names for --press. No SDL here: platform/gamepad.c fills the pads. */
#include <math.h>
#include <string.h>
#include <strings.h>

#include "platform/input.h"

static bool pad_ok(int pad)
{
    return pad >= 0 && pad < HOT_PAD_MAX;
}

bool input_pad_connected(const Input *in, int pad)
{
    if (pad == HOT_PAD_ANY) {
        for (int p = 0; p < HOT_PAD_MAX; p++)
            if (in->pad[p].connected)
                return true;
        return false;
    }
    return pad_ok(pad) && in->pad[pad].connected;
}

/* A button's state now (`now`) or last frame, on one pad or any. */
static bool button(const Input *in, int pad, HotPadButton b, bool now)
{
    if (b < 0 || b >= HOT_PAD_BUTTON_COUNT)
        return false;
    if (pad == HOT_PAD_ANY) {
        for (int p = 0; p < HOT_PAD_MAX; p++)
            if (button(in, p, b, now))
                return true;
        return false;
    }
    if (!pad_ok(pad))
        return false;
    return now ? in->pad[pad].down[b] : in->pad[pad].was_down[b];
}

bool input_pad_down(const Input *in, int pad, HotPadButton b)
{
    return button(in, pad, b, true);
}

bool input_pad_pressed(const Input *in, int pad, HotPadButton b)
{
    if (pad == HOT_PAD_ANY) {
        for (int p = 0; p < HOT_PAD_MAX; p++)
            if (input_pad_pressed(in, p, b))
                return true;
        return false;
    }
    return button(in, pad, b, true) && !button(in, pad, b, false);
}

bool input_pad_released(const Input *in, int pad, HotPadButton b)
{
    if (pad == HOT_PAD_ANY) {
        for (int p = 0; p < HOT_PAD_MAX; p++)
            if (input_pad_released(in, p, b))
                return true;
        return false;
    }
    return !button(in, pad, b, true) && button(in, pad, b, false);
}

static float unit(int16_t v)
{
    float f = (float)v / 32767.0f;
    return f < -1 ? -1 : f > 1 ? 1 : f;
}

/* From the dead zone's edge (0) to full tilt (1). */
static float past_dead_zone(float magnitude, float dz)
{
    if (magnitude <= dz)
        return 0;
    float v = (magnitude - dz) / (1 - dz);
    return v > 1 ? 1 : v;
}

static float axis_of(const PadInput *p, HotPadAxis axis, float dz)
{
    if (!p->connected)
        return 0;
    if (axis == HOT_PAD_TRIGGER_LEFT || axis == HOT_PAD_TRIGGER_RIGHT)
        return past_dead_zone(unit(p->axis[axis]), dz);
    /* A stick: its two axes together, so a diagonal push is not cut to a cross. */
    int x = axis == HOT_PAD_LEFT_X || axis == HOT_PAD_LEFT_Y ? HOT_PAD_LEFT_X : HOT_PAD_RIGHT_X;
    float sx = unit(p->axis[x]), sy = unit(p->axis[x + 1]);
    float mag = sqrtf(sx * sx + sy * sy);
    if (mag <= dz)
        return 0;
    float scale = past_dead_zone(mag > 1 ? 1 : mag, dz) / mag;
    return ((int)axis == x ? sx : sy) * scale;
}

float input_pad_axis(const Input *in, int pad, HotPadAxis axis, float dead_zone)
{
    if (axis < 0 || axis >= HOT_PAD_AXIS_COUNT)
        return 0;
    if (!(dead_zone >= 0))
        dead_zone = 0;
    if (dead_zone > 0.9f)
        dead_zone = 0.9f;
    if (pad == HOT_PAD_ANY) {
        float best = 0;
        for (int p = 0; p < HOT_PAD_MAX; p++) {
            float v = axis_of(&in->pad[p], axis, dead_zone);
            if (fabsf(v) > fabsf(best))
                best = v;
        }
        return best;
    }
    return pad_ok(pad) ? axis_of(&in->pad[pad], axis, dead_zone) : 0;
}

/* SDL's own names (SDL_GameControllerGetStringForButton), so a mapping string reads the
 * same. */
static const char *const button_names[HOT_PAD_BUTTON_COUNT] = {
    "a", "b", "x", "y", "back", "guide", "start", "leftstick", "rightstick",
    "leftshoulder", "rightshoulder", "dpup", "dpdown", "dpleft", "dpright",
    "misc1", "paddle1", "paddle2", "paddle3", "paddle4", "touchpad",
};
static const char *const axis_names[HOT_PAD_AXIS_COUNT] = {
    "leftx", "lefty", "rightx", "righty", "lefttrigger", "righttrigger",
};

int input_pad_button_from_name(const char *name)
{
    for (int i = 0; name && i < HOT_PAD_BUTTON_COUNT; i++)
        if (strcasecmp(name, button_names[i]) == 0)
            return i;
    return -1;
}

int input_pad_axis_from_name(const char *name)
{
    for (int i = 0; name && i < HOT_PAD_AXIS_COUNT; i++)
        if (strcasecmp(name, axis_names[i]) == 0)
            return i;
    return -1;
}
