/* main.c: @NAME@, a game made with hotrun. Run it with `hotrun @DIR@`, edit this file while
 * it runs and save: the next frame runs the new code, with the state below intact.
 *
 * A hotrun game is three parts: the STATE it keeps (declared once, saved across every
 * reload), UPDATE (one step of the game per frame) and DRAW (what the frame shows).
 * Everything from outside (drawing, keys, time, random numbers, pictures and sounds from
 * the assets/ folder) comes through `api`. */
#include <stdio.h>

#include "hot.h"

/* ---- state ------------------------------------------------------------------------------
 * Every field has a type, a name and a default. Add, remove or retype fields while the
 * game runs: the reload matches the saved state to the new fields by name, and a new field
 * starts at its default. */
/* Handles to what the host loaded from assets/: it owns the picture and the sound, and a
 * saved coin.png or coin.wav is reloaded behind the same handle while the game runs.
 * TRANSIENT: never saved, zero after every reload; load_art asks for them again (the
 * same path gives the same handle, so that is cheap). */
typedef struct Art {
    HotTexture coin;
    HotSound chime;
} Art;

#define GAME_STATE(X)                   \
    X(STRUCT, Vec2, player)             \
    X(STRUCT, Vec2, coin)               \
    X(FIELD, int32_t, score, 0)         \
    X(FIELD, float, time, 0)            \
    X(TRANSIENT, Art, art)
HOT_STATE(GameState, GAME_STATE)

#define PLAYER_SPEED 260.0f /* pixels per second: try 500 */
#define PLAYER_SIZE 24.0f
#define COIN_RADIUS 10.0f

/* Puts the coin somewhere on the screen (the host's random numbers replay exactly). */
static void place_coin(const HotApi *api, GameState *s)
{
    Vec2 screen = api->screen_size();
    s->coin.x = api->random_float(40, screen.x - 40);
    s->coin.y = api->random_float(60, screen.y - 40);
}

static void load_art(const HotApi *api, GameState *s)
{
    s->art.coin = api->load_texture("coin.png"); /* made by hotrun's make_assets.py */
    s->art.chime = api->load_sound("coin.wav");
}

/* Called once, on a fresh start (not after a reload). */
static void game_init(const HotApi *api, void *state)
{
    GameState *s = state;
    Vec2 screen = api->screen_size();
    s->player = (Vec2){screen.x / 2, screen.y / 2};
    place_coin(api, s);
    load_art(api, s);
}

/* Called after every reload (and quickload): transient fields are zero again. */
static void game_after_swap(const HotApi *api, void *state)
{
    load_art(api, state);
}

/* ---- update -----------------------------------------------------------------------------
 * One step of the game: arrow keys or WASD move the square; touching the coin scores. */
static void game_update(const HotApi *api, void *state)
{
    GameState *s = state;
    float dt = api->frame_time();
    Vec2 move = {0, 0};
    if (api->key_down(HOT_KEY_LEFT) || api->key_down(HOT_KEY_A)) move.x -= 1;
    if (api->key_down(HOT_KEY_RIGHT) || api->key_down(HOT_KEY_D)) move.x += 1;
    if (api->key_down(HOT_KEY_UP) || api->key_down(HOT_KEY_W)) move.y -= 1;
    if (api->key_down(HOT_KEY_DOWN) || api->key_down(HOT_KEY_S)) move.y += 1;
    s->player.x += move.x * PLAYER_SPEED * dt;
    s->player.y += move.y * PLAYER_SPEED * dt;
    s->time += dt;

    float dx = s->coin.x - s->player.x, dy = s->coin.y - s->player.y;
    float reach = PLAYER_SIZE / 2 + COIN_RADIUS;
    if (dx * dx + dy * dy < reach * reach) {
        s->score++;
        api->play_sound(s->art.chime, 0.8f, 0, false); /* volume 0..1, pan -1..1, loop */
        place_coin(api, s);
    }
}

/* ---- draw -------------------------------------------------------------------------------
 * What the frame shows. The state is read-only here. */
static void game_draw(const HotApi *api, const void *state)
{
    const GameState *s = state;
    api->clear(HOT_RGB(24, 28, 40));
    /* The 16 x 16 sprite drawn 20 x 20, centred on the coin (a magenta checkerboard if
     * coin.png is missing). */
    api->draw_sprite(s->art.coin, (Rect){0, 0, 0, 0},
                     (Rect){s->coin.x, s->coin.y, 2 * COIN_RADIUS, 2 * COIN_RADIUS},
                     (Vec2){COIN_RADIUS, COIN_RADIUS}, 0, HOT_FLIP_NONE, HOT_RGB(255, 255, 255));
    api->draw_rect(s->player.x - PLAYER_SIZE / 2, s->player.y - PLAYER_SIZE / 2, PLAYER_SIZE,
                   PLAYER_SIZE, HOT_RGB(90, 200, 250));
    char text[32];
    snprintf(text, sizeof text, "score %d", (int)s->score);
    api->draw_text(text, 16, 16, 2, HOT_RGB(230, 230, 230));
}

/* The one thing every game exports: its name, its state and its functions. */
HOT_GAME(GameState, .name = "@NAME@", .init = game_init, .update = game_update,
         .draw = game_draw, .after_swap = game_after_swap);
