/* image_in.h: state images that come in from files (--state-in, F9's quickload, Shift+F9's
 * resume): read without blocking and without reading a non-image whole, refused when
 * another game wrote them (unless cfg.state_in_any), and every change their decode needed
 * shown in the terminal and on the status line. */
#ifndef HOTRUN_CORE_IMAGE_IN_H
#define HOTRUN_CORE_IMAGE_IN_H

#include <stddef.h>

#include "core/host_internal.h"

/* Reads the image at `path` for the current game into out. 0, or a negative ERR_* with the
 * reason in err (without the path, which the caller names): not a regular file, not an
 * image (its header is checked before the file is read whole), or an image of another
 * game (ERR_OTHERGAME). */
int image_in_read(Host *h, const char *path, StateImage *out, Err *err);

/* After a decode of the image loaded from `path` (`what`: "--state-in" or "loaded"):
 * each change to the terminal, one "hotrun: " line each, and a status line that names
 * them (also written into `status` for the event, when not NULL). Quiet for a --state-in
 * that needed no change. */
void image_in_report(Host *h, const char *what, const char *path, const StateReport *r,
                     char *status, size_t size);

#endif
