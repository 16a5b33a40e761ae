/* input.h: keyboard, mouse, wheel, text and gamepad state per frame, from SDL events or
 * injected presses; the host's own keys. */
#ifndef HOTRUN_INPUT_H
#define HOTRUN_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hot.h"

/* Keys the host itself answers to (they never reach the game). platform/input.c maps
 * physical keys to them; core/hostkeys.c says what each does. Each is its key below held
 * with the host modifier (HostMod: Ctrl unless --host-keys says otherwise), so Ctrl+F5
 * quicksaves and plain F5 is the game's. */
typedef enum HostKey {
    HOST_KEY_INSPECT = 0, /* F1: toggle the state inspector */
    HOST_KEY_RETRY,       /* F2: after a fault, run the current code again */
    HOST_KEY_RESTART,     /* F3: after a fault, start over from defaults */
    HOST_KEY_SAVE,        /* F5: quicksave */
    HOST_KEY_LOAD,        /* F9: quickload */
    HOST_KEY_QUIT,        /* Escape with Shift: quit hotrun */
    HOST_KEY_RECORD,      /* F4: start recording; again: close the loop and play it */
    HOST_KEY_LEAVE_LOOP,  /* Shift+F4: leave the loop where it is */
    HOST_KEY_REPLAY_RELOAD, /* F6: replay on reload on/off */
    HOST_KEY_PAUSE,       /* F7: pause / play */
    HOST_KEY_STEP,        /* F8: one frame while paused */
    HOST_KEY_SLOWER,      /* F10: half speed, quarter, back to normal */
    HOST_KEY_FASTER,      /* F11: double speed, four times, back to normal */
    HOST_KEY_REWIND,      /* F12, held: rewind; let go to play on from there */
    HOST_KEY_RESUME,      /* Shift+F9: continue the session that ended without an exit */
    HOST_KEY_HELP,        /* Shift+F1: the help overlay (these keys, frame times, reload) */
    HOST_KEY_FULLSCREEN,  /* Shift+F11 (F11 in a release): fullscreen on/off */
    HOST_KEY_COUNT
} HostKey;

/* Which modifier the host's keys sit behind (--host-keys): with HOST_MOD_CTRL, quicksave
 * is Ctrl+F5 and plain F5 is the game's. HOST_MOD_NONE: plain F-keys, as before. */
typedef enum HostMod {
    HOST_MOD_CTRL = 0,
    HOST_MOD_ALT,
    HOST_MOD_GUI,
    HOST_MOD_NONE,
} HostMod;

/* One gamepad as the game sees it. Axes are kept as SDL reports them (-32768..32767,
 * triggers 0..32767): the dead zone is applied when the game reads them. */
typedef struct PadInput {
    bool connected;
    bool down[HOT_PAD_BUTTON_COUNT], was_down[HOT_PAD_BUTTON_COUNT];
    int16_t axis[HOT_PAD_AXIS_COUNT];
    char name[48];
} PadInput;

/* Everything a frame reads from the keyboard, mouse and gamepads. A recording keeps it
 * whole, as a diff from the frame before (core/record.c): a field added here is recorded
 * and replayed without more code. */
typedef struct Input {
    bool down[HOT_KEY_COUNT], was_down[HOT_KEY_COUNT];
    bool mouse[HOT_MOUSE_COUNT], was_mouse[HOT_MOUSE_COUNT];
    bool host_pressed[HOST_KEY_COUNT];
    bool host_down[HOST_KEY_COUNT]; /* held now (F12 rewinds while held) */
    float mouse_x, mouse_y;
    float wheel_x, wheel_y; /* turned this frame; y > 0: away from the user */
    char text[64];          /* UTF-8 typed this frame (SDL text input events) */
    PadInput pad[HOT_PAD_MAX];
    bool quit;              /* window closed */
} Input;

/* Starts a frame: what was down becomes what was down last frame. */
void input_begin_frame(Input *in);
/* Feeds one SDL event (an SDL_Event, passed as void to keep SDL out of this header). */
void input_handle_event(Input *in, const void *sdl_event);
/* Feeds every SDL event waiting in the queue (the frame loop's event pump). */
void input_pump_events(Input *in);
/* Sets a key's game state directly (no host keys, no modifiers). */
void input_set_key(Input *in, HotKey key, bool down);
/* A key pressed or let go as if typed (for --press): host keys and modifiers apply as for
 * the keyboard, with the modifiers that are down in `in`. */
void input_key_event(Input *in, HotKey key, bool down);
/* Text typed this frame (appended; cut at a character boundary when full). */
void input_type_text(Input *in, const char *utf8);
/* The wheel turned this frame (added up). */
void input_wheel(Input *in, float x, float y);
/* A mouse button pressed or let go. */
void input_set_mouse(Input *in, HotMouseButton b, bool down);

/* Which modifier the host's keys need (the default: Ctrl), and whether this is a release
 * build (a player's: only Shift+Escape quits and F11 toggles fullscreen; every other key is
 * the game's). Process-wide, set once at start-up. */
void input_set_host_keys(HostMod mod, bool release);
HostMod input_host_mod(void);
/* "ctrl", "alt", "super" or "none" -> HostMod; -1 for another name. */
int input_host_mod_from_name(const char *name);

bool input_key_down(const Input *in, HotKey key);
bool input_key_pressed(const Input *in, HotKey key);
bool input_key_released(const Input *in, HotKey key);
bool input_mouse_down(const Input *in, HotMouseButton b);
bool input_mouse_pressed(const Input *in, HotMouseButton b);
bool input_mouse_released(const Input *in, HotMouseButton b);
/* How a host key is pressed now, for the help overlay: "Ctrl+F5", "Ctrl+Shift+F4". */
void input_host_key_label(HostKey key, char *buf, size_t size);
/* Consumes a host key press of this frame. */
bool input_host_pressed(Input *in, HostKey key);
/* True while a host key is held down. */
bool input_host_down(const Input *in, HostKey key);

/* A key by its --press name ("left", "a", "f5", "kp_7", "lshift", "comma"...),
 * case-insensitive; HOT_KEY_NONE if unknown. */
HotKey input_key_from_name(const char *name);
/* A key's name for people: "F5", "Left Shift", "Keypad 7"; "" for none. */
const char *input_key_label(HotKey key);

/* Gamepads: pad 0..HOT_PAD_MAX-1 or HOT_PAD_ANY. */
bool input_pad_connected(const Input *in, int pad);
bool input_pad_down(const Input *in, int pad, HotPadButton b);
bool input_pad_pressed(const Input *in, int pad, HotPadButton b);
bool input_pad_released(const Input *in, int pad, HotPadButton b);
/* An axis past the dead zone (a fraction of full tilt): sticks -1..1, radial over both
 * their axes; triggers 0..1. */
float input_pad_axis(const Input *in, int pad, HotPadAxis axis, float dead_zone);
/* A button or axis by its --press name ("a", "start", "dpup"; "leftx", "lefttrigger"):
 * its HotPadButton or HotPadAxis, or -1. */
int input_pad_button_from_name(const char *name);
int input_pad_axis_from_name(const char *name);

#endif
