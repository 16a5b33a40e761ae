/* graph.c: the frame-time graph. */
#include "platform/graph.h"

#include <stdio.h>

#define TARGET_MS 16.667f /* a 60 fps frame */

void graph_add(FrameTimes *t, double ms)
{
    t->ms[t->next] = (float)ms;
    t->next = (t->next + 1) % GRAPH_FRAMES;
    if (t->count < GRAPH_FRAMES)
        t->count++;
}

void graph_stats(const FrameTimes *t, double *mean, double *worst)
{
    double sum = 0, max = 0;
    for (int i = 0; i < t->count; i++) {
        sum += t->ms[i];
        if (t->ms[i] > max)
            max = t->ms[i];
    }
    *mean = t->count ? sum / t->count : 0;
    *worst = max;
}

void graph_draw(Render *r, const FrameTimes *t, float x, float y, float w, float h)
{
    double mean, worst;
    graph_stats(t, &mean, &worst);
    float top = worst > 2 * TARGET_MS ? (float)worst : 2 * TARGET_MS;
    render_rect(r, x, y, w, h, HOT_RGBA(0, 0, 0, 150));
    float bw = w / GRAPH_FRAMES;
    /* Oldest first: the ring's next slot is the oldest once it is full. */
    int first = t->count < GRAPH_FRAMES ? 0 : t->next;
    for (int i = 0; i < t->count; i++) {
        float ms = t->ms[(first + i) % GRAPH_FRAMES];
        float bh = h * (ms > top ? 1.0f : ms / top);
        Color c = ms <= TARGET_MS * 1.05f ? HOT_RGB(90, 210, 120)
                  : ms <= 2 * TARGET_MS  ? HOT_RGB(240, 200, 70)
                                         : HOT_RGB(240, 90, 80);
        render_rect(r, x + (float)i * bw, y + h - bh, bw > 1.5f ? bw - 0.5f : bw, bh, c);
    }
    float line = y + h - h * TARGET_MS / top;
    render_rect(r, x, line, w, 1, HOT_RGBA(255, 255, 255, 140));
    char label[64];
    snprintf(label, sizeof(label), "%.1f ms mean, %.1f worst", mean, worst);
    render_text(r, label, x + 3, y + 3, 1, HOT_RGB(230, 230, 230));
    render_text(r, "16.7", x + w - 4 * HOT_FONT_W - 2, line - HOT_FONT_H - 1, 1,
                HOT_RGBA(255, 255, 255, 180));
}
