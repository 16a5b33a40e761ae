/* file.h: images as files. */
#ifndef HOTRUN_STATE_FILE_H
#define HOTRUN_STATE_FILE_H

#include "state/image.h"

/* Reads a whole file / writes it atomically (temp file + rename). 0 or negative code. */
int state_image_load(const char *path, StateImage *out);
int state_image_save(const char *path, const StateImage *img);

#endif
