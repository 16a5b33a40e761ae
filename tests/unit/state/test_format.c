/* test_format.c: state/format.c: image headers, refusals of what is not an image, a reader per format version. */
#include "state_test.h"

static void test_refusals(void)
{
    All *s = state_alloc(&hot_schema_All);
    fill_all(s);
    s->f = 2.0f; /* no NaN, so memcmp below means what it says */
    s->da[0] = 1.0;
    StateImage img = {0};
    encode(&hot_schema_All, 1, s, &img);
    All *live = state_alloc(&hot_schema_All);
    All *orig = state_alloc(&hot_schema_All);
    /* the live state holds values other than the image's, to see any partial write */
    live->i32 = 123;
    live->li.count = 1;
    strcpy(live->name, "live");
    memcpy(orig, live, sizeof(*live));

    /* every prefix of a valid image is refused cleanly and changes nothing */
    for (size_t len = 0; len < img.size; len++) {
        StateImage cut = {img.data, len};
        int rc = state_decode(&hot_schema_All, &cut, live, NULL);
        CHECK(rc == STATE_ECORRUPT || rc == STATE_EMAGIC);
        CHECK(memcmp(live, orig, sizeof(*live)) == 0);
        CHECK_EQ_INT(state_image_check(&cut), rc);
    }
    StateImage cut = {img.data, 5};
    CHECK_EQ_INT(state_decode(&hot_schema_All, &cut, live, NULL), STATE_ECORRUPT);
    cut.size = 0;
    CHECK_EQ_INT(state_decode(&hot_schema_All, &cut, live, NULL), STATE_EMAGIC);

    /* every byte replaced by a few values: decoded or refused, never a partial write */
    uint8_t *bad = malloc(img.size);
    static const uint8_t subst[] = {0x00, 0xff, 0xc1, 0x80, 0xdf, 0x7f, 0xcb, 0xc7};
    int refused = 0, decoded = 0;
    for (size_t i = 0; i < img.size; i++) {
        for (size_t k = 0; k <= sizeof(subst); k++) {
            memcpy(bad, img.data, img.size);
            bad[i] = k < sizeof(subst) ? subst[k] : bad[i] ^ 1;
            StateImage b = {bad, img.size};
            All *t = state_alloc(&hot_schema_All);
            memcpy(t, live, sizeof(*t));
            int rc = state_decode(&hot_schema_All, &b, t, NULL);
            CHECK_EQ_INT(state_image_check(&b), rc);
            if (rc) {
                CHECK(memcmp(t, live, sizeof(*t)) == 0);
                refused++;
            } else {
                decoded++;
            }
            state_free(t);
        }
    }
    CHECK(refused > 0 && decoded > 0);
    free(bad);

    /* trailing garbage */
    uint8_t *longer = malloc(img.size + 1);
    memcpy(longer, img.data, img.size);
    longer[img.size] = 0xc0;
    StateImage l = {longer, img.size + 1};
    CHECK_EQ_INT(state_decode(&hot_schema_All, &l, live, NULL), STATE_ECORRUPT);
    free(longer);

    /* not images at all */
    const char *texts[] = {"not an image",       "{\"hotrun\": 1}", "\x81\xa5hello\x01",
                           "\x83\xa6hotrux\x01", "\x92\x01\x02",    "\xc1"};
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        StateImage t = {(uint8_t *)texts[i], strlen(texts[i])};
        CHECK_EQ_INT(state_decode(&hot_schema_All, &t, live, NULL), STATE_EMAGIC);
        CHECK_EQ_INT(state_image_check(&t), STATE_EMAGIC);
    }
    StateImage none = {NULL, 0};
    CHECK_EQ_INT(state_image_check(&none), STATE_EMAGIC);

    /* a format version from the future, and a malformed one */
    msgpack_sbuffer sb;
    msgpack_packer pk;
    msgpack_sbuffer_init(&sb);
    msgpack_packer_init(&pk, &sb, msgpack_sbuffer_write);
    msgpack_pack_map(&pk, 3);
    pack_key(&pk, "hotrun");
    msgpack_pack_uint32(&pk, STATE_FORMAT_VERSION + 1);
    pack_key(&pk, "future");
    msgpack_pack_array(&pk, 1000); /* whatever comes next is not ours to judge */
    StateImage f;
    sbuf_image(&sb, &f);
    CHECK_EQ_INT(state_decode(&hot_schema_All, &f, live, NULL), STATE_EFORMAT);
    CHECK_EQ_INT(state_image_to_json(&f, stderr), STATE_EFORMAT);
    CHECK(strstr(state_strerror(STATE_EFORMAT), "format version") != NULL);
    msgpack_sbuffer_clear(&sb);
    msgpack_pack_map(&pk, 3);
    pack_key(&pk, "hotrun");
    pack_key(&pk, "1");
    sbuf_image(&sb, &f);
    CHECK_EQ_INT(state_decode(&hot_schema_All, &f, live, NULL), STATE_ECORRUPT);

    /* structure errors after a good header */
    struct {
        int kind;
        int expect;
    } cases[] = {{0, STATE_ECORRUPT}, {1, STATE_ECORRUPT}, {2, STATE_ECORRUPT},
                 {3, STATE_ECORRUPT}, {4, STATE_ECORRUPT}, {5, 0}};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        msgpack_sbuffer_clear(&sb);
        msgpack_pack_map(&pk, cases[i].kind == 1 ? 2 : 3);
        pack_key(&pk, "hotrun");
        msgpack_pack_uint32(&pk, 1); /* format 1 */
        pack_key(&pk, "version");
        msgpack_pack_int32(&pk, cases[i].kind == 0 ? -1 : 1); /* 0: negative version */
        if (cases[i].kind != 1) {                             /* 1: no state */
            pack_key(&pk, "state");
            msgpack_pack_map(&pk, 1);
            if (cases[i].kind == 2) { /* 2: a key that is not a string */
                msgpack_pack_int32(&pk, 5);
                msgpack_pack_int32(&pk, 5);
            } else if (cases[i].kind == 3) { /* 3: an ext of an unknown type */
                pack_key(&pk, "fa");
                msgpack_pack_ext_with_body(&pk, "abcd", 4, 42);
            } else if (cases[i].kind == 4) { /* 4: a number array of a partial element */
                pack_key(&pk, "fa");
                msgpack_pack_ext_with_body(&pk, "abcde", 5, HOT_F32);
            } else { /* 5: numbers as a msgpack array: readable, converted */
                pack_key(&pk, "fa");
                msgpack_pack_array(&pk, 3);
                msgpack_pack_int32(&pk, 2);
                msgpack_pack_double(&pk, 0.5);
                msgpack_pack_str_with_body(&pk, "x", 1);
            }
        }
        sbuf_image(&sb, &f);
        All *t = state_alloc(&hot_schema_All);
        StateReport r;
        CHECK_EQ_INT(state_decode(&hot_schema_All, &f, t, &r), cases[i].expect);
        if (cases[i].expect == 0) {
            CHECK(t->fa[0] == 2.0f && t->fa[1] == 0.5f && t->fa[2] == 0 && t->fa[9] == 0);
            CHECK_CHANGE(&r, "fa", STATE_ADDED, "3 -> 10 items");
            CHECK_EQ_INT(t->i8, -8); /* missing keys: defaults */
            CHECK_EQ_INT(r.changes[0].kind, STATE_ADDED);
            int resets = 0;
            for (uint32_t k = 0; k < r.count; k++)
                if (r.changes[k].kind == STATE_RESET) {
                    CHECK_EQ_STR(r.changes[k].detail, "1 of 3 items: string -> f32");
                    resets++;
                }
            CHECK_EQ_INT(resets, 1);
        }
        state_free(t);
    }
    msgpack_sbuffer_destroy(&sb);

    for (int e = 0; e >= -7; e--)
        CHECK(state_strerror(e) != NULL && state_strerror(e)[0] != 0);

    state_image_free(&img);
    state_free(s);
    state_free(live);
    state_free(orig);
}

#define COUNTER(X) X(FIELD, uint64_t, frames, 0) X(FIELD, int32_t, value, 0)
HOT_STATE(Counter, COUNTER)

/* An image of format 1 (before images recorded their game), written by the hotrun of
 * that time (tests/fixtures/images/counter_v1.state: the counter fixture at frame 30),
 * still loads through its own reader. */
static void test_old_format(void)
{
    StateImage img = {0};
    CHECK_EQ_INT(state_image_load(TESTS_DIR "/fixtures/images/counter_v1.state", &img), 0);
    StateImageInfo info;
    CHECK_EQ_INT(state_image_info(&img, &info), 0);
    CHECK_EQ_INT(info.format, 1);
    CHECK_EQ_INT(info.state_version, 0);
    CHECK(!info.has_game);
    CHECK_EQ_STR(info.game, "");
    Counter *c = state_alloc(&hot_schema_Counter);
    StateReport r;
    CHECK_EQ_INT(state_decode(&hot_schema_Counter, &img, c, &r), 0);
    CHECK_EQ_INT(r.count, 0);
    CHECK_EQ_INT(c->frames, 30);
    CHECK_EQ_INT(c->value, 30);
    state_free(c);
    state_image_free(&img);
}

/* Format 2 records the game and its schema's fingerprint; both are required. */
static void test_game_recorded(void)
{
    StateLayout l;
    CHECK_EQ_INT(state_layout_check(&hot_schema_Counter, &l), 0);
    Counter *c = state_layout_alloc(&l);
    c->frames = 7;
    StateImage img = {0};
    StateStamp stamp = {3, "Comet Catcher"};
    CHECK_EQ_INT(state_layout_encode(&l, &stamp, c, &img), 0);
    StateImageInfo info;
    CHECK_EQ_INT(state_image_info(&img, &info), 0);
    CHECK_EQ_INT(info.format, STATE_FORMAT_VERSION);
    CHECK_EQ_INT(info.format, 2);
    CHECK_EQ_INT(info.state_version, 3);
    CHECK(info.has_game);
    CHECK_EQ_STR(info.game, "Comet Catcher");
    CHECK(info.fingerprint == l.fingerprint);
    /* no game name: "" */
    stamp.game = NULL;
    CHECK_EQ_INT(state_layout_encode(&l, &stamp, c, &img), 0);
    CHECK_EQ_INT(state_image_info(&img, &info), 0);
    CHECK(info.has_game);
    CHECK_EQ_STR(info.game, "");

    /* a format 2 header without its game or fingerprint is corrupt */
    msgpack_sbuffer sb;
    msgpack_packer pk;
    msgpack_sbuffer_init(&sb);
    msgpack_packer_init(&pk, &sb, msgpack_sbuffer_write);
    for (int without = 0; without < 3; without++) {
        msgpack_sbuffer_clear(&sb);
        msgpack_pack_map(&pk, without == 2 ? 5 : 4);
        pack_key(&pk, "hotrun");
        msgpack_pack_uint32(&pk, 2);
        pack_key(&pk, "version");
        msgpack_pack_uint32(&pk, 1);
        if (without != 0) {
            pack_key(&pk, "game");
            msgpack_pack_str_with_body(&pk, "g", 1);
        }
        if (without != 1) {
            pack_key(&pk, "schema");
            msgpack_pack_uint64(&pk, 12345);
        }
        pack_key(&pk, "state");
        msgpack_pack_map(&pk, 0);
        StateImage h;
        sbuf_image(&sb, &h);
        CHECK_EQ_INT(state_image_check(&h), without == 2 ? 0 : STATE_ECORRUPT);
    }
    /* a game name that is not a string, or too long */
    msgpack_sbuffer_clear(&sb);
    msgpack_pack_map(&pk, 5);
    pack_key(&pk, "hotrun");
    msgpack_pack_uint32(&pk, 2);
    pack_key(&pk, "version");
    msgpack_pack_uint32(&pk, 1);
    pack_key(&pk, "game");
    msgpack_pack_int32(&pk, 4);
    pack_key(&pk, "schema");
    msgpack_pack_uint64(&pk, 1);
    pack_key(&pk, "state");
    msgpack_pack_map(&pk, 0);
    StateImage h;
    sbuf_image(&sb, &h);
    CHECK_EQ_INT(state_image_check(&h), STATE_ECORRUPT);
    msgpack_sbuffer_destroy(&sb);
    /* format 0 and 3 have no reader */
    const char *v0 = "\x83\xa6hotrun\x00\xa7version\x00\xa5state\x80";
    const char *v3 = "\x83\xa6hotrun\x03\xa7version\x00\xa5state\x80";
    StateImage i0 = {(uint8_t *)v0, 25}, i3 = {(uint8_t *)v3, 25};
    CHECK_EQ_INT(state_image_check(&i0), STATE_EFORMAT);
    CHECK_EQ_INT(state_image_check(&i3), STATE_EFORMAT);
    const char *v1 = "\x83\xa6hotrun\x01\xa7version\x00\xa5state\x80";
    StateImage i1 = {(uint8_t *)v1, 25};
    CHECK_EQ_INT(state_image_check(&i1), 0);
    state_image_free(&img);
    state_free(c);
}

int main(void)
{
    RUN(test_refusals);
    RUN(test_old_format);
    RUN(test_game_recorded);
    return 0;
}
