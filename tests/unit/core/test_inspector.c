/* test_inspector.c: the tweak panel's model: rows from a state, open/close, search, and
 * edits by key and by typing, which all leave through the apply function. */
#include <string.h>

#include "core/inspector.h"
#include "state/edit.h"
#include "state/state.h"
#include "testlib.h"

typedef enum Side { SIDE_LEFT = 0, SIDE_RIGHT = 1 } Side;
static const HotEnumName side_names[] = {{SIDE_LEFT, "left"}, {SIDE_RIGHT, "right"}, {0, NULL}};

#define MOB(X)                                                                        \
    X(FIELD, int32_t, hp, 5)                                                          \
    X(STRUCT, Vec2, pos)
HOT_STATE(Mob, MOB)

#define WORLD(X)                                                                      \
    X(FIELD, int32_t, score, 0)                                                       \
    X(FIELD, bool, alive, true)                                                       \
    X(FIELD, float, speed, 260.0f)                                                    \
    X(ENUM, Side, side, SIDE_LEFT, side_names)                                        \
    X(LIST, Mob, mobs, 8)                                                             \
    X(TRANSIENT, int, cache)
HOT_STATE(World, WORLD)

static World *w;
static int applied;

static int apply(void *ud, const char *path, const char *text, Err *err)
{
    (void)ud;
    applied++;
    return state_set_text(&hot_schema_World, w, path, text, err);
}

static int row_named(const Inspector *in, const char *path)
{
    for (int i = 0; i < in->count; i++) {
        if (strcmp(in->rows[i].path, path) == 0)
            return i;
    }
    return -1;
}

static void key(Inspector *in, InspectorKey k)
{
    inspector_key(in, k, false, &hot_schema_World, w);
    inspector_refresh(in, &hot_schema_World, w);
}

static void text(Inspector *in, const char *t)
{
    inspector_text(in, t);
    inspector_refresh(in, &hot_schema_World, w);
}

static void test_tree(void)
{
    Inspector in;
    inspector_init(&in, apply, NULL);
    w = state_alloc(&hot_schema_World);
    w->mobs.count = 2;
    inspector_refresh(&in, &hot_schema_World, w);
    CHECK_EQ_INT(in.count, 5); /* the transient field is not shown */
    int m = row_named(&in, "mobs");
    CHECK(m >= 0 && in.rows[m].group && !in.rows[m].open);
    CHECK_EQ_STR(in.rows[m].value, "2 of 8");
    CHECK_EQ_STR(in.rows[row_named(&in, "side")].value, "left");
    /* Select the list and open it: its items appear, indented, then an item's fields. */
    for (int i = 0; i < m; i++)
        key(&in, INSPECTOR_DOWN);
    CHECK_EQ_STR(in.selected, "mobs");
    key(&in, INSPECTOR_RIGHT);
    CHECK_EQ_INT(in.count, 7);
    CHECK_EQ_STR(in.rows[m + 1].label, "[0]");
    CHECK_EQ_INT(in.rows[m + 1].depth, 1);
    key(&in, INSPECTOR_DOWN);
    key(&in, INSPECTOR_ENTER);
    CHECK(row_named(&in, "mobs.0.pos") >= 0);
    key(&in, INSPECTOR_UP);
    key(&in, INSPECTOR_LEFT); /* closes the list: the selection stays on it */
    CHECK_EQ_INT(in.count, 5);
    CHECK_EQ_STR(in.selected, "mobs");
    inspector_refresh(&in, NULL, NULL);
    CHECK_EQ_INT(in.count, 0);
    inspector_free(&in);
    state_free(w);
}

static void test_search_and_edit(void)
{
    Inspector in;
    inspector_init(&in, apply, NULL);
    w = state_alloc(&hot_schema_World);
    w->mobs.count = 2;
    inspector_refresh(&in, &hot_schema_World, w);
    /* Typing letters searches every path, closed groups included. */
    text(&in, "p");
    text(&in, "os.x");
    CHECK_EQ_INT(in.mode, PANEL_SEARCH);
    CHECK_EQ_INT(in.count, 2);
    CHECK_EQ_STR(in.rows[0].path, "mobs.0.pos.x");
    CHECK_EQ_STR(in.rows[1].label, "mobs.1.pos.x");
    key(&in, INSPECTOR_ENTER); /* ends the search, on its first match */
    CHECK_EQ_INT(in.mode, PANEL_BROWSE);
    key(&in, INSPECTOR_DOWN);
    text(&in, "-2.5"); /* a number typed on a number row edits it */
    CHECK_EQ_INT(in.mode, PANEL_EDIT);
    key(&in, INSPECTOR_BACKSPACE);
    text(&in, "75");
    key(&in, INSPECTOR_ENTER);
    CHECK(w->mobs.items[1].pos.x == -2.75f);
    CHECK_EQ_STR(in.message, "mobs.1.pos.x = -2.75");
    key(&in, INSPECTOR_ESCAPE); /* clears the search */
    CHECK_EQ_INT(in.count, 5);
    /* Steps, toggles and enum names. */
    in.sel = row_named(&in, "speed");
    strcpy(in.selected, "speed");
    key(&in, INSPECTOR_RIGHT);
    CHECK(w->speed == 270.0f);
    inspector_key(&in, INSPECTOR_LEFT, true, &hot_schema_World, w);
    CHECK(w->speed == 170.0f);
    key(&in, INSPECTOR_UP);
    key(&in, INSPECTOR_ENTER);
    CHECK(!w->alive);
    key(&in, INSPECTOR_DOWN);
    key(&in, INSPECTOR_DOWN);
    CHECK_EQ_STR(in.selected, "side");
    key(&in, INSPECTOR_RIGHT);
    CHECK_EQ_INT(w->side, SIDE_RIGHT);
    CHECK_EQ_STR(in.rows[in.sel].value, "right");
    key(&in, INSPECTOR_RIGHT); /* wraps around */
    CHECK_EQ_INT(w->side, SIDE_LEFT);
    /* A refused edit: the sentence is the message, the value unchanged. */
    key(&in, INSPECTOR_ENTER);
    text(&in, "up");
    key(&in, INSPECTOR_ENTER);
    CHECK(in.message_bad);
    CHECK_EQ_STR(in.message, "side: 'up' is neither a name of this enum nor a number");
    CHECK_EQ_INT(w->side, SIDE_LEFT);
    /* Escape while typing cancels: nothing applied. */
    int before = applied;
    key(&in, INSPECTOR_ENTER);
    text(&in, "right");
    key(&in, INSPECTOR_ESCAPE);
    CHECK_EQ_INT(applied, before);
    inspector_free(&in);
    state_free(w);
}

static void test_mouse(void)
{
    Inspector in;
    inspector_init(&in, apply, NULL);
    w = state_alloc(&hot_schema_World);
    inspector_refresh(&in, &hot_schema_World, w);
    PanelView v = inspector_view(&in);
    float value_x = RENDER_WIDTH - in.width * 0.45f + 10;
    int row;
    /* Find the speed row's y by asking the layout. */
    float y = 0;
    for (y = 0; y < RENDER_HEIGHT; y += 1) {
        if (panel_hit(&v, value_x, y, &row) == PANEL_VALUE && row == row_named(&in, "speed"))
            break;
    }
    CHECK(y < RENDER_HEIGHT);
    CHECK(inspector_mouse(&in, value_x, y, true, true, &hot_schema_World, w));
    inspector_refresh(&in, &hot_schema_World, w);
    CHECK(in.dragging);
    inspector_mouse(&in, value_x + 12, y, true, false, &hot_schema_World, w);
    CHECK(w->speed == 290.0f); /* three steps of 10 */
    inspector_mouse(&in, value_x + 12, y, false, false, &hot_schema_World, w);
    CHECK(!in.dragging);
    /* The left edge drags to resize the panel, within its bounds. */
    float edge = RENDER_WIDTH - in.width + 1;
    CHECK(inspector_mouse(&in, edge, 300, true, true, &hot_schema_World, w));
    CHECK(in.resizing);
    inspector_mouse(&in, RENDER_WIDTH - 400, 300, true, false, &hot_schema_World, w);
    CHECK(in.width == 400);
    inspector_mouse(&in, 0, 300, true, false, &hot_schema_World, w);
    CHECK(in.width == PANEL_MAX_W);
    inspector_mouse(&in, 0, 300, false, false, &hot_schema_World, w);
    CHECK(!in.resizing);
    /* The game keeps the mouse outside the panel. */
    CHECK(!inspector_mouse(&in, 10, 10, true, true, &hot_schema_World, w));
    inspector_free(&in);
    state_free(w);
}

int main(void)
{
    RUN(test_tree);
    RUN(test_search_and_edit);
    RUN(test_mouse);
    fprintf(stderr, "%d checks passed\n", testlib_checks);
    return 0;
}
