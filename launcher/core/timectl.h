/* timectl.h: the game's clock as the host runs it: pause, single step, slow motion and fast
 * forward, all through the frame time the game reads (api->frame_time), so a game needs no
 * code for them. */
#ifndef HOTRUN_TIMECTL_H
#define HOTRUN_TIMECTL_H

#include <stdbool.h>

typedef struct TimeCtl {
    double scale; /* game seconds per real second */
    bool paused;
    bool step;    /* run one frame while paused */
} TimeCtl;

#define TIMECTL_MIN_SCALE 0.125
#define TIMECTL_MAX_SCALE 8.0

void timectl_init(TimeCtl *t, double scale);
/* Whether the game runs this frame, and its frame time from the real one. */
bool timectl_tick(TimeCtl *t, float real_dt, float *game_dt);
void timectl_toggle_pause(TimeCtl *t);
void timectl_step(TimeCtl *t);   /* pauses, then one frame */
/* Slower: 1 -> 1/2 -> 1/4 -> 1/8 -> 1; faster: 1 -> 2 -> 4 -> 8 -> 1 (from any speed on the
 * other side of 1, back to 1). */
void timectl_slower(TimeCtl *t);
void timectl_faster(TimeCtl *t);
/* "paused", "x0.5", "x2", or "" at normal speed. */
const char *timectl_describe(const TimeCtl *t, char *buf, unsigned size);

#endif
