/* draw.c: the picture: background, stars, coin, comets, sparks, player and text.
 *
 * Shows: api->clear, the draw_* shapes, draw_text with text_width to centre, and Color
 * values passed by value. draw gets the state read-only; everything it shows comes from
 * GameState, so a change here shows up in the very next frame after you save.
 */
#include <inttypes.h>
#include <stdio.h>

#include "game.h"

static const Color palette[PAL_COUNT] = {
    [PAL_CORAL] = {255, 107, 107, 255}, [PAL_VIOLET] = {181, 131, 255, 255},
    [PAL_SKY] = {99, 179, 237, 255},    [PAL_ORANGE] = {255, 159, 67, 255},
    [PAL_GOLD] = {255, 209, 102, 255},  [PAL_RED] = {239, 71, 111, 255},
};

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

static void draw_centered(const HotApi *api, const char *text, float y, int scale, Color c)
{
    float x = (api->screen_size().x - api->text_width(text, scale)) / 2;
    api->draw_text(text, x, y, scale, c);
}

/* ---- draw --------------------------------------------------------------------------- */

void draw_game(const HotApi *api, const void *state)
{
    const GameState *s = state;
    const Player *p = &s->player;
    Vec2 screen = api->screen_size();

    /* Try it: change this colour, save, and the running game changes with it. */
    Color player_color = HOT_RGB(80, 230, 170);
    Color ink = HOT_RGB(235, 238, 255), dim = HOT_RGB(120, 128, 170);

    api->clear(HOT_RGB(16, 20, 38));
    for (int i = 0; s->stars.ready && i < STAR_COUNT; i++) {
        uint8_t v = s->stars.shade[i];
        api->draw_rect(s->stars.pos[i].x, s->stars.pos[i].y, 2, 2, HOT_RGB(v, v, v + 40));
    }

    /* The coin pulses with the frame counter. */
    float pulse = (float)(s->frames % 40) / 40.0f;
    pulse = pulse < 0.5f ? pulse : 1.0f - pulse;
    api->draw_circle(s->coin, COIN_RADIUS + 4 + 8 * pulse,
                     with_alpha(palette[PAL_GOLD], 0.3f));
    api->draw_circle(s->coin, COIN_RADIUS, palette[PAL_GOLD]);
    api->draw_circle(s->coin, COIN_RADIUS * 0.5f, HOT_RGB(255, 240, 190));

    for (uint32_t i = 0; i < s->comets.count; i++) {
        const Comet *c = &s->comets.items[i];
        Color col = palette[c->color % PAL_COUNT];
        for (int t = 3; t >= 1; t--) { /* a tail behind it */
            Vec2 at = {c->pos.x - c->vel.x * 0.04f * t, c->pos.y - c->vel.y * 0.04f * t};
            api->draw_circle(at, c->radius * (1 - 0.22f * t),
                             with_alpha(col, 0.5f - 0.12f * t));
        }
        api->draw_circle(c->pos, c->radius, col);
        api->draw_circle_lines(c->pos, c->radius, HOT_RGB(255, 255, 255));
    }

    for (uint32_t i = 0; i < s->sparks.count; i++) {
        const Spark *k = &s->sparks.items[i];
        api->draw_rect(k->pos.x - 2, k->pos.y - 2, 4, 4,
                       with_alpha(palette[k->color % PAL_COUNT], k->life * 2));
    }

    for (int i = TRAIL_LEN - 1; i > 0; i--)
        api->draw_circle(p->trail[i], p->radius * (1 - 0.1f * i),
                         with_alpha(player_color, 0.3f - 0.035f * i));
    bool blink = p->hurt > 0 && (int)(p->hurt * 10) % 2 == 0;
    api->draw_circle(p->pos, p->radius, blink ? palette[PAL_RED] : player_color);
    api->draw_circle_lines(p->pos, p->radius + 3, with_alpha(ink, 0.6f));

    /* Text: the score big, the frame counter small, then the banner and the help line. */
    char line[64];
    snprintf(line, sizeof line, "SCORE %d", (int)s->score);
    api->draw_text(line, 16, 14, 2, ink);
    snprintf(line, sizeof line, "frame %" PRIu64, s->frames);
    api->draw_text(line, screen.x - api->text_width(line, 1) - 16, 18, 1, dim);
    if (s->banner_time > 0)
        draw_centered(api, s->banner, 60, 2, with_alpha(palette[PAL_GOLD], s->banner_time));
    if (s->mode == MODE_PAUSED) {
        api->draw_rect(0, 0, screen.x, screen.y, HOT_RGBA(0, 0, 0, 120));
        draw_centered(api, "PAUSED", screen.y / 3, 4, ink);
    }
    draw_centered(api, "arrows/WASD move  P pause  F1 inspect  F5 save  F9 load", screen.y - 22,
                  1, dim);
}
