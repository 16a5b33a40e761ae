/* screen.h: what one frame shows: the game's picture (live, or frozen and dimmed after a
 * fault) and the host's overlay over it (status, panels, help, tweak panel). */
#ifndef HOTRUN_SCREEN_H
#define HOTRUN_SCREEN_H

#include "core/host.h"

/* Clears the frame, draws the game (guarded) and the overlay. A fault in the game's draw
 * is reported like any other. */
void screen_draw(Host *h);

#endif
