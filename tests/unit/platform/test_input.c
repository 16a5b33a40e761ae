/* test_input.c: key and mouse state from SDL events, host keys, and key names. */
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
        for (int k = 1; k < HOT_KEY_COUNT; k++)
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
    press(&in, SDL_SCANCODE_F11, 0);
    press(&in, SDL_SCANCODE_CAPSLOCK, 0);
    CHECK(!any_game_key_down(&in));
}

static void test_host_keys(void)
{
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
        press(&in, map[i].sc, 0);
        CHECK(!any_game_key_down(&in));
        for (int h = 0; h < HOST_KEY_COUNT; h++)
            if (h != (int)map[i].key)
                CHECK(!input_host_pressed(&in, (HostKey)h));
        CHECK(input_host_pressed(&in, map[i].key));
        CHECK(!input_host_pressed(&in, map[i].key)); /* consumed */
        /* Held down with key repeat, it does not fire again. */
        input_begin_frame(&in);
        SDL_Event rep = key_event(SDL_KEYDOWN, map[i].sc, 0, 1);
        input_handle_event(&in, &rep);
        CHECK(!input_host_pressed(&in, map[i].key));
        release(&in, map[i].sc, 0);
        CHECK(!any_game_key_down(&in));
        CHECK(!input_key_released(&in, HOT_KEY_ESCAPE));
    }

    /* A press not consumed this frame is gone the next. */
    Input in;
    memset(&in, 0, sizeof(in));
    press(&in, SDL_SCANCODE_F5, 0);
    input_begin_frame(&in);
    CHECK(!input_host_pressed(&in, HOST_KEY_SAVE));

    /* Shift+Escape quits hotrun; the game sees Shift but not the Escape. */
    memset(&in, 0, sizeof(in));
    input_begin_frame(&in);
    press(&in, SDL_SCANCODE_LSHIFT, KMOD_LSHIFT);
    press(&in, SDL_SCANCODE_ESCAPE, KMOD_LSHIFT);
    CHECK(input_key_down(&in, HOT_KEY_SHIFT));
    CHECK(!input_key_down(&in, HOT_KEY_ESCAPE));
    CHECK(input_host_pressed(&in, HOST_KEY_QUIT));
    release(&in, SDL_SCANCODE_ESCAPE, KMOD_LSHIFT);
    CHECK(!input_key_down(&in, HOT_KEY_ESCAPE));

    /* Plain Escape belongs to the game. */
    memset(&in, 0, sizeof(in));
    input_begin_frame(&in);
    press(&in, SDL_SCANCODE_ESCAPE, 0);
    CHECK(input_key_pressed(&in, HOT_KEY_ESCAPE));
    CHECK(!input_host_pressed(&in, HOST_KEY_QUIT));
    CHECK(!input_host_pressed(&in, (HostKey)-1));
    CHECK(!input_host_pressed(&in, HOST_KEY_COUNT));

    /* F12 is held to rewind: down until let go. */
    memset(&in, 0, sizeof(in));
    input_begin_frame(&in);
    press(&in, SDL_SCANCODE_F12, 0);
    CHECK(input_host_down(&in, HOST_KEY_REWIND));
    input_begin_frame(&in);
    CHECK(input_host_down(&in, HOST_KEY_REWIND));
    release(&in, SDL_SCANCODE_F12, 0);
    CHECK(!input_host_down(&in, HOST_KEY_REWIND));
    CHECK(!any_game_key_down(&in));
    /* Shift+F4 leaves a loop; F4 alone records. */
    memset(&in, 0, sizeof(in));
    input_begin_frame(&in);
    press(&in, SDL_SCANCODE_F4, KMOD_LSHIFT);
    CHECK(input_host_pressed(&in, HOST_KEY_LEAVE_LOOP));
    CHECK(!input_host_pressed(&in, HOST_KEY_RECORD));
    release(&in, SDL_SCANCODE_F4, 0);
    input_begin_frame(&in);
    press(&in, SDL_SCANCODE_F4, 0);
    CHECK(input_host_pressed(&in, HOST_KEY_RECORD));
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
    int host = 99;
    CHECK_EQ_INT(input_key_from_name("left", &host), HOT_KEY_LEFT);
    CHECK_EQ_INT(host, -1);
    CHECK_EQ_INT(input_key_from_name("RIGHT", &host), HOT_KEY_RIGHT);
    CHECK_EQ_INT(input_key_from_name("Up", &host), HOT_KEY_UP);
    CHECK_EQ_INT(input_key_from_name("down", &host), HOT_KEY_DOWN);
    CHECK_EQ_INT(input_key_from_name("space", &host), HOT_KEY_SPACE);
    CHECK_EQ_INT(input_key_from_name("Enter", &host), HOT_KEY_ENTER);
    CHECK_EQ_INT(input_key_from_name("escape", &host), HOT_KEY_ESCAPE);
    CHECK_EQ_INT(input_key_from_name("tab", &host), HOT_KEY_TAB);
    CHECK_EQ_INT(input_key_from_name("backspace", &host), HOT_KEY_BACKSPACE);
    CHECK_EQ_INT(input_key_from_name("shift", &host), HOT_KEY_SHIFT);
    CHECK_EQ_INT(input_key_from_name("ctrl", &host), HOT_KEY_CTRL);
    CHECK_EQ_INT(input_key_from_name("ALT", &host), HOT_KEY_ALT);
    CHECK_EQ_INT(host, -1);
    for (char c = 'a'; c <= 'z'; c++) {
        char name[2] = {c, 0};
        CHECK_EQ_INT(input_key_from_name(name, &host), HOT_KEY_A + (c - 'a'));
        name[0] = (char)(c - 'a' + 'A');
        CHECK_EQ_INT(input_key_from_name(name, &host), HOT_KEY_A + (c - 'a'));
    }
    for (char c = '0'; c <= '9'; c++) {
        char name[2] = {c, 0};
        CHECK_EQ_INT(input_key_from_name(name, &host), HOT_KEY_0 + (c - '0'));
    }
    const char *hosts[] = {"f1", "F2", "f3", "F5", "f9"};
    HostKey hk[] = {HOST_KEY_INSPECT, HOST_KEY_RETRY, HOST_KEY_RESTART, HOST_KEY_SAVE,
                    HOST_KEY_LOAD};
    for (int i = 0; i < 5; i++) {
        host = -7;
        CHECK_EQ_INT(input_key_from_name(hosts[i], &host), HOT_KEY_NONE);
        CHECK_EQ_INT(host, hk[i]);
    }
    /* The flow keys (F4, F6..F8, F10..F12, Shift+F4, Shift+F9) are host keys too. */
    const char *flow[] = {"f4", "shift+f4", "F6", "f7", "f8", "f10", "f11", "f12", "Shift+F9"};
    HostKey fk[] = {HOST_KEY_RECORD, HOST_KEY_LEAVE_LOOP, HOST_KEY_REPLAY_RELOAD,
                    HOST_KEY_PAUSE, HOST_KEY_STEP, HOST_KEY_SLOWER, HOST_KEY_FASTER,
                    HOST_KEY_REWIND, HOST_KEY_RESUME};
    for (int i = 0; i < 9; i++) {
        host = -7;
        CHECK_EQ_INT(input_key_from_name(flow[i], &host), HOT_KEY_NONE);
        CHECK_EQ_INT(host, fk[i]);
    }
    const char *bad[] = {"", "f13", "leftt", "-", "!", "ab", "f0", "shiftt", "shift+f5"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        host = 5;
        CHECK_EQ_INT(input_key_from_name(bad[i], &host), HOT_KEY_NONE);
        CHECK_EQ_INT(host, -1);
    }
    CHECK_EQ_INT(input_key_from_name(NULL, &host), HOT_KEY_NONE);
    CHECK_EQ_INT(input_key_from_name("a", NULL), HOT_KEY_A);
    CHECK_EQ_INT(input_key_from_name("f1", NULL), HOT_KEY_NONE);
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
    RUN(test_sdl_queue);
    fprintf(stderr, "%d checks passed\n", testlib_checks);
    return 0;
}
