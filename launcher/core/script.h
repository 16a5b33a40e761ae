/* script.h: scripted input (--press "WHAT@FRAME[+HOLD] ..."): keys and key combinations,
 * text, the mouse wheel and buttons, and virtual gamepads at given host frames, for tests
 * and CI runs of a windowless game. A pad is an SDL virtual joystick: its presses take the
 * path a real pad's take. */
#ifndef HOTRUN_SCRIPT_H
#define HOTRUN_SCRIPT_H

#include <stdbool.h>

#include "hot.h"
#include "platform/input.h"
#include "util/error.h"

#define SCRIPT_MAX_PRESSES 256
#define SCRIPT_MAX_COMBO 4

typedef enum ScriptKind {
    SCRIPT_KEYS = 0,    /* "ctrl+shift+f1", "a": held from at to until */
    SCRIPT_TEXT,        /* "text:hello": typed at `at` */
    SCRIPT_WHEEL,       /* "wheel:up", "wheel:-2": every frame from at to until */
    SCRIPT_MOUSE,       /* "mouse:left": held */
    SCRIPT_PAD_BUTTON,  /* "pad:a", "pad1:start": held */
    SCRIPT_PAD_AXIS,    /* "pad:leftx=-1": held there, then back to rest */
    SCRIPT_PAD_PLUG,    /* "pad:plug", "pad:unplug": at `at` */
    SCRIPT_PAD_UNPLUG,
} ScriptKind;

typedef struct ScriptPress {
    ScriptKind kind;
    HotKey keys[SCRIPT_MAX_COMBO]; /* KEYS: the modifiers first, the key last */
    int nkeys;
    int pad;        /* PAD_*: the virtual pad 0..HOT_PAD_MAX-1 */
    int which;      /* a HotPadButton, HotPadAxis or HotMouseButton */
    float x, y;     /* PAD_AXIS: the value (x); WHEEL: notches */
    char text[64];  /* TEXT, UTF-8 */
    long at, until;
} ScriptPress;

typedef struct Script {
    ScriptPress press[SCRIPT_MAX_PRESSES];
    int count;
    long applied;            /* the last host frame applied (-1: none) */
    bool pads[HOT_PAD_MAX];  /* virtual pads the script uses */
    bool plug_at_start[HOT_PAD_MAX]; /* used, and not plugged in by a "pad:plug" */
    char error[256];         /* a pad that could not be plugged in */
    bool error_said;         /* script_error returned it: once is enough */
} Script;

/* Parses a --press spec (NULL or "" is an empty script). 0, or ERR_INVALID with a
 * sentence ("--press: unknown key 'foo'."). */
int script_parse(Script *s, const char *spec, Err *err);
/* Presses and releases what the script says for host frame `frame` (once per frame). A
 * pad's changes are pumped into `in` at once, so the game sees them in this frame. */
void script_apply(Script *s, long frame, Input *in);
/* A sentence when the script could not do something (no virtual pad); returned once. */
const char *script_error(Script *s);
/* Unplugs the script's virtual pads. */
void script_end(Script *s);

#endif
