/* test_font.c: the built-in font has a distinct, inked glyph for every printable ASCII. */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "platform/font.h"
#include "hot.h"
#include "testlib.h"

static int ink(const uint8_t *rows)
{
    int n = 0;
    for (int y = 0; y < HOT_FONT_H; y++)
        for (int x = 0; x < FONT_GLYPH_W; x++)
            n += (rows[y] >> x) & 1;
    return n;
}

static void test_cell_fits(void)
{
    /* The glyph plus one blank column and row of spacing make the public cell size. */
    CHECK_EQ_INT(FONT_GLYPH_W + 1, HOT_FONT_W);
    CHECK_EQ_INT(FONT_GLYPH_H + 1, HOT_FONT_H);
    for (int ch = FONT_FIRST; ch <= FONT_LAST; ch++) {
        const uint8_t *g = font_glyph((unsigned char)ch);
        CHECK(g != NULL);
        for (int y = 0; y < HOT_FONT_H; y++)
            CHECK((g[y] & ~0x1f) == 0); /* no ink outside the 5 columns */
        /* 7 rows of ink at most: the top row or the bottom row of the cell is free, and
         * only the letters with a descender use the bottom one. */
        CHECK(g[0] == 0 || g[HOT_FONT_H - 1] == 0);
        bool descends = g[HOT_FONT_H - 1] != 0;
        CHECK(descends == (ch == 'g' || ch == 'p' || ch == 'q' || ch == 'y'));
    }
}

static void test_every_glyph_has_ink(void)
{
    CHECK_EQ_INT(ink(font_glyph(' ')), 0);
    for (int ch = FONT_FIRST + 1; ch <= FONT_LAST; ch++) {
        if (ink(font_glyph((unsigned char)ch)) == 0) {
            fprintf(stderr, "glyph '%c' is empty\n", ch);
            CHECK(0);
        }
    }
}

static void test_glyphs_distinct(void)
{
    for (int a = FONT_FIRST; a <= FONT_LAST; a++) {
        for (int b = a + 1; b <= FONT_LAST; b++) {
            if (memcmp(font_glyph((unsigned char)a), font_glyph((unsigned char)b),
                       HOT_FONT_H) == 0) {
                fprintf(stderr, "glyphs '%c' and '%c' are the same\n", a, b);
                CHECK(0);
            }
        }
    }
}

static void test_known_shapes(void)
{
    /* A few glyphs pinned down row by row: the bit order (bit 4 leftmost) is the spec. */
    const uint8_t *l = font_glyph('L');
    for (int y = 0; y < 6; y++)
        CHECK_EQ_INT(l[y], 0x10);
    CHECK_EQ_INT(l[6], 0x1f);
    CHECK_EQ_INT(l[7], 0);
    const uint8_t *bar = font_glyph('|');
    for (int y = 0; y < FONT_GLYPH_H; y++)
        CHECK_EQ_INT(bar[y], 0x04);
    /* g hangs one row lower than its art: its bowl starts on the x-height row (2). */
    const uint8_t *g = font_glyph('g');
    CHECK_EQ_INT(g[0], 0);
    CHECK_EQ_INT(g[1], 0);
    CHECK_EQ_INT(g[2], 0x0f);
    CHECK_EQ_INT(g[7], 0x0e);
    /* Glyphs from the first, a middle and the last band of the art. */
    const uint8_t excl[8] = {0x04, 0x04, 0x04, 0x04, 0x04, 0x00, 0x04, 0};
    const uint8_t a[8] = {0x0e, 0x11, 0x11, 0x1f, 0x11, 0x11, 0x11, 0};
    const uint8_t tilde[8] = {0, 0, 0x08, 0x15, 0x02, 0, 0, 0};
    CHECK(memcmp(font_glyph('!'), excl, 8) == 0);
    CHECK(memcmp(font_glyph('A'), a, 8) == 0);
    CHECK(memcmp(font_glyph('~'), tilde, 8) == 0);
    const uint8_t *under = font_glyph('_');
    CHECK_EQ_INT(under[0], 0);
    CHECK_EQ_INT(under[6], 0x1f);
}

static void test_outside_range_is_question_mark(void)
{
    const uint8_t *q = font_glyph('?');
    CHECK(font_glyph(0) == q);
    CHECK(font_glyph('\t') == q);
    CHECK(font_glyph(127) == q);
    CHECK(font_glyph(200) == q);
    CHECK(font_glyph(255) == q);
}

int main(void)
{
    RUN(test_cell_fits);
    RUN(test_every_glyph_has_ink);
    RUN(test_glyphs_distinct);
    RUN(test_known_shapes);
    RUN(test_outside_range_is_question_mark);
    fprintf(stderr, "%d checks passed\n", testlib_checks);
    return 0;
}
