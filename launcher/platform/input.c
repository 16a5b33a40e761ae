/* input.c: keyboard, mouse, wheel and text state per frame, from SDL events or injected
 * presses; the host's own keys behind their modifier. Gamepads: platform/gamepad.c feeds
 * them, input_pad.c reads them. */
#include "platform/input.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <SDL.h>

#include "platform/gamepad.h"

/* Every key: its physical key (by scancode, so WASD stays where it is on any layout), its
 * --press name and its name for people. Keys that stand for two (SHIFT: either Shift) have
 * no scancode of their own: see `also`. */
static const struct {
    HotKey key;
    SDL_Scancode sc;
    const char *name, *label;
} keys[] = {
    {HOT_KEY_LEFT, SDL_SCANCODE_LEFT, "left", "Left"},
    {HOT_KEY_RIGHT, SDL_SCANCODE_RIGHT, "right", "Right"},
    {HOT_KEY_UP, SDL_SCANCODE_UP, "up", "Up"},
    {HOT_KEY_DOWN, SDL_SCANCODE_DOWN, "down", "Down"},
    {HOT_KEY_SPACE, SDL_SCANCODE_SPACE, "space", "Space"},
    {HOT_KEY_ENTER, SDL_SCANCODE_RETURN, "enter", "Enter"},
    {HOT_KEY_ESCAPE, SDL_SCANCODE_ESCAPE, "escape", "Escape"},
    {HOT_KEY_TAB, SDL_SCANCODE_TAB, "tab", "Tab"},
    {HOT_KEY_BACKSPACE, SDL_SCANCODE_BACKSPACE, "backspace", "Backspace"},
    {HOT_KEY_SHIFT, SDL_SCANCODE_UNKNOWN, "shift", "Shift"},
    {HOT_KEY_CTRL, SDL_SCANCODE_UNKNOWN, "ctrl", "Ctrl"},
    {HOT_KEY_ALT, SDL_SCANCODE_UNKNOWN, "alt", "Alt"},
    {HOT_KEY_F1, SDL_SCANCODE_F1, "f1", "F1"},
    {HOT_KEY_F2, SDL_SCANCODE_F2, "f2", "F2"},
    {HOT_KEY_F3, SDL_SCANCODE_F3, "f3", "F3"},
    {HOT_KEY_F4, SDL_SCANCODE_F4, "f4", "F4"},
    {HOT_KEY_F5, SDL_SCANCODE_F5, "f5", "F5"},
    {HOT_KEY_F6, SDL_SCANCODE_F6, "f6", "F6"},
    {HOT_KEY_F7, SDL_SCANCODE_F7, "f7", "F7"},
    {HOT_KEY_F8, SDL_SCANCODE_F8, "f8", "F8"},
    {HOT_KEY_F9, SDL_SCANCODE_F9, "f9", "F9"},
    {HOT_KEY_F10, SDL_SCANCODE_F10, "f10", "F10"},
    {HOT_KEY_F11, SDL_SCANCODE_F11, "f11", "F11"},
    {HOT_KEY_F12, SDL_SCANCODE_F12, "f12", "F12"},
    {HOT_KEY_F13, SDL_SCANCODE_F13, "f13", "F13"},
    {HOT_KEY_F14, SDL_SCANCODE_F14, "f14", "F14"},
    {HOT_KEY_F15, SDL_SCANCODE_F15, "f15", "F15"},
    {HOT_KEY_F16, SDL_SCANCODE_F16, "f16", "F16"},
    {HOT_KEY_F17, SDL_SCANCODE_F17, "f17", "F17"},
    {HOT_KEY_F18, SDL_SCANCODE_F18, "f18", "F18"},
    {HOT_KEY_F19, SDL_SCANCODE_F19, "f19", "F19"},
    {HOT_KEY_F20, SDL_SCANCODE_F20, "f20", "F20"},
    {HOT_KEY_F21, SDL_SCANCODE_F21, "f21", "F21"},
    {HOT_KEY_F22, SDL_SCANCODE_F22, "f22", "F22"},
    {HOT_KEY_F23, SDL_SCANCODE_F23, "f23", "F23"},
    {HOT_KEY_F24, SDL_SCANCODE_F24, "f24", "F24"},
    {HOT_KEY_MINUS, SDL_SCANCODE_MINUS, "minus", "-"},
    {HOT_KEY_EQUALS, SDL_SCANCODE_EQUALS, "equals", "="},
    {HOT_KEY_LEFT_BRACKET, SDL_SCANCODE_LEFTBRACKET, "leftbracket", "["},
    {HOT_KEY_RIGHT_BRACKET, SDL_SCANCODE_RIGHTBRACKET, "rightbracket", "]"},
    {HOT_KEY_BACKSLASH, SDL_SCANCODE_BACKSLASH, "backslash", "\\"},
    {HOT_KEY_SEMICOLON, SDL_SCANCODE_SEMICOLON, "semicolon", ";"},
    {HOT_KEY_APOSTROPHE, SDL_SCANCODE_APOSTROPHE, "apostrophe", "'"},
    {HOT_KEY_GRAVE, SDL_SCANCODE_GRAVE, "grave", "`"},
    {HOT_KEY_COMMA, SDL_SCANCODE_COMMA, "comma", ","},
    {HOT_KEY_PERIOD, SDL_SCANCODE_PERIOD, "period", "."},
    {HOT_KEY_SLASH, SDL_SCANCODE_SLASH, "slash", "/"},
    {HOT_KEY_NONUS_BACKSLASH, SDL_SCANCODE_NONUSBACKSLASH, "nonusbackslash", "ISO \\"},
    {HOT_KEY_INSERT, SDL_SCANCODE_INSERT, "insert", "Insert"},
    {HOT_KEY_DELETE, SDL_SCANCODE_DELETE, "delete", "Delete"},
    {HOT_KEY_HOME, SDL_SCANCODE_HOME, "home", "Home"},
    {HOT_KEY_END, SDL_SCANCODE_END, "end", "End"},
    {HOT_KEY_PAGE_UP, SDL_SCANCODE_PAGEUP, "pageup", "Page Up"},
    {HOT_KEY_PAGE_DOWN, SDL_SCANCODE_PAGEDOWN, "pagedown", "Page Down"},
    {HOT_KEY_CAPS_LOCK, SDL_SCANCODE_CAPSLOCK, "capslock", "Caps Lock"},
    {HOT_KEY_SCROLL_LOCK, SDL_SCANCODE_SCROLLLOCK, "scrolllock", "Scroll Lock"},
    {HOT_KEY_NUM_LOCK, SDL_SCANCODE_NUMLOCKCLEAR, "numlock", "Num Lock"},
    {HOT_KEY_PRINT_SCREEN, SDL_SCANCODE_PRINTSCREEN, "printscreen", "Print Screen"},
    {HOT_KEY_PAUSE, SDL_SCANCODE_PAUSE, "pause", "Pause"},
    {HOT_KEY_MENU, SDL_SCANCODE_APPLICATION, "menu", "Menu"},
    {HOT_KEY_KP_0, SDL_SCANCODE_KP_0, "kp_0", "Keypad 0"},
    {HOT_KEY_KP_1, SDL_SCANCODE_KP_1, "kp_1", "Keypad 1"},
    {HOT_KEY_KP_2, SDL_SCANCODE_KP_2, "kp_2", "Keypad 2"},
    {HOT_KEY_KP_3, SDL_SCANCODE_KP_3, "kp_3", "Keypad 3"},
    {HOT_KEY_KP_4, SDL_SCANCODE_KP_4, "kp_4", "Keypad 4"},
    {HOT_KEY_KP_5, SDL_SCANCODE_KP_5, "kp_5", "Keypad 5"},
    {HOT_KEY_KP_6, SDL_SCANCODE_KP_6, "kp_6", "Keypad 6"},
    {HOT_KEY_KP_7, SDL_SCANCODE_KP_7, "kp_7", "Keypad 7"},
    {HOT_KEY_KP_8, SDL_SCANCODE_KP_8, "kp_8", "Keypad 8"},
    {HOT_KEY_KP_9, SDL_SCANCODE_KP_9, "kp_9", "Keypad 9"},
    {HOT_KEY_KP_DIVIDE, SDL_SCANCODE_KP_DIVIDE, "kp_divide", "Keypad /"},
    {HOT_KEY_KP_MULTIPLY, SDL_SCANCODE_KP_MULTIPLY, "kp_multiply", "Keypad *"},
    {HOT_KEY_KP_MINUS, SDL_SCANCODE_KP_MINUS, "kp_minus", "Keypad -"},
    {HOT_KEY_KP_PLUS, SDL_SCANCODE_KP_PLUS, "kp_plus", "Keypad +"},
    {HOT_KEY_KP_ENTER, SDL_SCANCODE_KP_ENTER, "kp_enter", "Keypad Enter"},
    {HOT_KEY_KP_PERIOD, SDL_SCANCODE_KP_PERIOD, "kp_period", "Keypad ."},
    {HOT_KEY_KP_EQUALS, SDL_SCANCODE_KP_EQUALS, "kp_equals", "Keypad ="},
    {HOT_KEY_LEFT_SHIFT, SDL_SCANCODE_LSHIFT, "lshift", "Left Shift"},
    {HOT_KEY_RIGHT_SHIFT, SDL_SCANCODE_RSHIFT, "rshift", "Right Shift"},
    {HOT_KEY_LEFT_CTRL, SDL_SCANCODE_LCTRL, "lctrl", "Left Ctrl"},
    {HOT_KEY_RIGHT_CTRL, SDL_SCANCODE_RCTRL, "rctrl", "Right Ctrl"},
    {HOT_KEY_LEFT_ALT, SDL_SCANCODE_LALT, "lalt", "Left Alt"},
    {HOT_KEY_RIGHT_ALT, SDL_SCANCODE_RALT, "ralt", "Right Alt"},
    {HOT_KEY_LEFT_GUI, SDL_SCANCODE_LGUI, "lsuper", "Left Super"},
    {HOT_KEY_RIGHT_GUI, SDL_SCANCODE_RGUI, "rsuper", "Right Super"},
    {HOT_KEY_GUI, SDL_SCANCODE_UNKNOWN, "super", "Super"},
};
#define KEY_ENTRIES (sizeof(keys) / sizeof(keys[0]))

/* Keys that are down while either of two others is (and the keypad's Enter is Enter). */
static const struct {
    HotKey either, a, b;
} also[] = {
    {HOT_KEY_SHIFT, HOT_KEY_LEFT_SHIFT, HOT_KEY_RIGHT_SHIFT},
    {HOT_KEY_CTRL, HOT_KEY_LEFT_CTRL, HOT_KEY_RIGHT_CTRL},
    {HOT_KEY_ALT, HOT_KEY_LEFT_ALT, HOT_KEY_RIGHT_ALT},
    {HOT_KEY_GUI, HOT_KEY_LEFT_GUI, HOT_KEY_RIGHT_GUI},
};

static bool key_ok(HotKey key)
{
    return key > HOT_KEY_NONE && key < HOT_KEY_COUNT;
}

static HotKey key_from_scancode(SDL_Scancode sc)
{
    if (sc >= SDL_SCANCODE_A && sc <= SDL_SCANCODE_Z)
        return (HotKey)(HOT_KEY_A + (sc - SDL_SCANCODE_A));
    if (sc >= SDL_SCANCODE_1 && sc <= SDL_SCANCODE_9) /* SDL puts 0 after 9 */
        return (HotKey)(HOT_KEY_1 + (sc - SDL_SCANCODE_1));
    if (sc == SDL_SCANCODE_0)
        return HOT_KEY_0;
    for (size_t i = 0; i < KEY_ENTRIES; i++) {
        if (keys[i].sc == sc && sc != SDL_SCANCODE_UNKNOWN)
            return keys[i].key;
    }
    return HOT_KEY_NONE;
}

/* ---- the host's keys ---- */

/* The host's keys: a key, with or without Shift, behind the host modifier. A Shift entry
 * wins over the same key without it; Escape without Shift belongs to the game. */
static const struct {
    HotKey key;
    bool shift;
    HostKey host;
} host_keys[] = {
    {HOT_KEY_ESCAPE, true, HOST_KEY_QUIT},
    {HOT_KEY_F4, true, HOST_KEY_LEAVE_LOOP},
    {HOT_KEY_F9, true, HOST_KEY_RESUME},
    {HOT_KEY_F1, true, HOST_KEY_HELP},
    {HOT_KEY_F11, true, HOST_KEY_FULLSCREEN},
    {HOT_KEY_F1, false, HOST_KEY_INSPECT},
    {HOT_KEY_F2, false, HOST_KEY_RETRY},
    {HOT_KEY_F3, false, HOST_KEY_RESTART},
    {HOT_KEY_F4, false, HOST_KEY_RECORD},
    {HOT_KEY_F5, false, HOST_KEY_SAVE},
    {HOT_KEY_F6, false, HOST_KEY_REPLAY_RELOAD},
    {HOT_KEY_F7, false, HOST_KEY_PAUSE},
    {HOT_KEY_F8, false, HOST_KEY_STEP},
    {HOT_KEY_F9, false, HOST_KEY_LOAD},
    {HOT_KEY_F10, false, HOST_KEY_SLOWER},
    {HOT_KEY_F11, false, HOST_KEY_FASTER},
    {HOT_KEY_F12, false, HOST_KEY_REWIND},
};
#define HOST_KEY_ENTRIES (sizeof(host_keys) / sizeof(host_keys[0]))

/* A player's build: Shift+Escape quits, F11 is fullscreen, nothing else is the host's. */
static const struct {
    HotKey key;
    bool shift;
    HostKey host;
} release_keys[] = {
    {HOT_KEY_ESCAPE, true, HOST_KEY_QUIT},
    {HOT_KEY_F11, false, HOST_KEY_FULLSCREEN},
};

static HostMod host_mod = HOST_MOD_CTRL;
static bool host_release;

static const char *const mod_names[] = {"ctrl", "alt", "super", "none"};
static const char *const mod_labels[] = {"Ctrl+", "Alt+", "Super+", ""};

void input_set_host_keys(HostMod mod, bool release)
{
    host_mod = mod >= HOST_MOD_CTRL && mod <= HOST_MOD_NONE ? mod : HOST_MOD_CTRL;
    host_release = release;
}

HostMod input_host_mod(void)
{
    return host_mod;
}

int input_host_mod_from_name(const char *name)
{
    for (int i = 0; name && i <= HOST_MOD_NONE; i++)
        if (strcasecmp(name, mod_names[i]) == 0)
            return i;
    return -1;
}

/* The host key of a key typed with these modifiers held, or -1 (the game's key). */
static int host_from_key(HotKey key, bool shift, bool ctrl, bool alt, bool gui)
{
    if (host_release) {
        for (size_t i = 0; i < sizeof(release_keys) / sizeof(release_keys[0]); i++)
            if (release_keys[i].key == key && (!release_keys[i].shift || shift))
                return release_keys[i].host;
        return -1;
    }
    bool mod = host_mod == HOST_MOD_NONE || (host_mod == HOST_MOD_CTRL && ctrl) ||
               (host_mod == HOST_MOD_ALT && alt) || (host_mod == HOST_MOD_GUI && gui);
    if (!mod)
        return -1;
    for (size_t i = 0; i < HOST_KEY_ENTRIES; i++) {
        if (host_keys[i].key == key && (!host_keys[i].shift || shift))
            return host_keys[i].host;
    }
    return -1;
}

void input_host_key_label(HostKey key, char *buf, size_t size)
{
    if (size == 0)
        return;
    buf[0] = '\0';
    if (host_release) {
        for (size_t i = 0; i < sizeof(release_keys) / sizeof(release_keys[0]); i++)
            if (release_keys[i].host == key)
                snprintf(buf, size, "%s%s", release_keys[i].shift ? "Shift+" : "",
                         input_key_label(release_keys[i].key));
        return;
    }
    for (size_t i = 0; i < HOST_KEY_ENTRIES; i++) {
        if (host_keys[i].host == key) {
            snprintf(buf, size, "%s%s%s", mod_labels[host_mod],
                     host_keys[i].shift ? "Shift+" : "", input_key_label(host_keys[i].key));
            return;
        }
    }
}

/* ---- keys ---- */

static void set_down(Input *in, HotKey key, bool down)
{
    in->down[key] = down;
    if (key == HOT_KEY_KP_ENTER)
        in->down[HOT_KEY_ENTER] = down;
    for (size_t i = 0; i < sizeof(also) / sizeof(also[0]); i++)
        if (key == also[i].a || key == also[i].b)
            in->down[also[i].either] = in->down[also[i].a] || in->down[also[i].b];
}

/* One key typed with the given modifiers: a host key (answered on the first press only,
 * not on key repeat, and never reaching the game's key state) or the game's. */
static void key_event(Input *in, HotKey key, bool down, bool repeat, bool shift, bool ctrl,
                      bool alt, bool gui)
{
    if (!key_ok(key))
        return;
    int host = down ? host_from_key(key, shift, ctrl, alt, gui) : -1;
    if (host >= 0) {
        if (!repeat)
            in->host_pressed[host] = true;
        in->host_down[host] = true;
        return;
    }
    if (!down) {
        /* Let go: whichever host key it was held as, with or without a modifier, is up;
         * a key the game never saw pressed it does not see released either. */
        for (size_t i = 0; i < HOST_KEY_ENTRIES; i++)
            if (host_keys[i].key == key)
                in->host_down[host_keys[i].host] = false;
        for (size_t i = 0; i < sizeof(release_keys) / sizeof(release_keys[0]); i++)
            if (release_keys[i].key == key)
                in->host_down[release_keys[i].host] = false;
    }
    set_down(in, key, down);
}

void input_key_event(Input *in, HotKey key, bool down)
{
    key_event(in, key, down, false, in->down[HOT_KEY_SHIFT], in->down[HOT_KEY_CTRL],
              in->down[HOT_KEY_ALT], in->down[HOT_KEY_GUI]);
}

static void handle_key(Input *in, const SDL_KeyboardEvent *k)
{
    Uint16 mod = k->keysym.mod;
    key_event(in, key_from_scancode(k->keysym.scancode), k->type == SDL_KEYDOWN,
              k->repeat != 0, (mod & KMOD_SHIFT) || in->down[HOT_KEY_SHIFT],
              (mod & KMOD_CTRL) || in->down[HOT_KEY_CTRL],
              (mod & KMOD_ALT) || in->down[HOT_KEY_ALT],
              (mod & KMOD_GUI) || in->down[HOT_KEY_GUI]);
}

void input_set_key(Input *in, HotKey key, bool down)
{
    if (key_ok(key))
        set_down(in, key, down);
}

void input_type_text(Input *in, const char *utf8)
{
    size_t n = strlen(in->text), add = strlen(utf8);
    if (n + add >= sizeof(in->text)) {
        add = sizeof(in->text) - 1 - n;
        while (add > 0 && ((unsigned char)utf8[add] & 0xC0) == 0x80)
            add--; /* not in the middle of a character */
    }
    memcpy(in->text + n, utf8, add);
    in->text[n + add] = '\0';
}

void input_wheel(Input *in, float x, float y)
{
    in->wheel_x += x;
    in->wheel_y += y;
}

void input_set_mouse(Input *in, HotMouseButton b, bool down)
{
    if (b >= 0 && b < HOT_MOUSE_COUNT)
        in->mouse[b] = down;
}

static int button_index(Uint8 button)
{
    switch (button) {
    case SDL_BUTTON_LEFT: return HOT_MOUSE_LEFT;
    case SDL_BUTTON_MIDDLE: return HOT_MOUSE_MIDDLE;
    case SDL_BUTTON_RIGHT: return HOT_MOUSE_RIGHT;
    case SDL_BUTTON_X1: return HOT_MOUSE_X1;
    case SDL_BUTTON_X2: return HOT_MOUSE_X2;
    default: return -1;
    }
}

void input_begin_frame(Input *in)
{
    memcpy(in->was_down, in->down, sizeof(in->down));
    memcpy(in->was_mouse, in->mouse, sizeof(in->mouse));
    memset(in->host_pressed, 0, sizeof(in->host_pressed));
    in->text[0] = '\0';
    in->wheel_x = in->wheel_y = 0;
    for (int p = 0; p < HOT_PAD_MAX; p++)
        memcpy(in->pad[p].was_down, in->pad[p].down, sizeof(in->pad[p].down));
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
    case SDL_TEXTINPUT:
        input_type_text(in, e->text.text);
        break;
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
    case SDL_MOUSEWHEEL: {
        /* Natural scrolling flips what the fingers did; the game wants what the page did. */
        float sign = e->wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? -1.0f : 1.0f;
        input_wheel(in, sign * e->wheel.preciseX, sign * e->wheel.preciseY);
        break;
    }
    case SDL_WINDOWEVENT:
        /* Keys let go while the window was not focused would stay down forever. */
        if (e->window.event == SDL_WINDOWEVENT_FOCUS_LOST) {
            memset(in->down, 0, sizeof(in->down));
            memset(in->mouse, 0, sizeof(in->mouse));
            memset(in->host_down, 0, sizeof(in->host_down));
        }
        break;
    default:
        gamepad_handle_event(in, e);
        break;
    }
}

void input_pump_events(Input *in)
{
    SDL_Event e;
    while (SDL_PollEvent(&e))
        input_handle_event(in, &e);
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

bool input_mouse_released(const Input *in, HotMouseButton b)
{
    return b >= 0 && b < HOT_MOUSE_COUNT && !in->mouse[b] && in->was_mouse[b];
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

HotKey input_key_from_name(const char *name)
{
    if (!name)
        return HOT_KEY_NONE;
    if (name[0] && !name[1]) {
        char c = (char)tolower((unsigned char)name[0]);
        if (c >= 'a' && c <= 'z')
            return (HotKey)(HOT_KEY_A + (c - 'a'));
        if (c >= '0' && c <= '9')
            return (HotKey)(HOT_KEY_0 + (c - '0'));
    }
    for (size_t i = 0; i < KEY_ENTRIES; i++) {
        if (strcasecmp(name, keys[i].name) == 0)
            return keys[i].key;
    }
    /* The punctuation by its character too ("-", "/"; not ",", the list separator). */
    for (size_t i = 0; i < KEY_ENTRIES; i++) {
        if (keys[i].key >= HOT_KEY_MINUS && keys[i].key <= HOT_KEY_SLASH &&
            strcmp(name, keys[i].label) == 0)
            return keys[i].key;
    }
    return HOT_KEY_NONE;
}

const char *input_key_label(HotKey key)
{
    static const char letters[] = "A\0B\0C\0D\0E\0F\0G\0H\0I\0J\0K\0L\0M\0N\0O\0P\0Q\0R\0S\0"
                                  "T\0U\0V\0W\0X\0Y\0Z\0";
    static const char digits[] = "0\0001\0002\0003\0004\0005\0006\0007\0008\0009";
    if (key >= HOT_KEY_A && key <= HOT_KEY_Z)
        return letters + 2 * (key - HOT_KEY_A);
    if (key >= HOT_KEY_0 && key <= HOT_KEY_9)
        return digits + 2 * (key - HOT_KEY_0);
    for (size_t i = 0; i < KEY_ENTRIES; i++)
        if (keys[i].key == key)
            return keys[i].label;
    return "";
}
