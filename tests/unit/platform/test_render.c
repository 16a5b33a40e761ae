/* test_render.c: the SDL renderer (offscreen driver), its text, the services table that
 * wraps it, and the overlay, checked by reading the drawn pixels back. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "core/api.h"
#include "platform/font.h"
#include "platform/overlay.h"
#include "platform/render.h"
#include "state/state.h"
#include "testlib.h"

static Color pixels[RENDER_WIDTH * RENDER_HEIGHT];

/* A small game state for the inspector. */
#define VEC(X)                                                                                 \
    X(FIELD, float, x, 12.5f)                                                                  \
    X(FIELD, float, y, 300.0f)
HOT_STATE(Vec, VEC)
#define SHOWSTATE(X)                                                                           \
    X(STRUCT, Vec, pos)                                                                        \
    X(STRING, name, 16, "hero")                                                                \
    X(FIELD, int32_t, score, 1200)                                                             \
    X(FIELD, bool, alive, true)                                                                \
    X(ARRAY, int32_t, hp, 4)
HOT_STATE(ShowState, SHOWSTATE)

static const Color BLACK = {0, 0, 0, 255};
static const Color RED = {255, 0, 0, 255};
static const Color GREEN = {0, 255, 0, 255};
static const Color BLUE = {0, 0, 255, 255};
static const Color WHITE = {255, 255, 255, 255};

static Render *open_headless(void)
{
    char err[256] = "";
    RenderConfig cfg = {.title = "test_render", .headless = true, .vsync = false};
    Render *r = render_create(&cfg, err, sizeof(err));
    if (!r)
        fprintf(stderr, "render_create: %s\n", err);
    CHECK(r != NULL);
    return r;
}

static void grab(Render *r)
{
    CHECK_EQ_INT(render_read_pixels(r, pixels), 0);
}

static Color px(int x, int y)
{
    CHECK(x >= 0 && x < RENDER_WIDTH && y >= 0 && y < RENDER_HEIGHT);
    return pixels[y * RENDER_WIDTH + x];
}

static bool same_rgb(Color a, Color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b;
}

static bool is(int x, int y, Color c)
{
    return same_rgb(px(x, y), c);
}

/* ---- shapes ---- */

static void test_create_destroy_twice(void)
{
    for (int i = 0; i < 2; i++) {
        Render *r = open_headless();
        render_clear(r, BLUE);
        grab(r);
        CHECK(is(400, 300, BLUE));
        render_present(r);
        render_destroy(r);
    }
    render_destroy(NULL);
}

/* Without a display and without --headless, the error says what to do. */
static void test_no_display(void)
{
    char *saved[3];
    const char *names[3] = {"SDL_VIDEODRIVER", "DISPLAY", "WAYLAND_DISPLAY"};
    for (int i = 0; i < 3; i++) {
        const char *v = getenv(names[i]);
        saved[i] = v ? strdup(v) : NULL;
        unsetenv(names[i]);
    }
    /* Once with SDL choosing the driver (it must not settle for an invisible one), once
     * with X11 asked for. */
    Render *r;
    for (int i = 0; i < 2; i++) {
        if (i == 1)
            setenv("SDL_VIDEODRIVER", "x11", 1);
        char err[256] = "";
        RenderConfig cfg = {.title = "no display", .headless = false};
        r = render_create(&cfg, err, sizeof(err));
        CHECK(r == NULL);
        fprintf(stderr, "(error was: %s)\n", err);
        CHECK(strstr(err, "no display") != NULL);
        CHECK(strstr(err, "--headless") != NULL);
    }
    for (int i = 0; i < 3; i++) {
        if (saved[i])
            setenv(names[i], saved[i], 1);
        else
            unsetenv(names[i]);
        free(saved[i]);
    }
    /* And headless still works afterwards. */
    r = open_headless();
    render_destroy(r);
}

static void test_clear(Render *r)
{
    render_clear(r, HOT_RGB(12, 34, 56));
    grab(r);
    for (int i = 0; i < RENDER_WIDTH * RENDER_HEIGHT; i++)
        CHECK(same_rgb(pixels[i], HOT_RGB(12, 34, 56)));
}

static void test_rect(Render *r)
{
    render_clear(r, BLACK);
    render_rect(r, 10, 20, 30, 40, RED);
    grab(r);
    int count = 0;
    for (int y = 0; y < RENDER_HEIGHT; y++) {
        for (int x = 0; x < RENDER_WIDTH; x++) {
            bool inside = x >= 10 && x < 40 && y >= 20 && y < 60;
            CHECK(is(x, y, inside ? RED : BLACK));
            count += inside;
        }
    }
    CHECK_EQ_INT(count, 30 * 40);
    /* Negative sizes grow to the left and up. */
    render_clear(r, BLACK);
    render_rect(r, 40, 60, -30, -40, GREEN);
    grab(r);
    CHECK(is(10, 20, GREEN) && is(39, 59, GREEN));
    CHECK(is(9, 20, BLACK) && is(40, 59, BLACK) && is(10, 19, BLACK) && is(39, 60, BLACK));
}

static void test_rect_lines(Render *r)
{
    render_clear(r, BLACK);
    render_rect_lines(r, 100, 100, 50, 20, GREEN);
    grab(r);
    CHECK(is(100, 100, GREEN) && is(149, 100, GREEN) && is(100, 119, GREEN));
    CHECK(is(149, 119, GREEN) && is(125, 100, GREEN) && is(125, 119, GREEN));
    CHECK(is(100, 110, GREEN) && is(149, 110, GREEN));
    CHECK(is(125, 110, BLACK) && is(101, 101, BLACK) && is(148, 118, BLACK));
    CHECK(is(99, 100, BLACK) && is(150, 110, BLACK) && is(125, 120, BLACK));
    CHECK(is(125, 99, BLACK));
}

static void test_line(Render *r)
{
    render_clear(r, BLACK);
    render_line(r, (Vec2){100, 300}, (Vec2){200, 300}, WHITE);
    render_line(r, (Vec2){300, 100}, (Vec2){400, 200}, WHITE);
    grab(r);
    for (int x = 101; x < 200; x++)
        CHECK(is(x, 300, WHITE));
    CHECK(is(150, 299, BLACK) && is(150, 301, BLACK) && is(90, 300, BLACK));
    CHECK(is(210, 300, BLACK));
    /* The diagonal passes through (350,150), give or take a pixel of rounding. */
    bool hit = false;
    for (int d = -1; d <= 1; d++)
        hit = hit || is(350 + d, 150, WHITE);
    CHECK(hit);
    CHECK(is(360, 150, BLACK) && is(340, 150, BLACK));
}

static void test_circle(Render *r)
{
    render_clear(r, BLACK);
    render_circle(r, (Vec2){400, 300}, 50, RED);
    grab(r);
    CHECK(is(400, 300, RED));
    CHECK(is(448, 300, RED) && is(352, 300, RED) && is(400, 252, RED) && is(400, 348, RED));
    CHECK(is(453, 300, BLACK) && is(346, 300, BLACK) && is(400, 246, BLACK));
    CHECK(is(400, 353, BLACK));
    CHECK(is(440, 340, BLACK)); /* 56 px away, on the diagonal */
    CHECK(is(432, 332, RED));   /* 45 px away */
    /* Symmetric: a row's span is as wide on both sides of the centre. */
    int left = 0, right = 0;
    for (int x = 300; x < 400; x++)
        left += is(x, 320, RED);
    for (int x = 400; x < 500; x++)
        right += is(x, 320, RED);
    CHECK(abs(left - right) <= 1);

    /* Nonsense radii draw nothing and do not hang. */
    render_clear(r, BLACK);
    render_circle(r, (Vec2){400, 300}, -5, RED);
    render_circle(r, (Vec2){400, 300}, NAN, RED);
    render_circle(r, (Vec2){INFINITY, 300}, 5, RED);
    render_circle_lines(r, (Vec2){400, 300}, NAN, RED);
    grab(r);
    CHECK(is(400, 300, BLACK));
    /* A huge circle covers the whole screen quickly. */
    render_circle(r, (Vec2){400, 300}, 1e9f, GREEN);
    render_circle_lines(r, (Vec2){400, 300}, 1e9f, GREEN);
    grab(r);
    CHECK(is(0, 0, GREEN) && is(799, 599, GREEN));
}

static void test_circle_lines(Render *r)
{
    render_clear(r, BLACK);
    render_circle_lines(r, (Vec2){200, 200}, 40, WHITE);
    grab(r);
    CHECK(is(200, 200, BLACK));
    CHECK(is(220, 200, BLACK));
    /* On each axis, the ring is within a pixel of the radius. */
    int ends[4][2] = {{240, 200}, {160, 200}, {200, 240}, {200, 160}};
    for (int i = 0; i < 4; i++) {
        bool hit = false;
        for (int d = -1; d <= 1; d++) {
            int x = ends[i][0] + (ends[i][1] == 200 ? d : 0);
            int y = ends[i][1] + (ends[i][1] == 200 ? 0 : d);
            hit = hit || is(x, y, WHITE);
        }
        CHECK(hit);
    }
    CHECK(is(243, 200, BLACK) && is(200, 157, BLACK));
}

static void test_alpha_blend(Render *r)
{
    render_clear(r, BLACK);
    render_rect(r, 0, 0, 100, 100, HOT_RGBA(255, 255, 255, 128));
    grab(r);
    Color c = px(50, 50);
    CHECK(abs(c.r - 128) <= 2 && abs(c.g - 128) <= 2 && abs(c.b - 128) <= 2);
    CHECK(is(150, 50, BLACK));
}

/* ---- text ---- */

static void test_text_box(Render *r)
{
    const char *text = "Hello, hot\nreload! {}";
    for (int scale = 1; scale <= 3; scale++) {
        float w = render_text_width(text, scale);
        CHECK_EQ_INT((int)w, 10 * HOT_FONT_W * scale);
        int x0 = 37, y0 = 51, h = 2 * HOT_FONT_H * scale;
        render_clear(r, BLACK);
        render_text(r, text, (float)x0, (float)y0, scale, HOT_RGB(255, 255, 0));
        grab(r);
        int ink = 0;
        for (int y = 0; y < RENDER_HEIGHT; y++) {
            for (int x = 0; x < RENDER_WIDTH; x++) {
                bool inside = x >= x0 && x < x0 + (int)w && y >= y0 && y < y0 + h;
                if (!inside)
                    CHECK(is(x, y, BLACK));
                else if (!is(x, y, BLACK)) {
                    CHECK(is(x, y, HOT_RGB(255, 255, 0))); /* tinted, not blurred */
                    ink++;
                }
            }
        }
        CHECK(ink > 20 * scale * scale);
    }
    CHECK_EQ_INT((int)render_text_width("", 2), 0);
    CHECK_EQ_INT((int)render_text_width("ab\nabcd\n", 1), 4 * HOT_FONT_W);
    CHECK_EQ_INT((int)render_text_width(NULL, 1), 0);
}

/* Every glyph drawn through the texture atlas matches its bitmap pixel for pixel. */
static void test_glyphs_match_font(Render *r)
{
    for (int scale = 1; scale <= 3; scale += 2) {
        render_clear(r, BLACK);
        int per_row = 32;
        for (int ch = FONT_FIRST; ch <= FONT_LAST; ch++) {
            int i = ch - FONT_FIRST;
            char s[2] = {(char)ch, 0};
            render_text(r, s, (float)(10 + (i % per_row) * 8 * scale),
                        (float)(10 + (i / per_row) * 10 * scale), scale, WHITE);
        }
        grab(r);
        for (int ch = FONT_FIRST; ch <= FONT_LAST; ch++) {
            int i = ch - FONT_FIRST;
            int gx = 10 + (i % per_row) * 8 * scale, gy = 10 + (i / per_row) * 10 * scale;
            const uint8_t *rows = font_glyph((unsigned char)ch);
            for (int y = 0; y < HOT_FONT_H * scale; y++) {
                for (int x = 0; x < HOT_FONT_W * scale; x++) {
                    int fx = x / scale, fy = y / scale;
                    bool on = fx < FONT_GLYPH_W && (rows[fy] >> (FONT_GLYPH_W - 1 - fx)) & 1;
                    if (is(gx + x, gy + y, on ? WHITE : BLACK) == false) {
                        fprintf(stderr, "glyph '%c' scale %d differs at %d,%d\n", ch, scale, x,
                                y);
                        CHECK(0);
                    }
                }
            }
        }
    }
}

static void test_text_newlines_and_unknown(Render *r)
{
    /* A second line starts one cell lower at the same x; unknown bytes draw as '?'. */
    render_clear(r, BLACK);
    render_text(r, "\x01\n?", 100, 100, 1, WHITE);
    grab(r);
    for (int y = 0; y < HOT_FONT_H; y++)
        for (int x = 0; x < HOT_FONT_W; x++)
            CHECK(same_rgb(px(100 + x, 100 + y), px(100 + x, 100 + HOT_FONT_H + y)));
    CHECK(!is(101, 100, BLACK)); /* the top of '?' */
}

static void test_text_utf8(Render *r)
{
    /* gcc quotes with U+2018/U+2019 in UTF-8 locales: each is one cell drawn as '\'', and
     * any other multibyte character one '?', never one '?' per byte. */
    CHECK(render_text_width("\xe2\x80\x98)\xe2\x80\x99", 1) == 3 * HOT_FONT_W);
    CHECK(render_text_width("\xc3\xa9t\xc3\xa9", 1) == 3 * HOT_FONT_W);
    render_clear(r, BLACK);
    render_text(r, "\xe2\x80\x98'", 100, 100, 1, WHITE);
    render_text(r, "\xc3\xa9?", 100, 120, 1, WHITE);
    grab(r);
    for (int y = 0; y < HOT_FONT_H; y++)
        for (int x = 0; x < HOT_FONT_W; x++) {
            CHECK(same_rgb(px(100 + x, 100 + y), px(100 + HOT_FONT_W + x, 100 + y)));
            CHECK(same_rgb(px(100 + x, 120 + y), px(100 + HOT_FONT_W + x, 120 + y)));
        }
    CHECK(!is(101, 120, BLACK)); /* the top of '?' */
}

/* Draws text twice, whole and cut to `keep` bytes, and checks the screen is the same: what
 * culling leaves out is what could not be seen. */
static Color culled_ref[RENDER_WIDTH * RENDER_HEIGHT];
static void same_as_prefix(Render *r, const char *text, size_t keep, float x, float y,
                           int scale, const Camera2D *cam)
{
    char *prefix = malloc(keep + 1);
    memcpy(prefix, text, keep);
    prefix[keep] = '\0';
    render_clear(r, BLACK);
    render_set_camera(r, cam);
    render_text(r, prefix, x, y, scale, WHITE);
    render_set_camera(r, NULL);
    CHECK_EQ_INT(render_read_pixels(r, culled_ref), 0);
    render_clear(r, BLACK);
    render_set_camera(r, cam);
    render_text(r, text, x, y, scale, WHITE);
    render_set_camera(r, NULL);
    grab(r);
    int differ = 0, ink = 0;
    for (int i = 0; i < RENDER_WIDTH * RENDER_HEIGHT; i++) {
        differ += !same_rgb(pixels[i], culled_ref[i]);
        ink += !same_rgb(pixels[i], BLACK);
    }
    CHECK_EQ_INT(differ, 0);
    CHECK(ink > 0);
    free(prefix);
}

/* Text that cannot be seen is not walked: a megabyte string at scale 1000 draws what the
 * screen shows of its first glyphs, with and without a turned camera; lines above, below
 * and beside the screen are skipped; scales below 1 draw at 1, huge ones are clamped. */
static void test_text_culled(Render *r)
{
    size_t n = 1u << 20;
    char *big = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        big[i] = (char)('A' + i % 26);
    big[n] = '\0';
    same_as_prefix(r, big, 4, 0, 0, 1000, NULL);
    same_as_prefix(r, big, 4, -10, -20, 2000000000, NULL);
    same_as_prefix(r, big, 200, 10, 10, 1, NULL);
    Camera2D turned = {.target = {400, 300}, .offset = {400, 300}, .zoom = 2, .rotation = 30};
    same_as_prefix(r, big, 300, 10, 200, 1, &turned);
    /* Many lines: 1 MiB of 80-column lines, the screen shows the first ones. */
    for (size_t i = 80; i < n; i += 81)
        big[i] = '\n';
    same_as_prefix(r, big, 81 * 80, 5, 5, 1, NULL);
    same_as_prefix(r, big, 81 * 200, 5, 5, 1, &turned);
    /* Far away: nothing. */
    render_clear(r, BLACK);
    render_text(r, big, -1e9f, 100, 1000, WHITE);
    render_text(r, big, 100, 1e9f, 1, WHITE);
    render_text(r, big, 100, -1e9f, 1, WHITE);
    grab(r);
    int ink = 0;
    for (int i = 0; i < RENDER_WIDTH * RENDER_HEIGHT; i++)
        ink += !same_rgb(pixels[i], BLACK);
    CHECK_EQ_INT(ink, 0);
    free(big);
    /* A big glyph (drawn as rectangles of ink) matches its bitmap pixel for pixel. */
    render_clear(r, BLACK);
    render_text(r, "W&", 100, 100, 12, WHITE);
    grab(r);
    for (int c = 0; c < 2; c++) {
        const uint8_t *rows = font_glyph((unsigned char)"W&"[c]);
        for (int y = 0; y < HOT_FONT_H * 12; y++)
            for (int x = 0; x < HOT_FONT_W * 12; x++) {
                int fx = x / 12, fy = y / 12;
                bool on = fx < FONT_GLYPH_W && (rows[fy] >> (FONT_GLYPH_W - 1 - fx)) & 1;
                CHECK(is(100 + c * HOT_FONT_W * 12 + x, 100 + y, on ? WHITE : BLACK));
            }
    }
    /* A negative scale draws like 1; the width of a huge scale is the clamped one's. */
    same_as_prefix(r, "Hi", 2, 100, 100, -5, NULL);
    CHECK(render_text_width("ab", -3) == render_text_width("ab", 1));
    CHECK(render_text_width("ab", 1 << 30) == render_text_width("ab", 512));
}

/* Shapes wholly off the canvas draw nothing and a huge one is clipped to it. */
static void test_shapes_culled(Render *r)
{
    render_clear(r, BLACK);
    render_triangle(r, (Vec2){-5000, -5000}, (Vec2){-4000, -5000}, (Vec2){-4500, -4000}, RED);
    render_polygon(r, (Vec2[]){{900, 0}, {1000, 0}, {1000, 100}, {900, 100}}, 4, RED);
    render_line_thick(r, (Vec2){0, 5000}, (Vec2){800, 5000}, 100, RED);
    grab(r);
    int ink = 0;
    for (int i = 0; i < RENDER_WIDTH * RENDER_HEIGHT; i++)
        ink += !same_rgb(pixels[i], BLACK);
    CHECK_EQ_INT(ink, 0);
    render_triangle(r, (Vec2){-1e5f, -1e5f}, (Vec2){1e5f, -1e5f}, (Vec2){0, 1e5f}, GREEN);
    grab(r);
    CHECK(is(400, 300, GREEN));
}

static void test_screenshot(Render *r)
{
    render_clear(r, BLACK);
    render_rect(r, 700, 500, 10, 10, HOT_RGB(10, 200, 30));
    char *dir = test_tmpdir();
    char path[600];
    snprintf(path, sizeof(path), "%s/shot.bmp", dir);
    CHECK_EQ_INT(render_screenshot(r, path), 0);
    render_present(r);
    SDL_Surface *s = SDL_LoadBMP(path);
    CHECK(s != NULL);
    CHECK_EQ_INT(s->w, RENDER_WIDTH);
    CHECK_EQ_INT(s->h, RENDER_HEIGHT);
    SDL_Surface *c = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGBA32, 0);
    CHECK(c != NULL);
    const Color *row = (const Color *)((const uint8_t *)c->pixels + 505 * c->pitch);
    CHECK(same_rgb(row[705], HOT_RGB(10, 200, 30)));
    CHECK(same_rgb(row[600], BLACK));
    SDL_FreeSurface(c);
    SDL_FreeSurface(s);
    CHECK(render_screenshot(r, "/nonexistent-dir/x.bmp") != 0);
    test_rmtree(dir);
    free(dir);
}

/* The window can be any size: drawing stays in logical pixels and reads back the same. */
static void test_resized_window(Render *r)
{
    SDL_Window *w = render_window(r);
    CHECK(w != NULL);
    /* Twice as large and wider: scaled by 2 and letterboxed left and right. */
    SDL_SetWindowSize(w, 2 * RENDER_WIDTH + 100, 2 * RENDER_HEIGHT);
    SDL_PumpEvents();
    int ow = 0, oh = 0;
    SDL_GetRendererOutputSize(SDL_GetRenderer(w), &ow, &oh);
    if (ow != 2 * RENDER_WIDTH + 100) {
        fprintf(stderr, "(this video driver does not resize windows; skipped)\n");
        return;
    }
    render_clear(r, BLACK);
    render_rect(r, 10, 20, 30, 40, RED);
    render_text(r, "W", 100, 100, 1, WHITE);
    grab(r);
    CHECK(is(10, 20, RED) && is(39, 59, RED) && is(40, 20, BLACK) && is(9, 20, BLACK));
    CHECK(is(100, 100, WHITE) && is(101, 100, BLACK));
    SDL_SetWindowSize(w, RENDER_WIDTH, RENDER_HEIGHT);
    SDL_PumpEvents();
}

/* ---- the services table ---- */

static void test_api_table(Render *r)
{
    Input in;
    memset(&in, 0, sizeof(in));
    const HotApi *api = api_init(r, &in, 1, "testgame");
    CHECK(api != NULL);
    CHECK_EQ_INT(api->abi, HOT_ABI_VERSION);
    CHECK_EQ_INT(api->size, sizeof(HotApi));
    /* Every slot after abi and size is filled: the table is all function pointers. */
    size_t slots = (sizeof(HotApi) - offsetof(HotApi, screen_size)) / sizeof(void (*)(void));
    CHECK_EQ_INT(offsetof(HotApi, screen_size) + slots * sizeof(void (*)(void)), sizeof(HotApi));
    void (*fns[sizeof(HotApi) / sizeof(void (*)(void))])(void);
    memcpy(fns, (const char *)api + offsetof(HotApi, screen_size), slots * sizeof(fns[0]));
    for (size_t i = 0; i < slots; i++)
        CHECK(fns[i] != NULL);

    Vec2 size = api->screen_size();
    CHECK_EQ_INT((int)size.x, RENDER_WIDTH);
    CHECK_EQ_INT((int)size.y, RENDER_HEIGHT);

    /* Drawing through the table lands on the window. */
    api->clear(BLACK);
    api->draw_rect(5, 5, 10, 10, GREEN);
    api->draw_circle((Vec2){100, 100}, 10, BLUE);
    api->draw_text("A", 200, 200, 2, RED);
    grab(r);
    CHECK(is(9, 9, GREEN) && is(100, 100, BLUE) && is(200 + 2, 200, RED));
    CHECK_EQ_INT((int)api->text_width("abc", 2), 36);

    /* Input and time come from what the host bound. */
    input_begin_frame(&in);
    input_set_key(&in, HOT_KEY_SPACE, true);
    in.mouse_x = 12.5f;
    in.mouse_y = 34;
    CHECK(api->key_down(HOT_KEY_SPACE) && api->key_pressed(HOT_KEY_SPACE));
    CHECK(!api->key_down(HOT_KEY_A) && !api->key_released(HOT_KEY_SPACE));
    CHECK(api->mouse_pos().x == 12.5f && api->mouse_pos().y == 34);
    CHECK(!api->mouse_down(HOT_MOUSE_LEFT) && !api->mouse_pressed(HOT_MOUSE_LEFT));
    api_set_frame(42, 0.016f, 3.5);
    CHECK_EQ_INT(api->frame_count(), 42);
    CHECK(api->frame_time() == 0.016f);
    CHECK(api->time() == 3.5);

    /* Image look-ups go to the state module (HotImage is a StateImage). */
    ShowState st = {.pos = {1.5f, 2}, .name = "zed", .score = 77};
    StateImage img = {0};
    CHECK_EQ_INT(state_encode(&hot_schema_ShowState, 3, &st, &img), 0);
    const HotImage *himg = (const HotImage *)&img;
    double v = 0;
    CHECK(api->image_number(himg, "score", &v) && v == 77);
    CHECK(api->image_number(himg, "pos.x", &v) && v == 1.5);
    CHECK(!api->image_number(himg, "nope", &v));
    char name[16];
    CHECK(api->image_string(himg, "name", name, sizeof(name)));
    CHECK_EQ_STR(name, "zed");
    CHECK(!api->image_number(NULL, "score", &v));
    CHECK(!api->image_string(himg, "name", name, 0));
    state_image_free(&img);

    /* Unbound: drawing is a no-op and input reads as idle. */
    api = api_init(NULL, NULL, 1, "testgame");
    api->clear(RED);
    api->draw_rect(0, 0, 800, 600, RED);
    api->draw_line((Vec2){0, 0}, (Vec2){9, 9}, RED);
    api->draw_rect_lines(0, 0, 8, 8, RED);
    api->draw_circle_lines((Vec2){5, 5}, 3, RED);
    api->draw_text("x", 0, 0, 1, RED);
    grab(r);
    CHECK(is(9, 9, GREEN));
    CHECK(!api->key_down(HOT_KEY_SPACE));
    CHECK(api->mouse_pos().x == 0);
}

static char sunk[256];
static int sunk_count;

static void sink(const char *line)
{
    snprintf(sunk, sizeof(sunk), "%s", line);
    sunk_count++;
}

static void test_api_log(void)
{
    const HotApi *api = api_init(NULL, NULL, 1, "logger");
    api_set_log_sink(sink);
    api->log("score %d of %s\n", 7, "ten");
    CHECK_EQ_STR(sunk, "score 7 of ten");
    CHECK_EQ_INT(sunk_count, 1);
    api_set_log_sink(NULL);
    api->log("not sunk");
    CHECK_EQ_INT(sunk_count, 1);
}

static void test_api_random(void)
{
    const HotApi *api = api_init(NULL, NULL, 1234, "rng");
    uint32_t a[64], b[64];
    for (int i = 0; i < 64; i++)
        a[i] = api->random_u32();
    api->random_seed(1234);
    for (int i = 0; i < 64; i++)
        b[i] = api->random_u32();
    CHECK(memcmp(a, b, sizeof(a)) == 0);
    /* Neighbouring seeds (0 included) give unrelated streams. */
    for (uint64_t seed = 0; seed < 4; seed++) {
        api->random_seed(seed);
        int same = 0;
        for (int i = 0; i < 64; i++)
            same += api->random_u32() == a[i];
        CHECK(same < 2);
    }
    api->random_seed(7);
    int distinct_first = api->random_u32() != api->random_u32();
    CHECK(distinct_first);

    /* Bounds are inclusive, both ends come up, and the values spread evenly. */
    api->random_seed(99);
    int hist[7] = {0};
    for (int i = 0; i < 70000; i++) {
        int v = api->random_int(-3, 3);
        CHECK(v >= -3 && v <= 3);
        hist[v + 3]++;
    }
    for (int i = 0; i < 7; i++)
        CHECK(hist[i] > 9000 && hist[i] < 11000);
    CHECK_EQ_INT(api->random_int(5, 5), 5);
    for (int i = 0; i < 1000; i++) {
        int v = api->random_int(10, 1); /* reversed bounds are taken in order */
        CHECK(v >= 1 && v <= 10);
        int w = api->random_int(INT32_MIN, INT32_MAX);
        (void)w;
        int big = api->random_int(INT32_MIN, 0);
        CHECK(big <= 0);
    }
    bool lo = false, hi = false;
    for (int i = 0; i < 10000; i++) {
        int v = api->random_int(0, 1);
        lo = lo || v == 0;
        hi = hi || v == 1;
    }
    CHECK(lo && hi);

    double sum = 0;
    for (int i = 0; i < 10000; i++) {
        float f = api->random_float(2.0f, 4.0f);
        CHECK(f >= 2.0f && f < 4.0f);
        sum += f;
    }
    CHECK(fabs(sum / 10000 - 3.0) < 0.05);
    CHECK(api->random_float(1.0f, 1.0f) == 1.0f);
}

/* ---- overlay ---- */

static void test_overlay(Render *r)
{
    Overlay o;
    memset(&o, 0, sizeof(o));
    /* Nothing set: nothing drawn. */
    render_clear(r, BLACK);
    overlay_draw(&o, r, 0, NULL);
    grab(r);
    for (int i = 0; i < RENDER_WIDTH * RENDER_HEIGHT; i++)
        CHECK(same_rgb(pixels[i], BLACK));

    /* The status line shows, then fades away. */
    overlay_status(&o, 10.0, "reloaded in %d ms", 12);
    CHECK_EQ_STR(o.status, "reloaded in 12 ms");
    render_clear(r, HOT_RGB(0, 0, 200));
    overlay_draw(&o, r, 10.5, NULL);
    grab(r);
    Color bar = px(790, 595);
    CHECK(bar.b < 150); /* darkened by the bar, at the bottom */
    int ink = 0;
    for (int y = RENDER_HEIGHT - 26; y < RENDER_HEIGHT; y++)
        for (int x = 0; x < 300; x++)
            ink += px(x, y).r > 200;
    CHECK(ink > 50);
    for (int x = 0; x < RENDER_WIDTH; x += 7) /* the game's top rows stay as they were */
        CHECK(is(x, 5, HOT_RGB(0, 0, 200)) && is(x, 40, HOT_RGB(0, 0, 200)));
    CHECK(is(400, 300, HOT_RGB(0, 0, 200)));
    render_clear(r, HOT_RGB(0, 0, 200));
    overlay_draw(&o, r, 14.0, NULL);
    grab(r);
    CHECK(is(790, 595, HOT_RGB(0, 0, 200)));

    /* A build error: a red panel with the text; cleared with NULL. */
    overlay_error(&o, "main.c:3:5: error: expected ';' before 'return'");
    render_clear(r, BLACK);
    overlay_draw(&o, r, 100, NULL);
    grab(r);
    Color panel = px(780, 40);
    CHECK(panel.r > 80 && panel.g < 40 && panel.b < 40);
    CHECK(is(400, 590, BLACK));
    overlay_error(&o, NULL);
    CHECK_EQ_STR(o.error, "");

    /* A fault: an orange panel. */
    overlay_fault(&o, "segmentation fault in game_update (main.c)");
    render_clear(r, BLACK);
    overlay_draw(&o, r, 100, NULL);
    grab(r);
    panel = px(790, 40);
    CHECK(panel.r > 100 && panel.g > 40 && panel.g < panel.r && panel.b < 30);
    overlay_fault(&o, NULL);

    /* A very long error is cut to the screen, never drawn past it. */
    char big[1024];
    memset(big, 'x', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    for (size_t i = 50; i < sizeof(big) - 1; i += 51)
        big[i] = '\n';
    overlay_error(&o, big);
    overlay_fault(&o, big);
    render_clear(r, BLACK);
    overlay_draw(&o, r, 100, NULL);
    grab(r);
    CHECK(is(400, 599, BLACK) && is(400, 595, BLACK));
    overlay_error(&o, NULL);
    overlay_fault(&o, NULL);

    /* A fault over a frozen frame: the picture behind is dimmed, not replaced. */
    OverlayScene frozen = {.frozen = true};
    overlay_fault(&o, "segmentation fault in game_update (main.c)");
    render_clear(r, HOT_RGB(200, 100, 50));
    overlay_draw(&o, r, 100, &frozen);
    grab(r);
    Color dim = px(400, 560);
    CHECK(dim.r >= 80 && dim.r <= 84 && dim.g >= 39 && dim.g <= 43 && dim.b >= 19 && dim.b <= 22);
    overlay_fault(&o, NULL);

    /* The help: the keys it is given, the frame-time graph, the last reload, on the left. */
    static const OverlayKey keys[] = {{"Ctrl+F1", "tweak panel"}, {"Ctrl+Q", "quit"}};
    OverlayScene help = {.keys = keys, .nkeys = 2, .last_fault = "update faulted: SIGSEGV"};
    o.help = true;
    for (int i = 0; i < GRAPH_FRAMES; i++)
        overlay_frame_time(&o, i % 2 ? 10.0 : 40.0);
    double mean, worst;
    graph_stats(&o.frames, &mean, &worst);
    CHECK(mean == 25.0 && worst == 40.0);
    overlay_reload(&o, "reload 2: %d ms", 120);
    CHECK_EQ_STR(o.reload, "reload 2: 120 ms");
    render_clear(r, HOT_RGB(200, 200, 200));
    overlay_draw(&o, r, 100, &help);
    grab(r);
    CHECK(px(200, 300).r < 100);                    /* its dark column on the left */
    CHECK(is(600, 300, HOT_RGB(200, 200, 200)));     /* the rest of the game untouched */
    int green = 0, red = 0;                          /* the graph's bars: good and bad frames */
    for (int y = 0; y < RENDER_HEIGHT; y++) {
        for (int x = 0; x < 430; x++) {
            Color c = px(x, y);
            green += c.r == 90 && c.g == 210 && c.b == 120;
            red += c.r == 240 && c.g == 90 && c.b == 80;
        }
    }
    CHECK(green > 100 && red > 100);
    o.help = false;

    /* The tweak panel without rows: a dark column docked on the right, the left untouched. */
    PanelView view = {.query = "", .edit = "", .message = "", .width = PANEL_DEFAULT_W,
                      .selected = -1};
    render_clear(r, HOT_RGB(200, 200, 200));
    OverlayScene with_panel = {.panel = &view};
    overlay_draw(&o, r, 100, &with_panel);
    grab(r);
    Color insp = px(790, 300);
    CHECK(insp.r < 100 && insp.g < 100);
    CHECK(is(RENDER_WIDTH - PANEL_DEFAULT_W - 2, 300, HOT_RGB(200, 200, 200)));
    /* With rows: the selected one highlighted; a wider panel reaches further left. */
    PanelRow rows[2] = {{.path = "score", .label = "score", .value = "1200", .kind = 3},
                        {.path = "pos", .label = "pos", .value = "{2}", .group = true}};
    view.rows = rows;
    view.count = 2;
    view.selected = 1;
    view.width = 400;
    render_clear(r, HOT_RGB(200, 200, 200));
    overlay_draw(&o, r, 100, &with_panel);
    grab(r);
    CHECK(px(RENDER_WIDTH - 300, 0).r < 100);
    int row = -1;
    CHECK_EQ_INT(panel_hit(&view, 799, 100, &row), PANEL_EMPTY);
    CHECK_EQ_INT(panel_hit(&view, 300, 100, &row), PANEL_NONE);
    CHECK_EQ_INT(panel_hit(&view, 401, 100, &row), PANEL_EDGE);
    overlay_draw(NULL, r, 0, NULL);
    overlay_draw(&o, NULL, 0, NULL);
}

/* ---- showcase: HOTRUN_SHOWCASE=file.bmp renders everything into one picture ---- */

static void showcase(Render *r, const char *path)
{
    render_clear(r, HOT_RGB(36, 40, 52));
    int y = 34;
    for (int scale = 1; scale <= 3; scale++) {
        int per = scale == 1 ? 95 : (scale == 2 ? 48 : 40);
        for (int start = FONT_FIRST; start <= FONT_LAST; start += per) {
            char line[100];
            int n = 0;
            for (int ch = start; ch <= FONT_LAST && n < per; ch++)
                line[n++] = (char)ch;
            line[n] = '\0';
            render_text(r, line, 8, (float)y, scale, WHITE);
            y += (HOT_FONT_H + 2) * scale;
        }
    }
    render_text(r, "The quick brown fox jumps over the lazy dog. 0O 1lI| 5S 2Z 8B", 8, (float)y,
                2, HOT_RGB(255, 220, 120));
    y += 24;
    int sx = 20;
    Color cols[] = {RED, GREEN, BLUE, HOT_RGB(255, 200, 0), HOT_RGB(200, 80, 255)};
    for (int i = 0; i < 5; i++) {
        render_rect(r, (float)sx, (float)y, 40, 30, cols[i]);
        render_rect_lines(r, (float)sx + 50, (float)y, 40, 30, cols[i]);
        render_circle(r, (Vec2){(float)sx + 20, (float)y + 60}, 18, cols[i]);
        render_circle_lines(r, (Vec2){(float)sx + 70, (float)y + 60}, 18, cols[i]);
        render_line(r, (Vec2){(float)sx, (float)y + 90}, (Vec2){(float)sx + 90, (float)y + 110},
                    cols[i]);
        sx += 110;
    }
    render_circle(r, (Vec2){660, (float)y + 50}, 45, HOT_RGBA(255, 255, 255, 90));
    render_rect(r, 640, (float)y + 10, 120, 40, HOT_RGBA(0, 200, 255, 120));

    Overlay o;
    memset(&o, 0, sizeof(o));
    overlay_status(&o, 0, "Reloaded game.so (gen 7) in 38 ms; state kept: 12 fields");
    overlay_draw(&o, r, 0.2, NULL);
    render_screenshot(r, path);

    /* A second picture with the panels over a game. */
    char path2[600];
    snprintf(path2, sizeof(path2), "%s", path);
    char *dot = strrchr(path2, '.');
    if (dot)
        *dot = '\0';
    strncat(path2, "-panels.bmp", sizeof(path2) - strlen(path2) - 1);
    render_clear(r, HOT_RGB(30, 90, 60));
    for (int i = 0; i < 12; i++)
        render_circle(r, (Vec2){(float)(60 + i * 60), 480}, 22, HOT_RGB(240, 200, 60));
    render_text(r, "SCORE 1200", 20, 560, 3, WHITE);
    overlay_status(&o, 0, "Build failed: 1 error (kept the running game)");
    overlay_error(&o, "game/main.c:42:17: error: 'player' undeclared (first use in this "
                      "function); did you mean 'players'?\n   42 |     player.x += 1;\n"
                      "      |     ^~~~~~");
    overlay_fault(&o, "Segmentation fault (SIGSEGV) in update_enemies+0x3c "
                      "(game/enemies.c), frame 1234.\nState rolled back to frame 1233.");
    PanelRow rows[] = {
        {.path = "score", .label = "score", .value = "1200", .kind = 3},
        {.path = "mode", .label = "mode", .value = "play", .kind = 5},
        {.path = "pos", .label = "pos", .value = "{2}", .group = true, .open = true},
        {.path = "pos.x", .label = "x", .value = "12.5", .depth = 1, .kind = 4},
        {.path = "pos.y", .label = "y", .value = "300", .depth = 1, .kind = 4},
    };
    PanelView view = {.rows = rows, .count = 5, .selected = 3, .query = "", .edit = "",
                      .message = "score = 1200", .width = PANEL_DEFAULT_W};
    OverlayScene scene = {.panel = &view, .fault_hint = "F2 retry, F3 restart from defaults",
                          .frozen = true};
    overlay_draw(&o, r, 1.0, &scene);
    render_screenshot(r, path2);
    fprintf(stderr, "showcase written to %s and %s\n", path, path2);
}

static Render *shared_render;

#define RUN_R(fn)                                                                              \
    do {                                                                                       \
        fprintf(stderr, "-- %s\n", #fn);                                                       \
        fn(shared_render);                                                                     \
    } while (0)

/* Every swap sets the window's title and logical size; the same ones again change nothing,
 * other ones take effect, and the default size comes back. */
static void test_set_window(Render *r)
{
    SDL_Window *w = render_window(r);
    SDL_Renderer *sr = SDL_GetRenderer(w);
    render_set_title(r, "a - hotrun");
    render_set_title(r, "a - hotrun");
    CHECK_EQ_STR(SDL_GetWindowTitle(w), "a - hotrun");
    render_set_title(r, "b - hotrun");
    CHECK_EQ_STR(SDL_GetWindowTitle(w), "b - hotrun");
    int lw = 0, lh = 0, rw = 0, rh = 0;
    for (int twice = 0; twice < 2; twice++) {
        render_set_logical(r, 320, 180, true);
        SDL_RenderGetLogicalSize(sr, &lw, &lh);
        render_size(r, &rw, &rh);
        CHECK(lw == 320 && lh == 180 && rw == 320 && rh == 180);
        CHECK(SDL_RenderGetIntegerScale(sr));
    }
    render_set_logical(r, 320, 180, false);
    CHECK(!SDL_RenderGetIntegerScale(sr));
    render_set_logical(r, 0, 0, false);
    SDL_RenderGetLogicalSize(sr, &lw, &lh);
    CHECK(lw == 800 && lh == 600);
}

int main(void)
{
    RUN(test_create_destroy_twice);
    RUN(test_no_display);
    Render *r = shared_render = open_headless();
    RUN_R(test_clear);
    RUN_R(test_rect);
    RUN_R(test_rect_lines);
    RUN_R(test_line);
    RUN_R(test_circle);
    RUN_R(test_circle_lines);
    RUN_R(test_alpha_blend);
    RUN_R(test_text_box);
    RUN_R(test_glyphs_match_font);
    RUN_R(test_text_newlines_and_unknown);
    RUN_R(test_text_utf8);
    RUN_R(test_text_culled);
    RUN_R(test_shapes_culled);
    RUN_R(test_screenshot);
    RUN_R(test_resized_window);
    RUN_R(test_set_window);
    RUN_R(test_api_table);
    RUN(test_api_log);
    RUN(test_api_random);
    RUN_R(test_overlay);
    const char *show = getenv("HOTRUN_SHOWCASE");
    if (show && show[0])
        showcase(r, show);
    render_destroy(r);
    return 0; /* testlib reports the checks at exit */
}
