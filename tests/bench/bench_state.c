/* bench_state.c: encode and decode times of state images of several sizes and shapes
 * (run by scripts/bench-state; prints medians, asserts nothing about time). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hot.h"
#include "state/state.h"

/* About 1 KB, numbers. */
#define TINY(X)                                                                                \
    X(ARRAY, float, samples, 200) X(FIELD, int32_t, n, 0) X(ARRAY, uint16_t, ids, 100)
HOT_STATE(Tiny, TINY)

/* About 1 MB, numbers. */
#define MEDIUM(X)                                                                              \
    X(ARRAY, float, xs, 131072)                                                                \
    X(ARRAY, int32_t, ids, 65536)                                                              \
    X(LIST, uint8_t, grid, 262144)                                                             \
    X(FIELD, double, t, 0)
HOT_STATE(Medium, MEDIUM)

/* About 16 MB, numbers. */
#define LARGE(X)                                                                               \
    X(ARRAY, float, xs, 2097152)                                                               \
    X(ARRAY, double, ds, 524288)                                                               \
    X(LIST, int32_t, ids, 1048576)                                                             \
    X(FIELD, uint64_t, frame, 0)
HOT_STATE(Large, LARGE)

/* Struct-heavy: 20000 entities of a dozen mixed fields (about 1.2 MB). */
#define BVEC(X) X(FIELD, float, x, 0) X(FIELD, float, y, 0)
HOT_STATE(BVec, BVEC)
#define ENTITY(X)                                                                              \
    X(STRUCT, BVec, pos)                                                                       \
    X(STRUCT, BVec, vel)                                                                       \
    X(FIELD, int32_t, hp, 10)                                                                  \
    X(FIELD, bool, alive, true)                                                                \
    X(FIELD, uint8_t, kind, 1)                                                                 \
    X(FIELD, float, timer, 0)                                                                  \
    X(STRING, name, 12, "grunt")                                                               \
    X(ARRAY, uint8_t, flags, 4)                                                                \
    X(FIELD, double, born, 0)
HOT_STATE(Entity, ENTITY)
#define WORLD(X) X(LIST, Entity, ents, 20000) X(FIELD, uint32_t, seed, 1)
HOT_STATE(World, WORLD)

/* 64 MiB of numbers, and 64 MiB of entities (a million of them): the swap and snapshot
 * goals of a big game. */
#define HUGE(X)                                                                                \
    X(ARRAY, float, xs, 8388608)                                                               \
    X(ARRAY, double, ds, 2097152)                                                              \
    X(LIST, int32_t, ids, 4194304)                                                             \
    X(FIELD, uint64_t, frame, 0)
HOT_STATE(Huge, HUGE)
#define CROWD(X) X(LIST, Entity, ents, 1200000) X(FIELD, uint32_t, seed, 1)
HOT_STATE(Crowd, CROWD)
/* The same game after an edit that added a field to the entity (in the middle). */
#define ENTITY2(X)                                                                             \
    X(STRUCT, BVec, pos)                                                                       \
    X(STRUCT, BVec, vel)                                                                       \
    X(FIELD, int32_t, hp, 10)                                                                  \
    X(FIELD, float, armor, 0.5f)                                                               \
    X(FIELD, bool, alive, true)                                                                \
    X(FIELD, uint8_t, kind, 1)                                                                 \
    X(FIELD, float, timer, 0)                                                                  \
    X(STRING, name, 12, "grunt")                                                               \
    X(ARRAY, uint8_t, flags, 4)                                                                \
    X(FIELD, double, born, 0)
HOT_STATE(Entity2, ENTITY2)
#define CROWD2(X) X(LIST, Entity2, ents, 1200000) X(FIELD, uint32_t, seed, 1)
HOT_STATE(Crowd2, CROWD2)

/* Like the example game: about 30 fields and a list of 16 small structs. */
#define ENEMY(X)                                                                               \
    X(STRUCT, BVec, pos)                                                                       \
    X(STRUCT, BVec, vel) X(FIELD, int32_t, hp, 3) X(FIELD, bool, alive, true)
HOT_STATE(Enemy, ENEMY)
typedef enum Phase { PHASE_TITLE, PHASE_PLAY, PHASE_OVER } Phase;
#define GAME(X)                                                                                \
    X(ENUM, Phase, phase, PHASE_TITLE)                                                         \
    X(FIELD, int32_t, score, 0)                                                                \
    X(FIELD, int32_t, best, 0)                                                                 \
    X(FIELD, int32_t, lives, 3)                                                                \
    X(FIELD, int32_t, level, 1)                                                                \
    X(FIELD, float, time, 0)                                                                   \
    X(FIELD, float, spawn_timer, 1)                                                            \
    X(FIELD, float, speed, 120)                                                                \
    X(FIELD, bool, paused, false)                                                              \
    X(FIELD, bool, debug, false)                                                               \
    X(STRUCT, BVec, player)                                                                    \
    X(STRUCT, BVec, player_vel)                                                                \
    X(FIELD, float, player_radius, 12)                                                         \
    X(FIELD, int32_t, combo, 0)                                                                \
    X(FIELD, float, combo_timer, 0)                                                            \
    X(FIELD, uint32_t, rng, 12345)                                                             \
    X(FIELD, double, started, 0)                                                               \
    X(STRING, name, 16, "player")                                                              \
    X(STRING, message, 32, "press space")                                                      \
    X(FIELD, float, shake, 0)                                                                  \
    X(FIELD, float, flash, 0)                                                                  \
    X(FIELD, uint8_t, r, 40)                                                                   \
    X(FIELD, uint8_t, g, 40)                                                                   \
    X(FIELD, uint8_t, b, 60)                                                                   \
    X(FIELD, int32_t, shots, 0)                                                                \
    X(FIELD, int32_t, hits, 0)                                                                 \
    X(FIELD, float, accuracy, 0)                                                               \
    X(ARRAY, float, history, 8)                                                                \
    X(LIST, Enemy, enemies, 16)                                                                \
    X(TRANSIENT, void *, font)
HOT_STATE(Game, GAME)

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof(double), cmp);
    return v[n / 2];
}

static void fill(uint8_t *mem, size_t size)
{
    for (size_t i = 0; i < size; i++)
        mem[i] = (uint8_t)(i * 2654435761u >> 13);
}

static void print_time(const char *what, double s)
{
    if (s < 1e-3)
        printf(" %8.2f us %s", s * 1e6, what);
    else
        printf(" %8.3f ms %s", s * 1e3, what);
}

/* Encodes and decodes `mem` runs times (with the layout checked once, as the host does);
 * prints the medians. `big`: also the snapshot (a copy of the memory; before the copy it
 * was the encode), its restore, and a swap's state work as swap.c does it (a packed image
 * into the previous image's buffer, decoded whole into the old state's block) to the
 * schema `next` (the new library's: the same one, or one with a field added). */
static const char *only; /* a label's part: only the cases that have it */

static void bench_to(const char *label, const HotSchema *schema, void *mem, int runs, bool big,
                     const HotSchema *next)
{
    if (only && !strstr(label, only))
        return;
    StateLayout l, ln;
    if (state_layout_check(next, &ln) != 0) {
        fprintf(stderr, "bench_state: bad schema\n");
        exit(1);
    }
    StateImage img = {0};
    StateStamp stamp = {1, "bench"};
    StateCopy copy = {0};
    StateImage spare = {0}; /* a swap's image buffer and state block, kept from the last */
    void *block = NULL;
    if (state_layout_check(schema, &l) != 0) {
        fprintf(stderr, "bench_state: bad schema\n");
        exit(1);
    }
    void *out = state_layout_alloc(&l);
    double *t[6];
    for (int k = 0; k < 6; k++)
        t[k] = calloc((size_t)runs, sizeof(double));
    if (!out || !t[5] || state_layout_encode(&l, &stamp, mem, &img) != 0) {
        fprintf(stderr, "bench_state: setup failed\n");
        exit(1);
    }
    for (int i = 0; i < runs; i++) {
        double t0 = now();
        if (state_layout_encode(&l, &stamp, mem, &img) != 0)
            exit(1);
        double t1 = now();
        if (state_layout_decode(&l, &img, out, NULL) != 0)
            exit(1);
        double t2 = now();
        t[0][i] = t1 - t0;
        t[1][i] = t2 - t1;
        t[2][i] = t2 - t0;
        if (!big)
            continue;
        t0 = now();
        if (state_copy_take(&l, mem, &copy) != 0)
            exit(1);
        t1 = now();
        if (state_copy_restore(&l, &copy, out) != 0)
            exit(1);
        t2 = now();
        if (state_layout_pack(&l, &stamp, mem, &spare) != 0)
            exit(1);
        block = state_layout_block(&ln, block);
        if (!block || state_layout_decode_whole(&ln, &spare, block, NULL) != 0)
            exit(1);
        double t3 = now();
        t[3][i] = t1 - t0;
        t[4][i] = t2 - t1;
        t[5][i] = t3 - t2;
    }
    printf("%-22s state %9.1f KB image %9.1f KB ", label, schema->size / 1024.0,
           img.size / 1024.0);
    print_time("encode", median(t[0], runs));
    print_time("decode", median(t[1], runs));
    print_time("both", median(t[2], runs));
    if (big) {
        print_time("snapshot", median(t[3], runs));
        print_time("rollback", median(t[4], runs));
        print_time("swap", median(t[5], runs));
    }
    printf("\n");
    state_image_free(&img);
    state_copy_free(&copy);
    state_image_free(&spare);
    state_free(block);
    state_free(out);
    for (int k = 0; k < 6; k++)
        free(t[k]);
}

static void bench(const char *label, const HotSchema *schema, void *mem, int runs, bool big)
{
    bench_to(label, schema, mem, runs, big, schema);
}

int main(int argc, char **argv)
{
    int scale = argc > 1 ? atoi(argv[1]) : 1; /* more runs for steadier medians */
    if (scale < 1)
        scale = 1;
    only = argc > 2 ? argv[2] : NULL;

    Tiny *tiny = state_alloc(&hot_schema_Tiny);
    fill((uint8_t *)tiny->samples, sizeof(tiny->samples));
    bench("numbers 1 KB", &hot_schema_Tiny, tiny, 2001 * scale, false);

    Medium *medium = state_alloc(&hot_schema_Medium);
    fill((uint8_t *)medium->xs, sizeof(medium->xs));
    medium->grid.count = 262144;
    bench("numbers 1 MB", &hot_schema_Medium, medium, 101 * scale, false);

    Large *large = state_alloc(&hot_schema_Large);
    fill((uint8_t *)large->xs, sizeof(large->xs));
    fill((uint8_t *)large->ds, sizeof(large->ds));
    large->ids.count = 1048576;
    bench("numbers 16 MB", &hot_schema_Large, large, 31 * scale, true);

    World *world = state_alloc(&hot_schema_World);
    world->ents.count = 20000;
    for (int i = 0; i < 20000; i++) {
        world->ents.items[i].pos.x = (float)i;
        world->ents.items[i].hp = i % 100;
        world->ents.items[i].born = i * 0.25;
    }
    bench("structs 20000 x 12", &hot_schema_World, world, 31 * scale, true);

    Huge *huge = state_alloc(&hot_schema_Huge);
    fill((uint8_t *)huge->xs, sizeof(huge->xs));
    fill((uint8_t *)huge->ds, sizeof(huge->ds));
    huge->ids.count = 4194304;
    bench("numbers 64 MiB", &hot_schema_Huge, huge, 11 * scale, true);

    Crowd *crowd = state_alloc(&hot_schema_Crowd);
    crowd->ents.count = 1000000;
    for (int i = 0; i < 1000000; i++)
        crowd->ents.items[i].born = i * 0.25;
    bench("structs 64 MiB (1M)", &hot_schema_Crowd, crowd, 5 * scale, true);
    bench_to("structs 64 MiB +field", &hot_schema_Crowd, crowd, 5 * scale, true, &hot_schema_Crowd2);

    Game *game = state_alloc(&hot_schema_Game);
    game->enemies.count = 16;
    for (int i = 0; i < 16; i++)
        game->enemies.items[i].pos.x = (float)i * 10;
    bench("game, 30 fields + 16", &hot_schema_Game, game, 5001 * scale, false);

    state_free(tiny);
    state_free(medium);
    state_free(large);
    state_free(world);
    state_free(huge);
    state_free(crowd);
    state_free(game);
    return 0;
}
