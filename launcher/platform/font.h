/* font.h: the built-in bitmap font, so text needs no font file at run time. */
#ifndef HOTRUN_FONT_H
#define HOTRUN_FONT_H

#include <stdint.h>

/* Glyph: 5x7 pixels of ink in a HOT_FONT_W x HOT_FONT_H cell (6x8). */
#define FONT_GLYPH_W 5
#define FONT_GLYPH_H 7
#define FONT_FIRST   32  /* ' ' */
#define FONT_LAST    126 /* '~' */

/* The cell of a printable ASCII character as HOT_FONT_H row bitmaps, bit 4 the leftmost
 * column. The 5x7 glyph fills rows 0..6; the letters with a descender (g p q y) sit one row
 * lower, on rows 1..7, so their tails hang below the baseline. Characters outside
 * FONT_FIRST..FONT_LAST give the cell of '?'. */
const uint8_t *font_glyph(unsigned char ch);

#endif
