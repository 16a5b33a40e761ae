/* api.h: the HotApi services table the host hands to game code. */
#ifndef HOTRUN_API_H
#define HOTRUN_API_H

#include <stdbool.h>
#include <stdint.h>

#include "core/assets.h"
#include "hot.h"
#include "platform/audio.h"
#include "platform/input.h"
#include "platform/render.h"

/* Binds the table to the window and input (both borrowed; r may be NULL when nothing is
 * drawn) and seeds the random generator. Returns the table, valid until exit. */
const HotApi *api_init(Render *r, Input *in, uint64_t seed, const char *game_name);
/* Advances the clock the game sees: frames run so far and this frame's delta time. */
void api_set_frame(uint64_t frame, float dt, double time);
/* The random generator's whole state (two words), to put it in an image or a recording and
 * to restore it, so that the same image and inputs draw the same numbers. */
void api_random_get(uint64_t out[2]);
void api_random_set(const uint64_t in[2]);
/* Also hands every line the game logs (its message, without the "[name] " prefix or a
 * trailing newline) to `sink`, e.g. to mirror it to the events stream; NULL stops it.
 * The line is only valid during the call. Lines still go to stderr. */
void api_set_log_sink(void (*sink)(const char *line));
/* Binds the asset services (textures, fonts, data files) to a registry (borrowed, kept
 * across api_init) and registers their kinds in it. The save folder is named after the
 * game's name given to api_init. */
void api_bind_assets(Assets *a);
/* True once the game called quit (cleared by api_init). */
bool api_quit_requested(void);

/* Binds the sound services to the host's mixer and registry (both borrowed; NULL, NULL
 * unbinds) and registers the sound and music kinds in it. */
void api_sound_bind(Audio *audio, Assets *a);
/* Off while the host re-runs frames it ran before (a rewind's seek): those frames' sounds
 * were heard already, so plays, stops and music changes are ignored. */
void api_sound_triggers(bool on);

/* The parts of the table that live in other files (api_draw.c, api_files.c, api_sound.c,
 * api_input.c). */
void api_draw_bind(Render *r, Assets *a);
void api_draw_fill(HotApi *t);
void api_files_bind(Assets *a, const char *game_name);
void api_files_fill(HotApi *t);
void api_sound_fill(HotApi *t);
void api_input_bind(const Input *in);
void api_input_fill(HotApi *t);

#endif
