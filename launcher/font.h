/* font.h: the built-in bitmap font, so text needs no font file at run time. */
#ifndef HOTRUN_FONT_H
#define HOTRUN_FONT_H

#include <stdint.h>

/* Glyph cell: 5x7 pixels of ink in a HOT_FONT_W x HOT_FONT_H cell (6x8). */
#define FONT_GLYPH_W 5
#define FONT_GLYPH_H 7
#define FONT_FIRST 32 /* ' ' */
#define FONT_LAST 126 /* '~' */

/* Row bitmaps of printable ASCII: bit 4 is the leftmost column. Characters outside
 * FONT_FIRST..FONT_LAST draw as '?'. */
const uint8_t *font_glyph(unsigned char ch);

#endif
