/* draw_plain.c: scripts/bench-draw's reference: the frames of draw_game/ drawn with SDL2
 * directly, on the renderer hotrun uses (software, 800 x 600 logical, a hidden window),
 * the same loop (clear, N sprites with SDL_RenderCopyExF, present), uncapped. Prints one
 * line of JSON: the frame times in ms, start to start.
 *
 *   draw_plain SPRITE.png N FRAMES */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <SDL.h>
#include <SDL_image.h>

#include "draw_game/scene.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec * 1e-6;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: draw_plain SPRITE.png N FRAMES\n");
        return 2;
    }
    int n = atoi(argv[2]), frames = atoi(argv[3]);
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "draw_plain: %s\n", SDL_GetError());
        return 1;
    }
    SDL_Window *w = SDL_CreateWindow("draw_plain", 0, 0, SCENE_W, SCENE_H, SDL_WINDOW_HIDDEN);
    SDL_Renderer *r = w ? SDL_CreateRenderer(w, -1, SDL_RENDERER_SOFTWARE) : NULL;
    SDL_Texture *t = r ? IMG_LoadTexture(r, argv[1]) : NULL;
    if (!t) {
        fprintf(stderr, "draw_plain: %s\n", SDL_GetError());
        return 1;
    }
    SDL_RenderSetLogicalSize(r, SCENE_W, SCENE_H);
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    SDL_SetTextureScaleMode(t, SDL_ScaleModeNearest);
    printf("{\"dt_ms\":[");
    double last = now_ms();
    for (int f = 0; f < frames; f++) {
        SDL_Event e;
        while (SDL_PollEvent(&e)) {
        }
        SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
        SDL_RenderClear(r);
        for (int i = 0; i < n; i++) {
            SceneSprite s = scene_sprite((uint32_t)i, (uint64_t)f + 1);
            SDL_SetTextureColorMod(t, s.r, s.g, s.b);
            SDL_SetTextureAlphaMod(t, 255);
            SDL_FRect d = {s.x - SCENE_SIZE / 2, s.y - SCENE_SIZE / 2, SCENE_SIZE, SCENE_SIZE};
            SDL_FPoint c = {SCENE_SIZE / 2, SCENE_SIZE / 2};
            SDL_RenderCopyExF(r, t, NULL, &d, s.angle, &c, SDL_FLIP_NONE);
        }
        SDL_RenderPresent(r);
        double now = now_ms();
        printf("%s%.4f", f ? "," : "", now - last);
        last = now;
    }
    printf("]}\n");
    SDL_DestroyTexture(t);
    SDL_DestroyRenderer(r);
    SDL_DestroyWindow(w);
    SDL_Quit();
    return 0;
}
