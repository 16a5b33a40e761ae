/* panel.h: drawing the tweak panel (the F1 state tree) docked on the right of the window,
 * and finding what a mouse position points at. What the rows say is decided in
 * core/inspector.c; this file only lays them out. */
#ifndef HOTRUN_PANEL_H
#define HOTRUN_PANEL_H

#include <stdbool.h>
#include <stdint.h>

#include "platform/render.h"

#define PANEL_ROW_H     12  /* pixels a row */
#define PANEL_MIN_W     180 /* narrowest and widest the panel can be dragged to */
#define PANEL_MAX_W     (RENDER_WIDTH - 120)
#define PANEL_DEFAULT_W 300

/* What a row shows. kind is a StateValueKind (state/edit.h), kept as a number here so the
 * platform layer needs nothing from above it. */
typedef struct PanelRow {
    char path[128];   /* the value's full path: what an edit names */
    char label[128];  /* "speed", "[3]", or the full path in a search */
    char value[64];   /* "260", "true", "play", "(3 of 16)" */
    uint8_t depth;
    uint8_t kind;
    bool group;       /* has children (struct, array, list) */
    bool open;        /* a group shown expanded */
} PanelRow;

typedef enum PanelMode {
    PANEL_BROWSE = 0,
    PANEL_SEARCH, /* typing the search text */
    PANEL_EDIT,   /* typing a new value for the selected row */
} PanelMode;

/* Everything the panel draws. */
typedef struct PanelView {
    const PanelRow *rows;
    int count;        /* rows in `rows` */
    bool cut;         /* there were more rows than fit in the model */
    int selected;     /* row index, or -1 */
    int scroll;       /* first row shown */
    PanelMode mode;
    const char *query;   /* search text ("" for none) */
    const char *edit;    /* the value being typed (PANEL_EDIT) */
    const char *message; /* last edit's result, "" for none */
    bool message_bad;    /* the message is an error */
    float width;         /* docked width in logical pixels */
} PanelView;

/* Rows that fit below the panel's header. */
int panel_visible_rows(void);
/* Draws the panel over the right side of the frame. */
void panel_draw(Render *r, const PanelView *v);

typedef enum PanelPart {
    PANEL_NONE = 0, /* not on the panel */
    PANEL_EDGE,     /* the left border: drag to resize */
    PANEL_HEADER,   /* title and search line */
    PANEL_ARROW,    /* a group's open/close arrow, or a row's name */
    PANEL_VALUE,    /* a row's value */
    PANEL_EMPTY,    /* the panel below its last row */
} PanelPart;

/* What (x, y) in logical pixels points at; *row is the row index for ARROW and VALUE. */
PanelPart panel_hit(const PanelView *v, float x, float y, int *row);

#endif
