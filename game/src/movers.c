/* movers.c: things that move on their own: comets bounce off the walls, sparks fly out
 * and fade.
 *
 * Shows: LIST fields (a count and inline items, bounded by their capacity), adding and
 * removing items, and circle collisions. A comet that hits the player costs points,
 * knocks it away, shakes the screen (the camera in draw.c) and plays hit.wav.
 */
#include "game.h"

void movers_spawn_comet(const HotApi *api, GameState *s)
{
    if (s->comets.count == MAX_COMETS)
        return;
    Vec2 screen = api->screen_size();
    Comet *c = &s->comets.items[s->comets.count++];
    c->radius = api->random_float(8, 18);
    c->color = (uint8_t)api->random_int(0, COMET_COLORS - 1);
    /* Enter on the edge away from the player, heading into the screen. */
    bool top = s->player.pos.y > screen.y / 2;
    c->pos = (Vec2){api->random_float(c->radius, screen.x - c->radius),
                     top ? c->radius : screen.y - c->radius};
    float v = s->tuning.comet_speed;
    c->vel = (Vec2){api->random_float(-1.2f * v, 1.2f * v), api->random_float(0.65f * v, 1.35f * v)};
    if (!top)
        c->vel.y = -c->vel.y;
}

void movers_burst(const HotApi *api, GameState *s, Vec2 at, int n, uint8_t color)
{
    for (int i = 0; i < n && s->sparks.count < MAX_SPARKS; i++) {
        Spark *k = &s->sparks.items[s->sparks.count++];
        k->pos = at;
        k->vel = (Vec2){api->random_float(-240, 240), api->random_float(-240, 240)};
        k->life = api->random_float(0.3f, 0.8f);
        k->color = color;
    }
}

/* Keeps one coordinate within lo..hi, turning the velocity back at a wall. */
static void bounce(float *pos, float *vel, float lo, float hi)
{
    if (*pos < lo || *pos > hi) {
        *pos = *pos < lo ? lo : hi;
        *vel = -*vel;
    }
}

/* ---- update ------------------------------------------------------------------------- */

void movers_update(const HotApi *api, GameState *s, float dt)
{
    Vec2 screen = api->screen_size();
    Player *p = &s->player;

    for (uint32_t i = 0; i < s->comets.count; i++) {
        Comet *c = &s->comets.items[i];
        c->pos.x += c->vel.x * dt;
        c->pos.y += c->vel.y * dt;
        bounce(&c->pos.x, &c->vel.x, c->radius, screen.x - c->radius);
        bounce(&c->pos.y, &c->vel.y, c->radius, screen.y - c->radius);

        float dx = p->pos.x - c->pos.x, dy = p->pos.y - c->pos.y;
        float reach = p->radius + c->radius;
        if (p->hurt > 0 || dx * dx + dy * dy >= reach * reach)
            continue;
        int32_t lost = s->tuning.hit_points;
        s->score = s->score > lost ? s->score - lost : 0;
        p->hurt = 1.0f;
        s->shake_time = 0.35f;
        api->play_sound(s->art.hit, 1.0f, p->pos.x / api->screen_size().x * 1.2f - 0.6f, false);
        api->pad_rumble(HOT_PAD_ANY, 0.8f, 0.4f, 0.25f); /* a pad without motors: nothing */
        p->knock = (Vec2){dx * 420 / reach, dy * 420 / reach}; /* away from the comet */
        if (dx * c->vel.x > 0) /* and the comet away from the player */
            c->vel.x = -c->vel.x;
        if (dy * c->vel.y > 0)
            c->vel.y = -c->vel.y;
        movers_burst(api, s, p->pos, 10, PAL_RED);
        game_banner(s, "ouch! -%d", (int)lost);
    }

    /* Sparks drift, slow down and die; a dead one is replaced by the last item. */
    for (uint32_t i = 0; i < s->sparks.count;) {
        Spark *k = &s->sparks.items[i];
        k->life -= dt;
        if (k->life <= 0) {
            *k = s->sparks.items[--s->sparks.count];
            continue;
        }
        k->pos.x += k->vel.x * dt;
        k->pos.y += k->vel.y * dt;
        k->vel.x *= 1.0f - 2.0f * dt;
        k->vel.y *= 1.0f - 2.0f * dt;
        i++;
    }
}
