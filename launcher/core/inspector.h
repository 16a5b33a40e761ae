/* inspector.h: the tweak panel's model: the state as a tree (open and closed groups, list
 * counts, enum names), a selection, a search, and edits typed, dragged or toggled. An edit
 * leaves here as (path, text) through one function, so whoever applies it (core/tweak.c)
 * can record it like input. platform/panel.c draws what this decides. */
#ifndef HOTRUN_INSPECTOR_H
#define HOTRUN_INSPECTOR_H

#include <stdbool.h>

#include "hot.h"
#include "platform/panel.h"
#include "util/error.h"

#define INSPECTOR_ROWS_MAX 2048
#define INSPECTOR_OPEN_MAX 64

/* Applies an edit: sets the value at `path` from `text`. 0, or negative with err. */
typedef int (*InspectorApply)(void *ud, const char *path, const char *text, Err *err);

/* Keys the panel answers to while it is open. */
typedef enum InspectorKey {
    INSPECTOR_UP = 1,
    INSPECTOR_DOWN,
    INSPECTOR_LEFT,  /* close a group; a number down a step; the previous enum name */
    INSPECTOR_RIGHT, /* open a group; a number up a step; the next enum name */
    INSPECTOR_ENTER, /* open/close, toggle a bool, start typing; typing: commit */
    INSPECTOR_ESCAPE,/* typing: cancel; else clear the search */
    INSPECTOR_BACKSPACE,
} InspectorKey;

typedef struct Inspector {
    bool visible;
    PanelMode mode;
    char open[INSPECTOR_OPEN_MAX][128]; /* paths of the open groups */
    int nopen;
    char selected[128]; /* path of the selected row: the selection survives rebuilds */
    int scroll;
    char query[64];
    char edit[128];
    char message[160];
    bool message_bad;
    float width;
    /* Mouse: a press on a number drags it; a press on the left edge resizes. */
    bool dragging, resizing;
    float drag_x0;
    char drag_from[64]; /* the value when the drag began */
    PanelRow *rows;     /* INSPECTOR_ROWS_MAX, allocated on first use */
    int count, sel;
    bool cut;
    InspectorApply apply;
    void *ud;
} Inspector;

void inspector_init(Inspector *in, InspectorApply apply, void *ud);
void inspector_free(Inspector *in);
/* Rebuilds the rows from the live state (schema and state may be NULL: no rows). Call it
 * before input and before drawing, every frame the panel is visible. */
void inspector_refresh(Inspector *in, const HotSchema *schema, void *state);
/* A key press; shift makes number steps ten times bigger. Edits go through apply. */
void inspector_key(Inspector *in, InspectorKey key, bool shift, const HotSchema *schema,
                   void *state);
/* Typed text (UTF-8): the search, a value being typed, or a new search / value. */
void inspector_text(Inspector *in, const char *text);
/* The mouse at (x, y) in logical pixels, its left button down now and pressed this frame.
 * True when the panel owns the mouse (the game should not see it this frame). */
bool inspector_mouse(Inspector *in, float x, float y, bool down, bool pressed,
                     const HotSchema *schema, void *state);
/* What the panel draws now. */
PanelView inspector_view(const Inspector *in);

#endif
