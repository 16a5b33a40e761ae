/* gamepad.c: gamepads through SDL_GameController: slots, hot-plug, rumble; virtual pads
 * (SDL_JoystickAttachVirtualEx) for scripted input. */
#include "platform/gamepad.h"

#include <stdio.h>
#include <string.h>

#include <SDL.h>

/* A slot is a pad number the game sees; it stays while the pad is plugged in. */
static struct {
    SDL_GameController *gc;
    SDL_JoystickID id;
} slots[HOT_PAD_MAX];

static struct {
    int device;           /* SDL's instance id of the virtual joystick, or -1 */
    SDL_Joystick *joy;    /* opened to set its buttons and axes */
} virtuals[HOT_PAD_MAX];

static bool started;
static unsigned rumbles;

static int fail(char *why, size_t size)
{
    if (why && size)
        snprintf(why, size, "%s", SDL_GetError());
    return -1;
}

int gamepad_init(char *why, size_t size)
{
    if (started)
        return 0;
    /* Pads are read whether the window has the focus or not (headless has no focus). */
    SDL_SetHint(SDL_HINT_JOYSTICK_ALLOW_BACKGROUND_EVENTS, "1");
    if (SDL_InitSubSystem(SDL_INIT_GAMECONTROLLER) != 0)
        return fail(why, size);
    for (int v = 0; v < HOT_PAD_MAX; v++)
        virtuals[v].device = -1;
    started = true;
    return 0;
}

void gamepad_quit(void)
{
    if (!started)
        return;
    for (int v = 0; v < HOT_PAD_MAX; v++)
        gamepad_virtual_unplug(v);
    for (int s = 0; s < HOT_PAD_MAX; s++) {
        if (slots[s].gc)
            SDL_GameControllerClose(slots[s].gc);
        slots[s].gc = NULL;
    }
    SDL_QuitSubSystem(SDL_INIT_GAMECONTROLLER);
    started = false;
}

static int slot_of(SDL_JoystickID id)
{
    for (int s = 0; s < HOT_PAD_MAX; s++)
        if (slots[s].gc && slots[s].id == id)
            return s;
    return -1;
}

static void plugged(Input *in, int device_index)
{
    SDL_JoystickID id = SDL_JoystickGetDeviceInstanceID(device_index);
    if (id < 0 || slot_of(id) >= 0)
        return; /* already open (SDL reports pads present at start once more) */
    int s = 0;
    while (s < HOT_PAD_MAX && slots[s].gc)
        s++;
    if (s == HOT_PAD_MAX)
        return; /* more pads than the game can see: this one is ignored */
    SDL_GameController *gc = SDL_GameControllerOpen(device_index);
    if (!gc)
        return;
    slots[s].gc = gc;
    slots[s].id = id;
    PadInput *p = &in->pad[s];
    memset(p, 0, sizeof(*p));
    p->connected = true;
    const char *name = SDL_GameControllerName(gc);
    snprintf(p->name, sizeof(p->name), "%s", name ? name : "gamepad");
    /* Events come on changes only: a stick already off centre is read now. */
    for (int a = 0; a < HOT_PAD_AXIS_COUNT; a++)
        p->axis[a] = SDL_GameControllerGetAxis(gc, (SDL_GameControllerAxis)a);
    for (int b = 0; b < HOT_PAD_BUTTON_COUNT; b++)
        p->down[b] = SDL_GameControllerGetButton(gc, (SDL_GameControllerButton)b) != 0;
}

static void unplugged(Input *in, SDL_JoystickID id)
{
    int s = slot_of(id);
    if (s < 0)
        return;
    SDL_GameControllerClose(slots[s].gc);
    slots[s].gc = NULL;
    /* Nothing is held on a pad that is gone; last frame's buttons stay, so a button held
     * while it was pulled out reads as let go. */
    PadInput *p = &in->pad[s];
    p->connected = false;
    memset(p->down, 0, sizeof(p->down));
    memset(p->axis, 0, sizeof(p->axis));
    memset(p->name, 0, sizeof(p->name));
}

bool gamepad_handle_event(Input *in, const void *sdl_event)
{
    const SDL_Event *e = sdl_event;
    int s;
    switch (e->type) {
    case SDL_CONTROLLERDEVICEADDED:
        plugged(in, e->cdevice.which);
        return true;
    case SDL_CONTROLLERDEVICEREMOVED:
        unplugged(in, e->cdevice.which);
        return true;
    case SDL_CONTROLLERBUTTONDOWN:
    case SDL_CONTROLLERBUTTONUP:
        s = slot_of(e->cbutton.which);
        if (s >= 0 && e->cbutton.button < HOT_PAD_BUTTON_COUNT)
            in->pad[s].down[e->cbutton.button] = e->type == SDL_CONTROLLERBUTTONDOWN;
        return true;
    case SDL_CONTROLLERAXISMOTION:
        s = slot_of(e->caxis.which);
        if (s >= 0 && e->caxis.axis < HOT_PAD_AXIS_COUNT)
            in->pad[s].axis[e->caxis.axis] = e->caxis.value;
        return true;
    default:
        return false;
    }
}

static Uint16 motor(float v)
{
    if (!(v > 0))
        return 0;
    return v >= 1 ? 0xFFFF : (Uint16)(v * 65535.0f);
}

bool gamepad_rumble(int pad, float low, float high, float seconds)
{
    bool any = false;
    Uint32 ms = seconds > 0 ? (seconds > 60 ? 60000u : (Uint32)(seconds * 1000.0f)) : 0;
    for (int s = 0; s < HOT_PAD_MAX; s++) {
        if ((pad != HOT_PAD_ANY && pad != s) || !slots[s].gc)
            continue;
        if (SDL_GameControllerHasRumble(slots[s].gc) &&
            SDL_GameControllerRumble(slots[s].gc, motor(low), motor(high), ms) == 0) {
            any = true;
            rumbles++;
        }
    }
    return any;
}

unsigned gamepad_rumbles(void)
{
    return rumbles;
}

/* ---- virtual pads ---- */

/* A virtual pad's motors: accepted, so the pad has rumble as a real one would. */
static int virtual_rumble(void *ud, Uint16 low, Uint16 high)
{
    (void)ud;
    (void)low;
    (void)high;
    return 0;
}

int gamepad_virtual_plug(int v, char *why, size_t size)
{
    if (v < 0 || v >= HOT_PAD_MAX) {
        SDL_SetError("there is no pad %d (0..%d)", v, HOT_PAD_MAX - 1);
        return fail(why, size);
    }
    if (!started && gamepad_init(why, size) != 0)
        return -1;
    if (virtuals[v].device >= 0)
        return 0;
    char name[32];
    snprintf(name, sizeof(name), "hotrun virtual pad %d", v);
    SDL_VirtualJoystickDesc d;
    SDL_zero(d);
    d.version = SDL_VIRTUAL_JOYSTICK_DESC_VERSION;
    d.type = SDL_JOYSTICK_TYPE_GAMECONTROLLER;
    d.naxes = SDL_CONTROLLER_AXIS_MAX;
    d.nbuttons = SDL_CONTROLLER_BUTTON_MAX;
    d.name = name; /* copied by SDL */
    d.Rumble = virtual_rumble;
    int index = SDL_JoystickAttachVirtualEx(&d);
    if (index < 0)
        return fail(why, size);
    SDL_Joystick *j = SDL_JoystickOpen(index);
    if (!j) {
        fail(why, size);
        SDL_JoystickDetachVirtual(index);
        return -1;
    }
    virtuals[v].device = SDL_JoystickInstanceID(j);
    virtuals[v].joy = j;
    /* A virtual axis starts at 0, the middle of its range; SDL maps a trigger's whole
     * range -32768..32767 onto 0..32767, so a trigger at rest is -32768. */
    gamepad_virtual_axis(v, HOT_PAD_TRIGGER_LEFT, 0);
    gamepad_virtual_axis(v, HOT_PAD_TRIGGER_RIGHT, 0);
    return 0;
}

bool gamepad_virtual_plugged(int v)
{
    return v >= 0 && v < HOT_PAD_MAX && virtuals[v].device >= 0;
}

void gamepad_virtual_unplug(int v)
{
    if (!gamepad_virtual_plugged(v))
        return;
    /* Detaching wants the device index, which moves as pads come and go. */
    for (int i = 0; i < SDL_NumJoysticks(); i++) {
        if (SDL_JoystickGetDeviceInstanceID(i) == virtuals[v].device) {
            SDL_JoystickClose(virtuals[v].joy);
            SDL_JoystickDetachVirtual(i);
            break;
        }
    }
    virtuals[v].device = -1;
    virtuals[v].joy = NULL;
}

void gamepad_virtual_button(int v, HotPadButton b, bool down)
{
    if (gamepad_virtual_plugged(v) && b >= 0 && b < HOT_PAD_BUTTON_COUNT)
        SDL_JoystickSetVirtualButton(virtuals[v].joy, (int)b, down ? SDL_PRESSED : 0);
}

void gamepad_virtual_axis(int v, HotPadAxis axis, float value)
{
    if (!gamepad_virtual_plugged(v) || axis < 0 || axis >= HOT_PAD_AXIS_COUNT)
        return;
    float c = value < -1 ? -1 : value > 1 ? 1 : value;
    if (axis == HOT_PAD_TRIGGER_LEFT || axis == HOT_PAD_TRIGGER_RIGHT)
        c = c < 0 ? -1 : c * 2 - 1; /* 0..1 over the trigger's whole range */
    Sint16 raw = c <= -1 ? SDL_JOYSTICK_AXIS_MIN : (Sint16)(c * 32767.0f);
    SDL_JoystickSetVirtualAxis(virtuals[v].joy, (int)axis, raw);
}
