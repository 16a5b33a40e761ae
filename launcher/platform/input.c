/* input.c: keyboard and mouse state per frame, from SDL events or injected presses. */
#include "platform/input.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <SDL.h>

/* Game keys by scancode, so WASD stays where it is on any keyboard layout. */
static const struct {
    SDL_Scancode sc;
    HotKey key;
} named_keys[] = {
    {SDL_SCANCODE_LEFT, HOT_KEY_LEFT},
    {SDL_SCANCODE_RIGHT, HOT_KEY_RIGHT},
    {SDL_SCANCODE_UP, HOT_KEY_UP},
    {SDL_SCANCODE_DOWN, HOT_KEY_DOWN},
    {SDL_SCANCODE_SPACE, HOT_KEY_SPACE},
    {SDL_SCANCODE_RETURN, HOT_KEY_ENTER},
    {SDL_SCANCODE_KP_ENTER, HOT_KEY_ENTER},
    {SDL_SCANCODE_ESCAPE, HOT_KEY_ESCAPE},
    {SDL_SCANCODE_TAB, HOT_KEY_TAB},
    {SDL_SCANCODE_BACKSPACE, HOT_KEY_BACKSPACE},
    {SDL_SCANCODE_LSHIFT, HOT_KEY_SHIFT},
    {SDL_SCANCODE_RSHIFT, HOT_KEY_SHIFT},
    {SDL_SCANCODE_LCTRL, HOT_KEY_CTRL},
    {SDL_SCANCODE_RCTRL, HOT_KEY_CTRL},
    {SDL_SCANCODE_LALT, HOT_KEY_ALT},
    {SDL_SCANCODE_RALT, HOT_KEY_ALT},
    {SDL_SCANCODE_0, HOT_KEY_0},
};

static HotKey key_from_scancode(SDL_Scancode sc)
{
    if (sc >= SDL_SCANCODE_A && sc <= SDL_SCANCODE_Z)
        return (HotKey)(HOT_KEY_A + (sc - SDL_SCANCODE_A));
    if (sc >= SDL_SCANCODE_1 && sc <= SDL_SCANCODE_9) /* SDL puts 0 after 9 */
        return (HotKey)(HOT_KEY_1 + (sc - SDL_SCANCODE_1));
    for (size_t i = 0; i < sizeof(named_keys) / sizeof(named_keys[0]); i++) {
        if (named_keys[i].sc == sc)
            return named_keys[i].key;
    }
    return HOT_KEY_NONE;
}

/* The host's keys: a function key, with or without Shift. A Shift entry wins over the
 * same key without it; Escape without Shift belongs to the game. */
static const struct {
    SDL_Scancode sc;
    bool shift;
    HostKey key;
    const char *name; /* for --press */
} host_keys[] = {
    {SDL_SCANCODE_ESCAPE, true, HOST_KEY_QUIT, "shift+escape"},
    {SDL_SCANCODE_F4, true, HOST_KEY_LEAVE_LOOP, "shift+f4"},
    {SDL_SCANCODE_F9, true, HOST_KEY_RESUME, "shift+f9"},
    {SDL_SCANCODE_F1, true, HOST_KEY_HELP, "shift+f1"},
    {SDL_SCANCODE_F11, true, HOST_KEY_FULLSCREEN, "shift+f11"},
    {SDL_SCANCODE_F1, false, HOST_KEY_INSPECT, "f1"},
    {SDL_SCANCODE_F2, false, HOST_KEY_RETRY, "f2"},
    {SDL_SCANCODE_F3, false, HOST_KEY_RESTART, "f3"},
    {SDL_SCANCODE_F4, false, HOST_KEY_RECORD, "f4"},
    {SDL_SCANCODE_F5, false, HOST_KEY_SAVE, "f5"},
    {SDL_SCANCODE_F6, false, HOST_KEY_REPLAY_RELOAD, "f6"},
    {SDL_SCANCODE_F7, false, HOST_KEY_PAUSE, "f7"},
    {SDL_SCANCODE_F8, false, HOST_KEY_STEP, "f8"},
    {SDL_SCANCODE_F9, false, HOST_KEY_LOAD, "f9"},
    {SDL_SCANCODE_F10, false, HOST_KEY_SLOWER, "f10"},
    {SDL_SCANCODE_F11, false, HOST_KEY_FASTER, "f11"},
    {SDL_SCANCODE_F12, false, HOST_KEY_REWIND, "f12"},
};
#define HOST_KEY_ENTRIES (sizeof(host_keys) / sizeof(host_keys[0]))

/* The host key of a scancode, or -1 (Escape without Shift: the game's). */
static int host_from_scancode(SDL_Scancode sc, bool shift)
{
    for (size_t i = 0; i < HOST_KEY_ENTRIES; i++) {
        if (host_keys[i].sc == sc && (!host_keys[i].shift || shift))
            return host_keys[i].key;
    }
    return -1;
}

void input_host_key_label(HostKey key, char *buf, size_t size)
{
    if (size == 0)
        return;
    buf[0] = '\0';
    for (size_t i = 0; i < HOST_KEY_ENTRIES; i++) {
        if (host_keys[i].key != key)
            continue;
        /* "shift+f4" -> "Shift+F4": capitals after the start and after '+'. */
        size_t n = 0;
        for (const char *p = host_keys[i].name; *p && n + 1 < size; p++, n++) {
            bool first = p == host_keys[i].name || p[-1] == '+';
            buf[n] = first ? (char)toupper((unsigned char)*p) : *p;
        }
        buf[n] = '\0';
        return;
    }
}

static int button_index(Uint8 button)
{
    switch (button) {
    case SDL_BUTTON_LEFT:
        return HOT_MOUSE_LEFT;
    case SDL_BUTTON_MIDDLE:
        return HOT_MOUSE_MIDDLE;
    case SDL_BUTTON_RIGHT:
        return HOT_MOUSE_RIGHT;
    default:
        return -1;
    }
}

void input_begin_frame(Input *in)
{
    memcpy(in->was_down, in->down, sizeof(in->down));
    memcpy(in->was_mouse, in->mouse, sizeof(in->mouse));
    memset(in->host_pressed, 0, sizeof(in->host_pressed));
    in->text[0] = '\0';
}

static void handle_key(Input *in, const SDL_KeyboardEvent *k)
{
    bool down = k->type == SDL_KEYDOWN;
    SDL_Scancode sc = k->keysym.scancode;
    /* Host keys are answered on the first press only (not on key repeat) and never
     * reach the game's key state. */
    int host = host_from_scancode(sc, (k->keysym.mod & KMOD_SHIFT) != 0);
    if (host < 0 && !down && sc == SDL_SCANCODE_ESCAPE)
        host = HOST_KEY_QUIT; /* let go after Shift: the game never saw it pressed */
    if (host >= 0) {
        if (down && !k->repeat)
            in->host_pressed[host] = true;
        if (!down) { /* whichever variant was held, with or without Shift */
            for (size_t i = 0; i < HOST_KEY_ENTRIES; i++)
                if (host_keys[i].sc == sc)
                    in->host_down[host_keys[i].key] = false;
        } else {
            in->host_down[host] = true;
        }
        if (host != HOST_KEY_QUIT || down)
            return;
    }
    HotKey key = key_from_scancode(sc);
    if (key != HOT_KEY_NONE)
        in->down[key] = down;
}

void input_handle_event(Input *in, const void *sdl_event)
{
    const SDL_Event *e = sdl_event;
    int b;
    switch (e->type) {
    case SDL_QUIT:
        in->quit = true;
        break;
    case SDL_KEYDOWN:
    case SDL_KEYUP:
        handle_key(in, &e->key);
        break;
    case SDL_TEXTINPUT: {
        size_t n = strlen(in->text);
        snprintf(in->text + n, sizeof(in->text) - n, "%s", e->text.text);
        break;
    }
    case SDL_MOUSEMOTION:
        /* With a logical size set, SDL already reports logical coordinates. */
        in->mouse_x = (float)e->motion.x;
        in->mouse_y = (float)e->motion.y;
        break;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        in->mouse_x = (float)e->button.x;
        in->mouse_y = (float)e->button.y;
        b = button_index(e->button.button);
        if (b >= 0)
            in->mouse[b] = e->type == SDL_MOUSEBUTTONDOWN;
        break;
    case SDL_WINDOWEVENT:
        /* Keys let go while the window was not focused would stay down forever. */
        if (e->window.event == SDL_WINDOWEVENT_FOCUS_LOST) {
            memset(in->down, 0, sizeof(in->down));
            memset(in->mouse, 0, sizeof(in->mouse));
            memset(in->host_down, 0, sizeof(in->host_down));
        }
        break;
    default:
        break;
    }
}

void input_pump_events(Input *in)
{
    SDL_Event e;
    while (SDL_PollEvent(&e))
        input_handle_event(in, &e);
}

void input_set_key(Input *in, HotKey key, bool down)
{
    if (key > HOT_KEY_NONE && key < HOT_KEY_COUNT)
        in->down[key] = down;
}

static bool key_ok(HotKey key)
{
    return key > HOT_KEY_NONE && key < HOT_KEY_COUNT;
}

bool input_key_down(const Input *in, HotKey key)
{
    return key_ok(key) && in->down[key];
}

bool input_key_pressed(const Input *in, HotKey key)
{
    return key_ok(key) && in->down[key] && !in->was_down[key];
}

bool input_key_released(const Input *in, HotKey key)
{
    return key_ok(key) && !in->down[key] && in->was_down[key];
}

bool input_mouse_down(const Input *in, HotMouseButton b)
{
    return b >= 0 && b < HOT_MOUSE_COUNT && in->mouse[b];
}

bool input_mouse_pressed(const Input *in, HotMouseButton b)
{
    return b >= 0 && b < HOT_MOUSE_COUNT && in->mouse[b] && !in->was_mouse[b];
}

bool input_host_pressed(Input *in, HostKey key)
{
    if (key < 0 || key >= HOST_KEY_COUNT || !in->host_pressed[key])
        return false;
    in->host_pressed[key] = false;
    return true;
}

bool input_host_down(const Input *in, HostKey key)
{
    return key >= 0 && key < HOST_KEY_COUNT && in->host_down[key];
}

static const struct {
    const char *name;
    HotKey key;
} key_names[] = {
    {"left", HOT_KEY_LEFT},     {"right", HOT_KEY_RIGHT}, {"up", HOT_KEY_UP},
    {"down", HOT_KEY_DOWN},     {"space", HOT_KEY_SPACE}, {"enter", HOT_KEY_ENTER},
    {"escape", HOT_KEY_ESCAPE}, {"tab", HOT_KEY_TAB},     {"backspace", HOT_KEY_BACKSPACE},
    {"shift", HOT_KEY_SHIFT},   {"ctrl", HOT_KEY_CTRL},   {"alt", HOT_KEY_ALT},
};

HotKey input_key_from_name(const char *name, int *host)
{
    if (host)
        *host = -1;
    if (!name)
        return HOT_KEY_NONE;
    if (name[0] && !name[1]) {
        char c = name[0];
        if (c >= 'a' && c <= 'z')
            return (HotKey)(HOT_KEY_A + (c - 'a'));
        if (c >= 'A' && c <= 'Z')
            return (HotKey)(HOT_KEY_A + (c - 'A'));
        if (c >= '0' && c <= '9')
            return (HotKey)(HOT_KEY_0 + (c - '0'));
        return HOT_KEY_NONE;
    }
    for (size_t i = 0; i < sizeof(key_names) / sizeof(key_names[0]); i++) {
        if (strcasecmp(name, key_names[i].name) == 0)
            return key_names[i].key;
    }
    for (size_t i = 0; i < HOST_KEY_ENTRIES; i++) {
        if (strcasecmp(name, host_keys[i].name) == 0) {
            if (host)
                *host = host_keys[i].key;
            return HOT_KEY_NONE;
        }
    }
    return HOT_KEY_NONE;
}
