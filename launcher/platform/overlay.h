/* overlay.h: what the host draws over the game: reload lines, build errors, faults,
 * and the tweak panel (platform/panel.h). */
#ifndef HOTRUN_OVERLAY_H
#define HOTRUN_OVERLAY_H

#include <stdbool.h>

#include "hot.h"
#include "platform/panel.h"
#include "platform/render.h"

typedef struct Overlay {
    char status[256];   /* last reload/save line; fades out */
    double status_time; /* when it was set (seconds, host clock) */
    char error[1024];   /* first compiler error or refusal; stays until cleared */
    char fault[1024];   /* what faulted and where; stays until cleared */
} Overlay;

/* Sets a line shown for a few seconds (printf-style). */
void overlay_status(Overlay *o, double now, const char *fmt, ...) HOT_PRINTF(3, 4);
/* Sets or clears (NULL) the persistent build error / fault panels. */
void overlay_error(Overlay *o, const char *text);
void overlay_fault(Overlay *o, const char *text);
/* Draws the panels, and the tweak panel `panel` (NULL when it is closed). */
void overlay_draw(const Overlay *o, Render *r, double now, const PanelView *panel);

#endif
