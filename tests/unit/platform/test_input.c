/* test_input.c: key, mouse, wheel, text and pad state from SDL events, the host's keys
 * behind their modifier, key names. */
#include <string.h>

#include <SDL.h>

#include "platform/input.h"
#include "platform/render.h"
#include "testlib.h"

static SDL_Event key_event(Uint32 type, SDL_Scancode sc, Uint16 mod, Uint8 repeat)
{
    SDL_Event e;
    memset(&e, 0, sizeof(e));
    e.type = type;
    e.key.type = type;
    e.key.state = type == SDL_KEYDOWN ? SDL_PRESSED : SDL_RELEASED;
    e.key.repeat = repeat;
    e.key.keysym.scancode = sc;
    e.key.keysym.sym = SDL_GetKeyFromScancode(sc);
    e.key.keysym.mod = mod;
    return e;
}

static void press(Input *in, SDL_Scancode sc, Uint16 mod)
{
    SDL_Event e = key_event(SDL_KEYDOWN, sc, mod, 0);
    input_handle_event(in, &e);
}

static void release(Input *in, SDL_Scancode sc, Uint16 mod)
{
    SDL_Event e = key_event(SDL_KEYUP, sc, mod, 0);
    input_handle_event(in, &e);
}

static bool any_game_key_down(const Input *in)
{
    for (int k = HOT_KEY_NONE + 1; k < HOT_KEY_COUNT; k++)
        if (input_key_down(in, (HotKey)k))
            return true;
    return false;
}

static void test_press_hold_release(void)
{
    Input in;
    memset(&in, 0, sizeof(in));
    input_begin_frame(&in);
    press(&in, SDL_SCANCODE_A, 0);
    CHECK(input_key_pressed(&in, HOT_KEY_A));
    CHECK(input_key_down(&in, HOT_KEY_A));
    CHECK(!input_key_released(&in, HOT_KEY_A));
    CHECK(!input_key_down(&in, HOT_KEY_B));

    input_begin_frame(&in); /* held: down, no longer pressed */
    SDL_Event rep = key_event(SDL_KEYDOWN, SDL_SCANCODE_A, 0, 1);
    input_handle_event(&in, &rep);
    CHECK(input_key_down(&in, HOT_KEY_A));
    CHECK(!input_key_pressed(&in, HOT_KEY_A));

    input_begin_frame(&in);
    release(&in, SDL_SCANCODE_A, 0);
    CHECK(!input_key_down(&in, HOT_KEY_A));
    CHECK(input_key_released(&in, HOT_KEY_A));
    CHECK(!input_key_pressed(&in, HOT_KEY_A));

    input_begin_frame(&in);
    CHECK(!input_key_released(&in, HOT_KEY_A));

    /* Pressed and released within one frame: down is gone, but so was the press. */
    input_begin_frame(&in);
    press(&in, SDL_SCANCODE_SPACE, 0);
    release(&in, SDL_SCANCODE_SPACE, 0);
    CHECK(!input_key_down(&in, HOT_KEY_SPACE));

    /* Out-of-range keys are never down. */
    CHECK(!input_key_down(&in, HOT_KEY_NONE));
    CHECK(!input_key_down(&in, HOT_KEY_COUNT));
    CHECK(!input_key_pressed(&in, (HotKey)-3));
}

static void test_key_mapping(void)
{
    struct {
        SDL_Scancode sc;
        HotKey key;
    } map[] = {
        {SDL_SCANCODE_LEFT, HOT_KEY_LEFT},
        {SDL_SCANCODE_RIGHT, HOT_KEY_RIGHT},
        {SDL_SCANCODE_UP, HOT_KEY_UP},
        {SDL_SCANCODE_DOWN, HOT_KEY_DOWN},
        {SDL_SCANCODE_W, HOT_KEY_W},
        {SDL_SCANCODE_A, HOT_KEY_A},
        {SDL_SCANCODE_S, HOT_KEY_S},
        {SDL_SCANCODE_D, HOT_KEY_D},
        {SDL_SCANCODE_Z, HOT_KEY_Z},
        {SDL_SCANCODE_0, HOT_KEY_0},
        {SDL_SCANCODE_1, HOT_KEY_1},
        {SDL_SCANCODE_9, HOT_KEY_9},
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
    };
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
        Input in;
        memset(&in, 0, sizeof(in));
        press(&in, map[i].sc, 0);
        CHECK(input_key_down(&in, map[i].key));
        /* (the keys by side are test_whole_keyboard's) */
        for (int k = 1; k <= HOT_KEY_9; k++)
            if (k != (int)map[i].key)
                CHECK(!input_key_down(&in, (HotKey)k));
    }
    /* Every letter maps to its own key. */
    for (int i = 0; i < 26; i++) {
        Input in;
        memset(&in, 0, sizeof(in));
        press(&in, (SDL_Scancode)(SDL_SCANCODE_A + i), 0);
        CHECK(input_key_down(&in, (HotKey)(HOT_KEY_A + i)));
    }
    /* Keys the game has no name for are ignored. */
    Input in;
    memset(&in, 0, sizeof(in));
    press(&in, SDL_SCANCODE_AC_BOOKMARKS, 0);
    press(&in, SDL_SCANCODE_UNKNOWN, 0);
    CHECK(!any_game_key_down(&in));
}

/* The whole keyboard: F-keys, punctuation, the keypad, modifiers by side; keys that stand
 * for two (Shift, Enter) are down with either. */
static void test_whole_keyboard(void)
{
    struct {
        SDL_Scancode sc;
        HotKey key, also;
    } map[] = {
        {SDL_SCANCODE_F1, HOT_KEY_F1, 0},       {SDL_SCANCODE_F12, HOT_KEY_F12, 0},
        {SDL_SCANCODE_F24, HOT_KEY_F24, 0},     {SDL_SCANCODE_MINUS, HOT_KEY_MINUS, 0},
        {SDL_SCANCODE_SLASH, HOT_KEY_SLASH, 0}, {SDL_SCANCODE_GRAVE, HOT_KEY_GRAVE, 0},
        {SDL_SCANCODE_COMMA, HOT_KEY_COMMA, 0}, {SDL_SCANCODE_KP_7, HOT_KEY_KP_7, 0},
        {SDL_SCANCODE_KP_PLUS, HOT_KEY_KP_PLUS, 0},
        {SDL_SCANCODE_KP_ENTER, HOT_KEY_KP_ENTER, HOT_KEY_ENTER},
        {SDL_SCANCODE_PAGEUP, HOT_KEY_PAGE_UP, 0}, {SDL_SCANCODE_DELETE, HOT_KEY_DELETE, 0},
        {SDL_SCANCODE_CAPSLOCK, HOT_KEY_CAPS_LOCK, 0},
        {SDL_SCANCODE_LSHIFT, HOT_KEY_LEFT_SHIFT, HOT_KEY_SHIFT},
        {SDL_SCANCODE_RSHIFT, HOT_KEY_RIGHT_SHIFT, HOT_KEY_SHIFT},
        {SDL_SCANCODE_RCTRL, HOT_KEY_RIGHT_CTRL, HOT_KEY_CTRL},
        {SDL_SCANCODE_LALT, HOT_KEY_LEFT_ALT, HOT_KEY_ALT},
        {SDL_SCANCODE_RGUI, HOT_KEY_RIGHT_GUI, HOT_KEY_GUI},
    };
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
        Input in;
        memset(&in, 0, sizeof(in));
        input_begin_frame(&in);
        press(&in, map[i].sc, 0);
        CHECK(input_key_pressed(&in, map[i].key));
        for (int k = 1; k < HOT_KEY_COUNT; k++)
            if (k != (int)map[i].key && k != (int)map[i].also)
                CHECK(!input_key_down(&in, (HotKey)k));
        if (map[i].also)
            CHECK(input_key_down(&in, map[i].also));
        input_begin_frame(&in);
        release(&in, map[i].sc, 0);
        CHECK(input_key_released(&in, map[i].key));
        CHECK(!any_game_key_down(&in));
    }
    /* Both Shifts down, one let go: Shift is still down. */
    Input in;
    memset(&in, 0, sizeof(in));
    press(&in, SDL_SCANCODE_LSHIFT, 0);
    press(&in, SDL_SCANCODE_RSHIFT, 0);
    release(&in, SDL_SCANCODE_LSHIFT, 0);
    CHECK(input_key_down(&in, HOT_KEY_SHIFT) && input_key_down(&in, HOT_KEY_RIGHT_SHIFT));
    /* The values of the first keys never move: images and recordings store them. */
    CHECK_EQ_INT(HOT_KEY_LEFT, 1);
    CHECK_EQ_INT(HOT_KEY_A, 13);
    CHECK_EQ_INT(HOT_KEY_9, 48);
    CHECK_EQ_INT(HOT_KEY_F1, 49);
    CHECK_EQ_STR(input_key_label(HOT_KEY_F5), "F5");
    CHECK_EQ_STR(input_key_label(HOT_KEY_Q), "Q");
    CHECK_EQ_STR(input_key_label(HOT_KEY_7), "7");
    CHECK_EQ_STR(input_key_label(HOT_KEY_LEFT_SHIFT), "Left Shift");
    CHECK_EQ_STR(input_key_label(HOT_KEY_NONE), "");
    CHECK_EQ_STR(input_key_label(HOT_KEY_COUNT), "");
    for (int k = 1; k < HOT_KEY_COUNT; k++)
        CHECK(input_key_label((HotKey)k)[0] != '\0'); /* every key has a name */
}

static void test_host_keys(void)
{
    input_set_host_keys(HOST_MOD_CTRL, false);
    struct {
        SDL_Scancode sc;
        HostKey key;
    } map[] = {
        {SDL_SCANCODE_F1, HOST_KEY_INSPECT}, {SDL_SCANCODE_F2, HOST_KEY_RETRY},
        {SDL_SCANCODE_F3, HOST_KEY_RESTART}, {SDL_SCANCODE_F5, HOST_KEY_SAVE},
        {SDL_SCANCODE_F9, HOST_KEY_LOAD},
    };
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
        Input in;
        memset(&in, 0, sizeof(in));
        input_begin_frame(&in);
        press(&in, SDL_SCANCODE_LCTRL, KMOD_LCTRL);
        press(&in, map[i].sc, KMOD_LCTRL);
        CHECK(input_key_down(&in, HOT_KEY_CTRL));
        CHECK(!input_key_down(&in, (HotKey)(HOT_KEY_F1 + (map[i].sc - SDL_SCANCODE_F1))));
        for (int h = 0; h < HOST_KEY_COUNT; h++)
            if (h != (int)map[i].key)
                CHECK(!input_host_pressed(&in, (HostKey)h));
        CHECK(input_host_pressed(&in, map[i].key));
        CHECK(!input_host_pressed(&in, map[i].key)); /* consumed */
        /* Held down with key repeat, it does not fire again. */
        input_begin_frame(&in);
        SDL_Event rep = key_event(SDL_KEYDOWN, map[i].sc, KMOD_LCTRL, 1);
        input_handle_event(&in, &rep);
        CHECK(!input_host_pressed(&in, map[i].key));
        release(&in, map[i].sc, KMOD_LCTRL);
        release(&in, SDL_SCANCODE_LCTRL, 0);
        CHECK(!any_game_key_down(&in));
        /* Without Ctrl, the F-key is the game's. */
        input_begin_frame(&in);
        press(&in, map[i].sc, 0);
        CHECK(!input_host_pressed(&in, map[i].key));
        CHECK(input_key_pressed(&in, (HotKey)(HOT_KEY_F1 + (map[i].sc - SDL_SCANCODE_F1))));
    }

    /* A press not consumed this frame is gone the next. */
    Input in;
    memset(&in, 0, sizeof(in));
    press(&in, SDL_SCANCODE_F5, KMOD_RCTRL);
    input_begin_frame(&in);
    CHECK(!input_host_pressed(&in, HOST_KEY_SAVE));

    /* Ctrl+Shift+Escape quits hotrun; the game sees Ctrl and Shift but not the Escape. */
    memset(&in, 0, sizeof(in));
    input_begin_frame(&in);
    press(&in, SDL_SCANCODE_LCTRL, KMOD_LCTRL);
    press(&in, SDL_SCANCODE_LSHIFT, KMOD_LSHIFT | KMOD_LCTRL);
    press(&in, SDL_SCANCODE_ESCAPE, KMOD_LSHIFT | KMOD_LCTRL);
    CHECK(input_key_down(&in, HOT_KEY_SHIFT));
    CHECK(!input_key_down(&in, HOT_KEY_ESCAPE));
    CHECK(input_host_pressed(&in, HOST_KEY_QUIT));
    input_begin_frame(&in);
    release(&in, SDL_SCANCODE_ESCAPE, KMOD_LSHIFT);
    CHECK(!input_key_down(&in, HOT_KEY_ESCAPE));
    CHECK(!input_key_released(&in, HOT_KEY_ESCAPE));

    /* Plain Escape, and Shift+Escape without Ctrl, belong to the game. */
    memset(&in, 0, sizeof(in));
    input_begin_frame(&in);
    press(&in, SDL_SCANCODE_ESCAPE, 0);
    CHECK(input_key_pressed(&in, HOT_KEY_ESCAPE));
    CHECK(!input_host_pressed(&in, HOST_KEY_QUIT));
    CHECK(!input_host_pressed(&in, (HostKey)-1));
    CHECK(!input_host_pressed(&in, HOST_KEY_COUNT));
    memset(&in, 0, sizeof(in));
    press(&in, SDL_SCANCODE_ESCAPE, KMOD_LSHIFT);
    CHECK(!input_host_pressed(&in, HOST_KEY_QUIT));

    /* Ctrl+F12 is held to rewind: down until let go (Ctrl may go first). */
    memset(&in, 0, sizeof(in));
    input_begin_frame(&in);
    press(&in, SDL_SCANCODE_F12, KMOD_LCTRL);
    CHECK(input_host_down(&in, HOST_KEY_REWIND));
    input_begin_frame(&in);
    CHECK(input_host_down(&in, HOST_KEY_REWIND));
    release(&in, SDL_SCANCODE_F12, 0);
    CHECK(!input_host_down(&in, HOST_KEY_REWIND));
    CHECK(!any_game_key_down(&in));
    /* Ctrl+Shift+F4 leaves a loop; Ctrl+F4 records. */
    memset(&in, 0, sizeof(in));
    input_begin_frame(&in);
    press(&in, SDL_SCANCODE_F4, KMOD_LSHIFT | KMOD_LCTRL);
    CHECK(input_host_pressed(&in, HOST_KEY_LEAVE_LOOP));
    CHECK(!input_host_pressed(&in, HOST_KEY_RECORD));
    release(&in, SDL_SCANCODE_F4, 0);
    input_begin_frame(&in);
    press(&in, SDL_SCANCODE_F4, KMOD_LCTRL);
    CHECK(input_host_pressed(&in, HOST_KEY_RECORD));

    /* Labels show the modifier. */
    char label[32];
    input_host_key_label(HOST_KEY_SAVE, label, sizeof(label));
    CHECK_EQ_STR(label, "Ctrl+F5");
    input_host_key_label(HOST_KEY_HELP, label, sizeof(label));
    CHECK_EQ_STR(label, "Ctrl+Shift+F1");
    input_host_key_label(HOST_KEY_QUIT, label, sizeof(label));
    CHECK_EQ_STR(label, "Ctrl+Shift+Escape");

    /* --host-keys alt: Alt+F5; Ctrl+F5 is the game's. */
    input_set_host_keys(HOST_MOD_ALT, false);
    memset(&in, 0, sizeof(in));
    press(&in, SDL_SCANCODE_F5, KMOD_LCTRL);
    CHECK(!input_host_pressed(&in, HOST_KEY_SAVE) && input_key_down(&in, HOT_KEY_F5));
    press(&in, SDL_SCANCODE_F9, KMOD_LALT);
    CHECK(input_host_pressed(&in, HOST_KEY_LOAD) && !input_key_down(&in, HOT_KEY_F9));
    input_host_key_label(HOST_KEY_LOAD, label, sizeof(label));
    CHECK_EQ_STR(label, "Alt+F9");

    /* --host-keys none: plain F-keys, as before; Shift+F1 help, Shift+Escape quits. */
    input_set_host_keys(HOST_MOD_NONE, false);
    memset(&in, 0, sizeof(in));
    press(&in, SDL_SCANCODE_F5, 0);
    CHECK(input_host_pressed(&in, HOST_KEY_SAVE) && !input_key_down(&in, HOT_KEY_F5));
    press(&in, SDL_SCANCODE_F1, KMOD_LSHIFT);
    CHECK(input_host_pressed(&in, HOST_KEY_HELP) && !input_host_pressed(&in, HOST_KEY_INSPECT));
    input_host_key_label(HOST_KEY_HELP, label, sizeof(label));
    CHECK_EQ_STR(label, "Shift+F1");

    /* A release build: Shift+Escape and F11 only; F5 is the game's. */
    input_set_host_keys(HOST_MOD_CTRL, true);
    memset(&in, 0, sizeof(in));
    press(&in, SDL_SCANCODE_F5, KMOD_LCTRL);
    CHECK(!input_host_pressed(&in, HOST_KEY_SAVE) && input_key_down(&in, HOT_KEY_F5));
    press(&in, SDL_SCANCODE_F11, 0);
    CHECK(input_host_pressed(&in, HOST_KEY_FULLSCREEN));
    press(&in, SDL_SCANCODE_ESCAPE, KMOD_LSHIFT);
    CHECK(input_host_pressed(&in, HOST_KEY_QUIT));
    input_set_host_keys(HOST_MOD_CTRL, false);

    CHECK_EQ_INT(input_host_mod_from_name("ctrl"), HOST_MOD_CTRL);
    CHECK_EQ_INT(input_host_mod_from_name("Alt"), HOST_MOD_ALT);
    CHECK_EQ_INT(input_host_mod_from_name("super"), HOST_MOD_GUI);
    CHECK_EQ_INT(input_host_mod_from_name("none"), HOST_MOD_NONE);
    CHECK_EQ_INT(input_host_mod_from_name("shift"), -1);
    CHECK_EQ_INT(input_host_mod_from_name(NULL), -1);
}

static void test_mouse_and_quit(void)
{
    Input in;
    memset(&in, 0, sizeof(in));
    input_begin_frame(&in);
    SDL_Event e;
    memset(&e, 0, sizeof(e));
    e.type = SDL_MOUSEMOTION;
    e.motion.x = 123;
    e.motion.y = 456;
    input_handle_event(&in, &e);
    CHECK(in.mouse_x == 123 && in.mouse_y == 456);

    memset(&e, 0, sizeof(e));
    e.type = SDL_MOUSEBUTTONDOWN;
    e.button.button = SDL_BUTTON_RIGHT;
    e.button.x = 10;
    e.button.y = 20;
    input_handle_event(&in, &e);
    CHECK(input_mouse_down(&in, HOT_MOUSE_RIGHT));
    CHECK(input_mouse_pressed(&in, HOT_MOUSE_RIGHT));
    CHECK(!input_mouse_down(&in, HOT_MOUSE_LEFT));
    CHECK(in.mouse_x == 10 && in.mouse_y == 20);
    input_begin_frame(&in);
    CHECK(input_mouse_down(&in, HOT_MOUSE_RIGHT));
    CHECK(!input_mouse_pressed(&in, HOT_MOUSE_RIGHT));
    e.type = SDL_MOUSEBUTTONUP;
    input_handle_event(&in, &e);
    CHECK(!input_mouse_down(&in, HOT_MOUSE_RIGHT));
    CHECK(!input_mouse_down(&in, HOT_MOUSE_COUNT));
    CHECK(!input_mouse_pressed(&in, (HotMouseButton)-1));

    e.button.button = SDL_BUTTON_MIDDLE;
    e.type = SDL_MOUSEBUTTONDOWN;
    input_handle_event(&in, &e);
    CHECK(input_mouse_down(&in, HOT_MOUSE_MIDDLE));

    /* Losing focus lets go of everything (the key-ups went to another window). */
    press(&in, SDL_SCANCODE_D, 0);
    memset(&e, 0, sizeof(e));
    e.type = SDL_WINDOWEVENT;
    e.window.event = SDL_WINDOWEVENT_FOCUS_LOST;
    input_handle_event(&in, &e);
    CHECK(!any_game_key_down(&in));
    CHECK(!input_mouse_down(&in, HOT_MOUSE_MIDDLE));

    CHECK(!in.quit);
    memset(&e, 0, sizeof(e));
    e.type = SDL_QUIT;
    input_handle_event(&in, &e);
    CHECK(in.quit);
}

static void test_set_key(void)
{
    Input in;
    memset(&in, 0, sizeof(in));
    input_begin_frame(&in);
    input_set_key(&in, HOT_KEY_RIGHT, true);
    CHECK(input_key_pressed(&in, HOT_KEY_RIGHT));
    input_begin_frame(&in);
    CHECK(input_key_down(&in, HOT_KEY_RIGHT) && !input_key_pressed(&in, HOT_KEY_RIGHT));
    input_set_key(&in, HOT_KEY_RIGHT, false);
    CHECK(input_key_released(&in, HOT_KEY_RIGHT));
    input_set_key(&in, HOT_KEY_NONE, true);
    input_set_key(&in, HOT_KEY_COUNT, true);
    CHECK(!any_game_key_down(&in));
}

static void test_key_names(void)
{
    CHECK_EQ_INT(input_key_from_name("left"), HOT_KEY_LEFT);
    CHECK_EQ_INT(input_key_from_name("RIGHT"), HOT_KEY_RIGHT);
    CHECK_EQ_INT(input_key_from_name("Up"), HOT_KEY_UP);
    CHECK_EQ_INT(input_key_from_name("down"), HOT_KEY_DOWN);
    CHECK_EQ_INT(input_key_from_name("space"), HOT_KEY_SPACE);
    CHECK_EQ_INT(input_key_from_name("Enter"), HOT_KEY_ENTER);
    CHECK_EQ_INT(input_key_from_name("escape"), HOT_KEY_ESCAPE);
    CHECK_EQ_INT(input_key_from_name("tab"), HOT_KEY_TAB);
    CHECK_EQ_INT(input_key_from_name("backspace"), HOT_KEY_BACKSPACE);
    CHECK_EQ_INT(input_key_from_name("shift"), HOT_KEY_SHIFT);
    CHECK_EQ_INT(input_key_from_name("ctrl"), HOT_KEY_CTRL);
    CHECK_EQ_INT(input_key_from_name("ALT"), HOT_KEY_ALT);
    for (char c = 'a'; c <= 'z'; c++) {
        char name[2] = {c, 0};
        CHECK_EQ_INT(input_key_from_name(name), HOT_KEY_A + (c - 'a'));
        name[0] = (char)(c - 'a' + 'A');
        CHECK_EQ_INT(input_key_from_name(name), HOT_KEY_A + (c - 'a'));
    }
    for (char c = '0'; c <= '9'; c++) {
        char name[2] = {c, 0};
        CHECK_EQ_INT(input_key_from_name(name), HOT_KEY_0 + (c - '0'));
    }
    CHECK_EQ_INT(input_key_from_name("f1"), HOT_KEY_F1);
    CHECK_EQ_INT(input_key_from_name("F12"), HOT_KEY_F12);
    CHECK_EQ_INT(input_key_from_name("f13"), HOT_KEY_F13);
    CHECK_EQ_INT(input_key_from_name("kp_7"), HOT_KEY_KP_7);
    CHECK_EQ_INT(input_key_from_name("kp_enter"), HOT_KEY_KP_ENTER);
    CHECK_EQ_INT(input_key_from_name("lshift"), HOT_KEY_LEFT_SHIFT);
    CHECK_EQ_INT(input_key_from_name("rctrl"), HOT_KEY_RIGHT_CTRL);
    CHECK_EQ_INT(input_key_from_name("comma"), HOT_KEY_COMMA);
    CHECK_EQ_INT(input_key_from_name("-"), HOT_KEY_MINUS);
    CHECK_EQ_INT(input_key_from_name("/"), HOT_KEY_SLASH);
    CHECK_EQ_INT(input_key_from_name("pageup"), HOT_KEY_PAGE_UP);
    const char *bad[] = {"", "f25", "leftt", "!", "ab", "f0", "shiftt", "shift+f5"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        CHECK_EQ_INT(input_key_from_name(bad[i]), HOT_KEY_NONE);
    CHECK_EQ_INT(input_key_from_name(NULL), HOT_KEY_NONE);
}

/* Mouse release, the wheel and text typed. */
static void test_wheel_text_release(void)
{
    Input in;
    memset(&in, 0, sizeof(in));
    input_begin_frame(&in);
    SDL_Event e;
    memset(&e, 0, sizeof(e));
    e.type = SDL_MOUSEWHEEL;
    e.wheel.y = 1;
    e.wheel.preciseY = 1;
    input_handle_event(&in, &e);
    input_handle_event(&in, &e);
    e.wheel.direction = SDL_MOUSEWHEEL_FLIPPED; /* natural scrolling: what the page did */
    e.wheel.preciseY = -1;
    e.wheel.preciseX = 0.5f;
    input_handle_event(&in, &e);
    CHECK(in.wheel_y == 3 && in.wheel_x == -0.5f);
    input_begin_frame(&in);
    CHECK(in.wheel_y == 0 && in.wheel_x == 0);

    memset(&e, 0, sizeof(e));
    e.type = SDL_TEXTINPUT;
    snprintf(e.text.text, sizeof(e.text.text), "%s", "Zoë");
    input_handle_event(&in, &e);
    snprintf(e.text.text, sizeof(e.text.text), "%s", "!");
    input_handle_event(&in, &e);
    CHECK_EQ_STR(in.text, "Zoë!");
    input_begin_frame(&in);
    CHECK_EQ_STR(in.text, "");
    /* Too much for one frame: cut at a character, never inside one. */
    for (int i = 0; i < 40; i++)
        input_type_text(&in, "é");
    CHECK(strlen(in.text) == sizeof(in.text) - 2);
    CHECK((unsigned char)in.text[strlen(in.text) - 1] == 0xA9);

    memset(&e, 0, sizeof(e));
    e.type = SDL_MOUSEBUTTONDOWN;
    e.button.button = SDL_BUTTON_X1;
    input_handle_event(&in, &e);
    CHECK(input_mouse_pressed(&in, HOT_MOUSE_X1));
    input_begin_frame(&in);
    CHECK(!input_mouse_released(&in, HOT_MOUSE_X1));
    e.type = SDL_MOUSEBUTTONUP;
    input_handle_event(&in, &e);
    CHECK(input_mouse_released(&in, HOT_MOUSE_X1));
    input_begin_frame(&in);
    CHECK(!input_mouse_released(&in, HOT_MOUSE_X1));
    CHECK(!input_mouse_released(&in, HOT_MOUSE_COUNT));
}

/* Pads: buttons pressed and let go, axes past the dead zone (radial for a stick), any pad,
 * names. */
static void test_pads(void)
{
    Input in;
    memset(&in, 0, sizeof(in));
    CHECK(!input_pad_connected(&in, 0) && !input_pad_connected(&in, HOT_PAD_ANY));
    in.pad[1].connected = true;
    input_begin_frame(&in);
    in.pad[1].down[HOT_PAD_A] = true;
    CHECK(input_pad_pressed(&in, 1, HOT_PAD_A) && input_pad_down(&in, 1, HOT_PAD_A));
    CHECK(input_pad_pressed(&in, HOT_PAD_ANY, HOT_PAD_A));
    CHECK(!input_pad_down(&in, 0, HOT_PAD_A));
    CHECK(!input_pad_down(&in, 7, HOT_PAD_A) && !input_pad_down(&in, 1, HOT_PAD_BUTTON_COUNT));
    input_begin_frame(&in);
    CHECK(input_pad_down(&in, 1, HOT_PAD_A) && !input_pad_pressed(&in, 1, HOT_PAD_A));
    in.pad[1].down[HOT_PAD_A] = false;
    CHECK(input_pad_released(&in, 1, HOT_PAD_A) && input_pad_released(&in, HOT_PAD_ANY, HOT_PAD_A));

    /* A stick inside the dead zone reads 0; past it, from 0 up to 1 at full tilt. */
    in.pad[1].axis[HOT_PAD_LEFT_X] = 3000;
    CHECK(input_pad_axis(&in, 1, HOT_PAD_LEFT_X, 0.2f) == 0);
    in.pad[1].axis[HOT_PAD_LEFT_X] = 32767;
    CHECK(input_pad_axis(&in, 1, HOT_PAD_LEFT_X, 0.2f) == 1);
    in.pad[1].axis[HOT_PAD_LEFT_X] = -32768;
    CHECK(input_pad_axis(&in, 1, HOT_PAD_LEFT_X, 0.2f) == -1);
    in.pad[1].axis[HOT_PAD_LEFT_X] = (int16_t)(0.6f * 32767);
    float v = input_pad_axis(&in, 1, HOT_PAD_LEFT_X, 0.2f);
    CHECK(v > 0.49f && v < 0.51f); /* (0.6 - 0.2) / 0.8 */
    CHECK(input_pad_axis(&in, 1, HOT_PAD_LEFT_Y, 0.2f) == 0);
    /* Radial: a small push on each axis that is past the zone together. */
    in.pad[1].axis[HOT_PAD_LEFT_X] = (int16_t)(0.18f * 32767);
    in.pad[1].axis[HOT_PAD_LEFT_Y] = (int16_t)(0.18f * 32767);
    CHECK(input_pad_axis(&in, 1, HOT_PAD_LEFT_X, 0.2f) > 0);
    CHECK(input_pad_axis(&in, 1, HOT_PAD_LEFT_Y, 0.2f) > 0);
    CHECK(input_pad_axis(&in, 1, HOT_PAD_RIGHT_X, 0.2f) == 0);
    in.pad[1].axis[HOT_PAD_TRIGGER_RIGHT] = 32767;
    CHECK(input_pad_axis(&in, 1, HOT_PAD_TRIGGER_RIGHT, 0.2f) == 1);
    in.pad[1].axis[HOT_PAD_TRIGGER_RIGHT] = 5000;
    CHECK(input_pad_axis(&in, 1, HOT_PAD_TRIGGER_RIGHT, 0.2f) == 0);
    CHECK(input_pad_axis(&in, 1, HOT_PAD_TRIGGER_RIGHT, 0) > 0.15f);
    /* Any pad: the one pushed furthest. A pad that is not connected reads nothing. */
    in.pad[0].connected = true;
    in.pad[0].axis[HOT_PAD_LEFT_X] = -32767;
    CHECK(input_pad_axis(&in, HOT_PAD_ANY, HOT_PAD_LEFT_X, 0.2f) == -1);
    in.pad[0].connected = false;
    CHECK(input_pad_axis(&in, 0, HOT_PAD_LEFT_X, 0.2f) == 0);
    CHECK(input_pad_axis(&in, 1, HOT_PAD_AXIS_COUNT, 0.2f) == 0);

    CHECK_EQ_INT(input_pad_button_from_name("a"), HOT_PAD_A);
    CHECK_EQ_INT(input_pad_button_from_name("Start"), HOT_PAD_START);
    CHECK_EQ_INT(input_pad_button_from_name("dpleft"), HOT_PAD_DPAD_LEFT);
    CHECK_EQ_INT(input_pad_button_from_name("leftx"), -1);
    CHECK_EQ_INT(input_pad_axis_from_name("leftx"), HOT_PAD_LEFT_X);
    CHECK_EQ_INT(input_pad_axis_from_name("righttrigger"), HOT_PAD_TRIGGER_RIGHT);
    CHECK_EQ_INT(input_pad_axis_from_name("a"), -1);
}

/* Events through SDL's own queue, with a real window: mouse positions arrive in logical
 * pixels even when the window is scaled. */
static void test_sdl_queue(void)
{
    char err[256];
    RenderConfig cfg = {.title = "test_input", .headless = true};
    Render *r = render_create(&cfg, err, sizeof(err));
    CHECK(r != NULL);
    SDL_Window *w = render_window(r);
    Uint32 id = SDL_GetWindowID(w);
    SDL_SetWindowSize(w, 2 * RENDER_WIDTH, 2 * RENDER_HEIGHT);
    SDL_PumpEvents();
    int ww = 0, wh = 0;
    SDL_GetWindowSize(w, &ww, &wh);
    bool scaled = ww == 2 * RENDER_WIDTH;
    SDL_Event e;
    while (SDL_PollEvent(&e)) {
    }

    Input in;
    memset(&in, 0, sizeof(in));
    input_begin_frame(&in);
    SDL_Event k = key_event(SDL_KEYDOWN, SDL_SCANCODE_W, 0, 0);
    k.key.windowID = id;
    CHECK(SDL_PushEvent(&k) == 1);
    SDL_Event m;
    memset(&m, 0, sizeof(m));
    m.type = SDL_MOUSEMOTION;
    m.motion.windowID = id;
    m.motion.x = 400;
    m.motion.y = 300;
    CHECK(SDL_PushEvent(&m) == 1);
    SDL_Event q;
    memset(&q, 0, sizeof(q));
    q.type = SDL_QUIT;
    CHECK(SDL_PushEvent(&q) == 1);
    while (SDL_PollEvent(&e))
        input_handle_event(&in, &e);
    CHECK(input_key_pressed(&in, HOT_KEY_W));
    CHECK(in.quit);
    if (scaled) {
        CHECK(in.mouse_x == 200 && in.mouse_y == 150);
    } else {
        fprintf(stderr, "(this video driver does not resize windows; scaling skipped)\n");
        CHECK(in.mouse_x == 400 && in.mouse_y == 300);
    }
    render_destroy(r);
}

int main(void)
{
    RUN(test_press_hold_release);
    RUN(test_key_mapping);
    RUN(test_host_keys);
    RUN(test_mouse_and_quit);
    RUN(test_set_key);
    RUN(test_key_names);
    RUN(test_whole_keyboard);
    RUN(test_wheel_text_release);
    RUN(test_pads);
    RUN(test_sdl_queue);
    fprintf(stderr, "%d checks passed\n", testlib_checks);
    return 0;
}
