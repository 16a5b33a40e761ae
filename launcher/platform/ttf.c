/* ttf.c: TrueType text. Each pixel size of a font has its own SDL_ttf font and an atlas of
 * the glyphs drawn so far (white, tinted per draw), packed in shelves; a glyph is
 * rasterised the first time it is drawn at that size and then only copied. */
#include "platform/ttf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL_ttf.h>

#include "platform/render_impl.h"

#define ATLAS 512        /* atlas page size in pixels */
#define MAX_SIZES 16     /* pixel sizes kept per font; the oldest goes when full */
#define MAX_PX 256

typedef struct Glyph {
    uint32_t cp;
    bool ready, empty;
    int x, y, w, h;      /* in the atlas */
    int dx;              /* where the glyph's image starts from the pen */
    int advance;
} Glyph;

typedef struct FontSize {
    int px;
    TTF_Font *ttf;
    SDL_Texture *atlas;  /* one page; a full page starts over (glyphs are redrawn) */
    int shelf_x, shelf_y, shelf_h;
    Glyph ascii[128];
    Glyph *other;        /* glyphs beyond ASCII, searched in order */
    int nother, cap;
} FontSize;

struct Font {
    Render *r;
    void *bytes;
    size_t len;
    FontSize sizes[MAX_SIZES];
    int nsizes, next_evict;
};

static bool ttf_ready(void)
{
    return TTF_WasInit() > 0 || TTF_Init() == 0;
}

static void size_free(FontSize *s)
{
    if (s->ttf)
        TTF_CloseFont(s->ttf);
    if (s->atlas)
        SDL_DestroyTexture(s->atlas);
    free(s->other);
    memset(s, 0, sizeof(*s));
}

static TTF_Font *open_size(Font *f, int px)
{
    SDL_RWops *rw = SDL_RWFromConstMem(f->bytes, (int)f->len);
    return rw ? TTF_OpenFontRW(rw, 1, px) : NULL;
}

Font *font_load(Render *r, const void *bytes, size_t len, Err *err)
{
    if (!ttf_ready()) {
        err_set(err, ERR_INVALID, "could not start SDL2_ttf: %s", TTF_GetError());
        return NULL;
    }
    Font *f = calloc(1, sizeof(*f));
    if (f)
        f->bytes = malloc(len ? len : 1);
    if (!f || !f->bytes) {
        free(f);
        err_set(err, ERR_NOMEM, "out of memory");
        return NULL;
    }
    memcpy(f->bytes, bytes, len);
    f->len = len;
    f->r = r;
    /* Open it once now, so a broken file is refused here and not at its first draw. */
    TTF_Font *probe = open_size(f, 16);
    if (!probe) {
        err_set(err, ERR_INVALID, "not a font SDL2_ttf can read (%s)", TTF_GetError());
        font_destroy(f);
        return NULL;
    }
    TTF_CloseFont(probe);
    return f;
}

void font_destroy(Font *f)
{
    if (!f)
        return;
    for (int i = 0; i < f->nsizes; i++)
        size_free(&f->sizes[i]);
    free(f->bytes);
    free(f);
}

static int pixel_size(float size)
{
    if (!isfinite(size) || size < 1)
        return 1;
    return size > MAX_PX ? MAX_PX : (int)lroundf(size);
}

static FontSize *get_size(Font *f, int px)
{
    for (int i = 0; i < f->nsizes; i++)
        if (f->sizes[i].px == px)
            return &f->sizes[i];
    FontSize *s;
    if (f->nsizes < MAX_SIZES) {
        s = &f->sizes[f->nsizes++];
    } else {
        s = &f->sizes[f->next_evict];
        f->next_evict = (f->next_evict + 1) % MAX_SIZES;
        size_free(s);
    }
    s->px = px;
    s->ttf = open_size(f, px);
    if (!s->ttf)
        return NULL;
    return s;
}

/* Makes room for w x h in the atlas page; false when the page is full. */
static bool place(FontSize *s, int w, int h, int *x, int *y)
{
    if (w > ATLAS || h > ATLAS)
        return false;
    if (s->shelf_x + w > ATLAS) {
        s->shelf_y += s->shelf_h + 1;
        s->shelf_x = 0;
        s->shelf_h = 0;
    }
    if (s->shelf_y + h > ATLAS)
        return false;
    *x = s->shelf_x;
    *y = s->shelf_y;
    s->shelf_x += w + 1;
    if (h > s->shelf_h)
        s->shelf_h = h;
    return true;
}

static void forget_glyphs(FontSize *s)
{
    memset(s->ascii, 0, sizeof(s->ascii));
    s->nother = 0;
    s->shelf_x = s->shelf_y = s->shelf_h = 0;
}

static Glyph *slot(FontSize *s, uint32_t cp)
{
    if (cp < 128)
        return &s->ascii[cp];
    for (int i = 0; i < s->nother; i++)
        if (s->other[i].cp == cp)
            return &s->other[i];
    if (s->nother == s->cap) {
        int cap = s->cap ? s->cap * 2 : 64;
        Glyph *g = realloc(s->other, (size_t)cap * sizeof(*g));
        if (!g)
            return NULL;
        s->other = g;
        s->cap = cap;
    }
    Glyph *g = &s->other[s->nother++];
    memset(g, 0, sizeof(*g));
    return g;
}

/* Rasterises cp into the atlas (once); its entry, or NULL. */
static Glyph *glyph(Render *r, FontSize *s, uint32_t cp)
{
    Glyph *g = slot(s, cp);
    if (!g || g->ready)
        return g;
    g->cp = cp;
    int minx, maxx, miny, maxy, adv;
    if (TTF_GlyphMetrics32(s->ttf, cp, &minx, &maxx, &miny, &maxy, &adv) != 0)
        adv = 0;
    g->advance = adv;
    g->dx = minx < 0 ? minx : 0;
    g->ready = true;
    SDL_Surface *img = TTF_RenderGlyph32_Blended(s->ttf, cp, (SDL_Color){255, 255, 255, 255});
    SDL_Surface *rgba = img ? SDL_ConvertSurfaceFormat(img, SDL_PIXELFORMAT_RGBA32, 0) : NULL;
    SDL_FreeSurface(img);
    if (!rgba || rgba->w == 0 || rgba->h == 0) {
        g->empty = true;
        SDL_FreeSurface(rgba);
        return g;
    }
    if (!s->atlas) {
        s->atlas = SDL_CreateTexture(r->renderer, SDL_PIXELFORMAT_RGBA32,
                                     SDL_TEXTUREACCESS_STATIC, ATLAS, ATLAS);
        if (s->atlas) {
            SDL_SetTextureBlendMode(s->atlas, SDL_BLENDMODE_BLEND);
            SDL_SetTextureScaleMode(s->atlas, SDL_ScaleModeLinear);
        }
    }
    int x, y;
    if (!place(s, rgba->w, rgba->h, &x, &y)) {
        /* A full page: start it over. Text already queued this frame may show the new
         * glyphs in the old places for a frame; a page holds thousands of glyphs. */
        forget_glyphs(s);
        g = slot(s, cp);
        if (!g || !place(s, rgba->w, rgba->h, &x, &y)) {
            SDL_FreeSurface(rgba);
            return NULL;
        }
        g->cp = cp;
        g->advance = adv;
        g->dx = minx < 0 ? minx : 0;
        g->ready = true;
    }
    if (s->atlas)
        SDL_UpdateTexture(s->atlas, &(SDL_Rect){x, y, rgba->w, rgba->h}, rgba->pixels,
                          rgba->pitch);
    g->x = x;
    g->y = y;
    g->w = rgba->w;
    g->h = rgba->h;
    SDL_FreeSurface(rgba);
    return g;
}

/* The next UTF-8 code point at *p (U+FFFD for a broken sequence), advancing *p. */
static uint32_t next_cp(const unsigned char **p)
{
    const unsigned char *s = *p;
    int extra = *s >= 0xf0 ? 3 : *s >= 0xe0 ? 2 : *s >= 0xc0 ? 1 : 0;
    if (*s >= 0x80 && *s < 0xc0) {
        *p = s + 1;
        return 0xfffd;
    }
    uint32_t cp = *s & (0x7fu >> extra);
    s++;
    for (int i = 0; i < extra; i++) {
        if ((*s & 0xc0) != 0x80) {
            *p = s;
            return 0xfffd;
        }
        cp = (cp << 6) | (*s++ & 0x3f);
    }
    *p = s;
    return cp;
}

/* Lays the text out; with draw, also draws it. Returns the size of the text. */
static Vec2 layout(Render *r, Font *f, const char *text, Vec2 pos, float size, Color c,
                   bool draw)
{
    FontSize *s = get_size(f, pixel_size(size));
    if (!s || !text)
        return (Vec2){0, 0};
    float z = draw ? render_zoom(r) : 1, angle = draw ? render_angle(r) : 0;
    int skip = TTF_FontLineSkip(s->ttf);
    float pen = 0, line = 0, widest = 0;
    uint32_t prev = 0;
    if (draw && s->atlas == NULL)
        glyph(r, s, ' '); /* makes the atlas so the mods below apply */
    if (draw && s->atlas) {
        SDL_SetTextureColorMod(s->atlas, c.r, c.g, c.b);
        SDL_SetTextureAlphaMod(s->atlas, c.a);
        SDL_SetTextureBlendMode(s->atlas, render_sdl_blend(r->blend));
    }
    for (const unsigned char *p = (const unsigned char *)text; *p;) {
        if (*p == '\n') {
            p++;
            pen = 0;
            line += (float)skip;
            prev = 0;
            continue;
        }
        uint32_t cp = next_cp(&p);
        if (prev)
            pen += (float)TTF_GetFontKerningSizeGlyphs32(s->ttf, prev, cp);
        prev = cp;
        Glyph *g = glyph(r, s, cp);
        if (!g)
            continue;
        if (draw && !g->empty && s->atlas) {
            Vec2 at = render_xf(r, (Vec2){pos.x + pen + (float)g->dx, pos.y + line});
            SDL_Rect src = {g->x, g->y, g->w, g->h};
            SDL_FRect dst = {at.x, at.y, (float)g->w * z, (float)g->h * z};
            if (angle == 0)
                SDL_RenderCopyF(r->renderer, s->atlas, &src, &dst);
            else
                SDL_RenderCopyExF(r->renderer, s->atlas, &src, &dst, angle,
                                  &(SDL_FPoint){0, 0}, SDL_FLIP_NONE);
        }
        pen += (float)g->advance;
        if (pen > widest)
            widest = pen;
    }
    return (Vec2){widest, line + (float)TTF_FontHeight(s->ttf)};
}

void render_font_text(Render *r, Font *f, const char *text, Vec2 pos, float size, Color c)
{
    if (!r || !text || !isfinite(pos.x) || !isfinite(pos.y))
        return;
    if (!f) {
        int scale = (int)lroundf(size / (float)HOT_FONT_H);
        render_text(r, text, pos.x, pos.y, scale < 1 ? 1 : scale, c);
        return;
    }
    layout(r, f, text, pos, size, c, true);
}

Vec2 font_measure(Font *f, const char *text, float size)
{
    if (!text)
        return (Vec2){0, 0};
    if (!f) {
        int scale = (int)lroundf(size / (float)HOT_FONT_H);
        scale = scale < 1 ? 1 : scale;
        int lines = 1;
        for (const char *p = text; *p; p++)
            lines += *p == '\n';
        return (Vec2){render_text_width(text, scale), (float)(lines * HOT_FONT_H * scale)};
    }
    return layout(f->r, f, text, (Vec2){0, 0}, size, (Color){0, 0, 0, 0}, false);
}
