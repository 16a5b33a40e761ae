/* input.h: keyboard and mouse state per frame, from SDL events or injected presses. */
#ifndef HOTRUN_INPUT_H
#define HOTRUN_INPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "hot.h"

/* Keys the host itself answers to (they never reach the game). platform/input.c maps
 * physical keys to them; core/hostkeys.c says what each does. */
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

typedef struct Input {
    bool down[HOT_KEY_COUNT], was_down[HOT_KEY_COUNT];
    bool mouse[HOT_MOUSE_COUNT], was_mouse[HOT_MOUSE_COUNT];
    bool host_pressed[HOST_KEY_COUNT];
    bool host_down[HOST_KEY_COUNT]; /* held now (F12 rewinds while held) */
    float mouse_x, mouse_y;
    char text[32]; /* UTF-8 typed this frame (SDL text input events) */
    bool quit;     /* window closed */
} Input;

/* Starts a frame: what was down becomes what was down last frame. */
void input_begin_frame(Input *in);
/* Feeds one SDL event (an SDL_Event, passed as void to keep SDL out of this header). */
void input_handle_event(Input *in, const void *sdl_event);
/* Feeds every SDL event waiting in the queue (the frame loop's event pump). */
void input_pump_events(Input *in);
/* Presses or releases a key as if typed (for --press scripts). */
void input_set_key(Input *in, HotKey key, bool down);

bool input_key_down(const Input *in, HotKey key);
bool input_key_pressed(const Input *in, HotKey key);
bool input_key_released(const Input *in, HotKey key);
bool input_mouse_down(const Input *in, HotMouseButton b);
bool input_mouse_pressed(const Input *in, HotMouseButton b);
/* How a host key is pressed, for the help overlay: "F5", "Shift+F4". */
void input_host_key_label(HostKey key, char *buf, size_t size);
/* Consumes a host key press of this frame. */
bool input_host_pressed(Input *in, HostKey key);
/* True while a host key is held down. */
bool input_host_down(const Input *in, HostKey key);

/* Key by name as in --press ("left", "a", "space", "f5"...), case-insensitive;
 * HOT_KEY_NONE if unknown. A host key name ("f1".."f12", "shift+f4", "shift+f9",
 * "shift+escape") returns HOT_KEY_NONE
 * and stores its HostKey in *host; for every other name *host is -1. host may be NULL. */
HotKey input_key_from_name(const char *name, int *host);

#endif
