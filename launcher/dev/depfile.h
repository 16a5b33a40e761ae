/* depfile.h: the make-style dependency files compilers write with -MD/-MMD. */
#ifndef HOTRUN_DEV_DEPFILE_H
#define HOTRUN_DEV_DEPFILE_H

#include "util/strings.h"

/* Appends the prerequisites of the depfile at path ("obj: a.c b.h \<newline> c.h", with
 * make's escapes: "\ ", "\#", "\\", "$$") to out as absolute paths (a relative one is
 * relative to base_dir, the compiler's working directory). 0; ERR_NOTFOUND when it cannot
 * be opened, ERR_CORRUPT when it has no target. */
int depfile_read(const char *path, const char *base_dir, Strv *out);

#endif
