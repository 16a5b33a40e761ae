/* texture.h: textures decoded by SDL2_image, the missing-texture placeholder, sprites
 * drawn from them, and render targets. */
#ifndef HOTRUN_TEXTURE_H
#define HOTRUN_TEXTURE_H

#include <stdbool.h>
#include <stddef.h>

#include "hot.h"
#include "platform/render.h"
#include "util/error.h"

typedef struct Texture Texture;

/* Decodes an image file's bytes (PNG, JPEG, BMP, ... whatever SDL2_image reads) and
 * uploads it. `old` (may be NULL) is the texture it replaces: its filter is kept.
 * decode_ms and upload_ms (may be NULL) get the two phases' times. NULL with one
 * sentence in err when the bytes are not an image SDL2_image can read. */
Texture *texture_load(Render *r, const void *bytes, size_t len, const Texture *old,
                      double *decode_ms, double *upload_ms, Err *err);
/* An offscreen texture of w x h pixels to draw into, transparent. NULL with err. */
Texture *texture_create_target(Render *r, int w, int h, Err *err);
/* NULL is fine. */
void texture_destroy(Texture *t);
/* The magenta and black checkerboard drawn for a texture that is missing or broken
 * (owned by r, made once). */
Texture *texture_placeholder(Render *r);

void texture_size(const Texture *t, int *w, int *h);
void texture_set_filter(Texture *t, HotFilter filter);

/* Draws the part src of t (w or h 0: all of it) into dst as HotApi.draw_sprite does; t
 * NULL draws the placeholder. Through the camera when one is set. */
void render_sprite(Render *r, Texture *t, Rect src, Rect dst, Vec2 origin, float rotation,
                   HotFlip flip, Color tint);
/* Sends the draw calls that follow into target t (its own pixels, no camera) until
 * render_end_target or the next frame. -1 when t is not a render target. */
int render_begin_target(Render *r, Texture *t);
void render_end_target(Render *r);

#endif
