/* scene.h: the frame scripts/bench-draw draws twice, through hotrun (game.c) and with SDL2
 * directly (../draw_plain.c): sprite i of frame f, the same numbers on both sides. */
#ifndef BENCH_SCENE_H
#define BENCH_SCENE_H

#include <stdint.h>

#define SCENE_W 800
#define SCENE_H 600
#define SCENE_SIZE 24.0f /* each sprite is drawn 24 x 24 from a 32 x 32 texture */

typedef struct SceneSprite {
    float x, y, angle;
    uint8_t r, g, b;
} SceneSprite;

static inline SceneSprite scene_sprite(uint32_t i, uint64_t frame)
{
    uint32_t h = i * 2654435761u;
    SceneSprite s;
    s.x = (float)((h >> 8) % (SCENE_W - 24));
    s.y = (float)((h >> 20) % (SCENE_H - 24));
    s.angle = (float)((i * 7u + (uint32_t)frame * 3u) % 360u);
    s.r = (uint8_t)(128 + (h & 127));
    s.g = (uint8_t)(128 + ((h >> 7) & 127));
    s.b = (uint8_t)(128 + ((h >> 14) & 127));
    return s;
}

#endif
