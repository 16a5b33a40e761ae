/* test_decode.c: state/decode.c: schema evolution by the rules, and its report. */
#include "state_test.h"

static void test_evolution(void)
{
    OldGame *o = state_alloc(&hot_schema_OldGame);
    o->player.hp = -1234;
    o->player.speed = 3.75f;
    o->player.score = 123456;
    strcpy(o->player.name, "Sir Lancelot");
    o->player.pos.x = 1.5f;
    o->player.pos.y = -2.0f;
    o->ratio = 0.1;
    o->level = 300;
    o->delta = -1;
    o->small = 5;
    strcpy(o->title, "boss");
    o->home.x = 4;
    o->target = 12;
    o->whole = 3.0f;
    o->mode = NM_TWO;
    o->flag = true;
    o->on = 1;
    o->multi = 5;
    o->cache = 1;
    for (int i = 0; i < 4; i++)
        o->grow[i] = i + 1;
    for (int i = 0; i < 6; i++)
        o->shrink[i] = 10 * (i + 1);
    o->widen[0] = -32768;
    o->widen[2] = 32767;
    o->narrow[0] = 1;
    o->narrow[1] = 300;
    o->narrow[2] = -2;
    o->narrow[3] = 4;
    o->floats[0] = 1.0f;
    o->floats[1] = 2.5f; /* no whole number: reset */
    for (int i = 0; i < 3; i++) {
        o->enemies[i].hp = (int16_t)(100 + i);
        o->enemies[i].lvl = i;
    }
    o->enemies[1].lvl = 1000; /* out of range for u8 in the new schema */
    o->queue.count = 6;
    for (int i = 0; i < 6; i++)
        o->queue.items[i] = 5 * i;
    o->squad.count = 5;
    for (int i = 0; i < 5; i++)
        o->squad.items[i].hp = (int16_t)(-i);
    o->tolist.count = 2;
    o->tolist.items[0] = -5;
    o->tolist.items[1] = 6;
    o->huge = UINT64_MAX;
    o->same = 8;

    StateImage img = {0};
    encode(&hot_schema_OldGame, 3, o, &img);

    NewGame *n = state_alloc(&hot_schema_NewGame);
    n->cache = 555; /* transient: zero after decode */
    StateReport r;
    CHECK_EQ_INT(state_decode(&hot_schema_NewGame, &img, n, &r), 0);
    CHECK_EQ_INT(r.image_state_version, 3);
    for (uint32_t i = 0; i < r.count; i++) {
        char line[256];
        state_change_describe(&r.changes[i], line, sizeof(line));
        fprintf(stderr, "   %s\n", line);
    }

    /* nested struct, matched field by field, reordered, one field added, one dropped */
    CHECK_EQ_INT(n->player.hp, -1234);
    CHECK_CHANGE(&r, "player.hp", STATE_CONVERTED, "i16 -> i32");
    CHECK(n->player.speed == 3.75);
    CHECK_CHANGE(&r, "player.speed", STATE_CONVERTED, "f32 -> f64");
    CHECK(n->player.score == 123456.0);
    CHECK_CHANGE(&r, "player.score", STATE_CONVERTED, "i32 -> f64");
    CHECK_EQ_STR(n->player.name, "Sir Lan");
    CHECK_CHANGE(&r, "player.name", STATE_TRUNCATED, "12 -> 7 bytes");
    CHECK_CHANGE(&r, "player.gone", STATE_DROPPED, "");
    CHECK_EQ_INT(n->player.mana, 50);
    CHECK_CHANGE(&r, "player.mana", STATE_ADDED, "");
    CHECK(n->player.pos.x == 1.5f && n->player.pos.y == -2.0f && n->player.pos.z == 9.0f);
    CHECK_CHANGE(&r, "player.pos.z", STATE_ADDED, "");
    /* scalars */
    CHECK(n->ratio == 0.1f);
    CHECK_CHANGE(&r, "ratio", STATE_CONVERTED, "f64 -> f32");
    CHECK_EQ_INT(n->level, 7);
    CHECK_CHANGE(&r, "level", STATE_RESET, "300 out of range for u8");
    CHECK_EQ_INT(n->delta, 3);
    CHECK_CHANGE(&r, "delta", STATE_RESET, "-1 out of range for u32");
    CHECK_EQ_INT(n->small, 5);
    CHECK_CHANGE(&r, "small", STATE_CONVERTED, "i32 -> i8");
    CHECK_EQ_INT(n->title, -1);
    CHECK_CHANGE(&r, "title", STATE_RESET, "string -> i32");
    CHECK(n->home == 0.5f);
    CHECK_CHANGE(&r, "home", STATE_RESET, "struct -> f32");
    CHECK(n->target.z == 9.0f);
    CHECK_CHANGE(&r, "target", STATE_RESET, "i32 -> struct");
    CHECK_EQ_INT(n->whole, 3); /* a float holding a whole number that fits converts */
    CHECK_CHANGE(&r, "whole", STATE_CONVERTED, "f32 -> i32, a whole number");
    CHECK_EQ_INT(n->mode, NM_TWO); /* int to enum: the same i32 */
    CHECK(find_change(&r, "mode") == NULL);
    CHECK_EQ_INT(n->flag, 1);
    CHECK_CHANGE(&r, "flag", STATE_CONVERTED, "bool -> i32");
    CHECK(n->on == true);
    CHECK_CHANGE(&r, "on", STATE_CONVERTED, "i32 -> bool");
    CHECK(n->multi == true); /* 5 is no bool: the default */
    CHECK_CHANGE(&r, "multi", STATE_RESET, "5 out of range for bool");
    CHECK_EQ_INT(n->cache, 0);
    CHECK_CHANGE(&r, "cache", STATE_DROPPED, "");
    CHECK(n->huge == (float)UINT64_MAX);
    CHECK_CHANGE(&r, "huge", STATE_CONVERTED, "u64 -> f32");
    CHECK_EQ_INT(n->same, 8);
    CHECK(find_change(&r, "same") == NULL);
    CHECK_EQ_INT(n->added, 77);
    CHECK_CHANGE(&r, "added", STATE_ADDED, "");
    /* arrays of numbers */
    CHECK(n->grow[0] == 1 && n->grow[3] == 4 && n->grow[4] == 0 && n->grow[5] == 0);
    CHECK_CHANGE(&r, "grow", STATE_ADDED, "4 -> 6 items");
    CHECK(n->shrink[0] == 10 && n->shrink[2] == 30);
    CHECK_CHANGE(&r, "shrink", STATE_TRUNCATED, "6 -> 3 items");
    CHECK(n->widen[0] == -32768 && n->widen[2] == 32767);
    CHECK_CHANGE(&r, "widen", STATE_CONVERTED, "i16 -> i32");
    CHECK(n->narrow[0] == 1 && n->narrow[1] == 0 && n->narrow[2] == 0 && n->narrow[3] == 4);
    CHECK(n->floats[0] == 1 && n->floats[1] == 0);
    /* arrays and lists of structs: element by element */
    CHECK_EQ_INT(n->enemies[0].hp, 100);
    CHECK_EQ_INT(n->enemies[1].hp, 101);
    CHECK_EQ_INT(n->enemies[0].shield, 4);
    CHECK_EQ_INT(n->enemies[1].shield, 4);
    CHECK_EQ_INT(n->enemies[0].lvl, 0);
    CHECK_EQ_INT(n->enemies[1].lvl, 1);
    CHECK_CHANGE(&r, "enemies", STATE_TRUNCATED, "3 -> 2 items");
    CHECK_CHANGE(&r, "enemies[0].hp", STATE_CONVERTED, "i16 -> i32");
    CHECK_CHANGE(&r, "enemies[0].lvl", STATE_CONVERTED, "i32 -> u8");
    CHECK_CHANGE(&r, "enemies[0].old", STATE_DROPPED, "");
    CHECK_CHANGE(&r, "enemies[0].shield", STATE_ADDED, "");
    CHECK_CHANGE(&r, "enemies[1].lvl", STATE_RESET, "1000 out of range for u8");
    CHECK(find_change(&r, "enemies[1].shield") == NULL); /* told once, for [0] */
    CHECK_EQ_INT(n->queue.count, 4);
    CHECK(n->queue.items[3] == 15);
    CHECK_CHANGE(&r, "queue", STATE_TRUNCATED, "6 -> 4 items");
    CHECK_EQ_INT(n->squad.count, 3);
    CHECK_EQ_INT(n->squad.items[2].hp, -2);
    CHECK_EQ_INT(n->squad.items[2].shield, 4);
    CHECK_CHANGE(&r, "squad", STATE_TRUNCATED, "5 -> 3 items");
    CHECK_CHANGE(&r, "squad[0].shield", STATE_ADDED, "");
    /* a list becomes a longer array: items converted, the rest zero */
    CHECK(n->tolist[0] == -5 && n->tolist[1] == 6 && n->tolist[2] == 0);
    CHECK_CHANGE(&r, "tolist", STATE_CONVERTED, "i32 -> i64");
    CHECK_CHANGE(&r, "tolist", STATE_ADDED, "2 -> 5 items");

    /* The report lists exactly these changes, in image order. */
    static const StateChange expect[] = {
        {STATE_CONVERTED, "player.hp", "i16 -> i32"},
        {STATE_CONVERTED, "player.speed", "f32 -> f64"},
        {STATE_CONVERTED, "player.score", "i32 -> f64"},
        {STATE_TRUNCATED, "player.name", "12 -> 7 bytes"},
        {STATE_DROPPED, "player.gone", ""},
        {STATE_ADDED, "player.pos.z", ""},
        {STATE_ADDED, "player.mana", ""},
        {STATE_CONVERTED, "ratio", "f64 -> f32"},
        {STATE_RESET, "level", "300 out of range for u8"},
        {STATE_RESET, "delta", "-1 out of range for u32"},
        {STATE_CONVERTED, "small", "i32 -> i8"},
        {STATE_RESET, "title", "string -> i32"},
        {STATE_RESET, "home", "struct -> f32"},
        {STATE_RESET, "target", "i32 -> struct"},
        {STATE_CONVERTED, "whole", "f32 -> i32, a whole number"},
        {STATE_CONVERTED, "flag", "bool -> i32"},
        {STATE_CONVERTED, "on", "i32 -> bool"},
        {STATE_RESET, "multi", "5 out of range for bool"},
        {STATE_DROPPED, "cache", ""},
        {STATE_ADDED, "grow", "4 -> 6 items"},
        {STATE_TRUNCATED, "shrink", "6 -> 3 items"},
        {STATE_CONVERTED, "widen", "i16 -> i32"},
        {STATE_CONVERTED, "narrow", "i32 -> u8"},
        {STATE_RESET, "narrow", "2 of 4 items: 300 out of range for u8"},
        {STATE_CONVERTED, "floats", "f32 -> i32, a whole number"},
        {STATE_RESET, "floats", "1 of 2 items: 2.5 is not a whole number for i32"},
        {STATE_TRUNCATED, "enemies", "3 -> 2 items"},
        {STATE_CONVERTED, "enemies[0].hp", "i16 -> i32"},
        {STATE_DROPPED, "enemies[0].old", ""},
        {STATE_CONVERTED, "enemies[0].lvl", "i32 -> u8"},
        {STATE_ADDED, "enemies[0].shield", ""},
        {STATE_RESET, "enemies[1].lvl", "1000 out of range for u8"},
        {STATE_TRUNCATED, "queue", "6 -> 4 items"},
        {STATE_TRUNCATED, "squad", "5 -> 3 items"},
        {STATE_CONVERTED, "squad[0].hp", "i16 -> i32"},
        {STATE_DROPPED, "squad[0].old", ""},
        {STATE_CONVERTED, "squad[0].lvl", "i32 -> u8"},
        {STATE_ADDED, "squad[0].shield", ""},
        {STATE_ADDED, "tolist", "2 -> 5 items"},
        {STATE_CONVERTED, "tolist", "i32 -> i64"},
        {STATE_CONVERTED, "huge", "u64 -> f32"},
        {STATE_ADDED, "added", ""},
    };
    CHECK_EQ_INT(r.count, sizeof(expect) / sizeof(expect[0]));
    CHECK_EQ_INT(r.dropped, 0);
    for (uint32_t i = 0; i < r.count; i++) {
        CHECK_EQ_INT(r.changes[i].kind, expect[i].kind);
        CHECK_EQ_STR(r.changes[i].path, expect[i].path);
        CHECK_EQ_STR(r.changes[i].detail, expect[i].detail);
    }

    /* The way back: the new image decoded with the old schema. */
    StateImage back = {0};
    encode(&hot_schema_NewGame, 4, n, &back);
    OldGame *o2 = state_alloc(&hot_schema_OldGame);
    CHECK_EQ_INT(state_decode(&hot_schema_OldGame, &back, o2, &r), 0);
    CHECK_EQ_INT(r.image_state_version, 4);
    CHECK_EQ_INT(o2->player.hp, -1234);
    CHECK_CHANGE(&r, "player.hp", STATE_CONVERTED, "i32 -> i16");
    CHECK(o2->player.speed == 3.75f);
    CHECK_EQ_INT(o2->player.score, 123456);
    CHECK_CHANGE(&r, "player.score", STATE_CONVERTED, "f64 -> i32, a whole number");
    CHECK_EQ_INT(o2->enemies[2].hp, 10); /* grown back: the new element has defaults */
    CHECK_CHANGE(&r, "enemies", STATE_ADDED, "2 -> 3 items");
    CHECK_EQ_INT(o2->tolist.count, 4);
    CHECK_CHANGE(&r, "tolist", STATE_TRUNCATED, "5 -> 4 items");

    char line[256];
    StateChange c = {STATE_RESET, "player.hp", "300 out of range for u8"};
    state_change_describe(&c, line, sizeof(line));
    CHECK_EQ_STR(line, "player.hp: reset (300 out of range for u8)");
    StateChange a = {STATE_ADDED, "mana", ""};
    state_change_describe(&a, line, sizeof(line));
    CHECK_EQ_STR(line, "mana: added");
    state_change_describe(&c, line, 10);
    CHECK_EQ_STR(line, "player.hp");

    state_image_free(&img);
    state_image_free(&back);
    state_free(o);
    state_free(o2);
    state_free(n);
}

static void test_string_utf8_cut(void)
{
    Wide *w = state_alloc(&hot_schema_Wide);
    strcpy(w->s, "abcé€"); /* é is 2 bytes at 3..4, € 3 bytes at 5..7 */
    StateImage img = {0};
    encode(&hot_schema_Wide, 1, w, &img);
    Narrow *n = state_alloc(&hot_schema_Narrow);
    StateReport r;
    CHECK_EQ_INT(state_decode(&hot_schema_Narrow, &img, n, &r), 0);
    CHECK_EQ_STR(n->s, "abc");
    CHECK_EQ_INT(r.count, 1);
    CHECK_CHANGE(&r, "s", STATE_TRUNCATED, "8 -> 3 bytes");
    state_image_free(&img);
    state_free(w);
    state_free(n);
}

static void test_report_overflow(void)
{
    WideList *w = state_alloc(&hot_schema_WideList);
    for (int i = 0; i < 100; i++)
        w->items[i].v = i % 2 ? 1000 : 3;
    StateImage img = {0};
    encode(&hot_schema_WideList, 1, w, &img);
    NarrowList *n = state_alloc(&hot_schema_NarrowList);
    StateReport r;
    CHECK_EQ_INT(state_decode(&hot_schema_NarrowList, &img, n, &r), 0);
    /* one CONVERTED for [0] (told once) and 50 RESETs for the odd items */
    CHECK_EQ_INT(r.count + r.dropped, 51);
    CHECK_EQ_INT(r.count, 51);
    CHECK_CHANGE(&r, "items[0].v", STATE_CONVERTED, "i32 -> i8");
    CHECK_CHANGE(&r, "items[99].v", STATE_RESET, "1000 out of range for i8");
    CHECK_EQ_INT(n->items[98].v, 3);
    CHECK_EQ_INT(n->items[99].v, -1);

    for (int i = 0; i < 100; i++)
        w->items[i].v = 1000 + i;
    encode(&hot_schema_WideList, 1, w, &img);
    CHECK_EQ_INT(state_decode(&hot_schema_NarrowList, &img, n, &r), 0);
    CHECK_EQ_INT(r.count, STATE_REPORT_MAX);
    CHECK_EQ_INT(r.dropped, 100 - STATE_REPORT_MAX);
    state_image_free(&img);
    state_free(w);
    state_free(n);
}

static void test_unknown_keys(void)
{
    msgpack_sbuffer sb;
    msgpack_packer pk;
    msgpack_sbuffer_init(&sb);
    msgpack_packer_init(&pk, &sb, msgpack_sbuffer_write);
    msgpack_pack_map(&pk, 4);
    pack_key(&pk, "hotrun");
    msgpack_pack_uint32(&pk, 1); /* format 1 */
    pack_key(&pk, "extra");
    msgpack_pack_array(&pk, 2);
    msgpack_pack_nil(&pk);
    msgpack_pack_bin_with_body(&pk, "xy", 2);
    pack_key(&pk, "state");
    msgpack_pack_map(&pk, 4);
    pack_key(&pk, "i16");
    msgpack_pack_fix_int16(&pk, 5);
    pack_key(&pk, "zzz");
    for (int i = 0; i < 40; i++)
        msgpack_pack_array(&pk, 1);
    msgpack_pack_map(&pk, 0);
    pack_key(&pk, "i8");
    msgpack_pack_int8(&pk, 3);
    pack_key(&pk, "name");
    msgpack_pack_str_with_body(&pk, "a\0b", 3);
    pack_key(&pk, "version");
    msgpack_pack_uint32(&pk, 9);
    StateImage img;
    sbuf_image(&sb, &img);
    All *t = state_alloc(&hot_schema_All);
    StateReport r;
    CHECK_EQ_INT(state_decode(&hot_schema_All, &img, t, &r), 0);
    CHECK_EQ_INT(r.image_state_version, 9);
    CHECK_EQ_INT(t->i8, 3);
    CHECK_EQ_STR(t->name, "a"); /* stops at an embedded NUL */
    CHECK_CHANGE(&r, "zzz", STATE_DROPPED, "");
    CHECK_EQ_INT(t->i16, 5);
    /* a duplicate key: the first wins */
    msgpack_sbuffer_clear(&sb);
    msgpack_pack_map(&pk, 3);
    pack_key(&pk, "hotrun");
    msgpack_pack_uint32(&pk, 1); /* format 1 */
    pack_key(&pk, "version");
    msgpack_pack_uint32(&pk, 1);
    pack_key(&pk, "state");
    msgpack_pack_map(&pk, 2);
    pack_key(&pk, "ln");
    msgpack_pack_ext_with_body(&pk, "\1\0\0\0\2\0\0\0", 8, HOT_I32);
    pack_key(&pk, "ln");
    msgpack_pack_ext_with_body(&pk, "", 0, HOT_I32);
    sbuf_image(&sb, &img);
    CHECK_EQ_INT(state_decode(&hot_schema_All, &img, t, &r), 0);
    CHECK_EQ_INT(t->ln.count, 2);
    CHECK_EQ_INT(t->ln.items[1], 2);
    CHECK_CHANGE(&r, "ln", STATE_DROPPED, "duplicate");
    FILE *null = fopen("/dev/null", "w");
    CHECK_EQ_INT(state_image_to_json(&img, null), 0);
    fclose(null);

    /* nesting past the limit is refused, not recursed into */
    msgpack_sbuffer_clear(&sb);
    msgpack_pack_map(&pk, 3);
    pack_key(&pk, "hotrun");
    msgpack_pack_uint32(&pk, 1); /* format 1 */
    pack_key(&pk, "version");
    msgpack_pack_uint32(&pk, 1);
    pack_key(&pk, "state");
    msgpack_pack_map(&pk, 1);
    pack_key(&pk, "zzz");
    for (int i = 0; i < 100000; i++)
        msgpack_pack_array(&pk, 1);
    msgpack_pack_nil(&pk);
    sbuf_image(&sb, &img);
    CHECK_EQ_INT(state_decode(&hot_schema_All, &img, t, &r), STATE_ECORRUPT);
    CHECK_EQ_INT(state_image_to_json(&img, stderr), STATE_ECORRUPT);
    msgpack_sbuffer_destroy(&sb);
    state_free(t);
}

int main(void)
{
    RUN(test_evolution);
    RUN(test_string_utf8_cut);
    RUN(test_report_overflow);
    RUN(test_unknown_keys);
    return 0;
}
