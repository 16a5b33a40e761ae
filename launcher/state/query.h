/* query.h: values read from an image by dotted path, without a schema (the migrate hook's
 * image_number and image_string). */
#ifndef HOTRUN_STATE_QUERY_H
#define HOTRUN_STATE_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "state/image.h"

/* Reads a value at a dotted path of an image ("player.pos.x", "enemies.3.hp"), for the
 * migrate hook. Return false when missing or not of that kind. */
bool state_image_number(const StateImage *img, const char *path, double *out);
bool state_image_string(const StateImage *img, const char *path, char *buf, size_t size);

#endif
