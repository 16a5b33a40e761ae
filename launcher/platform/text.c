/* text.c: text in the built-in bitmap font (font.h), from one atlas texture. */
#include "platform/text.h"

#include <math.h>

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

void render_text(Render *r, const char *text, float x, float y, int scale, Color c)
{
    if (!r || !text || !isfinite(x) || !isfinite(y))
        return;
    if (scale < 1)
        scale = 1;
    SDL_SetTextureColorMod(r->font, c.r, c.g, c.b);
    SDL_SetTextureAlphaMod(r->font, c.a);
    SDL_SetTextureBlendMode(r->font, render_sdl_blend(r->blend));
    float cw = (float)HOT_FONT_W * (float)scale, ch = (float)HOT_FONT_H * (float)scale;
    float z = render_zoom(r), angle = render_angle(r);
    float W = r->bounds.w, H = r->bounds.h;
    float px = x, py = y;
    for (const unsigned char *p = (const unsigned char *)text; *p;) {
        if (*p == '\n') {
            px = x;
            py += ch;
            p++;
            continue;
        }
        unsigned char g = text_next_glyph(&p);
        Vec2 at = render_xf(r, (Vec2){px, py});
        float gw = cw * z, gh = ch * z, reach = gw + gh;
        bool visible = at.x < W + reach && at.x + reach > -1 && at.y < H + reach &&
                       at.y + reach > -1;
        if (g != ' ' && visible) {
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
        px += cw;
    }
}

float render_text_width(const char *text, int scale)
{
    if (!text)
        return 0;
    if (scale < 1)
        scale = 1;
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
