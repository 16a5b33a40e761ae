/* graph.h: the frame-time graph: the last frames' times as bars against the 60 fps line. */
#ifndef HOTRUN_GRAPH_H
#define HOTRUN_GRAPH_H

#include "platform/render.h"

#define GRAPH_FRAMES 120

/* A ring of the last GRAPH_FRAMES frame times, in milliseconds. */
typedef struct FrameTimes {
    float ms[GRAPH_FRAMES];
    int next, count;
} FrameTimes;

void graph_add(FrameTimes *t, double ms);
/* Mean and worst of the frames held; 0 when none. */
void graph_stats(const FrameTimes *t, double *mean, double *worst);
/* Draws the bars in a w x h box at (x, y), oldest on the left; the scale fits 33 ms (or the
 * worst frame when it is worse), with a line at 16.7 ms. */
void graph_draw(Render *r, const FrameTimes *t, float x, float y, float w, float h);

#endif
