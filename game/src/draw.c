/* draw.c: the picture: the sky, stars, coin, comets, sparks, the ship and the score.
 *
 * Shows: sprites from PNGs (draw_sprite with rotation and tint), sprite-sheet animation
 * (sprite_cell), additive blending for light, a camera that shakes on a hit
 * (begin_camera / end_camera), TrueType text (draw_font_text) next to the built-in font,
 * and Color values passed by value. draw gets the state read-only; everything it shows
 * comes from GameState, so a change here shows up in the very next frame after you save.
 * The pictures are drawn by game/art/make_sprites.py: run it, or edit a PNG, while the
 * game runs.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>

#include "game.h"

static const Color palette[PAL_COUNT] = {
    [PAL_CORAL] = {255, 107, 107, 255}, [PAL_VIOLET] = {181, 131, 255, 255},
    [PAL_SKY] = {99, 179, 237, 255},    [PAL_ORANGE] = {255, 159, 67, 255},
    [PAL_GOLD] = {255, 209, 102, 255},  [PAL_RED] = {239, 71, 111, 255},
};
static const Color WHITE = {255, 255, 255, 255};

static Color with_alpha(Color c, float a)
{
    c.a = (uint8_t)(255 * (a < 0 ? 0 : a > 1 ? 1 : a));
    return c;
}

/* Same stars every time: a hash of the index, not the game's random numbers. */
void draw_build_stars(StarField *stars, Vec2 screen)
{
    uint32_t h = 2166136261u;
    for (int i = 0; i < STAR_COUNT; i++) {
        h = h * 1664525u + 1013904223u;
        stars->pos[i].x = (float)(h >> 16) / 65536.0f * screen.x;
        h = h * 1664525u + 1013904223u;
        stars->pos[i].y = (float)(h >> 16) / 65536.0f * screen.y;
        stars->shade[i] = (uint8_t)(60 + (h >> 8) % 120);
    }
    stars->ready = true;
}

/* A texture centred on `at`, `size` pixels wide and high, turned by `angle` degrees. */
static void draw_centered_sprite(const HotApi *api, HotTexture t, Rect cell, Vec2 at,
                                 float size, float angle, Color tint)
{
    api->draw_sprite(t, cell, (Rect){at.x, at.y, size, size}, (Vec2){size / 2, size / 2},
                     angle, HOT_FLIP_NONE, tint);
}

/* TrueType text centred across the screen. */
static void draw_title(const HotApi *api, HotFont font, const char *text, float y,
                       float size, Color c)
{
    Vec2 box = api->measure_font_text(font, text, size);
    float x = (api->screen_size().x - box.x) / 2;
    api->draw_font_text(font, text, (Vec2){x + 2, y + 2}, size, HOT_RGBA(0, 0, 0, c.a / 2));
    api->draw_font_text(font, text, (Vec2){x, y}, size, c);
}

/* ---- draw --------------------------------------------------------------------------- */

void draw_game(const HotApi *api, const void *state)
{
    const GameState *s = state;
    const Player *p = &s->player;
    const Art *art = &s->art;
    Vec2 screen = api->screen_size();
    float t = (float)s->frames;

    /* Try it: change this colour, save, and the running game changes with it. */
    Color ship_tint = HOT_RGB(255, 255, 255);
    Color ink = HOT_RGB(235, 238, 255), dim = HOT_RGB(120, 128, 170);

    /* The sky: a 160 x 120 picture stretched smoothly over the screen, and stars. */
    api->draw_sprite(art->nebula, (Rect){0}, (Rect){0, 0, screen.x, screen.y}, (Vec2){0, 0}, 0,
                     HOT_FLIP_NONE, WHITE);
    for (int i = 0; s->stars.ready && i < STAR_COUNT; i++) {
        float twinkle = 0.75f + 0.25f * sinf(t * 0.05f + (float)i);
        uint8_t v = (uint8_t)((float)s->stars.shade[i] * twinkle);
        api->draw_rect(s->stars.pos[i].x, s->stars.pos[i].y, 2, 2, HOT_RGB(v, v, v + 40));
    }

    /* The world, through a camera that shakes for a moment after a hit. */
    float k = s->shake_time > 0 ? s->shake_time / 0.35f : 0;
    Camera2D cam = {.target = {screen.x / 2, screen.y / 2},
                    .offset = {screen.x / 2 + sinf(t * 1.9f) * s->tuning.shake * k,
                               screen.y / 2 + cosf(t * 2.7f) * s->tuning.shake * k},
                    .zoom = 1,
                    .rotation = sinf(t * 1.3f) * 1.5f * k};
    api->begin_camera(cam);

    /* Light adds up: glows are drawn with additive blending. */
    float pulse = 0.5f + 0.5f * sinf(t * 0.15f);
    api->set_blend(HOT_BLEND_ADD);
    draw_centered_sprite(api, art->glow, (Rect){0}, s->coin, 64 + 16 * pulse, 0,
                         with_alpha(palette[PAL_GOLD], 0.55f));
    for (uint32_t i = 0; i < s->comets.count; i++) {
        const Comet *c = &s->comets.items[i];
        for (int j = 1; j <= 4; j++) { /* a tail of glows behind it */
            Vec2 at = {c->pos.x - c->vel.x * 0.035f * j, c->pos.y - c->vel.y * 0.035f * j};
            draw_centered_sprite(api, art->glow, (Rect){0}, at, c->radius * (3.2f - 0.45f * j),
                                 0, with_alpha(palette[c->color % PAL_COUNT], 0.5f - 0.1f * j));
        }
    }
    api->set_blend(HOT_BLEND_ALPHA);

    /* The coin spins: 8 cells of one sprite sheet, a new one every 5 frames. */
    Rect coin_cell = api->sprite_cell(art->coin, 8, 1, (int)(s->frames / 5));
    draw_centered_sprite(api, art->coin, coin_cell, s->coin, COIN_RADIUS * 2.6f, 0, WHITE);

    for (uint32_t i = 0; i < s->comets.count; i++) {
        const Comet *c = &s->comets.items[i];
        float spin = t * (i % 2 ? 2.5f : -1.8f) * 12.0f / c->radius;
        Color tint = palette[c->color % PAL_COUNT];
        tint = HOT_RGB((tint.r + 255) / 2, (tint.g + 255) / 2, (tint.b + 255) / 2);
        draw_centered_sprite(api, art->comet, (Rect){0}, c->pos, c->radius * 2.4f, spin, tint);
    }

    api->set_blend(HOT_BLEND_ADD);
    for (uint32_t i = 0; i < s->sparks.count; i++) {
        const Spark *sp = &s->sparks.items[i];
        draw_centered_sprite(api, art->glow, (Rect){0}, sp->pos, 14, 0,
                             with_alpha(palette[sp->color % PAL_COUNT], sp->life * 1.6f));
    }
    for (int i = TRAIL_LEN - 1; i > 1; i--)
        draw_centered_sprite(api, art->glow, (Rect){0}, p->trail[i], p->radius * 2.2f, 0,
                             with_alpha(HOT_RGB(80, 230, 170), 0.22f - 0.025f * i));
    api->set_blend(HOT_BLEND_ALPHA);

    /* The ship leans into its motion; its flame flickers through 4 cells. */
    bool blink = p->hurt > 0 && (int)(p->hurt * 10) % 2 == 0;
    float lean = (p->trail[0].x - p->trail[3].x) * 2.0f;
    lean = lean > 25 ? 25 : lean < -25 ? -25 : lean;
    Rect ship_cell = api->sprite_cell(art->ship, 4, 1, (int)(s->frames / 4));
    draw_centered_sprite(api, art->ship, ship_cell, p->pos, p->radius * 3.0f, lean,
                         blink ? palette[PAL_RED] : ship_tint);
    api->end_camera();

    /* Text, outside the camera: the score in TrueType, small print in the built-in font. */
    char line[64];
    snprintf(line, sizeof line, "%d", (int)s->score);
    api->draw_font_text(art->font, "SCORE", (Vec2){18, 12}, 14, dim);
    api->draw_font_text(art->font, line, (Vec2){18, 26}, 34, ink);
    snprintf(line, sizeof line, "frame %" PRIu64, s->frames);
    api->draw_text(line, screen.x - api->text_width(line, 1) - 16, 18, 1, dim);
    if (s->banner_time > 0)
        draw_title(api, art->font, s->banner, 70, 32,
                   with_alpha(palette[PAL_GOLD], s->banner_time));
    if (s->mode == MODE_PAUSED) {
        api->draw_rect(0, 0, screen.x, screen.y, HOT_RGBA(0, 0, 0, 120));
        draw_title(api, art->font, "PAUSED", screen.y / 3, 56, ink);
    }
    const char *help = api->pad_connected(HOT_PAD_ANY)
                           ? "stick/d-pad move  A or Start pause  Ctrl+Shift+F1 hotrun's keys"
                           : "arrows/WASD move  P pause  Ctrl+F1 inspect  Ctrl+F5 save  "
                             "Ctrl+F9 load  Ctrl+Shift+F1 help";
    api->draw_text(help, (screen.x - api->text_width(help, 1)) / 2, screen.y - 22, 1, dim);
}
