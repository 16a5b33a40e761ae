/* render.h: the SDL2 window and renderer, the logical screen, and the drawing the services
 * table offers (shapes here; textures in texture.h, TrueType text in ttf.h). */
#ifndef HOTRUN_RENDER_H
#define HOTRUN_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "hot.h"

/* The logical screen of a game that does not choose one (HotGame.width/height 0). */
#define RENDER_WIDTH  800
#define RENDER_HEIGHT 600

typedef struct Render Render;

typedef struct RenderConfig {
    const char *title;
    bool headless; /* SDL's offscreen (or dummy) video driver: no display needed */
    bool vsync;    /* present waits for the display's refresh */
} RenderConfig;

/* Opens the window and renderer (and SDL's video subsystem) with an 800 x 600 logical
 * screen. On failure returns NULL and writes one sentence to err; with no display and
 * !headless the sentence says how to run headless. */
Render *render_create(const RenderConfig *cfg, char *err, size_t errlen);
/* Closes the window and shuts SDL video down. NULL is fine. */
void render_destroy(Render *r);
void render_set_title(Render *r, const char *title);
/* Sets the logical screen (0: 800 x 600) the game draws on; the window is sized to a
 * whole multiple of it that fits the display and scales it letterboxed, by whole
 * multiples only when integer_scale. */
void render_set_logical(Render *r, int width, int height, bool integer_scale);
/* The logical screen's size in pixels. */
void render_size(const Render *r, int *width, int *height);
/* The size of what is drawn on now: the logical screen, the overlay's screen between
 * render_begin_overlay and render_end_overlay, or a render target. */
void render_canvas_size(const Render *r, int *width, int *height);
void render_set_fullscreen(Render *r, bool on);
bool render_is_fullscreen(const Render *r);
/* Starts the game's drawing of a frame: no camera, alpha blending, drawing to the screen. */
void render_begin_frame(Render *r);
/* The host's own drawing (overlay, panels) on an 800 x 600 screen whatever the game's
 * logical size, until render_end_overlay. */
void render_begin_overlay(Render *r);
void render_end_overlay(Render *r);
/* Shows what was drawn this frame. */
void render_present(Render *r);
/* Saves the current back buffer, in logical pixels, as a BMP file (for tests and bug
 * reports). Call it after drawing and BEFORE render_present: after a present the back
 * buffer's content is undefined. 0 or -1. */
int render_screenshot(Render *r, const char *path);
/* Reads the current back buffer into `out`, width * height colours of the logical screen
 * (render_size) row by row (sampled down when the window is scaled). Like
 * render_screenshot, call it before render_present. 0 or -1. */
int render_read_pixels(Render *r, Color *out);
/* The SDL_Window (as void, to keep SDL out of this header), e.g. for its id or size. */
void *render_window(Render *r);

/* The camera for the draw calls that follow (NULL: none), and the blend mode. */
void render_set_camera(Render *r, const Camera2D *camera);
void render_set_blend(Render *r, HotBlend mode);

/* Drawing on the current frame (r is the one render_create returned), in world
 * coordinates when a camera is set. */
void render_clear(Render *r, Color c);
void render_rect(Render *r, float x, float y, float w, float h, Color c);
void render_rect_lines(Render *r, float x, float y, float w, float h, Color c);
void render_line(Render *r, Vec2 a, Vec2 b, Color c);
void render_line_thick(Render *r, Vec2 a, Vec2 b, float thickness, Color c);
void render_circle(Render *r, Vec2 center, float radius, Color c);
void render_circle_lines(Render *r, Vec2 center, float radius, Color c);
void render_triangle(Render *r, Vec2 a, Vec2 b, Vec2 c, Color color);
/* A convex polygon, filled as a fan from its first point. */
void render_polygon(Render *r, const Vec2 *points, int count, Color color);
/* Text in the built-in font; '\n' starts a new line. */
void render_text(Render *r, const char *text, float x, float y, int scale, Color c);
float render_text_width(const char *text, int scale);

#endif
