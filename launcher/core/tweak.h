/* tweak.h: the tweak panel in the frame loop: it takes the keyboard and the mouse over it
 * while it is open, and applies its edits to the live state. */
#ifndef HOTRUN_TWEAK_H
#define HOTRUN_TWEAK_H

#include "core/host.h"
#include "util/error.h"

/* Sets up the panel and the host's edit function (state_set_text). */
void tweak_init(Host *h);
/* Sets the value at `path` of the running game's state from `text` (see state_set_text)
 * through host_edit, which records it like input (a loop, a rewind or a replay applies it
 * again before the same frame), and reports it as an "edit" event. 0, or negative with
 * err. */
int tweak_apply(Host *h, const char *path, const char *text, Err *err);
/* Once per frame before the game runs: when the panel is open, feeds it this frame's keys,
 * text and mouse, and takes them away from the game (what the game does not see is not
 * its input). Then rebuilds the panel's rows. */
void tweak_frame(Host *h);

#endif
