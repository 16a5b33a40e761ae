/* test_cursor.c: state/cursor.c: the msgpack reader, and the fuzz corpus and regressions replayed (HOTRUN_WRITE_CORPUS=dir writes the seeds). */
#include "state_test.h"
#include "state/cursor.h"
#include "../../fuzz/fuzz_target.h"

static void write_seed(const char *dir, const char *name, const void *data, size_t size)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    CHECK(fwrite(data, 1, size, f) == size);
    fclose(f);
}

static void write_corpus(const char *dir)
{
    StateImage img = {0};
    FzState *s = state_alloc(&hot_schema_FzState);
    encode(&hot_schema_FzState, 1, s, &img);
    write_seed(dir, "valid-defaults", img.data, img.size);
    s->alive = false;
    s->i64 = INT64_MIN;
    s->u64 = UINT64_MAX;
    s->f = NAN;
    strcpy(s->name, "fuzz\"\\\n€");
    s->samples[5] = -1.5f;
    s->flags[2] = true;
    s->slots[1].at.y = 4;
    s->items.count = 5;
    s->items.items[2].stats[1] = -7;
    strcpy(s->items.items[4].label, "seven!!");
    s->ids.count = 7;
    s->ids.items[3] = 99;
    s->small.count = 2;
    encode(&hot_schema_FzState, 2, s, &img);
    write_seed(dir, "valid-full", img.data, img.size);
    /* the same packed: its slots and items are tables (the swap's image) */
    StateLayout l;
    CHECK_EQ_INT(state_layout_check(&hot_schema_FzState, &l), 0);
    StateStamp stamp = {2, "fuzz"};
    CHECK_EQ_INT(state_layout_pack(&l, &stamp, s, &img), 0);
    write_seed(dir, "valid-packed", img.data, img.size);
    /* the test's other schemas' images, decoded as FzState: every mismatch rule */
    All *a = state_alloc(&hot_schema_All);
    fill_all(a);
    encode(&hot_schema_All, 3, a, &img);
    write_seed(dir, "valid-other-schema", img.data, img.size);
    OldGame *o = state_alloc(&hot_schema_OldGame);
    o->squad.count = 2;
    encode(&hot_schema_OldGame, 4, o, &img);
    write_seed(dir, "valid-old-game", img.data, img.size);
#define SEED(name, bytes) write_seed(dir, name, bytes, sizeof(bytes) - 1)
    SEED("edge-empty", "");
    SEED("edge-magic-only", "\x81\xa6hotrun");
    SEED("edge-future-format", "\x81\xa6hotrun\x02");
    SEED("edge-empty-state", "\x83\xa6hotrun\x01\xa7version\x00\xa5state\x80");
    SEED("edge-ext-array", "\x83\xa6hotrun\x01\xa7version\x00\xa5state\x82\xa7samples\xd7\x0a"
                           "\x00\x00\x80\x3f\x00\x00\x00\x40\xa3ids\x92\x01\xcb\x3f\xf0"
                           "\x00\x00\x00\x00\x00\x00");
    SEED("edge-deep", "\x83\xa6hotrun\x01\xa7version\x00\xa5state\x81\xa3pos\x91\x91\x91"
                      "\x91\x91\x91\x91\x91\x91\x91\x91\x91\x91\x91\x91\x91\x91\xc0");
    SEED("edge-version-map-16", "\xde\x00\x03\xa6hotrun\xcc\x01\xa7version\xce\x00\x00\x00"
                                "\x01\xa5state\xde\x00\x01\xa1"
                                "f\xca\x3f\x80\x00\x00");
    state_image_free(&img);
    state_free(s);
    state_free(a);
    state_free(o);
}

static int replay_dir(const char *dir, bool valid_prefix_must_decode)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int n = 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.')
            continue;
        char path[1024];
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        StateImage img = {0};
        CHECK_EQ_INT(state_image_load(path, &img), 0);
        fuzz_one(img.data, img.size);
        if (valid_prefix_must_decode && strncmp(e->d_name, "valid-", 6) == 0)
            CHECK_EQ_INT(state_image_check(&img), 0);
        state_image_free(&img);
        n++;
    }
    closedir(d);
    return n;
}


static void test_fuzz_corpus(void)
{
    const char *out = getenv("HOTRUN_WRITE_CORPUS");
    if (out)
        write_corpus(out);
    int seeds = replay_dir(TESTS_DIR "/fuzz/corpus", true);
    int regressions = replay_dir(TESTS_DIR "/fuzz/regressions", false);
    fprintf(stderr, "replayed %d seeds and %d regressions\n", seeds, regressions);
    CHECK(seeds >= 5);
}

/* The reader keeps each integer's exact width, bounds every length, and checks nesting. */
static void test_read(void)
{
    static const uint8_t bytes[] = {
        0xd1, 0xff, 0x38,             /* int16 -200 */
        0xcd, 0x01, 0x2c,             /* uint16 300 */
        0x05,                         /* fixint 5: a u8 */
        0xe0,                         /* negative fixint -32: an i8 */
        0xca, 0x3f, 0x80, 0x00, 0x00, /* float32 1.0 */
        0xa2, 'h', 'i',               /* "hi" */
        0x92, 0x01, 0x02,             /* [1, 2] */
        0xd6, 0x04, 1, 0, 0, 0,       /* fixext 4 of type 4 (i32): [1] */
    };
    Cur c = {bytes, bytes + sizeof(bytes)};
    Val v;
    CHECK_EQ_INT(cur_read(&c, &v), 0);
    CHECK(v.tag == V_NUM && v.num.type == HOT_I16 && v.num.i == -200);
    CHECK_EQ_INT(cur_read(&c, &v), 0);
    CHECK(v.tag == V_NUM && v.num.type == HOT_U16 && v.num.u == 300);
    CHECK_EQ_INT(cur_read(&c, &v), 0);
    CHECK(v.num.type == HOT_U8 && v.num.u == 5);
    CHECK_EQ_INT(cur_read(&c, &v), 0);
    CHECK(v.num.type == HOT_I8 && v.num.i == -32);
    CHECK_EQ_INT(cur_read(&c, &v), 0);
    CHECK(v.num.type == HOT_F32 && v.num.f == 1.0);
    CHECK_EQ_INT(cur_read(&c, &v), 0);
    CHECK(cur_str_is(&v, "hi") && !cur_str_is(&v, "h"));
    Cur at = c;
    CHECK_EQ_INT(cur_skip(&c), 0); /* the whole array */
    CHECK_EQ_INT(cur_read(&at, &v), 0);
    CHECK(v.tag == V_ARRAY && v.len == 2);
    CHECK_EQ_INT(cur_read(&c, &v), 0);
    CHECK(v.tag == V_EXT && v.ext == HOT_I32 && v.len == 4);
    CHECK_EQ_INT(cur_check_items(&c, &v, 0), 0);
    CHECK(c.p == c.end);
    CHECK_EQ_INT(cur_read(&c, &v), -1); /* nothing left */
    /* a length past the end, and the unused byte 0xc1 */
    static const uint8_t cut[] = {0xa5, 'a', 'b'}, never[] = {0xc1};
    Cur c2 = {cut, cut + sizeof(cut)}, c3 = {never, never + 1};
    CHECK_EQ_INT(cur_read(&c2, &v), -1);
    CHECK_EQ_INT(cur_read(&c3, &v), -1);
    /* an ext of a partial element */
    static const uint8_t partial[] = {0xd5, 0x04, 1, 0};
    Cur c4 = {partial, partial + sizeof(partial)};
    CHECK_EQ_INT(cur_read(&c4, &v), 0);
    CHECK_EQ_INT(cur_check_items(&c4, &v, 0), -1);
    CHECK(!cur_blob_type(HOT_CHAR) && cur_blob_type(HOT_F64));
}

int main(void)
{
    RUN(test_read);
    RUN(test_fuzz_corpus);
    return 0;
}
