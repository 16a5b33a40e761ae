/* smuggled.h: pointers into an old game library smuggled through integer fields. A
 * uint64_t holding a function's or a string's address crosses the swap as a number; after
 * the old library is closed it points at nothing (or at whatever is mapped there next).
 * The loader notes the old library's mapping before it is closed; after the swap the new
 * state's pointer-sized integers are looked at for values inside it. */
#ifndef HOTRUN_DEV_SMUGGLED_H
#define HOTRUN_DEV_SMUGGLED_H

#include <stdint.h>

#include "hot.h"

/* Notes the mapping (every loaded segment) of the library that holds `addr`, replacing the
 * previous note. */
void smuggled_note_library(const void *addr);
/* Calls hit(path, value) for each pointer-sized integer (int64_t, uint64_t) of the state
 * `mem` laid out by `schema` whose value lies inside the noted mapping ("enemies.2.on_hit",
 * "callback"); returns how many. The note's library file name is in *lib. */
int smuggled_scan(const HotSchema *schema, const void *mem, const char **lib,
                  void (*hit)(const char *path, uint64_t value, void *ud), void *ud);

#endif
