/* test_texture.c: textures from PNG bytes (SDL2_image), the placeholder, sprites (source
 * cell, flip, rotation, tint), render targets, blend modes, the new shapes, the camera,
 * and TrueType text (SDL2_ttf, a Debian font), read back from the offscreen renderer. */
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_image.h>

#include "platform/render.h"
#include "platform/texture.h"
#include "platform/ttf.h"
#include "testlib.h"

#define FONT_PATH "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

static Color pixels[RENDER_WIDTH * RENDER_HEIGHT];
static const Color WHITE = {255, 255, 255, 255};

static Render *open_headless(void)
{
    char err[256] = "";
    RenderConfig cfg = {.title = "test_texture", .headless = true};
    Render *r = render_create(&cfg, err, sizeof(err));
    if (!r)
        fprintf(stderr, "render_create: %s\n", err);
    CHECK(r != NULL);
    return r;
}

static Color px(Render *r, int x, int y)
{
    CHECK_EQ_INT(render_read_pixels(r, pixels), 0);
    return pixels[y * RENDER_WIDTH + x];
}

static bool is(Color c, int r, int g, int b)
{
    return abs(c.r - r) <= 2 && abs(c.g - g) <= 2 && abs(c.b - b) <= 2;
}

/* A PNG in memory, 2 x 2 cells of 4 x 4 pixels: red, green / blue, white. */
static void *quad_png(size_t *len)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 8, 8, 32, SDL_PIXELFORMAT_RGBA32);
    CHECK(s != NULL);
    const Uint32 cols[4] = {SDL_MapRGBA(s->format, 255, 0, 0, 255),
                            SDL_MapRGBA(s->format, 0, 255, 0, 255),
                            SDL_MapRGBA(s->format, 0, 0, 255, 255),
                            SDL_MapRGBA(s->format, 255, 255, 255, 255)};
    for (int y = 0; y < 8; y++)
        for (int x = 0; x < 8; x++)
            ((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x] = cols[(y / 4) * 2 + x / 4];
    static char buf[4096];
    SDL_RWops *rw = SDL_RWFromMem(buf, sizeof(buf));
    CHECK(IMG_SavePNG_RW(s, rw, 0) == 0);
    *len = (size_t)SDL_RWtell(rw);
    SDL_RWclose(rw);
    SDL_FreeSurface(s);
    return buf;
}

static void test_load_and_draw(Render *r)
{
    size_t len;
    void *png = quad_png(&len);
    Err err = {{0}};
    Texture *t = texture_load(r, png, len, NULL, NULL, NULL, &err);
    CHECK(t != NULL);
    int w, h;
    texture_size(t, &w, &h);
    CHECK_EQ_INT(w, 8);
    CHECK_EQ_INT(h, 8);

    render_begin_frame(r);
    render_clear(r, (Color){0, 0, 0, 255});
    /* Whole, scaled 10x with nearest filtering: crisp cells of 40 pixels. */
    render_sprite(r, t, (Rect){0}, (Rect){100, 100, 80, 80}, (Vec2){0, 0}, 0, HOT_FLIP_NONE, WHITE);
    CHECK(is(px(r, 101, 101), 255, 0, 0));
    CHECK(is(px(r, 178, 101), 0, 255, 0));
    CHECK(is(px(r, 101, 178), 0, 0, 255));
    CHECK(is(px(r, 139, 139), 255, 0, 0)); /* the cell's edge stays sharp */
    CHECK(is(px(r, 140, 139), 0, 255, 0));
    /* A source cell (the white one), flipped, tinted. */
    render_sprite(r, t, (Rect){4, 4, 4, 4}, (Rect){300, 100, 40, 40}, (Vec2){0, 0}, 0,
                  HOT_FLIP_X, (Color){255, 128, 0, 255});
    CHECK(is(px(r, 320, 120), 255, 128, 0));
    /* Flipped horizontally: red and green swap sides. */
    render_sprite(r, t, (Rect){0, 0, 8, 4}, (Rect){400, 100, 80, 40}, (Vec2){0, 0}, 0,
                  HOT_FLIP_X, WHITE);
    CHECK(is(px(r, 405, 120), 0, 255, 0));
    CHECK(is(px(r, 475, 120), 255, 0, 0));
    /* Turned 180 degrees about its centre: blue/white come on top. */
    render_sprite(r, t, (Rect){0}, (Rect){600, 140, 80, 80}, (Vec2){40, 40}, 180,
                  HOT_FLIP_NONE, WHITE);
    CHECK(is(px(r, 565, 105), 255, 255, 255));
    CHECK(is(px(r, 635, 175), 255, 0, 0));
    /* Half transparent over black. */
    render_sprite(r, t, (Rect){4, 4, 4, 4}, (Rect){100, 300, 20, 20}, (Vec2){0, 0}, 0,
                  HOT_FLIP_NONE, (Color){255, 255, 255, 128});
    CHECK(is(px(r, 110, 310), 128, 128, 128));

    /* Reload keeps the filter; broken bytes give a sentence. */
    texture_set_filter(t, HOT_FILTER_LINEAR);
    Texture *t2 = texture_load(r, png, len, t, NULL, NULL, &err);
    CHECK(t2 != NULL);
    texture_destroy(t);
    texture_destroy(t2);
    CHECK(texture_load(r, "garbage!", 8, NULL, NULL, NULL, &err) == NULL);
    CHECK(strstr(err.text, "not an image") != NULL);
}

static void test_placeholder(Render *r)
{
    render_begin_frame(r);
    render_clear(r, (Color){0, 0, 0, 255});
    render_sprite(r, NULL, (Rect){0}, (Rect){200, 200, 64, 64}, (Vec2){0, 0}, 0, HOT_FLIP_NONE,
                  WHITE);
    CHECK(is(px(r, 201, 201), 255, 0, 255));
    CHECK(is(px(r, 201 + 16, 201), 0, 0, 0));
    CHECK(texture_placeholder(r) == texture_placeholder(r));
}

static void test_target_and_blend(Render *r)
{
    Err err = {{0}};
    Texture *t = texture_create_target(r, 16, 16, &err);
    CHECK(t != NULL);
    CHECK(texture_create_target(r, 0, 5, &err) == NULL);
    render_begin_frame(r);
    render_clear(r, (Color){0, 0, 0, 255});
    CHECK_EQ_INT(render_begin_target(r, t), 0);
    render_rect(r, 0, 0, 8, 16, (Color){0, 0, 255, 255}); /* left half blue */
    render_end_target(r);
    render_sprite(r, t, (Rect){0}, (Rect){50, 50, 32, 32}, (Vec2){0, 0}, 0, HOT_FLIP_NONE, WHITE);
    CHECK(is(px(r, 55, 60), 0, 0, 255));
    CHECK(is(px(r, 75, 60), 0, 0, 0)); /* the right half stayed transparent */
    CHECK_EQ_INT(render_begin_target(r, NULL), -1);

    /* Additive: red + green = yellow. */
    render_rect(r, 300, 300, 20, 20, (Color){255, 0, 0, 255});
    render_set_blend(r, HOT_BLEND_ADD);
    render_rect(r, 300, 300, 20, 20, (Color){0, 255, 0, 255});
    render_set_blend(r, HOT_BLEND_ALPHA);
    CHECK(is(px(r, 310, 310), 255, 255, 0));
    texture_destroy(t);
}

static void test_shapes_and_camera(Render *r)
{
    render_begin_frame(r);
    render_clear(r, (Color){0, 0, 0, 255});
    render_triangle(r, (Vec2){100, 100}, (Vec2){200, 100}, (Vec2){100, 200}, (Color){255, 0, 0, 255});
    CHECK(is(px(r, 110, 110), 255, 0, 0));
    CHECK(is(px(r, 190, 190), 0, 0, 0));
    Vec2 hex[6];
    for (int i = 0; i < 6; i++)
        hex[i] = (Vec2){400 + 50 * SDL_cosf((float)i * 1.0472f), 150 + 50 * SDL_sinf((float)i * 1.0472f)};
    render_polygon(r, hex, 6, (Color){0, 255, 0, 255});
    CHECK(is(px(r, 400, 150), 0, 255, 0));
    CHECK(is(px(r, 440, 110), 0, 0, 0));
    render_line_thick(r, (Vec2){100, 400}, (Vec2){300, 400}, 10, (Color){0, 0, 255, 255});
    CHECK(is(px(r, 200, 396), 0, 0, 255));
    CHECK(is(px(r, 200, 410), 0, 0, 0));

    /* The camera: target (1000, 1000) shown at (400, 300), zoom 2. */
    render_clear(r, (Color){0, 0, 0, 255});
    Camera2D cam = {.target = {1000, 1000}, .offset = {400, 300}, .zoom = 2};
    render_set_camera(r, &cam);
    render_rect(r, 1000, 1000, 10, 10, (Color){255, 255, 0, 255});
    render_set_camera(r, NULL);
    CHECK(is(px(r, 401, 301), 255, 255, 0));
    CHECK(is(px(r, 418, 318), 255, 255, 0)); /* 20 pixels wide at zoom 2 */
    CHECK(is(px(r, 422, 301), 0, 0, 0));
    /* Turned 90 degrees: the same square goes down-left of the offset. */
    render_clear(r, (Color){0, 0, 0, 255});
    cam.rotation = 90;
    render_set_camera(r, &cam);
    render_rect(r, 1000, 1000, 10, 10, (Color){255, 255, 0, 255});
    render_begin_frame(r); /* a new frame drops the camera */
    render_rect(r, 0, 0, 4, 4, (Color){255, 0, 0, 255});
    CHECK(is(px(r, 390, 310), 255, 255, 0));
    CHECK(is(px(r, 410, 310), 0, 0, 0));
    CHECK(is(px(r, 1, 1), 255, 0, 0));
}

static void *read_font(size_t *len)
{
    FILE *f = fopen(FONT_PATH, "rb");
    CHECK(f != NULL);
    static char buf[1 << 20];
    *len = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    CHECK(*len > 1000);
    return buf;
}

static int light_pixels(Render *r, int x0, int y0, int x1, int y1)
{
    CHECK_EQ_INT(render_read_pixels(r, pixels), 0);
    int n = 0;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++) {
            Color c = pixels[y * RENDER_WIDTH + x];
            n += c.r > 128 && c.g > 128 && c.b > 128;
        }
    return n;
}

static void test_ttf(Render *r)
{
    size_t len;
    void *bytes = read_font(&len);
    Err err = {{0}};
    Font *f = font_load(r, bytes, len, &err);
    CHECK(f != NULL);
    CHECK(font_load(r, "nope", 4, &err) == NULL);
    CHECK(strstr(err.text, "not a font") != NULL);

    Vec2 small = font_measure(f, "Hello", 20), big = font_measure(f, "Hello", 40);
    CHECK(small.x > 30 && small.x < 80);
    CHECK(big.x > small.x * 1.8f && big.x < small.x * 2.2f);
    Vec2 two = font_measure(f, "Hello\nworld!", 20);
    CHECK(two.y > small.y * 1.8f);
    CHECK(font_measure(f, "h\xc3\xa9llo", 20).x > 0); /* UTF-8 */

    render_begin_frame(r);
    render_clear(r, (Color){0, 0, 0, 255});
    render_font_text(r, f, "Hello", (Vec2){100, 100}, 40, WHITE);
    int ink = light_pixels(r, 100, 100, 100 + (int)big.x + 2, 100 + (int)big.y);
    CHECK(ink > 200);
    CHECK_EQ_INT(light_pixels(r, 100, 200, 300, 260), 0);
    /* Drawn again (from the glyph atlas), the same pixels. */
    render_clear(r, (Color){0, 0, 0, 255});
    render_font_text(r, f, "Hello", (Vec2){100, 100}, 40, WHITE);
    CHECK_EQ_INT(light_pixels(r, 100, 100, 100 + (int)big.x + 2, 100 + (int)big.y), ink);
    /* No font: the built-in one, at the nearest whole scale. */
    render_clear(r, (Color){0, 0, 0, 255});
    render_font_text(r, NULL, "Hi", (Vec2){10, 10}, 16, WHITE);
    CHECK(light_pixels(r, 10, 10, 10 + 2 * 2 * HOT_FONT_W, 10 + 2 * HOT_FONT_H) > 10);
    CHECK_EQ_INT((int)font_measure(NULL, "Hi", 16).x, 2 * 2 * HOT_FONT_W);
    font_destroy(f);
}

static void test_logical_size(Render *r)
{
    render_set_logical(r, 320, 180, true);
    int w, h;
    render_size(r, &w, &h);
    CHECK_EQ_INT(w, 320);
    CHECK_EQ_INT(h, 180);
    render_begin_frame(r);
    render_clear(r, (Color){0, 0, 0, 255});
    render_rect(r, 310, 170, 10, 10, (Color){0, 255, 0, 255});
    CHECK_EQ_INT(render_read_pixels(r, pixels), 0);
    CHECK(is(pixels[175 * 320 + 315], 0, 255, 0));
    CHECK(is(pixels[165 * 320 + 305], 0, 0, 0));
    render_set_logical(r, 0, 0, false);
    render_size(r, &w, &h);
    CHECK_EQ_INT(w, RENDER_WIDTH);
    CHECK_EQ_INT(h, RENDER_HEIGHT);
}

int main(void)
{
    Render *r = open_headless();
    test_load_and_draw(r);
    test_placeholder(r);
    test_target_and_blend(r);
    test_shapes_and_camera(r);
    test_ttf(r);
    test_logical_size(r);
    render_destroy(r);
    fprintf(stderr, "%d checks passed\n", testlib_checks);
    return 0;
}
