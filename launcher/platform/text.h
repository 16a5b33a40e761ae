/* text.h: the built-in bitmap font's atlas (render_text and render_text_width are in
 * render.h). */
#ifndef HOTRUN_TEXT_H
#define HOTRUN_TEXT_H

#include <SDL.h>

/* Every glyph of font.h in one texture: white ink on transparent, tinted per draw. */
SDL_Texture *text_make_atlas(SDL_Renderer *renderer);
/* The glyph for the UTF-8 character at *p, advancing *p past it: typographic quotes and
 * dashes become their ASCII look-alikes, anything else outside the font one '?'. */
unsigned char text_next_glyph(const unsigned char **p);

#endif
