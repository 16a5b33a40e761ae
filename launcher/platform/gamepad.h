/* gamepad.h: gamepads through SDL's game controller API: plugged in and out while the game
 * runs, one slot (HotApi's pad number) each, rumble; and virtual pads that --press drives
 * through the very same path (SDL's virtual joysticks). */
#ifndef HOTRUN_GAMEPAD_H
#define HOTRUN_GAMEPAD_H

#include <stdbool.h>
#include <stddef.h>

#include "platform/input.h"

/* Starts SDL's game controller subsystem (once; later calls do nothing). Pad events reach
 * the host without window focus, as keys do not: a pad is in the player's hands. 0, or -1
 * when SDL cannot (gamepads then never connect) with SDL's reason in why (may be NULL). */
int gamepad_init(char *why, size_t size);
/* Closes every pad and virtual pad and stops the subsystem. */
void gamepad_quit(void);
/* One SDL event: a pad plugged in or out, a button, an axis, into in->pad[]. True when
 * it was a game controller event. */
bool gamepad_handle_event(Input *in, const void *sdl_event);
/* Rumbles pad `pad` (0..HOT_PAD_MAX-1, or HOT_PAD_ANY: every pad) with the two motors'
 * strength 0..1 for `seconds`. False when no such pad has rumble. */
bool gamepad_rumble(int pad, float low, float high, float seconds);
/* Rumbles asked for so far (for tests: a virtual pad has no motor to feel). */
unsigned gamepad_rumbles(void);

/* Virtual pads, numbered 0..HOT_PAD_MAX-1 by the caller. plug attaches one (SDL then
 * reports it plugged in, like a real pad); 0, or -1 with SDL's reason in why. */
int gamepad_virtual_plug(int v, char *why, size_t size);
void gamepad_virtual_unplug(int v);
bool gamepad_virtual_plugged(int v);
void gamepad_virtual_button(int v, HotPadButton b, bool down);
/* value: -1..1 for a stick, 0..1 for a trigger. */
void gamepad_virtual_axis(int v, HotPadAxis axis, float value);

#endif
