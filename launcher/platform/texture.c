/* texture.c: textures from image bytes (SDL2_image), the placeholder checkerboard,
 * sprites and render targets. Every draw is one SDL_RenderCopy(Ex)F, which SDL batches. */
#include "platform/texture.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <SDL_image.h>

#include "platform/render_impl.h"
#include "util/clock.h"

struct Texture {
    SDL_Texture *tex;
    int w, h;
    HotFilter filter;
    bool target;
};

static void apply_filter(Texture *t)
{
    SDL_SetTextureScaleMode(t->tex, t->filter == HOT_FILTER_LINEAR ? SDL_ScaleModeLinear
                                                                   : SDL_ScaleModeNearest);
}

static Texture *wrap(SDL_Texture *tex, HotFilter filter, bool target)
{
    Texture *t = calloc(1, sizeof(*t));
    if (!t) {
        SDL_DestroyTexture(tex);
        return NULL;
    }
    t->tex = tex;
    t->filter = filter;
    t->target = target;
    SDL_QueryTexture(tex, NULL, NULL, &t->w, &t->h);
    SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
    apply_filter(t);
    return t;
}

Texture *texture_load(Render *r, const void *bytes, size_t len, const Texture *old,
                      double *decode_ms, double *upload_ms, Err *err)
{
    double t0 = (clock_now_s() * 1e3);
    SDL_RWops *rw = SDL_RWFromConstMem(bytes, (int)len);
    SDL_Surface *s = rw ? IMG_Load_RW(rw, 1) : NULL;
    double t1 = (clock_now_s() * 1e3);
    if (decode_ms)
        *decode_ms = t1 - t0;
    if (!s) {
        err_set(err, ERR_INVALID, "not an image SDL2_image can read (%s)", IMG_GetError());
        return NULL;
    }
    SDL_Texture *tex = SDL_CreateTextureFromSurface(r->renderer, s);
    SDL_FreeSurface(s);
    if (upload_ms)
        *upload_ms = (clock_now_s() * 1e3) - t1;
    if (!tex) {
        err_set(err, ERR_INVALID, "could not make a texture of it: %s", SDL_GetError());
        return NULL;
    }
    Texture *t = wrap(tex, old ? old->filter : HOT_FILTER_NEAREST, false);
    if (!t)
        err_set(err, ERR_NOMEM, "out of memory");
    return t;
}

Texture *texture_create_target(Render *r, int w, int h, Err *err)
{
    if (w <= 0 || h <= 0 || w > 8192 || h > 8192) {
        err_set(err, ERR_INVALID, "a render target of %d x %d pixels is not possible", w, h);
        return NULL;
    }
    SDL_Texture *tex = SDL_CreateTexture(r->renderer, SDL_PIXELFORMAT_RGBA8888,
                                         SDL_TEXTUREACCESS_TARGET, w, h);
    if (!tex) {
        err_set(err, ERR_INVALID, "could not make a render target: %s", SDL_GetError());
        return NULL;
    }
    /* Transparent at first, whatever the driver left in it. */
    SDL_Texture *was = SDL_GetRenderTarget(r->renderer);
    SDL_SetRenderTarget(r->renderer, tex);
    SDL_SetRenderDrawBlendMode(r->renderer, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(r->renderer, 0, 0, 0, 0);
    SDL_RenderClear(r->renderer);
    SDL_SetRenderTarget(r->renderer, was);
    SDL_SetRenderDrawBlendMode(r->renderer, render_sdl_blend(r->blend));
    Texture *t = wrap(tex, HOT_FILTER_NEAREST, true);
    if (!t)
        err_set(err, ERR_NOMEM, "out of memory");
    return t;
}

void texture_destroy(Texture *t)
{
    if (!t)
        return;
    SDL_DestroyTexture(t->tex);
    free(t);
}

Texture *texture_placeholder(Render *r)
{
    if (r->placeholder)
        return r->placeholder;
    enum { SIZE = 32, CELL = 8 };
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, SIZE, SIZE, 32, SDL_PIXELFORMAT_RGBA32);
    if (!s)
        return NULL;
    Uint32 magenta = SDL_MapRGBA(s->format, 255, 0, 255, 255);
    Uint32 black = SDL_MapRGBA(s->format, 0, 0, 0, 255);
    for (int y = 0; y < SIZE; y++) {
        Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + y * s->pitch);
        for (int x = 0; x < SIZE; x++)
            row[x] = ((x / CELL + y / CELL) % 2) ? black : magenta;
    }
    SDL_Texture *tex = SDL_CreateTextureFromSurface(r->renderer, s);
    SDL_FreeSurface(s);
    r->placeholder = tex ? wrap(tex, HOT_FILTER_NEAREST, false) : NULL;
    return r->placeholder;
}

void texture_size(const Texture *t, int *w, int *h)
{
    *w = t ? t->w : 0;
    *h = t ? t->h : 0;
}

void texture_set_filter(Texture *t, HotFilter filter)
{
    if (!t)
        return;
    t->filter = filter == HOT_FILTER_LINEAR ? HOT_FILTER_LINEAR : HOT_FILTER_NEAREST;
    apply_filter(t);
}

void render_sprite(Render *r, Texture *t, Rect src, Rect dst, Vec2 origin, float rotation,
                   HotFlip flip, Color tint)
{
    if (!r)
        return;
    if (!t) {
        t = texture_placeholder(r);
        if (!t)
            return;
        src = (Rect){0, 0, 0, 0};
    }
    if (t->tex == r->target) /* drawing a target into itself: undefined in SDL */
        return;
    if (!render_finite4(dst.x, dst.y, dst.w, dst.h) || !render_finite4(src.x, src.y, src.w, src.h) ||
        !render_finite4(origin.x, origin.y, rotation, 0))
        return;
    if (src.w == 0 || src.h == 0)
        src = (Rect){0, 0, (float)t->w, (float)t->h};
    float z = render_zoom(r), angle = rotation + render_angle(r);
    Vec2 at = render_xf(r, (Vec2){dst.x, dst.y});
    float w = fabsf(dst.w) * z, h = fabsf(dst.h) * z;
    /* Cull what is surely off the canvas: the origin is at most w + h from any corner. */
    float reach = w + h + fabsf(origin.x * z) + fabsf(origin.y * z);
    if (at.x + reach < r->bounds.x || at.y + reach < r->bounds.y ||
        at.x - reach > r->bounds.x + r->bounds.w || at.y - reach > r->bounds.y + r->bounds.h)
        return;
    SDL_SetTextureColorMod(t->tex, tint.r, tint.g, tint.b);
    SDL_SetTextureAlphaMod(t->tex, tint.a);
    SDL_SetTextureBlendMode(t->tex, render_sdl_blend(r->blend));
    SDL_Rect s = {(int)src.x, (int)src.y, (int)src.w, (int)src.h};
    SDL_FRect d = {at.x - origin.x * z, at.y - origin.y * z, w, h};
    int f = ((flip & HOT_FLIP_X) ? SDL_FLIP_HORIZONTAL : 0) |
            ((flip & HOT_FLIP_Y) ? SDL_FLIP_VERTICAL : 0);
    if (angle == 0 && f == 0)
        SDL_RenderCopyF(r->renderer, t->tex, &s, &d);
    else
        SDL_RenderCopyExF(r->renderer, t->tex, &s, &d, angle,
                          &(SDL_FPoint){origin.x * z, origin.y * z}, (SDL_RendererFlip)f);
}

int render_begin_target(Render *r, Texture *t)
{
    if (!r || !t || !t->target)
        return -1;
    if (SDL_SetRenderTarget(r->renderer, t->tex) != 0)
        return -1;
    r->target = t->tex;
    r->camera_on = false;
    r->bounds = (SDL_FRect){-1, -1, (float)t->w + 2, (float)t->h + 2};
    return 0;
}

void render_end_target(Render *r)
{
    if (!r || !r->target)
        return;
    SDL_SetRenderTarget(r->renderer, NULL);
    r->target = NULL;
    r->bounds = (SDL_FRect){-1, -1, (float)r->width + 2, (float)r->height + 2};
}
