/* ttf.h: TrueType fonts through SDL2_ttf, drawn from per-size glyph atlases, so text drawn
 * every frame is never rasterised again. */
#ifndef HOTRUN_TTF_H
#define HOTRUN_TTF_H

#include <stddef.h>

#include "hot.h"
#include "platform/render.h"
#include "util/error.h"

typedef struct Font Font;

/* A font from the bytes of a .ttf/.otf file (copied). NULL with one sentence in err when
 * SDL2_ttf cannot read it. */
Font *font_load(Render *r, const void *bytes, size_t len, Err *err);
/* NULL is fine. */
void font_destroy(Font *f);

/* UTF-8 text, its top-left corner at pos, `size` pixels high ('\n': a new line). f NULL
 * draws the built-in font at the nearest whole scale. Through the camera when one is set. */
void render_font_text(Render *r, Font *f, const char *text, Vec2 pos, float size, Color c);
/* Width of the widest line and height of all lines. */
Vec2 font_measure(Font *f, const char *text, float size);

#endif
