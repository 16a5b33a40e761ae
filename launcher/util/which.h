/* which.h: finding a program on PATH. */
#ifndef HOTRUN_UTIL_WHICH_H
#define HOTRUN_UTIL_WHICH_H

#include <stddef.h>

/* The path of the executable `name` in the first PATH directory that has one (an empty
 * entry is the current directory; no PATH: /bin:/usr/bin), written to out. 0, or ERR_NOTFOUND
 * (also when the path does not fit in size). Allocates nothing: usable where malloc is not. */
int which(const char *name, char *out, size_t size);

#endif
