/* game.c: the descriptor and the frame: what a hotrun game exports.
 *
 * Shows: HOT_GAME with the window's title, init on a fresh start, update as a small
 * dispatcher, after_swap rebuilding the TRANSIENT star field and asset handles, api->log. The game keeps no pointer to the
 * api table: every call gets it afresh. Edit any file while the game runs and save.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

#include "game.h"

void game_banner(GameState *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->banner, sizeof s->banner, fmt, ap);
    va_end(ap);
    s->banner_time = 1.5f;
}

/* ---- init: a fresh start; the state already holds its defaults ---------------------- */

/* after_swap also runs after every restore of the state (F9, a loop's restart, each step of
 * a rewind). A static starts over with each new library, so it tells new code from the
 * rest and the log says "new code" once per reload: HOT_SCRATCH says the reset is meant. */
static HOT_SCRATCH bool told;

static void game_init(const HotApi *api, void *state)
{
    told = true;
    GameState *s = state;
    Vec2 screen = api->screen_size();
    s->player.pos = (Vec2){screen.x / 2, screen.y / 2};
    for (int i = 0; i < TRAIL_LEN; i++)
        s->player.trail[i] = s->player.pos;
    for (int i = 0; i < 3; i++)
        movers_spawn_comet(api, s);
    player_place_coin(api, s);
    draw_build_stars(&s->stars, screen);
    art_load(api, &s->art);
    tuning_update(api, s);
    api->log("new game with %u comets", (unsigned)s->comets.count);
}

/* ---- update: one frame ------------------------------------------------------------ */

static void game_update(const HotApi *api, void *state)
{
    GameState *s = state;
    float dt = api->frame_time(); /* seconds: motion is the same at any frame rate */
    s->frames++;
    if (!s->stars.ready) /* a quickload zeroes transients too */
        draw_build_stars(&s->stars, api->screen_size());
    if (!s->art.ready)
        art_load(api, &s->art);
    tuning_update(api, s); /* tuning.txt saved? read it again */

    if (api->key_pressed(HOT_KEY_P) || api->key_pressed(HOT_KEY_SPACE) ||
        api->pad_pressed(HOT_PAD_ANY, HOT_PAD_START) || api->pad_pressed(HOT_PAD_ANY, HOT_PAD_A))
        s->mode = s->mode == MODE_PLAY ? MODE_PAUSED : MODE_PLAY;
    if (s->mode == MODE_PAUSED)
        return;

    player_update(api, s, dt);
    movers_update(api, s, dt);
    if (s->banner_time > 0)
        s->banner_time -= dt;
    if (s->shake_time > 0)
        s->shake_time -= dt;
}

/* ---- after_swap: new code, old state -------------------------------------------------- */

static void game_after_swap(const HotApi *api, void *state)
{
    GameState *s = state;
    draw_build_stars(&s->stars, api->screen_size());
    art_load(api, &s->art);
    if (!told)
        api->log("new code at frame %" PRIu64 ": score %d, %u comets kept", s->frames,
                 (int)s->score, (unsigned)s->comets.count);
    told = true;
}

HOT_GAME(GameState, .state_version = GAME_STATE_VERSION, .name = "comet catcher",
         .title = "Comet Catcher",
         .init = game_init, .update = game_update, .draw = draw_game,
         .after_swap = game_after_swap);
