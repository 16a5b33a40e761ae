/* game.h: Comet Catcher's state, declared once with HOT_STATE, and the functions the
 * game's files share.
 *
 * Everything the game remembers from one frame to the next lives in GameState. The host
 * owns that memory and carries it across every code swap as a msgpack image matched field
 * by field, so you can add, remove or retype a field while the game runs: a new field
 * takes the default written here, a removed one is dropped. Each X(...) line is one field:
 * its kind, C type, name and default.
 */
#ifndef GAME_H
#define GAME_H

#include "hot.h"

#define MAX_COMETS  16
#define MAX_SPARKS  64
#define TRAIL_LEN   8
#define STAR_COUNT  90
#define COIN_RADIUS 11.0f

/* Colours by index, so the state stores a small number instead of a Color. */
enum { PAL_CORAL, PAL_VIOLET, PAL_SKY, PAL_ORANGE, PAL_GOLD, PAL_RED, PAL_COUNT };
#define COMET_COLORS 4 /* comets use the first four */

/* ---- state ------------------------------------------------------------------------ */

/* Vec2 and Color from hot.h are state structs too: X(STRUCT, Vec2, pos) just works. */

#define PLAYER(X)                                                                              \
    X(STRUCT, Vec2, pos)                                                                      \
    X(STRUCT, Vec2, knock) /* velocity of a knock-back; fades out */                          \
    X(FIELD, float, speed, 260.0f)                                                             \
    X(FIELD, float, radius, 14.0f)                                                             \
    X(FIELD, float, hurt, 0.0f) /* seconds left of blinking after a hit */                     \
    X(ARRAY, Vec2, trail, TRAIL_LEN)
HOT_STATE(Player, PLAYER)

#define COMET(X)                                                                               \
    X(STRUCT, Vec2, pos)                                                                      \
    X(STRUCT, Vec2, vel)                                                                      \
    X(FIELD, float, radius, 12.0f)                                                             \
    X(FIELD, uint8_t, color, PAL_CORAL)
HOT_STATE(Comet, COMET)

#define SPARK(X)                                                                               \
    X(STRUCT, Vec2, pos)                                                                      \
    X(STRUCT, Vec2, vel)                                                                      \
    X(FIELD, float, life, 0.0f) /* seconds left */                                             \
    X(FIELD, uint8_t, color, PAL_GOLD)
HOT_STATE(Spark, SPARK)

typedef enum Mode { MODE_PLAY = 0, MODE_PAUSED } Mode;
/* Names the F1 tweak panel shows (and accepts) for the mode field instead of 0 and 1. */
static const HotEnumName mode_names[] = {
    {MODE_PLAY, "play"}, {MODE_PAUSED, "paused"}, {0, NULL}};

/* Derived data: a pure function of the screen size, so it is never saved. A TRANSIENT
 * field is zero after every swap and load; after_swap rebuilds it. */
typedef struct StarField {
    bool ready;
    Vec2 pos[STAR_COUNT];
    uint8_t shade[STAR_COUNT];
} StarField;

#define GAME_STATE(X)                                                                          \
    X(FIELD, int32_t, score, 0)                                                                \
    X(FIELD, uint64_t, frames, 0)                                                              \
    X(ENUM, Mode, mode, MODE_PLAY, mode_names)                                                 \
    X(STRING, banner, 32, "catch the coins!")                                                  \
    X(FIELD, float, banner_time, 3.0f)                                                         \
    X(STRUCT, Player, player)                                                                  \
    X(STRUCT, Vec2, coin)                                                                     \
    X(LIST, Comet, comets, MAX_COMETS)                                                         \
    X(LIST, Spark, sparks, MAX_SPARKS)                                                         \
    X(TRANSIENT, StarField, stars)
HOT_STATE(GameState, GAME_STATE)

/* Bump when a field changes meaning, and add a migrate hook (see HotGame.migrate). */
#define GAME_STATE_VERSION 1

/* ---- shared functions --------------------------------------------------------------- */

/* game.c: shows a printf-style message big for a second and a half. */
void game_banner(GameState *s, const char *fmt, ...) HOT_PRINTF(2, 3);
/* player.c: movement, the trail and picking up the coin. */
void player_update(const HotApi *api, GameState *s, float dt);
void player_place_coin(const HotApi *api, GameState *s);
/* movers.c: comets and sparks. */
void movers_spawn_comet(const HotApi *api, GameState *s);
void movers_burst(const HotApi *api, GameState *s, Vec2 at, int n, uint8_t color);
void movers_update(const HotApi *api, GameState *s, float dt);
/* draw.c: the frame, and the star field cache. */
void draw_game(const HotApi *api, const void *state);
void draw_build_stars(StarField *stars, Vec2 screen);

#endif
