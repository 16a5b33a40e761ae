/* render.h: the SDL2 window and renderer, and the drawing the services table offers. */
#ifndef HOTRUN_RENDER_H
#define HOTRUN_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "hot.h"

/* The game draws on a logical screen of this size; the window scales it. */
#define RENDER_WIDTH  800
#define RENDER_HEIGHT 600

typedef struct Render Render;

typedef struct RenderConfig {
    const char *title;
    bool headless; /* SDL's offscreen (or dummy) video driver: no display needed */
    bool vsync;    /* present waits for the display's refresh */
} RenderConfig;

/* Opens the window and renderer (and SDL's video subsystem). On failure returns NULL and
 * writes one sentence to err; with no display and !headless the sentence says how to run
 * headless. */
Render *render_create(const RenderConfig *cfg, char *err, size_t errlen);
/* Closes the window and shuts SDL video down. NULL is fine. */
void render_destroy(Render *r);
void render_set_title(Render *r, const char *title);
/* Shows what was drawn this frame. */
void render_present(Render *r);
/* Saves the current back buffer, in logical pixels, as a BMP file (for tests and bug
 * reports). Call it after drawing and BEFORE render_present: after a present the back
 * buffer's content is undefined. 0 or -1. */
int render_screenshot(Render *r, const char *path);
/* Reads the current back buffer into `out`, RENDER_WIDTH * RENDER_HEIGHT colours row by
 * row in logical pixels (sampled down when the window is scaled). Like render_screenshot,
 * call it before render_present. 0 or -1. */
int render_read_pixels(Render *r, Color *out);
/* The SDL_Window (as void, to keep SDL out of this header), e.g. for its id or size. */
void *render_window(Render *r);

/* Drawing on the current frame (r is the one render_create returned). */
void render_clear(Render *r, Color c);
void render_rect(Render *r, float x, float y, float w, float h, Color c);
void render_rect_lines(Render *r, float x, float y, float w, float h, Color c);
void render_line(Render *r, Vec2 a, Vec2 b, Color c);
void render_circle(Render *r, Vec2 center, float radius, Color c);
void render_circle_lines(Render *r, Vec2 center, float radius, Color c);
/* Text in the built-in font; '\n' starts a new line. */
void render_text(Render *r, const char *text, float x, float y, int scale, Color c);
float render_text_width(const char *text, int scale);

#endif
