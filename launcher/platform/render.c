/* render.c: the SDL2 window and renderer, the logical screen and its scaling, fullscreen,
 * the per-frame drawing state (camera, blend mode, target), screenshots. */
#include "platform/render.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/render_impl.h"
#include "platform/text.h"
#include "platform/texture.h"


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
    r->width = RENDER_WIDTH;
    r->height = RENDER_HEIGHT;
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
        Uint32 rflags = SDL_RENDERER_ACCELERATED | SDL_RENDERER_TARGETTEXTURE |
                        (vsync ? SDL_RENDERER_PRESENTVSYNC : 0);
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
    r->bounds = (SDL_FRect){-1, -1, RENDER_WIDTH + 2, RENDER_HEIGHT + 2};
    r->font = text_make_atlas(r->renderer);
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
    texture_destroy(r->placeholder);
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
    /* Every swap sets it: the same title costs nothing then. */
    const char *now = r ? SDL_GetWindowTitle(r->window) : NULL;
    if (r && title && (!now || strcmp(now, title) != 0))
        SDL_SetWindowTitle(r->window, title);
}

void *render_window(Render *r)
{
    return r ? r->window : NULL;
}

static void set_bounds(Render *r, int w, int h)
{
    /* A pixel to spare on each side: see shapes.c. */
    r->bounds = (SDL_FRect){-1, -1, (float)w + 2, (float)h + 2};
}

static void apply_logical(Render *r, int w, int h, bool integer_scale)
{
    SDL_RenderSetIntegerScale(r->renderer, integer_scale ? SDL_TRUE : SDL_FALSE);
    SDL_RenderSetLogicalSize(r->renderer, w, h);
    set_bounds(r, w, h);
}

void render_set_logical(Render *r, int width, int height, bool integer_scale)
{
    if (!r)
        return;
    if (width <= 0 || height <= 0 || width > 16384 || height > 16384) {
        width = RENDER_WIDTH;
        height = RENDER_HEIGHT;
    }
    bool same = width == r->width && height == r->height && integer_scale == r->integer_scale;
    if (same && r->logical_set && !r->overlay)
        return; /* a swap to code of the same size: SDL has it already */
    r->logical_set = true;
    r->width = width;
    r->height = height;
    r->integer_scale = integer_scale;
    apply_logical(r, width, height, integer_scale);
    if (same || r->fullscreen)
        return;
    /* The biggest whole multiple that fits the display, with room for the desktop's bars;
     * 800 x 600 stays as it was. */
    SDL_Rect usable = {0, 0, 1280, 720};
    int display = SDL_GetWindowDisplayIndex(r->window);
    if (display < 0 || SDL_GetDisplayUsableBounds(display, &usable) != 0 || usable.w <= 0)
        usable = (SDL_Rect){0, 0, 1280, 720};
    int k = (int)fminf(floorf(usable.w * 0.9f / (float)width),
                       floorf(usable.h * 0.9f / (float)height));
    if (k < 1)
        k = 1;
    if (width * k > RENDER_WIDTH * 2 && k > 1) /* a big screen: no giant window */
        k = (RENDER_WIDTH * 2) / width > 0 ? (RENDER_WIDTH * 2) / width : 1;
    SDL_SetWindowSize(r->window, width * k, height * k);
    SDL_SetWindowPosition(r->window, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED);
}

void render_size(const Render *r, int *width, int *height)
{
    *width = r ? r->width : RENDER_WIDTH;
    *height = r ? r->height : RENDER_HEIGHT;
}

void render_canvas_size(const Render *r, int *width, int *height)
{
    if (!r) {
        render_size(r, width, height);
        return;
    }
    *width = (int)r->bounds.w - 2;
    *height = (int)r->bounds.h - 2;
}

void render_set_fullscreen(Render *r, bool on)
{
    if (!r || on == r->fullscreen)
        return;
    if (SDL_SetWindowFullscreen(r->window, on ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0) == 0)
        r->fullscreen = on;
}

bool render_is_fullscreen(const Render *r)
{
    return r && r->fullscreen;
}

void render_begin_frame(Render *r)
{
    if (!r)
        return;
    if (r->target) {
        SDL_SetRenderTarget(r->renderer, NULL);
        r->target = NULL;
        set_bounds(r, r->width, r->height);
    }
    r->camera_on = false;
    render_set_blend(r, HOT_BLEND_ALPHA);
}

void render_begin_overlay(Render *r)
{
    if (!r)
        return;
    render_begin_frame(r);
    /* The host's panels are laid out for 800 x 600, whatever the game's own size. */
    if (r->width == RENDER_WIDTH && r->height == RENDER_HEIGHT && !r->integer_scale)
        return;
    apply_logical(r, RENDER_WIDTH, RENDER_HEIGHT, false);
    r->overlay = true;
}

void render_end_overlay(Render *r)
{
    if (!r || !r->overlay)
        return;
    r->overlay = false;
    apply_logical(r, r->width, r->height, r->integer_scale);
}

void render_present(Render *r)
{
    if (r)
        SDL_RenderPresent(r->renderer);
}

SDL_BlendMode render_sdl_blend(HotBlend mode)
{
    switch (mode) {
    case HOT_BLEND_ADD: return SDL_BLENDMODE_ADD;
    case HOT_BLEND_MULTIPLY: return SDL_BLENDMODE_MUL;
    case HOT_BLEND_NONE: return SDL_BLENDMODE_NONE;
    default: return SDL_BLENDMODE_BLEND;
    }
}

void render_set_blend(Render *r, HotBlend mode)
{
    if (!r)
        return;
    if ((unsigned)mode > HOT_BLEND_NONE)
        mode = HOT_BLEND_ALPHA;
    r->blend = mode;
    SDL_SetRenderDrawBlendMode(r->renderer, render_sdl_blend(mode));
}

void render_set_camera(Render *r, const Camera2D *camera)
{
    if (!r)
        return;
    r->camera_on = camera != NULL;
    if (camera)
        r->camera = *camera;
}

int render_read_pixels(Render *r, Color *out)
{
    if (!r || !out)
        return -1;
    int W = r->width, H = r->height;
    /* The back buffer is in output pixels: the logical screen scaled and letterboxed into
     * the window. Read that viewport and sample it back down to logical pixels. */
    SDL_Rect vp;
    SDL_RenderGetViewport(r->renderer, &vp);
    float sx, sy;
    SDL_RenderGetScale(r->renderer, &sx, &sy);
    int ow = (int)lroundf((float)vp.w * sx), oh = (int)lroundf((float)vp.h * sy);
    if (ow <= 0 || oh <= 0)
        return -1;
    int rc;
    if (ow == W && oh == H) {
        rc = SDL_RenderReadPixels(r->renderer, NULL, SDL_PIXELFORMAT_RGBA32, out,
                                  W * (int)sizeof(Color));
    } else {
        Color *tmp = malloc((size_t)ow * (size_t)oh * sizeof(Color));
        rc = tmp ? SDL_RenderReadPixels(r->renderer, NULL, SDL_PIXELFORMAT_RGBA32, tmp,
                                        ow * (int)sizeof(Color))
                 : -1;
        if (rc == 0) {
            for (int y = 0; y < H; y++) {
                int ty = (int)(((long)y * oh + oh / 2) / H);
                for (int x = 0; x < W; x++) {
                    int tx = (int)(((long)x * ow + ow / 2) / W);
                    out[y * W + x] = tmp[ty * ow + tx];
                }
            }
        }
        free(tmp);
    }
    return rc == 0 ? 0 : -1;
}

int render_screenshot(Render *r, const char *path)
{
    if (!r || !path)
        return -1;
    SDL_Surface *s =
        SDL_CreateRGBSurfaceWithFormat(0, r->width, r->height, 32, SDL_PIXELFORMAT_RGBA32);
    if (!s)
        return -1;
    int rc = -1;
    /* The surface rows are packed (pitch = width * 4), as render_read_pixels wants. */
    if (s->pitch == r->width * (int)sizeof(Color) &&
        render_read_pixels(r, (Color *)s->pixels) == 0 && SDL_SaveBMP(s, path) == 0)
        rc = 0;
    SDL_FreeSurface(s);
    return rc;
}
