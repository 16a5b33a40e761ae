/* inspector.c: the tweak panel's model: rows from the live state, selection, search, and
 * the edits typed, stepped, dragged or toggled, which all leave through in->apply. */
#include "core/inspector.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "state/edit.h"

/* Nodes a refresh looks at, at most: a search walks everything, and a state may be big. */
#define WALK_BUDGET 50000
/* Pixels of mouse travel a drag step. */
#define DRAG_PX 4.0f

void inspector_init(Inspector *in, InspectorApply apply, void *ud)
{
    memset(in, 0, sizeof(*in));
    in->apply = apply;
    in->ud = ud;
    in->width = PANEL_DEFAULT_W;
    in->sel = -1;
}

void inspector_free(Inspector *in)
{
    free(in->rows);
    in->rows = NULL;
}

static int find_open(const Inspector *in, const char *path)
{
    for (int i = 0; i < in->nopen; i++) {
        if (strcmp(in->open[i], path) == 0)
            return i;
    }
    return -1;
}

static void set_open(Inspector *in, const char *path, bool open)
{
    int i = find_open(in, path);
    if (open && i < 0 && in->nopen < INSPECTOR_OPEN_MAX)
        snprintf(in->open[in->nopen++], sizeof(in->open[0]), "%s", path);
    else if (!open && i >= 0)
        memcpy(in->open[i], in->open[--in->nopen], sizeof(in->open[0]));
}

typedef struct Walk {
    Inspector *in;
    long budget;
} Walk;

static void group_text(const StateSlot *s, char *buf, size_t size)
{
    uint32_t n = state_slot_children(s);
    if (s->index < 0 && s->field->kind == HOT_KIND_LIST)
        snprintf(buf, size, "%u of %u", n, s->field->count);
    else if (s->index < 0 && s->field->kind == HOT_KIND_ARRAY)
        snprintf(buf, size, "[%u]", n);
    else
        snprintf(buf, size, "{%u}", n);
}

static void walk(Walk *w, const StateSlot *s, const char *path, const char *label, int depth);

static bool contains_nocase(const char *s, const char *sub)
{
    size_t n = strlen(sub);
    for (; *s; s++) {
        if (strncasecmp(s, sub, n) == 0)
            return true;
    }
    return n == 0;
}

static void walk_children(Walk *w, const StateSlot *s, const char *path, int depth)
{
    char cpath[128], clabel[32];
    bool items = s->field && s->index < 0 &&
                 (s->field->kind == HOT_KIND_ARRAY || s->field->kind == HOT_KIND_LIST);
    uint32_t n = 0;
    if (items) {
        n = state_slot_children(s);
        for (uint32_t i = 0; i < n && w->budget > 0; i++) {
            StateSlot c = *s;
            c.ptr = s->ptr + (size_t)i * s->type->size;
            c.index = (int32_t)i;
            snprintf(cpath, sizeof(cpath), "%s.%u", path, i);
            snprintf(clabel, sizeof(clabel), "[%u]", i);
            walk(w, &c, cpath, clabel, depth + 1);
        }
        return;
    }
    const HotField *f = s->type->fields(&n);
    for (uint32_t i = 0; i < n && w->budget > 0; i++) {
        if (f[i].kind == HOT_KIND_TRANSIENT)
            continue;
        StateSlot c = {.field = &f[i], .type = f[i].type, .ptr = s->ptr + f[i].offset,
                       .owner = s->ptr, .index = -1};
        if (path[0])
            snprintf(cpath, sizeof(cpath), "%s.%s", path, f[i].name);
        else
            snprintf(cpath, sizeof(cpath), "%s", f[i].name);
        walk(w, &c, cpath, f[i].name, depth + 1);
    }
}

static void walk(Walk *w, const StateSlot *s, const char *path, const char *label, int depth)
{
    Inspector *in = w->in;
    w->budget--;
    bool search = in->query[0] != '\0';
    StateValueKind kind = state_slot_kind(s);
    bool group = kind == STATE_VALUE_GROUP;
    bool open = group && (search || find_open(in, path) >= 0);
    if (!search || contains_nocase(path, in->query)) {
        if (in->count == INSPECTOR_ROWS_MAX) {
            in->cut = true;
            w->budget = 0;
            return;
        }
        PanelRow *r = &in->rows[in->count++];
        snprintf(r->path, sizeof(r->path), "%s", path);
        snprintf(r->label, sizeof(r->label), "%s", search ? path : label);
        r->depth = (uint8_t)(search ? 0 : depth);
        r->kind = (uint8_t)kind;
        r->group = group;
        r->open = open;
        if (group)
            group_text(s, r->value, sizeof(r->value));
        else
            state_slot_text(s, r->value, sizeof(r->value));
    }
    if (open)
        walk_children(w, s, path, depth);
}

static void keep_selection_visible(Inspector *in)
{
    int shown = panel_visible_rows();
    if (in->sel >= 0 && in->sel < in->scroll)
        in->scroll = in->sel;
    if (in->sel >= in->scroll + shown)
        in->scroll = in->sel - shown + 1;
    if (in->scroll > in->count - shown)
        in->scroll = in->count - shown;
    if (in->scroll < 0)
        in->scroll = 0;
}

static void select_row(Inspector *in, int i)
{
    if (in->count == 0) {
        in->sel = -1;
        return;
    }
    in->sel = i < 0 ? 0 : i >= in->count ? in->count - 1 : i;
    snprintf(in->selected, sizeof(in->selected), "%s", in->rows[in->sel].path);
    keep_selection_visible(in);
}

void inspector_refresh(Inspector *in, const HotSchema *schema, void *state)
{
    if (!in->rows)
        in->rows = xcalloc(INSPECTOR_ROWS_MAX, sizeof(PanelRow));
    int old = in->sel;
    in->count = 0;
    in->cut = false;
    if (schema && state && schema->type == HOT_STRUCT) {
        Walk w = {in, WALK_BUDGET};
        StateSlot root = {.type = schema, .ptr = state, .owner = state, .index = -1};
        walk_children(&w, &root, "", -1);
    }
    in->sel = -1;
    for (int i = 0; i < in->count; i++) {
        if (strcmp(in->rows[i].path, in->selected) == 0) {
            in->sel = i;
            break;
        }
    }
    if (in->sel < 0 && in->count > 0) {
        /* The selected row went away (a group closed, a list shrank): stay near it. */
        select_row(in, old < 0 ? 0 : old);
    }
    keep_selection_visible(in);
}

static const PanelRow *selected_row(const Inspector *in)
{
    return in->sel >= 0 && in->sel < in->count ? &in->rows[in->sel] : NULL;
}

static void apply_edit(Inspector *in, const char *path, const char *text)
{
    Err err = {{0}};
    int rc = in->apply ? in->apply(in->ud, path, text, &err) : ERR_UNSUPPORTED;
    in->message_bad = rc < 0;
    if (rc < 0)
        snprintf(in->message, sizeof(in->message), "%s", err_text(&err, rc));
    else
        snprintf(in->message, sizeof(in->message), "%s = %s", path, text);
}

/* A step that suits the number's size: 260 moves by 10, 14 by 1, 0.5 by 0.1. */
static double step_of(double v, bool integer)
{
    double a = fabs(v) < 1 ? 1 : fabs(v);
    double step = pow(10, floor(log10(a)) - 1);
    if (integer && step < 1)
        step = 1;
    return step;
}

static void format_number(char *buf, size_t size, double v, bool integer)
{
    if (integer)
        snprintf(buf, size, "%.0f", v);
    else
        snprintf(buf, size, "%.9g", v);
}

/* The number `from` moved by `steps` steps (rounded to the step, so values stay tidy). */
static void stepped(const char *from, bool integer, double steps, char *buf, size_t size)
{
    double v = strtod(from, NULL);
    double step = step_of(v, integer);
    double next = round(v / step + steps) * step;
    if (next == 0)
        next = 0; /* no "-0" */
    format_number(buf, size, next, integer);
}

static void enum_neighbour(Inspector *in, const PanelRow *row, int dir, const HotSchema *schema,
                           void *state)
{
    StateSlot s;
    if (state_find(schema, state, row->path, &s, NULL) < 0 || !s.field->enum_names)
        return;
    int n = 0, at = -1;
    int32_t v;
    memcpy(&v, s.ptr, 4);
    for (const HotEnumName *e = s.field->enum_names; e->name; e++, n++) {
        if (e->value == v)
            at = n;
    }
    if (n == 0)
        return;
    int next = at < 0 ? 0 : ((at + dir) % n + n) % n;
    apply_edit(in, row->path, s.field->enum_names[next].name);
}

/* Left/Right on a value, or a click on it: a step, a toggle or the next name. */
static void nudge(Inspector *in, const PanelRow *row, int dir, bool shift, const HotSchema *schema,
                  void *state)
{
    char text[64];
    switch ((StateValueKind)row->kind) {
    case STATE_VALUE_BOOL:
        apply_edit(in, row->path, strcmp(row->value, "true") == 0 ? "false" : "true");
        break;
    case STATE_VALUE_INT:
    case STATE_VALUE_FLOAT:
        stepped(row->value, row->kind == STATE_VALUE_INT, dir * (shift ? 10.0 : 1.0), text,
                sizeof(text));
        apply_edit(in, row->path, text);
        break;
    case STATE_VALUE_ENUM:
        enum_neighbour(in, row, dir, schema, state);
        break;
    default:
        break;
    }
}

static void start_typing(Inspector *in, const PanelRow *row, const char *first)
{
    if (row->group || row->kind == STATE_VALUE_ASSET)
        return;
    in->mode = PANEL_EDIT;
    /* A string starts from its text, to change a letter; a number starts empty. */
    snprintf(in->edit, sizeof(in->edit), "%s",
             first ? first : row->kind == STATE_VALUE_STRING ? row->value : "");
}

static void delete_last_char(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && ((unsigned char)s[n - 1] & 0xC0) == 0x80)
        n--; /* UTF-8 continuation bytes go with their lead byte */
    if (n > 0)
        n--;
    s[n] = '\0';
}

static void toggle_group(Inspector *in, const PanelRow *row)
{
    if (!in->query[0])
        set_open(in, row->path, !row->open);
}

void inspector_key(Inspector *in, InspectorKey key, bool shift, const HotSchema *schema,
                   void *state)
{
    const PanelRow *row = selected_row(in);
    if (in->mode == PANEL_EDIT) {
        if (key == INSPECTOR_ENTER && row && (in->edit[0] || row->kind == STATE_VALUE_STRING))
            apply_edit(in, row->path, in->edit);
        if (key == INSPECTOR_ENTER || key == INSPECTOR_ESCAPE) {
            in->mode = PANEL_BROWSE;
            in->edit[0] = '\0';
        } else if (key == INSPECTOR_BACKSPACE) {
            delete_last_char(in->edit);
        }
        return;
    }
    if (in->mode == PANEL_SEARCH) {
        if (key == INSPECTOR_BACKSPACE) {
            delete_last_char(in->query);
            if (!in->query[0])
                in->mode = PANEL_BROWSE;
            return;
        }
        in->mode = PANEL_BROWSE; /* any other key ends typing the search, and acts */
        if (key == INSPECTOR_ENTER)
            return;
    }
    switch (key) {
    case INSPECTOR_UP:
        select_row(in, in->sel - (shift ? 10 : 1));
        break;
    case INSPECTOR_DOWN:
        select_row(in, in->sel + (shift ? 10 : 1));
        break;
    case INSPECTOR_LEFT:
    case INSPECTOR_RIGHT:
        if (row && row->group)
            set_open(in, row->path, key == INSPECTOR_RIGHT);
        else if (row)
            nudge(in, row, key == INSPECTOR_RIGHT ? 1 : -1, shift, schema, state);
        break;
    case INSPECTOR_ENTER:
        if (row && row->group)
            toggle_group(in, row);
        else if (row && row->kind == STATE_VALUE_BOOL)
            nudge(in, row, 1, false, schema, state);
        else if (row)
            start_typing(in, row, NULL);
        break;
    case INSPECTOR_ESCAPE:
        in->query[0] = '\0';
        in->message[0] = '\0';
        break;
    case INSPECTOR_BACKSPACE:
        break;
    }
}

void inspector_text(Inspector *in, const char *text)
{
    if (!text || !text[0])
        return;
    if (in->mode == PANEL_BROWSE) {
        const PanelRow *row = selected_row(in);
        bool number = row && (row->kind == STATE_VALUE_INT || row->kind == STATE_VALUE_FLOAT);
        if (number && (isdigit((unsigned char)text[0]) || text[0] == '-' || text[0] == '.')) {
            start_typing(in, row, "");
        } else if (text[0] == ' ') {
            return; /* a space alone does not start a search */
        } else {
            in->mode = PANEL_SEARCH;
            in->query[0] = '\0';
        }
    }
    char *buf = in->mode == PANEL_EDIT ? in->edit : in->query;
    size_t size = in->mode == PANEL_EDIT ? sizeof(in->edit) : sizeof(in->query);
    size_t n = strlen(buf);
    snprintf(buf + n, size - n, "%s", text);
}

bool inspector_mouse(Inspector *in, float x, float y, bool down, bool pressed,
                     const HotSchema *schema, void *state)
{
    PanelView v = inspector_view(in);
    int i;
    PanelPart part = panel_hit(&v, x, y, &i);
    if (!down) {
        bool was = in->dragging || in->resizing;
        in->dragging = in->resizing = false;
        return was || part != PANEL_NONE;
    }
    if (in->resizing) {
        float w = RENDER_WIDTH - x;
        in->width = w < PANEL_MIN_W ? PANEL_MIN_W : w > PANEL_MAX_W ? PANEL_MAX_W : w;
        return true;
    }
    if (in->dragging) {
        const PanelRow *row = selected_row(in);
        if (row) {
            char text[64];
            double steps = round((x - in->drag_x0) / DRAG_PX);
            stepped(in->drag_from, row->kind == STATE_VALUE_INT, steps, text, sizeof(text));
            if (strcmp(text, row->value) != 0)
                apply_edit(in, row->path, text);
        }
        return true;
    }
    if (!pressed)
        return part != PANEL_NONE;
    if (part == PANEL_EDGE) {
        in->resizing = true;
    } else if (part == PANEL_ARROW || part == PANEL_VALUE) {
        in->mode = PANEL_BROWSE;
        select_row(in, i);
        const PanelRow *row = &in->rows[i];
        if (part == PANEL_ARROW && row->group) {
            toggle_group(in, row);
        } else if (part == PANEL_VALUE) {
            if (row->kind == STATE_VALUE_INT || row->kind == STATE_VALUE_FLOAT) {
                in->dragging = true;
                in->drag_x0 = x;
                snprintf(in->drag_from, sizeof(in->drag_from), "%s", row->value);
            } else if (row->kind == STATE_VALUE_STRING) {
                start_typing(in, row, NULL);
            } else {
                nudge(in, row, 1, false, schema, state);
            }
        }
    }
    return part != PANEL_NONE;
}

PanelView inspector_view(const Inspector *in)
{
    return (PanelView){
        .rows = in->rows,
        .count = in->count,
        .cut = in->cut,
        .selected = in->sel,
        .scroll = in->scroll,
        .mode = in->mode,
        .query = in->query,
        .edit = in->edit,
        .message = in->message,
        .message_bad = in->message_bad,
        .width = in->width,
    };
}
