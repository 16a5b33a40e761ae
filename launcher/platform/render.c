/* render.c: the SDL2 window and renderer, shapes, and text from the built-in font. */
#include "platform/render.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "platform/font.h"

/* The font atlas: every glyph in a HOT_FONT_W x HOT_FONT_H cell, ATLAS_COLS per row. */
#define ATLAS_COLS 16
#define ATLAS_ROWS ((FONT_LAST - FONT_FIRST + 1 + ATLAS_COLS - 1) / ATLAS_COLS)

struct Render {
    SDL_Window *window;
    SDL_Renderer *renderer;
    SDL_Texture *font; /* white glyphs on transparent, tinted per draw */
};

static void set_err(char *err, size_t errlen, const char *fmt, const char *detail)
{
    if (err && errlen > 0)
        snprintf(err, errlen, fmt, detail);
}

/* Starts SDL video. Headless runs pick the offscreen driver unless the user chose one in
 * SDL_VIDEODRIVER, and fall back to the dummy driver when offscreen is not built in.
 * Windowed runs refuse those two unless the user asked for them: SDL would otherwise fall
 * back to them silently when there is no display, and run an invisible game. */
static int init_video(bool headless)
{
    bool user_driver = getenv("SDL_VIDEODRIVER") != NULL;
    /* Hints outlive SDL_Quit: a windowed run after a headless one picks its own driver. */
    SDL_ResetHint(SDL_HINT_VIDEODRIVER);
    if (headless && !user_driver)
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) == 0) {
        const char *driver = SDL_GetCurrentVideoDriver();
        bool invisible =
            driver && (strcmp(driver, "offscreen") == 0 || strcmp(driver, "dummy") == 0);
        if (headless || user_driver || !invisible)
            return 0;
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
        SDL_SetError("no video driver could reach a display");
        return -1;
    }
    if (headless && !user_driver) {
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
        if (SDL_InitSubSystem(SDL_INIT_VIDEO) == 0)
            return 0;
    }
    return -1;
}

static const char no_display[] =
    "no display found (DISPLAY is not set); run with --headless, or under Xvfb";

static bool have_display(void)
{
    return getenv("DISPLAY") != NULL || getenv("WAYLAND_DISPLAY") != NULL;
}

static SDL_Texture *make_font_atlas(SDL_Renderer *renderer)
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

Render *render_create(const RenderConfig *cfg, char *err, size_t errlen)
{
    const char *title = cfg && cfg->title ? cfg->title : "hotrun";
    bool headless = cfg && cfg->headless;
    bool vsync = cfg && cfg->vsync;

    /* The host handles SIGINT/SIGTERM itself; SDL must not install its own handlers. */
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");

    Render *r = calloc(1, sizeof(*r));
    if (!r) {
        set_err(err, errlen, "%s", "out of memory opening the window");
        return NULL;
    }
    if (init_video(headless) != 0) {
        if (!headless && !have_display())
            set_err(err, errlen, "%s", no_display);
        else
            set_err(err, errlen, "could not start SDL video: %s", SDL_GetError());
        free(r);
        return NULL;
    }

    Uint32 flags = SDL_WINDOW_RESIZABLE | (headless ? SDL_WINDOW_HIDDEN : 0);
    r->window = SDL_CreateWindow(title, SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED,
                                 RENDER_WIDTH, RENDER_HEIGHT, flags);
    if (!r->window) {
        if (!headless && !have_display())
            set_err(err, errlen, "%s", no_display);
        else
            set_err(err, errlen, "could not open the window: %s", SDL_GetError());
        goto fail;
    }

    if (!headless) {
        Uint32 rflags = SDL_RENDERER_ACCELERATED | (vsync ? SDL_RENDERER_PRESENTVSYNC : 0);
        r->renderer = SDL_CreateRenderer(r->window, -1, rflags);
    }
    /* Headless, or no GPU renderer: the software one always works. */
    if (!r->renderer)
        r->renderer = SDL_CreateRenderer(r->window, -1, SDL_RENDERER_SOFTWARE);
    if (!r->renderer) {
        set_err(err, errlen, "could not create a renderer: %s", SDL_GetError());
        goto fail;
    }
    if (SDL_RenderSetLogicalSize(r->renderer, RENDER_WIDTH, RENDER_HEIGHT) != 0 ||
        SDL_SetRenderDrawBlendMode(r->renderer, SDL_BLENDMODE_BLEND) != 0) {
        set_err(err, errlen, "could not set up the renderer: %s", SDL_GetError());
        goto fail;
    }
    r->font = make_font_atlas(r->renderer);
    if (!r->font) {
        set_err(err, errlen, "could not build the font texture: %s", SDL_GetError());
        goto fail;
    }
    return r;

fail:
    render_destroy(r);
    return NULL;
}

void render_destroy(Render *r)
{
    if (!r)
        return;
    if (r->font)
        SDL_DestroyTexture(r->font);
    if (r->renderer)
        SDL_DestroyRenderer(r->renderer);
    if (r->window)
        SDL_DestroyWindow(r->window);
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
    free(r);
}

void render_set_title(Render *r, const char *title)
{
    if (r && title)
        SDL_SetWindowTitle(r->window, title);
}

void *render_window(Render *r)
{
    return r ? r->window : NULL;
}

void render_present(Render *r)
{
    if (r)
        SDL_RenderPresent(r->renderer);
}

int render_read_pixels(Render *r, Color *out)
{
    if (!r || !out)
        return -1;
    /* The back buffer is in output pixels: the logical screen scaled and letterboxed into
     * the window. Read that viewport and sample it back down to logical pixels. */
    SDL_Rect vp;
    SDL_RenderGetViewport(r->renderer, &vp);
    float sx, sy;
    SDL_RenderGetScale(r->renderer, &sx, &sy);
    int ow = (int)lroundf((float)vp.w * sx), oh = (int)lroundf((float)vp.h * sy);
    if (ow <= 0 || oh <= 0)
        return -1;
    if (ow == RENDER_WIDTH && oh == RENDER_HEIGHT)
        return SDL_RenderReadPixels(r->renderer, NULL, SDL_PIXELFORMAT_RGBA32, out,
                                    RENDER_WIDTH * (int)sizeof(Color)) == 0
                   ? 0
                   : -1;
    Color *tmp = malloc((size_t)ow * (size_t)oh * sizeof(Color));
    if (!tmp)
        return -1;
    int rc = SDL_RenderReadPixels(r->renderer, NULL, SDL_PIXELFORMAT_RGBA32, tmp,
                                  ow * (int)sizeof(Color));
    if (rc == 0) {
        for (int y = 0; y < RENDER_HEIGHT; y++) {
            int ty = (int)(((long)y * oh + oh / 2) / RENDER_HEIGHT);
            for (int x = 0; x < RENDER_WIDTH; x++) {
                int tx = (int)(((long)x * ow + ow / 2) / RENDER_WIDTH);
                out[y * RENDER_WIDTH + x] = tmp[ty * ow + tx];
            }
        }
    }
    free(tmp);
    return rc == 0 ? 0 : -1;
}

int render_screenshot(Render *r, const char *path)
{
    if (!r || !path)
        return -1;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, RENDER_WIDTH, RENDER_HEIGHT, 32,
                                                    SDL_PIXELFORMAT_RGBA32);
    if (!s)
        return -1;
    int rc = -1;
    /* The surface rows are packed (pitch = width * 4), as render_read_pixels wants. */
    if (s->pitch == RENDER_WIDTH * (int)sizeof(Color) &&
        render_read_pixels(r, (Color *)s->pixels) == 0 && SDL_SaveBMP(s, path) == 0)
        rc = 0;
    SDL_FreeSurface(s);
    return rc;
}

static void set_color(Render *r, Color c)
{
    SDL_SetRenderDrawColor(r->renderer, c.r, c.g, c.b, c.a);
}

/* The logical screen with a pixel to spare on each side. Shapes are clipped to it before
 * SDL sees them: SDL's software line drawing allocates per pixel of the whole line, and
 * coordinates far off screen would overflow its integer conversions. */
static const SDL_FRect bounds = {-1, -1, RENDER_WIDTH + 2, RENDER_HEIGHT + 2};

static bool finite4(float a, float b, float c, float d)
{
    return isfinite(a) && isfinite(b) && isfinite(c) && isfinite(d);
}

/* A rectangle given with a negative width or height covers the same pixels as its mirror. */
static void normalise(float *x, float *y, float *w, float *h)
{
    if (*w < 0) {
        *x += *w;
        *w = -*w;
    }
    if (*h < 0) {
        *y += *h;
        *h = -*h;
    }
}

static void fill_clipped(Render *r, float x, float y, float w, float h)
{
    if (!finite4(x, y, w, h))
        return;
    normalise(&x, &y, &w, &h);
    SDL_FRect rect = {x, y, w, h}, clipped;
    if (SDL_IntersectFRect(&rect, &bounds, &clipped))
        SDL_RenderFillRectF(r->renderer, &clipped);
}

static void line_clipped(Render *r, float x1, float y1, float x2, float y2)
{
    if (!finite4(x1, y1, x2, y2))
        return;
    if (SDL_IntersectFRectAndLine(&bounds, &x1, &y1, &x2, &y2))
        SDL_RenderDrawLineF(r->renderer, x1, y1, x2, y2);
}

void render_clear(Render *r, Color c)
{
    if (!r)
        return;
    /* Clear ignores blending; a translucent clear colour is taken as opaque. */
    set_color(r, c);
    SDL_RenderClear(r->renderer);
}

void render_rect(Render *r, float x, float y, float w, float h, Color c)
{
    if (!r)
        return;
    set_color(r, c);
    fill_clipped(r, x, y, w, h);
}

void render_rect_lines(Render *r, float x, float y, float w, float h, Color c)
{
    if (!r || !finite4(x, y, w, h))
        return;
    normalise(&x, &y, &w, &h);
    if (w <= 0 || h <= 0)
        return;
    set_color(r, c);
    /* Four 1-pixel strips that do not overlap, so translucent corners are not doubled. */
    fill_clipped(r, x, y, w, 1);
    if (h > 1)
        fill_clipped(r, x, y + h - 1, w, 1);
    if (h > 2) {
        fill_clipped(r, x, y + 1, 1, h - 2);
        if (w > 1)
            fill_clipped(r, x + w - 1, y + 1, 1, h - 2);
    }
}

void render_line(Render *r, Vec2 a, Vec2 b, Color c)
{
    if (!r)
        return;
    set_color(r, c);
    line_clipped(r, a.x, a.y, b.x, b.y);
}

static bool circle_ok(Vec2 center, float radius)
{
    return isfinite(center.x) && isfinite(center.y) && isfinite(radius) && radius > 0;
}

void render_circle(Render *r, Vec2 center, float radius, Color c)
{
    if (!r || !circle_ok(center, radius))
        return;
    set_color(r, c);
    /* One span per pixel row, tested at the row's centre; rows off screen are skipped so
     * a huge radius costs no more than the screen height. */
    float top = fmaxf(floorf(center.y - radius), 0.0f);
    float bottom = fminf(ceilf(center.y + radius), (float)RENDER_HEIGHT);
    SDL_FRect spans[64];
    int n = 0;
    for (float y = top; y < bottom; y += 1.0f) {
        float dy = y + 0.5f - center.y;
        float d2 = radius * radius - dy * dy;
        if (d2 < 0)
            continue;
        float half = sqrtf(d2);
        float x0 = roundf(center.x - half), x1 = roundf(center.x + half);
        x0 = fmaxf(x0, -1.0f);
        x1 = fminf(x1, (float)RENDER_WIDTH + 1.0f);
        if (x1 <= x0)
            continue;
        spans[n++] = (SDL_FRect){x0, y, x1 - x0, 1};
        if (n == (int)(sizeof(spans) / sizeof(spans[0]))) {
            SDL_RenderFillRectsF(r->renderer, spans, n);
            n = 0;
        }
    }
    if (n > 0)
        SDL_RenderFillRectsF(r->renderer, spans, n);
}

void render_circle_lines(Render *r, Vec2 center, float radius, Color c)
{
    if (!r || !circle_ok(center, radius))
        return;
    set_color(r, c);
    /* A ring that misses the screen, or surrounds all of it, draws nothing. */
    float dx = fmaxf(fabsf(center.x - RENDER_WIDTH / 2.0f) - RENDER_WIDTH / 2.0f, 0);
    float dy = fmaxf(fabsf(center.y - RENDER_HEIGHT / 2.0f) - RENDER_HEIGHT / 2.0f, 0);
    float fx = fabsf(center.x - RENDER_WIDTH / 2.0f) + RENDER_WIDTH / 2.0f;
    float fy = fabsf(center.y - RENDER_HEIGHT / 2.0f) + RENDER_HEIGHT / 2.0f;
    if (sqrtf(dx * dx + dy * dy) > radius + 1 || sqrtf(fx * fx + fy * fy) < radius - 1)
        return;
    /* A polygon whose sides stray from the true circle by under a quarter pixel:
     * the sagitta r(1 - cos(pi/n)) is about r pi^2 / 2n^2. */
    float sides = ceilf((float)M_PI * sqrtf(2.0f * radius));
    int n = (int)fminf(fmaxf(sides, 12.0f), 720.0f);
    float px = center.x + radius, py = center.y;
    for (int i = 1; i <= n; i++) {
        float a = 2.0f * (float)M_PI * (float)i / (float)n;
        float qx = center.x + radius * cosf(a), qy = center.y + radius * sinf(a);
        line_clipped(r, px, py, qx, qy);
        px = qx;
        py = qy;
    }
}

/* The glyph for the character at *p, advancing *p past it. Text is UTF-8 (compilers quote
 * with U+2018/U+2019 in UTF-8 locales): typographic quotes and dashes become their ASCII
 * look-alikes, anything else outside ASCII one '?'. */
static unsigned char next_glyph(const unsigned char **p)
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
    float cw = (float)HOT_FONT_W * (float)scale, ch = (float)HOT_FONT_H * (float)scale;
    float px = x, py = y;
    for (const unsigned char *p = (const unsigned char *)text; *p;) {
        if (*p == '\n') {
            px = x;
            py += ch;
            p++;
            continue;
        }
        unsigned char g = next_glyph(&p);
        bool visible = px < RENDER_WIDTH && px + cw > 0 && py < RENDER_HEIGHT && py + ch > 0;
        if (g != ' ' && visible) {
            int i = g - FONT_FIRST;
            SDL_Rect src = {(i % ATLAS_COLS) * HOT_FONT_W, (i / ATLAS_COLS) * HOT_FONT_H,
                            HOT_FONT_W, HOT_FONT_H};
            SDL_RenderCopyF(r->renderer, r->font, &src, &(SDL_FRect){px, py, cw, ch});
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
        next_glyph(&p);
        if (++line > widest)
            widest = line;
    }
    return (float)(widest * HOT_FONT_W * (size_t)scale);
}
