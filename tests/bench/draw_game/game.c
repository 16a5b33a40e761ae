/* game.c: scripts/bench-draw's game: N_SPRITES (-DN_SPRITES=..., default 10000) textured,
 * rotated, tinted sprites a frame through api->draw_sprite, from the asset sprite.png. */
#include "hot.h"
#include "scene.h"

#ifndef N_SPRITES
#define N_SPRITES 10000
#endif

#define BENCH(X)                                                                      \
    X(FIELD, uint64_t, frames, 0)                                                     \
    X(TRANSIENT, HotTexture, sprite)
HOT_STATE(Bench, BENCH)

static void update(const HotApi *api, void *state)
{
    Bench *b = state;
    if (!b->sprite.id)
        b->sprite = api->load_texture("sprite.png");
    b->frames++;
}

static void draw(const HotApi *api, const void *state)
{
    const Bench *b = state;
    api->clear(HOT_RGB(0, 0, 0));
    for (uint32_t i = 0; i < N_SPRITES; i++) {
        SceneSprite s = scene_sprite(i, b->frames);
        api->draw_sprite(b->sprite, (Rect){0, 0, 0, 0}, (Rect){s.x, s.y, SCENE_SIZE, SCENE_SIZE},
                         (Vec2){SCENE_SIZE / 2, SCENE_SIZE / 2}, s.angle, HOT_FLIP_NONE,
                         HOT_RGB(s.r, s.g, s.b));
    }
}

HOT_GAME(Bench, .name = "bench-draw", .update = update, .draw = draw);
