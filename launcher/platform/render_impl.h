/* render_impl.h: the renderer's insides, shared by the platform files that draw (render.c,
 * shapes.c, text.c, texture.c, ttf.c). Not for other layers: they see render.h. */
#ifndef HOTRUN_RENDER_IMPL_H
#define HOTRUN_RENDER_IMPL_H

#include <stdbool.h>

#include <SDL.h>

#include "platform/camera.h"
#include "platform/render.h"

struct Render {
    SDL_Window *window;
    SDL_Renderer *renderer;
    SDL_Texture *font;        /* built-in font atlas: white glyphs, tinted per draw */
    int width, height;        /* the logical screen */
    bool integer_scale;
    bool logical_set;         /* render_set_logical ran once: SDL has width x height */
    bool fullscreen;
    SDL_FRect bounds;         /* what shapes are clipped to: the screen or the target */
    bool camera_on;
    Camera2D camera;
    HotBlend blend;
    SDL_Texture *target;      /* the render target drawn into, or NULL for the screen */
    bool overlay;             /* between render_begin_overlay and render_end_overlay */
    struct Texture *placeholder; /* the magenta checkerboard, made when first needed */
};

/* The camera's view of a world point (the point itself with no camera). */
static inline Vec2 render_xf(const Render *r, Vec2 p)
{
    return r->camera_on ? camera_to_screen(r->camera, p) : p;
}

/* The camera's zoom (1 with no camera) and rotation in degrees (0 with none). */
static inline float render_zoom(const Render *r)
{
    return r->camera_on ? camera_zoom(r->camera) : 1.0f;
}

static inline float render_angle(const Render *r)
{
    return r->camera_on ? r->camera.rotation : 0.0f;
}

/* The SDL blend mode of a HotBlend. */
SDL_BlendMode render_sdl_blend(HotBlend mode);

/* Fills the quad p[0..3] (in screen pixels, in order around it) with one colour. */
void render_quad(Render *r, const Vec2 p[4], Color c);

/* Screen bounds checks shared by the drawing files. */
bool render_finite4(float a, float b, float c, float d);

#endif
