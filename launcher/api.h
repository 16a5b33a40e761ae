/* api.h: the HotApi services table the host hands to game code. */
#ifndef HOTRUN_API_H
#define HOTRUN_API_H

#include <stdint.h>

#include "hot.h"
#include "input.h"
#include "render.h"

/* Binds the table to the window and input (both borrowed; r may be NULL when nothing is
 * drawn) and seeds the random generator. Returns the table, valid until exit. */
const HotApi *api_init(Render *r, Input *in, uint64_t seed, const char *game_name);
/* Advances the clock the game sees: frames run so far and this frame's delta time. */
void api_set_frame(uint64_t frame, float dt, double time);

#endif
