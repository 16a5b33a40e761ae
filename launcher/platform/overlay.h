/* overlay.h: what the host draws over the game: the status line (at the bottom, fading),
 * build errors, faults over the dimmed frozen frame, the help overlay (host keys, frame
 * times, the last reload's phases) and the tweak panel (platform/panel.h). */
#ifndef HOTRUN_OVERLAY_H
#define HOTRUN_OVERLAY_H

#include <stdbool.h>

#include "hot.h"
#include "platform/graph.h"
#include "platform/panel.h"
#include "platform/render.h"

/* The status bar at the bottom (scale 2 text): what the host draws above it keeps clear. */
#define OVERLAY_STATUS_H (HOT_FONT_H * 2 + 10)

typedef struct Overlay {
    char status[256];   /* last reload/save line; fades out */
    double status_time; /* when it was set (seconds, host clock) */
    char error[1024];   /* first compiler error or refusal; stays until cleared */
    char fault[1024];   /* what faulted and where; stays until cleared */
    bool help;          /* the help overlay is shown */
    FrameTimes frames;  /* the last frames' times, for the graph */
    char reload[512];   /* the last reload's phases, lines of text */
} Overlay;

/* One host key for the help: "F5", "quicksave". */
typedef struct OverlayKey {
    const char *keys;
    const char *what;
} OverlayKey;

/* What else this frame's overlay shows. */
typedef struct OverlayScene {
    const PanelView *panel;  /* the tweak panel, NULL when closed */
    const OverlayKey *keys;  /* the host keys, listed by the help */
    int nkeys;
    const char *last_fault;  /* the latest fault report for the help, "" or NULL: none */
    const char *fault_hint;  /* the keys that go on after a fault, under its report */
    bool frozen;             /* the game is stopped after a fault: dim what is behind */
} OverlayScene;

/* Sets a line shown for a few seconds (printf-style). */
void overlay_status(Overlay *o, double now, const char *fmt, ...) HOT_PRINTF(3, 4);
/* Sets or clears (NULL) the persistent build error / fault panels. */
void overlay_error(Overlay *o, const char *text);
void overlay_fault(Overlay *o, const char *text);
/* Sets the last reload's phases (printf-style; lines split by '\n'). */
void overlay_reload(Overlay *o, const char *fmt, ...) HOT_PRINTF(2, 3);
/* Adds one frame's time to the graph. */
void overlay_frame_time(Overlay *o, double ms);
/* Draws everything over the game's frame (scene may be NULL). */
void overlay_draw(const Overlay *o, Render *r, double now, const OverlayScene *scene);

#endif
