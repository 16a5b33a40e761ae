/* file.h: images as files. */
#ifndef HOTRUN_STATE_FILE_H
#define HOTRUN_STATE_FILE_H

#include "state/image.h"

/* Reads a whole regular file (any bytes: recordings use it too). A directory, FIFO, device
 * or socket is refused at once with STATE_ENOTFILE (a FIFO without a writer does not block).
 * 0 or a negative code; out is kept on failure. */
int state_image_load(const char *path, StateImage *out);
/* The same for a state image: its header is checked on the first bytes before the rest of
 * the file is read (STATE_EMAGIC, STATE_EFORMAT or STATE_ECORRUPT at once, whatever the
 * file's size). The whole image is validated later, by whoever decodes it. */
int state_image_read(const char *path, StateImage *out);
/* Writes an image atomically (temp file + rename); a packed image (encode.h) is written
 * in its portable form. 0 or a negative code. */
int state_image_save(const char *path, const StateImage *img);

#endif
