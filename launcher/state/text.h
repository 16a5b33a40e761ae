/* text.h: the live state as "path = value" lines, for the inspector overlay. */
#ifndef HOTRUN_STATE_TEXT_H
#define HOTRUN_STATE_TEXT_H

#include <stddef.h>

#include "state/schema.h"

/* Writes human-readable "path = value" lines of the live state into buf (NUL-terminated,
 * cut at size), for the inspector overlay. Long arrays show their first items and a count.
 * Returns the number of lines written. */
int state_layout_inspect(const StateLayout *l, const void *mem, char *buf, size_t size);
/* The same for an unchecked schema (0 lines when it is unusable). */
int state_inspect(const HotSchema *schema, const void *mem, char *buf, size_t size);

#endif
