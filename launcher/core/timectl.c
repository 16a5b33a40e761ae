/* timectl.c: pause, step, slow motion, fast forward. */
#include "core/timectl.h"

#include <stdio.h>

void timectl_init(TimeCtl *t, double scale)
{
    t->scale = scale > 0 ? scale : 1.0;
    t->paused = false;
    t->step = false;
}

bool timectl_tick(TimeCtl *t, float real_dt, float *game_dt)
{
    if (t->paused && !t->step)
        return false;
    t->step = false;
    *game_dt = (float)(real_dt * t->scale);
    return true;
}

void timectl_toggle_pause(TimeCtl *t)
{
    t->paused = !t->paused;
    t->step = false;
}

void timectl_step(TimeCtl *t)
{
    t->paused = true;
    t->step = true;
}

void timectl_slower(TimeCtl *t)
{
    if (t->scale > 1.0 || t->scale <= TIMECTL_MIN_SCALE)
        t->scale = 1.0;
    else
        t->scale /= 2;
}

void timectl_faster(TimeCtl *t)
{
    if (t->scale < 1.0 || t->scale >= TIMECTL_MAX_SCALE)
        t->scale = 1.0;
    else
        t->scale *= 2;
}

const char *timectl_describe(const TimeCtl *t, char *buf, unsigned size)
{
    if (t->paused)
        snprintf(buf, size, "paused");
    else if (t->scale != 1.0)
        snprintf(buf, size, "x%g", t->scale);
    else
        snprintf(buf, size, "%s", "");
    return buf;
}
