/* state_test.h: what the state library's unit tests share: schemas of every kind and
 * scalar type, nesting, an old and a new shape of one game, and small helpers. */
#ifndef HOTRUN_TEST_STATE_H
#define HOTRUN_TEST_STATE_H

#include <dirent.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include <msgpack.h>

#include "state/state.h"
#include "testlib.h"

/* ---------------------------------------------------------------------------------------
 * Schemas: every kind and scalar type, and nesting.
 * ------------------------------------------------------------------------------------- */

typedef enum Mode { MODE_A, MODE_B = 7, MODE_NEG = -3 } Mode;

#define INNER(X)                                                                               \
    X(FIELD, int32_t, a, 1)                                                                    \
    X(ARRAY, int16_t, h, 3)                                                                    \
    X(STRING, tag, 6, "in")
HOT_STATE(Inner, INNER)

#define MIDDLE(X)                                                                              \
    X(STRUCT, Inner, in)                                                                       \
    X(ARRAY, Inner, ins, 2)                                                                    \
    X(FIELD, double, m, 0.5)
HOT_STATE(Middle, MIDDLE)

#define ALL(X)                                                                                 \
    X(FIELD, bool, b, true)                                                                    \
    X(FIELD, int8_t, i8, -8)                                                                   \
    X(FIELD, int16_t, i16, -16)                                                                \
    X(FIELD, int32_t, i32, -32)                                                                \
    X(FIELD, int64_t, i64, -64)                                                                \
    X(FIELD, uint8_t, u8, 8)                                                                   \
    X(FIELD, uint16_t, u16, 16)                                                                \
    X(FIELD, uint32_t, u32, 32)                                                                \
    X(FIELD, uint64_t, u64, 64)                                                                \
    X(FIELD, int, n, 42)                                                                       \
    X(FIELD, float, f, 1.25f)                                                                  \
    X(FIELD, double, d, -2.5)                                                                  \
    X(FIELD, char, c, 'q')                                                                     \
    X(ENUM, Mode, mode, MODE_B)                                                                \
    X(STRING, name, 12, "hero")                                                                \
    X(STRUCT, Middle, mid)                                                                     \
    X(ARRAY, float, fa, 10)                                                                    \
    X(ARRAY, uint8_t, bytes, 4)                                                                \
    X(ARRAY, bool, bits, 3)                                                                    \
    X(ARRAY, double, da, 2)                                                                    \
    X(ARRAY, Inner, inners, 3)                                                                 \
    X(LIST, Inner, li, 4)                                                                      \
    X(LIST, int32_t, ln, 6)                                                                    \
    X(LIST, double, ld, 3)                                                                     \
    X(TRANSIENT, void *, ptr)                                                                  \
    X(TRANSIENT, int, cache)
HOT_STATE(All, ALL)

/* Five levels deep, each level with a value of its own, a list and an array. */
#define D1(X) X(FIELD, int32_t, v1, 1) X(ARRAY, uint16_t, arr1, 2)
HOT_STATE(D1, D1)
#define D2(X) X(FIELD, int32_t, v2, 2) X(STRUCT, D1, d1) X(LIST, D1, l1, 3)
HOT_STATE(D2, D2)
#define D3(X) X(FIELD, int32_t, v3, 3) X(STRUCT, D2, d2) X(ARRAY, D2, a2, 2)
HOT_STATE(D3, D3)
#define D4(X) X(FIELD, int32_t, v4, 4) X(STRUCT, D3, d3) X(TRANSIENT, int, t4)
HOT_STATE(D4, D4)
#define D5(X) X(FIELD, int32_t, v5, 5) X(STRUCT, D4, d4) X(LIST, D4, l4, 2)
HOT_STATE(D5, D5)

#define LONGDEF(X) X(STRING, s, 4, "toolong") X(FIELD, uint64_t, big, INT64_MAX)
HOT_STATE(LongDef, LONGDEF)

#define WIDE(X)   X(STRING, s, 16, "")
#define NARROW(X) X(STRING, s, 5, "")
HOT_STATE(Wide, WIDE)
HOT_STATE(Narrow, NARROW)

#define WIDE_ITEM(X)   X(FIELD, int32_t, v, 0)
#define NARROW_ITEM(X) X(FIELD, int8_t, v, -1)
HOT_STATE(WideItem, WIDE_ITEM)
HOT_STATE(NarrowItem, NARROW_ITEM)
#define WIDE_LIST(X)   X(ARRAY, WideItem, items, 100)
#define NARROW_LIST(X) X(ARRAY, NarrowItem, items, 100)
HOT_STATE(WideList, WIDE_LIST)
HOT_STATE(NarrowList, NARROW_LIST)

#define MANY(X) X(LIST, Inner, items, 20) X(LIST, Inner, none, 2) X(FIELD, int32_t, last, 1)
HOT_STATE(Many, MANY)

static inline bool same_bits(const void *a, const void *b, size_t n)
{
    return memcmp(a, b, n) == 0;
}

static inline void fill_all(All *s)
{
    s->b = false;
    s->i8 = INT8_MIN;
    s->i16 = INT16_MAX;
    s->i32 = INT32_MIN;
    s->i64 = INT64_MIN;
    s->u8 = UINT8_MAX;
    s->u16 = UINT16_MAX;
    s->u32 = UINT32_MAX;
    s->u64 = UINT64_MAX;
    s->n = INT32_MAX;
    s->f = NAN;
    s->d = -INFINITY;
    s->c = -7;
    s->mode = MODE_NEG;
    strcpy(s->name, "Zoë \"q\"\n");
    s->mid.in.a = 7;
    s->mid.in.h[2] = -300;
    strcpy(s->mid.in.tag, "deep");
    s->mid.ins[1].a = 11;
    s->mid.ins[1].h[0] = 5;
    s->mid.m = 1e-300;
    for (int i = 0; i < 10; i++)
        s->fa[i] = (float)i * 0.5f - 1.0f;
    s->fa[3] = -0.0f;
    s->fa[4] = FLT_MAX;
    s->fa[5] = FLT_TRUE_MIN;
    s->bytes[0] = 0;
    s->bytes[3] = 255;
    s->bits[1] = true;
    s->da[0] = NAN;
    s->da[1] = DBL_MAX;
    s->inners[2].a = -9;
    strcpy(s->inners[2].tag, "five!");
    s->li.count = 3;
    s->li.items[0].a = 100;
    s->li.items[2].h[1] = 22;
    s->ln.count = 6;
    for (int i = 0; i < 6; i++)
        s->ln.items[i] = i * i - 10;
    s->ld.count = 1;
    s->ld.items[0] = 3.141592653589793;
    s->ptr = s;
    s->cache = 99;
}

static inline void encode(const HotSchema *schema, uint32_t version, const void *mem, StateImage *img)
{
    int rc = state_encode(schema, version, mem, img);
    CHECK_EQ_INT(rc, 0);
    CHECK(img->data != NULL && img->size > 0);
}

/* Our images are ordinary msgpack: msgpack-c reads them whole, as a map led by "hotrun". */
static inline void check_msgpack(const StateImage *img)
{
    msgpack_unpacked u;
    msgpack_unpacked_init(&u);
    size_t off = 0;
    CHECK_EQ_INT(msgpack_unpack_next(&u, (const char *)img->data, img->size, &off),
                 MSGPACK_UNPACK_SUCCESS);
    CHECK_EQ_INT(off, img->size);
    CHECK_EQ_INT(u.data.type, MSGPACK_OBJECT_MAP);
    CHECK_EQ_INT(u.data.via.map.size, 5);
    msgpack_object_kv *kv = u.data.via.map.ptr;
    CHECK(kv[0].key.type == MSGPACK_OBJECT_STR && kv[0].key.via.str.size == 6 &&
          memcmp(kv[0].key.via.str.ptr, "hotrun", 6) == 0);
    CHECK_EQ_INT(kv[0].val.via.u64, STATE_FORMAT_VERSION);
    msgpack_unpacked_destroy(&u);
}

/* ---------------------------------------------------------------------------------------
 * An old and a new shape of one game: every evolution rule.
 * ------------------------------------------------------------------------------------- */

#define OLD_VEC(X) X(FIELD, float, x, 0) X(FIELD, float, y, 0)
HOT_STATE(OldVec, OLD_VEC)
#define NEW_VEC(X) X(FIELD, float, z, 9) X(FIELD, float, y, 0) X(FIELD, float, x, 0)
HOT_STATE(NewVec, NEW_VEC)

#define OLD_ENEMY(X)                                                                           \
    X(FIELD, int16_t, hp, 10) X(FIELD, int32_t, old, 1) X(FIELD, int32_t, lvl, 1)
HOT_STATE(OldEnemy, OLD_ENEMY)
#define NEW_ENEMY(X)                                                                           \
    X(FIELD, uint8_t, lvl, 1) X(FIELD, int32_t, hp, 10) X(FIELD, int32_t, shield, 4)
HOT_STATE(NewEnemy, NEW_ENEMY)

#define OLD_PLAYER(X)                                                                          \
    X(FIELD, int16_t, hp, 100)                                                                 \
    X(FIELD, float, speed, 1.5f)                                                               \
    X(FIELD, int32_t, score, 0)                                                                \
    X(STRING, name, 32, "hero")                                                                \
    X(FIELD, int32_t, gone, 5)                                                                 \
    X(STRUCT, OldVec, pos)
HOT_STATE(OldPlayer, OLD_PLAYER)
#define NEW_PLAYER(X)                                                                          \
    X(STRUCT, NewVec, pos)                                                                     \
    X(STRING, name, 8, "hero")                                                                 \
    X(FIELD, double, speed, 2.5)                                                               \
    X(FIELD, int32_t, hp, 100)                                                                 \
    X(FIELD, int32_t, mana, 50)                                                                \
    X(FIELD, double, score, 0)
HOT_STATE(NewPlayer, NEW_PLAYER)

#define OLD_GAME(X)                                                                            \
    X(STRUCT, OldPlayer, player)                                                               \
    X(FIELD, double, ratio, 0)                                                                 \
    X(FIELD, int32_t, level, 1)                                                                \
    X(FIELD, int32_t, delta, 0)                                                                \
    X(FIELD, int32_t, small, 0)                                                                \
    X(STRING, title, 8, "t")                                                                   \
    X(STRUCT, OldVec, home)                                                                    \
    X(FIELD, int32_t, target, 0)                                                               \
    X(FIELD, float, whole, 0)                                                                  \
    X(FIELD, int32_t, mode, 0)                                                                 \
    X(FIELD, bool, flag, false)                                                                \
    X(FIELD, int32_t, on, 0)                                                                   \
    X(FIELD, int32_t, multi, 0)                                                                \
    X(FIELD, int64_t, cache, 0)                                                                \
    X(ARRAY, int32_t, grow, 4)                                                                 \
    X(ARRAY, int32_t, shrink, 6)                                                               \
    X(ARRAY, int16_t, widen, 3)                                                                \
    X(ARRAY, int32_t, narrow, 4)                                                               \
    X(ARRAY, float, floats, 2)                                                                 \
    X(ARRAY, OldEnemy, enemies, 3)                                                             \
    X(LIST, int32_t, queue, 8)                                                                 \
    X(LIST, OldEnemy, squad, 5)                                                                \
    X(LIST, int32_t, tolist, 4)                                                                \
    X(FIELD, uint64_t, huge, 0)                                                                \
    X(FIELD, int32_t, same, 0)
HOT_STATE(OldGame, OLD_GAME)

typedef enum NewMode { NM_ZERO, NM_ONE, NM_TWO } NewMode;

#define NEW_GAME(X)                                                                            \
    X(FIELD, int32_t, same, 0)                                                                 \
    X(FIELD, float, ratio, 0)                                                                  \
    X(FIELD, uint8_t, level, 7)                                                                \
    X(FIELD, uint32_t, delta, 3)                                                               \
    X(FIELD, int8_t, small, 0)                                                                 \
    X(FIELD, int32_t, title, -1)                                                               \
    X(FIELD, float, home, 0.5f)                                                                \
    X(STRUCT, NewVec, target)                                                                  \
    X(FIELD, int32_t, whole, 6)                                                                \
    X(ENUM, NewMode, mode, NM_ZERO)                                                            \
    X(FIELD, int32_t, flag, 0)                                                                 \
    X(FIELD, bool, on, false)                                                                  \
    X(FIELD, bool, multi, true)                                                                \
    X(TRANSIENT, int64_t, cache)                                                               \
    X(ARRAY, int32_t, grow, 6)                                                                 \
    X(ARRAY, int32_t, shrink, 3)                                                               \
    X(ARRAY, int32_t, widen, 3)                                                                \
    X(ARRAY, uint8_t, narrow, 4)                                                               \
    X(ARRAY, int32_t, floats, 2)                                                               \
    X(ARRAY, NewEnemy, enemies, 2)                                                             \
    X(LIST, int32_t, queue, 4)                                                                 \
    X(LIST, NewEnemy, squad, 3)                                                                \
    X(ARRAY, int64_t, tolist, 5)                                                               \
    X(FIELD, float, huge, 0)                                                                   \
    X(STRUCT, NewPlayer, player)                                                               \
    X(FIELD, int16_t, added, 77)
HOT_STATE(NewGame, NEW_GAME)

/* The change of that kind at that path (kind -1: of any kind), or NULL. */
static inline const StateChange *find_change_kind(const StateReport *r, const char *path, int kind)
{
    for (uint32_t i = 0; i < r->count; i++)
        if (strcmp(r->changes[i].path, path) == 0 &&
            (kind < 0 || (int)r->changes[i].kind == kind))
            return &r->changes[i];
    return NULL;
}

static inline const StateChange *find_change(const StateReport *r, const char *path)
{
    return find_change_kind(r, path, -1);
}

#define CHECK_CHANGE(r, path_, kind_, detail_)                                                 \
    do {                                                                                       \
        const StateChange *ch_ = find_change_kind((r), (path_), (kind_));                      \
        if (!ch_)                                                                              \
            fprintf(stderr, "no change of kind %d reported for %s\n", (kind_), (path_));       \
        CHECK(ch_ != NULL);                                                                    \
        CHECK_EQ_STR(ch_->detail, (detail_));                                                  \
    } while (0)

static inline int sbuf_image(msgpack_sbuffer *sb, StateImage *img)
{
    img->data = (uint8_t *)sb->data;
    img->size = sb->size;
    return 0;
}

static inline void pack_key(msgpack_packer *pk, const char *s)
{
    msgpack_pack_str_with_body(pk, s, strlen(s));
}

static inline char *read_all(FILE *f)
{
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    CHECK(fread(s, 1, (size_t)n, f) == (size_t)n);
    s[n] = 0;
    return s;
}

static inline char *run(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    CHECK(p != NULL);
    char buf[4096];
    size_t n = fread(buf, 1, sizeof(buf) - 1, p);
    buf[n] = 0;
    CHECK_EQ_INT(pclose(p), 0);
    while (n > 0 && buf[n - 1] == '\n')
        buf[--n] = 0;
    return strdup(buf);
}

#endif
