/* player.c: the player: arrow keys, WASD or a gamepad, clamped to the screen, picking up
 * coins.
 *
 * Shows: api->key_down, a gamepad's stick and d-pad (api->pad_axis, api->pad_down on
 * HOT_PAD_ANY: whichever pad is plugged in), movement scaled by the frame time, a nested
 * STRUCT and an ARRAY in the state, api->random_float for a coin placed the same way for
 * the same --seed, and api->play_sound panned to where the coin was.
 */
#include <math.h>

#include "game.h"

static float clampf(float v, float lo, float hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* -1, 0 or +1 along one axis, from either of two keys each way. */
static float axis(const HotApi *api, HotKey neg, HotKey neg2, HotKey pos, HotKey pos2)
{
    return (float)(api->key_down(pos) || api->key_down(pos2)) -
           (float)(api->key_down(neg) || api->key_down(neg2));
}

/* The same from a gamepad: the left stick (pushed halfway: half speed), else the d-pad. */
static float pad_axis(const HotApi *api, HotPadAxis stick, HotPadButton neg, HotPadButton pos)
{
    float v = api->pad_axis(HOT_PAD_ANY, stick);
    if (v != 0)
        return v;
    return (float)api->pad_down(HOT_PAD_ANY, pos) - (float)api->pad_down(HOT_PAD_ANY, neg);
}

void player_place_coin(const HotApi *api, GameState *s)
{
    Vec2 screen = api->screen_size();
    s->coin.x = api->random_float(40, screen.x - 40);
    s->coin.y = api->random_float(70, screen.y - 60);
}

/* ---- update ------------------------------------------------------------------------- */

void player_update(const HotApi *api, GameState *s, float dt)
{
    Player *p = &s->player;
    Vec2 screen = api->screen_size();

    float dx = axis(api, HOT_KEY_LEFT, HOT_KEY_A, HOT_KEY_RIGHT, HOT_KEY_D);
    float dy = axis(api, HOT_KEY_UP, HOT_KEY_W, HOT_KEY_DOWN, HOT_KEY_S);
    if (dx != 0 && dy != 0) { /* diagonals are no faster */
        dx *= 0.7071f;
        dy *= 0.7071f;
    }
    if (dx == 0 && dy == 0) { /* no key: a gamepad, if one is plugged in */
        dx = pad_axis(api, HOT_PAD_LEFT_X, HOT_PAD_DPAD_LEFT, HOT_PAD_DPAD_RIGHT);
        dy = pad_axis(api, HOT_PAD_LEFT_Y, HOT_PAD_DPAD_UP, HOT_PAD_DPAD_DOWN);
        float len = dx * dx + dy * dy;
        if (len > 1) { /* the d-pad's diagonal, too */
            len = sqrtf(len);
            dx /= len;
            dy /= len;
        }
    }
    float speed = p->speed; /* from assets/tuning.txt, or typed in the F1 panel */
    p->pos.x =
        clampf(p->pos.x + (dx * speed + p->knock.x) * dt, p->radius, screen.x - p->radius);
    p->pos.y =
        clampf(p->pos.y + (dy * speed + p->knock.y) * dt, p->radius, screen.y - p->radius);

    float fade = clampf(1.0f - 6.0f * dt, 0, 1); /* knock-backs die out in ~0.3 s */
    p->knock.x *= fade;
    p->knock.y *= fade;
    if (p->hurt > 0)
        p->hurt -= dt;

    for (int i = TRAIL_LEN - 1; i > 0; i--) /* newest first */
        p->trail[i] = p->trail[i - 1];
    p->trail[0] = p->pos;

    float cx = s->coin.x - p->pos.x, cy = s->coin.y - p->pos.y;
    float reach = p->radius + COIN_RADIUS;
    if (cx * cx + cy * cy < reach * reach) {
        s->score += s->tuning.coin_points;
        /* Panned to where the coin was: -1 the left edge, 1 the right. */
        float pan = s->coin.x / api->screen_size().x * 1.2f - 0.6f;
        api->play_sound(s->art.pickup, 0.8f, pan, false);
        movers_burst(api, s, s->coin, 18, PAL_GOLD);
        player_place_coin(api, s);
        movers_spawn_comet(api, s); /* every coin makes it a little harder */
        game_banner(s, "+%d", (int)s->tuning.coin_points);
    }
}
