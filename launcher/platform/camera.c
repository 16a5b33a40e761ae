/* camera.c: the 2D camera's transform. Screen y grows downwards, so a positive angle turns
 * clockwise on screen, as SDL's rotated copies do. */
#include "platform/camera.h"

#include <math.h>

float camera_zoom(Camera2D c)
{
    return (isfinite(c.zoom) && c.zoom > 0) ? c.zoom : 1.0f;
}

Vec2 camera_to_screen(Camera2D c, Vec2 p)
{
    float z = camera_zoom(c);
    float a = c.rotation * (float)M_PI / 180.0f;
    float cs = cosf(a), sn = sinf(a);
    float dx = p.x - c.target.x, dy = p.y - c.target.y;
    return (Vec2){c.offset.x + (dx * cs - dy * sn) * z, c.offset.y + (dx * sn + dy * cs) * z};
}

Vec2 camera_to_world(Camera2D c, Vec2 s)
{
    float z = camera_zoom(c);
    float a = c.rotation * (float)M_PI / 180.0f;
    float cs = cosf(a), sn = sinf(a);
    float dx = (s.x - c.offset.x) / z, dy = (s.y - c.offset.y) / z;
    return (Vec2){c.target.x + dx * cs + dy * sn, c.target.y - dx * sn + dy * cs};
}
