/* panel.c: the tweak panel's layout: a translucent column docked on the right, a header
 * (title, search line, last message) and one row a value, indented by depth. */
#include "platform/panel.h"
#include "platform/input.h"

#include <stdio.h>
#include <string.h>

#define PAD      6
#define INDENT   10 /* pixels a level */
#define HEADER_H (3 * PANEL_ROW_H + 2 * PAD)
#define EDGE_W   5  /* grab width of the left border */

static const Color bg = {10, 14, 24, 200};
static const Color border = {90, 200, 255, 230};
static const Color title_c = {120, 210, 255, 255};
static const Color name_c = {150, 190, 220, 255};
static const Color value_c = {240, 240, 240, 255};
static const Color group_c = {140, 150, 170, 255};
static const Color hint_c = {150, 160, 180, 255};
static const Color sel_bg = {50, 90, 140, 220};
static const Color edit_bg = {20, 20, 20, 255};
static const Color good_c = {140, 230, 140, 255};
static const Color bad_c = {255, 130, 120, 255};
static const Color search_c = {255, 230, 140, 255};

int panel_visible_rows(void)
{
    return (RENDER_HEIGHT - HEADER_H - PAD) / PANEL_ROW_H;
}

static float panel_x(const PanelView *v)
{
    float w = v->width < PANEL_MIN_W ? PANEL_MIN_W : v->width > PANEL_MAX_W ? PANEL_MAX_W : v->width;
    return RENDER_WIDTH - w;
}

/* Text cut to `cols` characters, with "~" marking the cut. */
static void text_cols(Render *r, const char *s, float x, float y, int cols, Color c)
{
    char buf[160];
    if (cols <= 0)
        return;
    if ((int)strlen(s) > cols && cols < (int)sizeof(buf)) {
        snprintf(buf, sizeof(buf), "%.*s~", cols - 1, s);
        s = buf;
    }
    render_text(r, s, x, y, 1, c);
}

static void draw_header(Render *r, const PanelView *v, float x, float w)
{
    int cols = (int)((w - 2 * PAD) / HOT_FONT_W);
    float y = PAD;
    char title[64], key[32];
    input_host_key_label(HOST_KEY_INSPECT, key, sizeof(key));
    snprintf(title, sizeof(title), "STATE  %s hides  arrows move", key);
    text_cols(r, title, x + PAD, y, cols, title_c);
    y += PANEL_ROW_H;
    char line[160];
    if (v->mode == PANEL_SEARCH)
        snprintf(line, sizeof(line), "search: %s_", v->query);
    else if (v->query && v->query[0])
        snprintf(line, sizeof(line), "search: %s  (Esc clears)", v->query);
    else
        snprintf(line, sizeof(line), "type to search, Enter edits");
    text_cols(r, line, x + PAD, y, cols, v->mode == PANEL_SEARCH || v->query[0] ? search_c : hint_c);
    y += PANEL_ROW_H;
    if (v->message && v->message[0])
        text_cols(r, v->message, x + PAD, y, cols, v->message_bad ? bad_c : good_c);
    else if (v->cut)
        text_cols(r, "(more rows than shown: search to narrow)", x + PAD, y, cols, hint_c);
    render_rect(r, x + 1, HEADER_H - 3, w - 2, 1, HOT_RGBA(90, 200, 255, 90));
}

static void draw_row(Render *r, const PanelView *v, int i, float x, float w, float y)
{
    const PanelRow *row = &v->rows[i];
    bool sel = i == v->selected;
    if (sel)
        render_rect(r, x + 1, y - 2, w - 2, PANEL_ROW_H, sel_bg);
    float name_x = x + PAD + (float)row->depth * INDENT;
    float value_x = x + w * 0.55f;
    if (row->group) {
        render_text(r, row->open ? "-" : "+", name_x, y, 1, title_c);
    }
    name_x += 2 * HOT_FONT_W;
    int name_cols = (int)((value_x - name_x - HOT_FONT_W) / HOT_FONT_W);
    if (row->group || v->query[0]) /* a group's count, or a search result's path */
        name_cols = (int)((x + w - PAD - name_x) / HOT_FONT_W) - (int)strlen(row->value) - 1;
    text_cols(r, row->label, name_x, y, name_cols, name_c);
    if (row->group) {
        float vx = x + w - PAD - render_text_width(row->value, 1);
        render_text(r, row->value, vx, y, 1, group_c);
        return;
    }
    int value_cols = (int)((x + w - PAD - value_x) / HOT_FONT_W);
    if (v->query[0]) {
        value_x = x + w - PAD - (float)(HOT_FONT_W * (int)strlen(row->value));
        if (value_x < name_x + w * 0.3f)
            value_x = name_x + w * 0.3f;
        value_cols = (int)((x + w - PAD - value_x) / HOT_FONT_W);
    }
    if (sel && v->mode == PANEL_EDIT) {
        char buf[160];
        snprintf(buf, sizeof(buf), "%s_", v->edit);
        /* Typing past the cell shows the end, where the cursor is. */
        int len = (int)strlen(buf);
        const char *shown = len > value_cols ? buf + (len - value_cols) : buf;
        render_rect(r, value_x - 2, y - 2, x + w - PAD - value_x + 4, PANEL_ROW_H, edit_bg);
        render_text(r, shown, value_x, y, 1, search_c);
        return;
    }
    text_cols(r, row->value, value_x, y, value_cols, value_c);
}

void panel_draw(Render *r, const PanelView *v)
{
    if (!r || !v)
        return;
    float x = panel_x(v), w = RENDER_WIDTH - x;
    render_rect(r, x, 0, w, RENDER_HEIGHT, bg);
    render_rect(r, x, 0, 1, RENDER_HEIGHT, border);
    draw_header(r, v, x, w);
    int shown = panel_visible_rows();
    float y = HEADER_H;
    for (int i = v->scroll; i < v->count && i < v->scroll + shown; i++, y += PANEL_ROW_H)
        draw_row(r, v, i, x, w, y);
    if (v->count == 0)
        render_text(r, v->query[0] ? "(no path matches)" : "(no state)", x + PAD, y, 1, hint_c);
    if (v->count > shown) {
        /* A scroll bar on the left border: where the shown rows are among all of them. */
        float track = RENDER_HEIGHT - HEADER_H;
        float top = HEADER_H + track * (float)v->scroll / (float)v->count;
        float len = track * (float)shown / (float)v->count;
        render_rect(r, x, top, 3, len < 6 ? 6 : len, title_c);
    }
}

PanelPart panel_hit(const PanelView *v, float x, float y, int *row)
{
    float px = panel_x(v), w = RENDER_WIDTH - px;
    *row = -1;
    if (x < px - 1 || x >= RENDER_WIDTH || y < 0 || y >= RENDER_HEIGHT)
        return PANEL_NONE;
    if (x < px + EDGE_W)
        return PANEL_EDGE;
    if (y < HEADER_H)
        return PANEL_HEADER;
    int i = v->scroll + (int)((y - HEADER_H + 2) / PANEL_ROW_H);
    if (i < 0 || i >= v->count || i >= v->scroll + panel_visible_rows())
        return PANEL_EMPTY;
    *row = i;
    return x >= px + w * 0.55f && !v->rows[i].group ? PANEL_VALUE : PANEL_ARROW;
}
