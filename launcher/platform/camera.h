/* camera.h: the 2D camera's transform between world and screen points. Plain maths, no SDL. */
#ifndef HOTRUN_CAMERA_H
#define HOTRUN_CAMERA_H

#include "hot.h"

/* The zoom that is used: a zero, negative or non-finite zoom counts as 1. */
float camera_zoom(Camera2D c);
/* World point -> screen point: (p - target) turned by rotation, times zoom, + offset. */
Vec2 camera_to_screen(Camera2D c, Vec2 world);
/* Screen point -> world point: the inverse of camera_to_screen. */
Vec2 camera_to_world(Camera2D c, Vec2 screen);

#endif
