/* text.c: text in the built-in bitmap font (font.h), from one atlas texture. */
#include "platform/text.h"

#include <math.h>
#include <string.h>

#include "platform/font.h"
#include "platform/render_impl.h"

/* The font atlas: every glyph in a HOT_FONT_W x HOT_FONT_H cell, ATLAS_COLS per row. */
#define ATLAS_COLS 16
#define ATLAS_ROWS ((FONT_LAST - FONT_FIRST + 1 + ATLAS_COLS - 1) / ATLAS_COLS)

SDL_Texture *text_make_atlas(SDL_Renderer *renderer)
{
    int w = ATLAS_COLS * HOT_FONT_W, h = ATLAS_ROWS * HOT_FONT_H;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
    if (!s)
        return NULL;
    /* White everywhere, so the colour mod alone gives the text colour; alpha is the ink. */
    SDL_FillRect(s, NULL, SDL_MapRGBA(s->format, 255, 255, 255, 0));
    Uint32 ink = SDL_MapRGBA(s->format, 255, 255, 255, 255);
    for (int ch = FONT_FIRST; ch <= FONT_LAST; ch++) {
        int i = ch - FONT_FIRST;
        int cx = (i % ATLAS_COLS) * HOT_FONT_W, cy = (i / ATLAS_COLS) * HOT_FONT_H;
        const uint8_t *rows = font_glyph((unsigned char)ch);
        for (int y = 0; y < HOT_FONT_H; y++) {
            Uint32 *line = (Uint32 *)((Uint8 *)s->pixels + (cy + y) * s->pitch);
            for (int x = 0; x < FONT_GLYPH_W; x++) {
                if (rows[y] & (1u << (FONT_GLYPH_W - 1 - x)))
                    line[cx + x] = ink;
            }
        }
    }
    SDL_Texture *t = SDL_CreateTextureFromSurface(renderer, s);
    SDL_FreeSurface(s);
    if (!t)
        return NULL;
    SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    SDL_SetTextureScaleMode(t, SDL_ScaleModeNearest);
    return t;
}

unsigned char text_next_glyph(const unsigned char **p)
{
    const unsigned char *s = *p;
    if (*s < 0x80) {
        *p = s + 1;
        return (*s >= FONT_FIRST && *s <= FONT_LAST) ? *s : '?';
    }
    unsigned cp = 0;
    int extra = *s >= 0xf0 ? 3 : *s >= 0xe0 ? 2 : *s >= 0xc0 ? 1 : 0;
    cp = *s & (0x3f >> extra);
    s++;
    for (int i = 0; i < extra && (*s & 0xc0) == 0x80; i++)
        cp = (cp << 6) | (*s++ & 0x3f);
    *p = s;
    switch (cp) {
    case 0x2018: case 0x2019: return '\'';
    case 0x201c: case 0x201d: return '"';
    case 0x2013: case 0x2014: return '-';
    default: return '?';
    }
}

/* Scales past this draw at it: a glyph is then 3072 x 4096 pixels, more than any screen,
 * and bigger ones would only overflow the renderer's integer conversions. */
#define TEXT_MAX_SCALE 512

static int clamp_scale(int scale)
{
    return scale < 1 ? 1 : scale > TEXT_MAX_SCALE ? TEXT_MAX_SCALE : scale;
}

/* The text's geometry on screen. The camera is affine, so glyph k of line j has its corner
 * at o + k*dx + j*dy, and any pixel of it lies within `reach` of that corner. Only what can
 * reach the screen's circle (centre c, radius rad) is looked at: a line whose glyphs all
 * miss it is skipped with strchr, and the glyphs of a line past the screen are not walked,
 * so a megabyte string costs what its visible glyphs cost. */
typedef struct TextCull {
    double ox, oy, dxx, dxy, dyx, dyy, cx, cy, rad;
} TextCull;

/* The range of glyphs [*k0, *k1] of line j that may be visible; false when none is. */
static bool cull_glyphs(const TextCull *t, long j, double *k0, double *k1)
{
    double ax = t->ox + (double)j * t->dyx - t->cx, ay = t->oy + (double)j * t->dyy - t->cy;
    double dd = t->dxx * t->dxx + t->dxy * t->dxy;
    double mid = -(ax * t->dxx + ay * t->dxy) / dd;
    double disc = mid * mid - (ax * ax + ay * ay - t->rad * t->rad) / dd;
    if (!(disc >= 0))
        return false;
    double half = sqrt(disc);
    *k0 = mid - half;
    *k1 = mid + half;
    return *k1 >= 0;
}

/* A glyph bigger than this on screen is drawn as the rectangles of its ink, each clipped to
 * the screen: SDL's software renderer scales a copied texture into a buffer the size of the
 * whole destination (50 MB and 60 ms for one glyph at scale 512), whatever is visible. */
#define BIG_GLYPH_PX 64.0f

static void big_glyph(Render *r, unsigned char g, float x, float y, float scale, Color c)
{
    const uint8_t *rows = font_glyph(g);
    for (int row = 0; row < HOT_FONT_H; row++) {
        for (int bit = 0; bit < FONT_GLYPH_W;) {
            if (!(rows[row] & (1u << (FONT_GLYPH_W - 1 - bit)))) {
                bit++;
                continue;
            }
            int run = bit;
            while (run < FONT_GLYPH_W && (rows[row] & (1u << (FONT_GLYPH_W - 1 - run))))
                run++;
            render_rect(r, x + (float)bit * scale, y + (float)row * scale,
                        (float)(run - bit) * scale, scale, c);
            bit = run;
        }
    }
}

void render_text(Render *r, const char *text, float x, float y, int scale, Color c)
{
    if (!r || !text || !isfinite(x) || !isfinite(y))
        return;
    scale = clamp_scale(scale);
    float cw = (float)HOT_FONT_W * (float)scale, ch = (float)HOT_FONT_H * (float)scale;
    float z = render_zoom(r), angle = render_angle(r);
    float W = r->bounds.w, H = r->bounds.h;
    Vec2 o = render_xf(r, (Vec2){x, y}), ox = render_xf(r, (Vec2){x + cw, y}),
         oy = render_xf(r, (Vec2){x, y + ch});
    TextCull t = {o.x, o.y, (double)ox.x - o.x, (double)ox.y - o.y, (double)oy.x - o.x,
                  (double)oy.y - o.y, r->bounds.x + W / 2.0, r->bounds.y + H / 2.0, 0};
    double reach = hypot(t.dxx, t.dxy) + hypot(t.dyx, t.dyy);
    t.rad = hypot(W, H) / 2.0 + reach + 1;
    double dd = t.dxx * t.dxx + t.dxy * t.dxy;
    if (!(dd > 0) || !isfinite(dd) || !isfinite(reach))
        return; /* a zero zoom, or a camera out of range: nothing to see */
    /* Lines are visible only while their distance from the centre, across the line, is
     * under rad: line j's is a + j*b. */
    double len = sqrt(dd), nx = -t.dxy / len, ny = t.dxx / len;
    double a = (t.ox - t.cx) * nx + (t.oy - t.cy) * ny, b = t.dyx * nx + t.dyy * ny;
    double j0 = -INFINITY, j1 = INFINITY;
    if (b != 0) {
        j0 = fmin((-t.rad - a) / b, (t.rad - a) / b);
        j1 = fmax((-t.rad - a) / b, (t.rad - a) / b);
    } else if (fabs(a) > t.rad) {
        return;
    }
    SDL_SetTextureColorMod(r->font, c.r, c.g, c.b);
    SDL_SetTextureAlphaMod(r->font, c.a);
    SDL_SetTextureBlendMode(r->font, render_sdl_blend(r->blend));
    float gw = cw * z, gh = ch * z;
    bool big = gw > BIG_GLYPH_PX || gh > BIG_GLYPH_PX;
    long j = 0;
    for (const char *line = text; line; j++) {
        const char *nl = strchr(line, '\n');
        if ((double)j > j1)
            break;
        double k0, k1;
        if ((double)j >= j0 && cull_glyphs(&t, j, &k0, &k1)) {
            const unsigned char *p = (const unsigned char *)line;
            const unsigned char *end = nl ? (const unsigned char *)nl : p + strlen(line);
            for (long k = 0; p < end && (double)k <= k1; k++) {
                unsigned char g = text_next_glyph(&p);
                if (g == ' ' || (double)k < k0)
                    continue;
                if (big) {
                    big_glyph(r, g, x + (float)k * cw, y + (float)j * ch, (float)scale, c);
                    continue;
                }
                Vec2 at = render_xf(r, (Vec2){x + (float)k * cw, y + (float)j * ch});
                int i = g - FONT_FIRST;
                SDL_Rect src = {(i % ATLAS_COLS) * HOT_FONT_W, (i / ATLAS_COLS) * HOT_FONT_H,
                                HOT_FONT_W, HOT_FONT_H};
                SDL_FRect dst = {at.x, at.y, gw, gh};
                if (angle == 0)
                    SDL_RenderCopyF(r->renderer, r->font, &src, &dst);
                else
                    SDL_RenderCopyExF(r->renderer, r->font, &src, &dst, angle,
                                      &(SDL_FPoint){0, 0}, SDL_FLIP_NONE);
            }
        }
        line = nl ? nl + 1 : NULL;
    }
}

float render_text_width(const char *text, int scale)
{
    if (!text)
        return 0;
    scale = clamp_scale(scale);
    size_t widest = 0, line = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p;) {
        if (*p == '\n') {
            line = 0;
            p++;
            continue;
        }
        text_next_glyph(&p);
        if (++line > widest)
            widest = line;
    }
    return (float)(widest * HOT_FONT_W * (size_t)scale);
}
