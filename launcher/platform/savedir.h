/* savedir.h: the per-user folder where a game keeps its saves (SDL's preference path). */
#ifndef HOTRUN_SAVEDIR_H
#define HOTRUN_SAVEDIR_H

#include <stddef.h>

#include "util/error.h"

/* The folder for game `name` (created if need be), with a trailing '/': for example
 * ~/.local/share/hotrun/NAME/. 0, or a negative ERR_* with one sentence in err. */
int savedir_path(const char *name, char *out, size_t size, Err *err);

#endif
