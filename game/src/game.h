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
    X(FIELD, float, speed, 260.0f) /* tuning.txt's player_speed, or the tweak panel's */       \
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

/* Numbers a designer tunes while playing: read from assets/tuning.txt (tuning.c) and
 * read again whenever that file is saved. Part of the state, so a quicksave keeps them. */
#define TUNING(X)                                                                              \
    X(FIELD, float, player_speed, 260.0f)                                                      \
    X(FIELD, float, comet_speed, 140.0f)                                                       \
    X(FIELD, int32_t, coin_points, 10)                                                         \
    X(FIELD, int32_t, hit_points, 5)                                                           \
    X(FIELD, float, shake, 9.0f) /* pixels the screen shakes by on a hit */                    \
    X(FIELD, uint32_t, version, 0) /* of the file these came from */
HOT_STATE(Tuning, TUNING)

/* The pictures, the font and the tuning file: handles to what the host loaded from the
 * asset folder (game/assets). Asking for a path again gives the same handle, and a saved
 * PNG is reloaded behind it, so after_swap just asks again. */
typedef struct Art {
    bool ready;
    HotTexture ship, coin, comet, glow, nebula;
    HotFont font;
    HotData tuning;
    HotSound pickup, hit; /* game/art/make_sounds.py synthesizes them */
    HotMusic music;
} Art;

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
    X(FIELD, float, shake_time, 0.0f) /* seconds the camera still shakes */                   \
    X(STRUCT, Tuning, tuning)                                                                  \
    X(TRANSIENT, StarField, stars)                                                             \
    X(TRANSIENT, Art, art)
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
/* tuning.c: the asset handles, and tuning.txt read again when it changed. */
void art_load(const HotApi *api, Art *art);
void tuning_update(const HotApi *api, GameState *s);
/* draw.c: the frame, and the star field cache. */
void draw_game(const HotApi *api, const void *state);
void draw_build_stars(StarField *stars, Vec2 screen);

#endif
