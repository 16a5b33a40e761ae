/* json.h: an image as JSON text (hotrun dump). */
#ifndef HOTRUN_STATE_JSON_H
#define HOTRUN_STATE_JSON_H

#include <stdio.h>

#include "state/image.h"

/* Writes an image as JSON (stable key order: as in the image) to `out`. 0 or code. */
int state_image_to_json(const StateImage *img, FILE *out);

#endif
