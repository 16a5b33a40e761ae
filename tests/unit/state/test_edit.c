/* test_edit.c: values of the live state by path: find, show as text, set from text. */
#include <math.h>
#include <string.h>

#include "state/edit.h"
#include "state/state.h"
#include "testlib.h"

typedef enum Mood { MOOD_CALM = 0, MOOD_ANGRY = 7 } Mood;
static const HotEnumName mood_names[] = {{MOOD_CALM, "calm"}, {MOOD_ANGRY, "angry"}, {0, NULL}};

#define ITEM(X)                                                                       \
    X(FIELD, int16_t, hp, 10)                                                         \
    X(STRUCT, Vec2, pos)
HOT_STATE(Item, ITEM)

#define WORLD(X)                                                                      \
    X(FIELD, bool, on, true)                                                          \
    X(FIELD, uint8_t, small, 3)                                                       \
    X(FIELD, uint64_t, big, 0)                                                        \
    X(FIELD, float, speed, 1.5f)                                                      \
    X(FIELD, double, precise, 0.1)                                                    \
    X(ENUM, Mood, mood, MOOD_ANGRY, mood_names)                                       \
    X(ENUM, Mood, plain, MOOD_CALM)                                                   \
    X(STRING, name, 8, "bob")                                                         \
    X(ARRAY, int32_t, grid, 4)                                                        \
    X(LIST, Item, items, 5)                                                           \
    X(TRANSIENT, void *, cache)
HOT_STATE(World, WORLD)

static World *world(void)
{
    World *w = state_alloc(&hot_schema_World);
    CHECK(w);
    w->items.count = 2;
    return w;
}

static void text_at(World *w, const char *path, const char *want)
{
    StateSlot s;
    char buf[128];
    CHECK_EQ_INT(state_find(&hot_schema_World, w, path, &s, NULL), 0);
    state_slot_text(&s, buf, sizeof(buf));
    CHECK_EQ_STR(buf, want);
}

static void test_find_and_show(void)
{
    World *w = world();
    w->items.items[1].pos.x = 2.25f;
    text_at(w, "on", "true");
    text_at(w, "small", "3");
    text_at(w, "speed", "1.5");
    text_at(w, "precise", "0.10000000000000001");
    text_at(w, "mood", "angry");
    text_at(w, "plain", "0");
    text_at(w, "name", "bob");
    text_at(w, "items.1.pos.x", "2.25");
    text_at(w, "items[1].hp", "10");
    StateSlot s;
    CHECK_EQ_INT(state_find(&hot_schema_World, w, "items", &s, NULL), 0);
    CHECK_EQ_INT(state_slot_kind(&s), STATE_VALUE_GROUP);
    CHECK_EQ_INT(state_slot_children(&s), 2); /* a list counts its items, not its capacity */
    CHECK_EQ_INT(state_find(&hot_schema_World, w, "grid", &s, NULL), 0);
    CHECK_EQ_INT(state_slot_children(&s), 4);
    CHECK_EQ_INT(state_find(&hot_schema_World, w, "items.0", &s, NULL), 0);
    CHECK_EQ_INT(state_slot_children(&s), 2); /* hp, pos */
    CHECK_EQ_INT(state_find(&hot_schema_World, w, "mood", &s, NULL), 0);
    CHECK_EQ_INT(state_slot_kind(&s), STATE_VALUE_ENUM);
    CHECK_EQ_STR(state_enum_name(s.field, MOOD_CALM), "calm");
    state_free(w);
}

static void test_not_found(void)
{
    World *w = world();
    StateSlot s;
    Err e = {{0}};
    CHECK_EQ_INT(state_find(&hot_schema_World, w, "items.2.hp", &s, &e), ERR_NOTFOUND);
    CHECK_EQ_STR(e.text, "items.2.hp: item 2 of 2");
    CHECK_EQ_INT(state_find(&hot_schema_World, w, "nope", &s, &e), ERR_NOTFOUND);
    CHECK_EQ_STR(e.text, "nope: no field 'nope'");
    CHECK_EQ_INT(state_find(&hot_schema_World, w, "cache", &s, NULL), ERR_NOTFOUND);
    CHECK_EQ_INT(state_find(&hot_schema_World, w, "speed.x", &s, &e), ERR_NOTFOUND);
    CHECK_EQ_INT(state_find(&hot_schema_World, w, "", &s, NULL), ERR_NOTFOUND);
    state_free(w);
}

static void test_set(void)
{
    World *w = world();
    const HotSchema *sc = &hot_schema_World;
    CHECK_EQ_INT(state_set_text(sc, w, "on", "false", NULL), 0);
    CHECK(!w->on);
    CHECK_EQ_INT(state_set_text(sc, w, "small", "255", NULL), 0);
    CHECK_EQ_INT(w->small, 255);
    CHECK_EQ_INT(state_set_text(sc, w, "big", "18446744073709551615", NULL), 0);
    CHECK(w->big == UINT64_MAX);
    CHECK_EQ_INT(state_set_text(sc, w, "speed", "-0.125", NULL), 0);
    CHECK(w->speed == -0.125f);
    CHECK_EQ_INT(state_set_text(sc, w, "precise", "0.30000000000000004", NULL), 0);
    CHECK(w->precise == 0.1 + 0.2);
    CHECK_EQ_INT(state_set_text(sc, w, "mood", "calm", NULL), 0);
    CHECK_EQ_INT(w->mood, MOOD_CALM);
    CHECK_EQ_INT(state_set_text(sc, w, "mood", "7", NULL), 0);
    CHECK_EQ_INT(w->mood, MOOD_ANGRY);
    CHECK_EQ_INT(state_set_text(sc, w, "name", "alice", NULL), 0);
    CHECK_EQ_STR(w->name, "alice");
    CHECK_EQ_INT(state_set_text(sc, w, "grid.3", "-9", NULL), 0);
    CHECK_EQ_INT(w->grid[3], -9);
    CHECK_EQ_INT(state_set_text(sc, w, "items.1.hp", "-32768", NULL), 0);
    CHECK_EQ_INT(w->items.items[1].hp, -32768);
    /* What a float shows reads back to the same bits. */
    w->speed = 0.1f;
    StateSlot s;
    char buf[64];
    CHECK_EQ_INT(state_find(sc, w, "speed", &s, NULL), 0);
    state_slot_text(&s, buf, sizeof(buf));
    CHECK_EQ_INT(state_set_text(sc, w, "speed", buf, NULL), 0);
    CHECK(w->speed == 0.1f);
    state_free(w);
}

/* Bad input: one sentence each, and the value keeps what it had. */
static void test_set_refused(void)
{
    World *w = world();
    const HotSchema *sc = &hot_schema_World;
    Err e = {{0}};
    CHECK_EQ_INT(state_set_text(sc, w, "small", "256", &e), ERR_INVALID);
    CHECK_EQ_STR(e.text, "small: 256 is out of range for u8");
    CHECK_EQ_INT(state_set_text(sc, w, "small", "-1", &e), ERR_INVALID);
    CHECK_EQ_INT(w->small, 3);
    CHECK_EQ_INT(state_set_text(sc, w, "items.0.hp", "12abc", &e), ERR_INVALID);
    CHECK_EQ_STR(e.text, "items.0.hp: '12abc' is not a whole number");
    CHECK_EQ_INT(state_set_text(sc, w, "speed", "fast", &e), ERR_INVALID);
    CHECK_EQ_INT(state_set_text(sc, w, "speed", "1e39", &e), ERR_INVALID);
    CHECK(w->speed == 1.5f);
    CHECK_EQ_INT(state_set_text(sc, w, "on", "yes", &e), ERR_INVALID);
    CHECK(w->on);
    CHECK_EQ_INT(state_set_text(sc, w, "mood", "sad", &e), ERR_INVALID);
    CHECK_EQ_STR(e.text, "mood: 'sad' is neither a name of this enum nor a number");
    CHECK_EQ_INT(w->mood, MOOD_ANGRY);
    CHECK_EQ_INT(state_set_text(sc, w, "name", "12345678", &e), ERR_INVALID);
    CHECK_EQ_STR(e.text, "name: longer than 7 bytes");
    CHECK_EQ_STR(w->name, "bob");
    CHECK_EQ_INT(state_set_text(sc, w, "items", "1", &e), ERR_UNSUPPORTED);
    CHECK_EQ_INT(state_set_text(sc, w, "items.4.hp", "1", &e), ERR_NOTFOUND);
    state_free(w);
}

int main(void)
{
    RUN(test_find_and_show);
    RUN(test_not_found);
    RUN(test_set);
    RUN(test_set_refused);
    fprintf(stderr, "%d checks passed\n", testlib_checks);
    return 0;
}
