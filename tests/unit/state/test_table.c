/* test_table.c: state/table.c: arrays of structs as tables in packed images (the swap's
 * image): the same shape comes back exactly; a changed shape (fields added, dropped,
 * renamed, widened, narrowed, a shorter string, a resized list) gives the same memory and
 * the same report as the portable image; files, dumps and queries see the portable form;
 * a broken table is refused. */
#include <stdio.h>

#include "state_test.h"

#define PT(X) X(FIELD, float, x, 0) X(FIELD, float, y, 0)
HOT_STATE(Pt, PT)
#define ROW1(X)                                                                                \
    X(STRUCT, Pt, pos)                                                                         \
    X(FIELD, int16_t, hp, 10)                                                                  \
    X(FIELD, int32_t, gold, 0)                                                                 \
    X(FIELD, double, old_only, 0)                                                              \
    X(STRING, name, 12, "grunt")                                                               \
    X(ARRAY, uint8_t, flags, 3)                                                                \
    X(FIELD, bool, alive, true)                                                                \
    X(ENUM, Mode, mode, MODE_A)                                                                \
    X(TRANSIENT, void *, cache)
HOT_STATE(Row1, ROW1)
#define TAB1(X) X(LIST, Row1, rows, 300) X(ARRAY, Row1, fixed, 4) X(FIELD, int32_t, n, 0)
HOT_STATE(Tab1, TAB1)

/* The next version of the game: armor added in front, pos grew a z, hp widened, gold
 * narrowed (some values no longer fit), old_only dropped, the name shorter (some do not
 * fit), the list shorter and the array longer. */
#define PT2(X) X(FIELD, float, x, 0) X(FIELD, float, y, 0) X(FIELD, float, z, 9)
HOT_STATE(Pt2, PT2)
#define ROW2(X)                                                                                \
    X(FIELD, float, armor, 0.5f)                                                               \
    X(STRUCT, Pt2, pos)                                                                        \
    X(FIELD, int32_t, hp, 10)                                                                  \
    X(FIELD, int16_t, gold, 0)                                                                 \
    X(STRING, name, 6, "g")                                                                    \
    X(ARRAY, uint8_t, flags, 3)                                                                \
    X(FIELD, bool, alive, true)                                                                \
    X(ENUM, Mode, mode, MODE_B)
HOT_STATE(Row2, ROW2)
#define TAB2(X) X(LIST, Row2, rows, 200) X(ARRAY, Row2, fixed, 5) X(FIELD, int32_t, n, 0)
HOT_STATE(Tab2, TAB2)

/* Only a field added (and one renamed): every row goes by the plan, none the generic way. */
#define ROW3(X)                                                                                \
    X(STRUCT, Pt, pos)                                                                         \
    X(FIELD, int16_t, hp, 10)                                                                  \
    X(FIELD, int32_t, gold, 0)                                                                 \
    X(FIELD, int64_t, score, 42)                                                               \
    X(FIELD, double, renamed, 3)                                                               \
    X(STRING, name, 12, "grunt")                                                               \
    X(ARRAY, uint8_t, flags, 3)                                                                \
    X(FIELD, bool, alive, true)                                                                \
    X(ENUM, Mode, mode, MODE_A)
HOT_STATE(Row3, ROW3)
#define TAB3(X) X(LIST, Row3, rows, 300) X(ARRAY, Row3, fixed, 4) X(FIELD, int32_t, n, 0)
HOT_STATE(Tab3, TAB3)

/* The rows became numbers: the table is decoded as the array of maps it stands for. */
#define TAB4(X) X(ARRAY, int32_t, rows, 3) X(STRUCT, Row1, fixed) X(FIELD, int32_t, n, 0)
HOT_STATE(Tab4, TAB4)

static void fill_tab(Tab1 *t, uint32_t count)
{
    t->rows.count = count;
    for (uint32_t i = 0; i < 300; i++) {
        Row1 *r = &t->rows.items[i];
        r->pos.x = (float)i * 0.5f;
        r->pos.y = -(float)i;
        r->hp = (int16_t)(i * 7 - 300);
        r->gold = (int32_t)i * 1000; /* over i16 from i = 33 */
        r->old_only = i * 0.125;
        memset(r->name, 0, sizeof(r->name)); /* a table keeps the bytes past the NUL */
        snprintf(r->name, sizeof(r->name), i % 3 ? "ab%u" : "longname%u", i);
        r->flags[0] = (uint8_t)i;
        r->flags[1] = 0;
        r->flags[2] = (uint8_t)(255 - i);
        r->alive = i % 2;
        r->mode = i % 4 ? MODE_B : MODE_NEG;
        r->cache = r;
    }
    for (int i = 0; i < 4; i++)
        t->fixed[i] = t->rows.items[i + 40];
    t->n = 77;
}

static void pack(const HotSchema *s, const void *mem, StateImage *out)
{
    StateLayout l;
    CHECK_EQ_INT(state_layout_check(s, &l), 0);
    StateStamp stamp = {2, "tables"};
    CHECK_EQ_INT(state_layout_pack(&l, &stamp, mem, out), 0);
}

static void portable(const HotSchema *s, const void *mem, StateImage *out)
{
    StateLayout l;
    CHECK_EQ_INT(state_layout_check(s, &l), 0);
    StateStamp stamp = {2, "tables"};
    CHECK_EQ_INT(state_layout_encode(&l, &stamp, mem, out), 0);
}

/* Where the first table's data starts (after its ext 8, 16 or 32 header), or 0. */
static size_t table_at(const StateImage *img)
{
    for (size_t i = 0; i + 6 < img->size; i++) {
        uint8_t b = img->data[i];
        size_t h = b == 0xc7 ? 2 : b == 0xc8 ? 3 : b == 0xc9 ? 5 : 0;
        if (h && img->data[i + h] == 32)
            return i + h + 1;
    }
    return 0;
}

static bool has_table(const StateImage *img)
{
    return table_at(img) != 0;
}

/* The same shape: every byte back, transient fields zero; the portable form of the packed
 * image is the portable encode, byte for byte. */
static void test_same_shape(void)
{
    Tab1 *t = state_alloc(&hot_schema_Tab1);
    fill_tab(t, 300); /* full: a list saves only its count of items */
    StateImage p = {0}, e = {0}, back = {0};
    pack(&hot_schema_Tab1, t, &p);
    portable(&hot_schema_Tab1, t, &e);
    StateImageInfo info;
    CHECK_EQ_INT(state_image_info(&p, &info), 0);
    CHECK(info.packed);
    CHECK_EQ_INT(state_image_info(&e, &info), 0);
    CHECK(!info.packed);
    CHECK(p.size < e.size);
    Tab1 *u = state_alloc(&hot_schema_Tab1);
    StateReport r;
    CHECK_EQ_INT(state_decode(&hot_schema_Tab1, &p, u, &r), 0);
    CHECK_EQ_INT(r.count, 0);
    for (uint32_t i = 0; i < 300; i++)
        t->rows.items[i].cache = NULL;
    for (int i = 0; i < 4; i++)
        t->fixed[i].cache = NULL;
    CHECK(memcmp(t, u, sizeof(Tab1)) == 0);
    CHECK_EQ_INT(state_image_portable(&p, &back), 0);
    CHECK(back.size == e.size && memcmp(back.data, e.data, e.size) == 0);
    /* a portable image comes out as it went in */
    CHECK_EQ_INT(state_image_portable(&e, &back), 0);
    CHECK(back.size == e.size && memcmp(back.data, e.data, e.size) == 0);
    state_image_free(&p);
    state_image_free(&e);
    state_image_free(&back);
    state_free(t);
    state_free(u);
}

/* Padding and transient fields are not part of the image: equal states, equal images. */
static void test_padding_zero(void)
{
    Tab1 *a = state_alloc(&hot_schema_Tab1), *b = state_alloc(&hot_schema_Tab1);
    memset(b, 0xab, sizeof(Tab1)); /* garbage in every hole */
    fill_tab(a, 10);
    fill_tab(b, 10);
    for (uint32_t i = 0; i < 300; i++)
        b->rows.items[i].cache = (void *)(uintptr_t)(i + 1);
    StateImage pa = {0}, pb = {0};
    pack(&hot_schema_Tab1, a, &pa);
    pack(&hot_schema_Tab1, b, &pb);
    CHECK(has_table(&pa));
    CHECK(pa.size == pb.size && memcmp(pa.data, pb.data, pa.size) == 0);
    state_image_free(&pa);
    state_image_free(&pb);
    state_free(a);
    state_free(b);
}

static void check_same_reports(const StateReport *a, const StateReport *b)
{
    CHECK_EQ_INT(a->count, b->count);
    CHECK_EQ_INT(a->dropped, b->dropped);
    for (uint32_t i = 0; i < a->count && i < b->count; i++) {
        CHECK_EQ_INT(a->changes[i].kind, b->changes[i].kind);
        CHECK_EQ_STR(a->changes[i].path, b->changes[i].path);
        CHECK_EQ_STR(a->changes[i].detail, b->changes[i].detail);
    }
}

/* A table decoded into `to` gives what the portable image gives: memory and report. */
static void check_like_portable(const HotSchema *to, size_t size, const Tab1 *t,
                                StateReport *rp)
{
    StateImage p = {0}, e = {0};
    pack(&hot_schema_Tab1, t, &p);
    portable(&hot_schema_Tab1, t, &e);
    void *a = state_alloc(to), *b = state_alloc(to);
    StateReport *re = malloc(sizeof(*re));
    CHECK_EQ_INT(state_decode(to, &p, a, rp), 0);
    CHECK_EQ_INT(state_decode(to, &e, b, re), 0);
    CHECK(memcmp(a, b, size) == 0);
    check_same_reports(rp, re);
    free(re);
    state_image_free(&p);
    state_image_free(&e);
    state_free(a);
    state_free(b);
}

static bool reported(const StateReport *r, StateChangeKind kind, const char *path)
{
    for (uint32_t i = 0; i < r->count; i++)
        if (r->changes[i].kind == kind && strcmp(r->changes[i].path, path) == 0)
            return true;
    return false;
}

static void test_shape_change(void)
{
    Tab1 *t = state_alloc(&hot_schema_Tab1);
    fill_tab(t, 250);
    StateReport *r = malloc(sizeof(*r));
    check_like_portable(&hot_schema_Tab2, sizeof(Tab2), t, r);
    CHECK(reported(r, STATE_ADDED, "rows[0].armor"));
    CHECK(reported(r, STATE_ADDED, "rows[0].pos.z"));
    CHECK(reported(r, STATE_DROPPED, "rows[0].old_only"));
    CHECK(reported(r, STATE_CONVERTED, "rows[0].hp"));
    CHECK(reported(r, STATE_RESET, "rows[40].gold"));    /* 40000 does not fit an i16 */
    CHECK(reported(r, STATE_TRUNCATED, "rows[0].name")); /* "longname0" */
    CHECK(reported(r, STATE_TRUNCATED, "rows"));         /* 250 -> 200 items */
    CHECK(!reported(r, STATE_ADDED, "rows[1].armor"));   /* the schema's change once */

    /* the values: converted where they fit, the new fields' defaults */
    Tab2 *u = state_alloc(&hot_schema_Tab2);
    StateImage p = {0};
    pack(&hot_schema_Tab1, t, &p);
    CHECK_EQ_INT(state_decode(&hot_schema_Tab2, &p, u, NULL), 0);
    CHECK_EQ_INT(u->rows.count, 200);
    CHECK_EQ_INT(u->rows.items[7].hp, 7 * 7 - 300);
    CHECK_EQ_INT(u->rows.items[7].gold, 7000);
    CHECK_EQ_INT(u->rows.items[40].gold, 0);
    CHECK(u->rows.items[8].armor == 0.5f && u->rows.items[8].pos.z == 9);
    CHECK(u->rows.items[8].pos.x == 4.0f && u->rows.items[8].pos.y == -8.0f);
    CHECK_EQ_STR(u->rows.items[8].name, "ab8");
    CHECK_EQ_STR(u->rows.items[9].name, "longn");
    CHECK_EQ_INT(u->rows.items[8].mode, MODE_NEG);
    CHECK_EQ_INT(u->fixed[4].mode, MODE_B); /* past the image's 4 items: defaults */
    state_image_free(&p);
    state_free(u);

    /* a field added and one renamed: the plan alone */
    check_like_portable(&hot_schema_Tab3, sizeof(Tab3), t, r);
    CHECK(reported(r, STATE_ADDED, "rows[0].score"));
    CHECK(reported(r, STATE_ADDED, "rows[0].renamed"));
    CHECK(reported(r, STATE_DROPPED, "rows[0].old_only"));
    CHECK_EQ_INT(r->count, 6); /* rows[0] and fixed[0]: score, renamed, old_only */

    /* rows that became numbers, a fixed array that became one struct */
    check_like_portable(&hot_schema_Tab4, sizeof(Tab4), t, r);
    CHECK(reported(r, STATE_RESET, "rows"));
    CHECK(reported(r, STATE_RESET, "fixed"));
    free(r);
    state_free(t);
}

/* Files get the portable form; dumps and the migrate hook's queries read tables. */
static void test_files_json_query(void)
{
    Tab1 *t = state_alloc(&hot_schema_Tab1);
    fill_tab(t, 20);
    StateImage p = {0}, e = {0}, f = {0};
    pack(&hot_schema_Tab1, t, &p);
    portable(&hot_schema_Tab1, t, &e);
    char *dir = test_tmpdir(), path[4096];
    snprintf(path, sizeof(path), "%s/packed.state", dir);
    CHECK_EQ_INT(state_image_save(path, &p), 0);
    CHECK_EQ_INT(state_image_read(path, &f), 0);
    CHECK(f.size == e.size && memcmp(f.data, e.data, e.size) == 0);

    char *jp = NULL, *je = NULL;
    size_t np = 0, ne = 0;
    FILE *op = open_memstream(&jp, &np), *oe = open_memstream(&je, &ne);
    CHECK_EQ_INT(state_image_to_json(&p, op), 0);
    CHECK_EQ_INT(state_image_to_json(&e, oe), 0);
    fclose(op);
    fclose(oe);
    char *line = strstr(jp, "  \"packed\": "), *end = line ? strchr(line, '\n') : NULL;
    CHECK(end != NULL);
    if (end)
        memmove(line, end + 1, strlen(end + 1) + 1);
    CHECK_EQ_STR(jp, je);
    free(jp);
    free(je);

    double v = 0;
    char name[16];
    CHECK(state_image_number(&p, "rows.7.hp", &v) && v == 7 * 7 - 300);
    CHECK(state_image_number(&p, "rows[5].pos.y", &v) && v == -5);
    CHECK(state_image_number(&p, "rows.4.flags.2", &v) && v == 251);
    CHECK(state_image_number(&p, "fixed.1.gold", &v) && v == 41000);
    CHECK(state_image_string(&p, "rows.4.name", name, sizeof(name)));
    CHECK_EQ_STR(name, "ab4");
    CHECK(!state_image_number(&p, "rows.20.hp", &v));   /* past the count */
    CHECK(!state_image_number(&p, "rows.3.cache", &v)); /* transient: not saved */
    test_rmtree(dir);
    free(dir);
    state_image_free(&p);
    state_image_free(&e);
    state_image_free(&f);
    state_free(t);
}

/* Where an image's "packed" token is (after its cf byte), or 0. */
static size_t token_at(const StateImage *img)
{
    for (size_t i = 0; i + 16 < img->size; i++)
        if (memcmp(img->data + i, "\xa6packed\xcf", 8) == 0)
            return i + 8;
    return 0;
}

/* The process's own tables come back as its memory was (as a copy does); a table from
 * elsewhere (another token) is made what a decode leaves: bools 0 or 1, strings cut at
 * their NUL, transient fields and padding zero, as the portable image gives. */
static void test_foreign_tables(void)
{
    Tab1 *t = state_alloc(&hot_schema_Tab1);
    fill_tab(t, 300);
    uint8_t *alive = (uint8_t *)&t->rows.items[5].alive;
    *alive = 2;
    memcpy(t->rows.items[6].name, "ab\0zz\0\0\0\0\0\0x", 12); /* past the NUL, no last NUL */
    StateImage p = {0}, e = {0};
    pack(&hot_schema_Tab1, t, &p);
    portable(&hot_schema_Tab1, t, &e);
    Tab1 *own = state_alloc(&hot_schema_Tab1), *foreign = state_alloc(&hot_schema_Tab1),
         *want = state_alloc(&hot_schema_Tab1);
    CHECK_EQ_INT(state_decode(&hot_schema_Tab1, &p, own, NULL), 0);
    CHECK_EQ_INT(*(uint8_t *)&own->rows.items[5].alive, 2);
    CHECK(memcmp(own->rows.items[6].name, t->rows.items[6].name, 12) == 0);
    size_t at = token_at(&p);
    CHECK(at != 0);
    p.data[at + 7] ^= 0x10; /* another process's */
    CHECK_EQ_INT(state_decode(&hot_schema_Tab1, &p, foreign, NULL), 0);
    CHECK_EQ_INT(state_decode(&hot_schema_Tab1, &e, want, NULL), 0);
    CHECK_EQ_INT(*(uint8_t *)&foreign->rows.items[5].alive, 1);
    CHECK(memcmp(foreign->rows.items[6].name, "ab\0\0\0\0\0\0\0\0\0\0", 12) == 0);
    CHECK(memcmp(foreign, want, sizeof(Tab1)) == 0);
    /* and by a plan, into another shape */
    Tab3 *a = state_alloc(&hot_schema_Tab3), *b = state_alloc(&hot_schema_Tab3);
    CHECK_EQ_INT(state_decode(&hot_schema_Tab3, &p, a, NULL), 0);
    CHECK_EQ_INT(state_decode(&hot_schema_Tab3, &e, b, NULL), 0);
    CHECK(memcmp(a, b, sizeof(Tab3)) == 0);
    state_image_free(&p);
    state_image_free(&e);
    state_free(t);
    state_free(own);
    state_free(foreign);
    state_free(want);
    state_free(a);
    state_free(b);
}

/* Every byte of a table changed in turn: refused or decoded, never a crash; a table cut
 * short or with a field outside its row is corrupt. */
static void test_broken_tables(void)
{
    Tab1 *t = state_alloc(&hot_schema_Tab1);
    fill_tab(t, 3);
    StateImage p = {0};
    pack(&hot_schema_Tab1, t, &p);
    Tab1 *u = state_alloc(&hot_schema_Tab1);
    FILE *null = fopen("/dev/null", "w");
    for (size_t i = 0; i < p.size; i++) {
        for (int bit = 0; bit < 8; bit += 3) {
            p.data[i] ^= (uint8_t)(1u << bit);
            int rc = state_decode(&hot_schema_Tab1, &p, u, NULL);
            CHECK(rc == 0 || rc == STATE_ECORRUPT || rc == STATE_EMAGIC || rc == STATE_EFORMAT);
            state_image_to_json(&p, null);
            double v;
            state_image_number(&p, "rows.1.hp", &v);
            p.data[i] ^= (uint8_t)(1u << bit);
        }
    }
    fclose(null);
    /* the first table's row count raised by one: its bytes no longer add up */
    size_t at = table_at(&p);
    CHECK(at != 0);
    p.data[at] ^= 1;
    CHECK_EQ_INT(state_image_check(&p), STATE_ECORRUPT);
    p.data[at] ^= 1;
    /* the first field's offset (after u16 count, u8 length, "pos", kind, type) pushed past
     * the row */
    size_t off = at + 12 + 2 + 1 + 3 + 2;
    p.data[off + 1] = 0x10;
    CHECK_EQ_INT(state_image_check(&p), STATE_ECORRUPT);
    state_image_free(&p);
    state_free(t);
    state_free(u);
}

/* A swap decodes into the old state's block without defaults first (decode_whole): what it
 * leaves is what a decode into defaults leaves, list items past their count included;
 * a refused image leaves the defaults. */
static void test_decode_whole(void)
{
    StateLayout l, l3;
    CHECK_EQ_INT(state_layout_check(&hot_schema_All, &l), 0);
    CHECK_EQ_INT(state_layout_check(&hot_schema_Tab3, &l3), 0);
    All *s = state_alloc(&hot_schema_All);
    fill_all(s);
    s->li.count = 1;
    StateImage img = {0}, a = {0}, b = {0};
    encode(&hot_schema_All, 1, s, &img);
    All *want = state_alloc(&hot_schema_All);
    CHECK_EQ_INT(state_decode(&hot_schema_All, &img, want, NULL), 0);
    All *got = state_layout_block(&l, NULL);
    memset(got, 0xab, sizeof(All)); /* an old state's bytes */
    CHECK_EQ_INT(state_layout_decode_whole(&l, &img, got, NULL), 0);
    portable(&hot_schema_All, want, &a);
    portable(&hot_schema_All, got, &b);
    CHECK(a.size == b.size && memcmp(a.data, b.data, a.size) == 0);
    CHECK(memcmp(&got->li.items[1], &want->li.items[1], 3 * sizeof(Inner)) == 0);
    CHECK(memcmp(got->ln.items, want->ln.items, sizeof(want->ln.items)) == 0);
    /* from a packed image with tables, into another shape */
    Tab1 *t = state_alloc(&hot_schema_Tab1);
    fill_tab(t, 120);
    StateImage p = {0};
    pack(&hot_schema_Tab1, t, &p);
    Tab3 *w3 = state_alloc(&hot_schema_Tab3), *g3 = state_layout_block(&l3, NULL);
    memset(g3, 0xcd, sizeof(Tab3));
    CHECK_EQ_INT(state_decode(&hot_schema_Tab3, &p, w3, NULL), 0);
    CHECK_EQ_INT(state_layout_decode_whole(&l3, &p, g3, NULL), 0);
    CHECK(memcmp(&g3->rows.items[120], &w3->rows.items[120], 180 * sizeof(Row3)) == 0);
    StateImage a3 = {0}, b3 = {0};
    portable(&hot_schema_Tab3, w3, &a3);
    portable(&hot_schema_Tab3, g3, &b3);
    CHECK(a3.size == b3.size && memcmp(a3.data, b3.data, a3.size) == 0);
    /* refused: the defaults */
    img.size -= 3; /* cut short */
    memset(got, 0xab, sizeof(All));
    CHECK(state_layout_decode_whole(&l, &img, got, NULL) < 0);
    All *def = state_alloc(&hot_schema_All);
    portable(&hot_schema_All, def, &a);
    portable(&hot_schema_All, got, &b);
    CHECK(a.size == b.size && memcmp(a.data, b.data, a.size) == 0);
    state_image_free(&img);
    state_image_free(&a);
    state_image_free(&b);
    state_image_free(&a3);
    state_image_free(&b3);
    state_image_free(&p);
    state_free(s);
    state_free(want);
    state_free(got);
    state_free(def);
    state_free(t);
    state_free(w3);
    state_free(g3);
}

int main(void)
{
    RUN(test_same_shape);
    RUN(test_padding_zero);
    RUN(test_shape_change);
    RUN(test_files_json_query);
    RUN(test_foreign_tables);
    RUN(test_broken_tables);
    RUN(test_decode_whole);
    return 0;
}
