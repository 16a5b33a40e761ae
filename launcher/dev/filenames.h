/* filenames.h: which names in a watched folder are sources (by extension), and which are
 * editors' temp, backup, lock and swap files, never a source whatever their extension. */
#ifndef HOTRUN_DEV_FILENAMES_H
#define HOTRUN_DEV_FILENAMES_H

#include <stdbool.h>

/* .#foo.c and #foo.c# (emacs), .foo.c.swp and 4913 (vim), foo.c~, foo.c.tmp, foo.c.bak,
 * JetBrains' ___jb_tmp___ and ___jb_old___, any hidden name (.goutputstream-*). */
bool filenames_editor_temp(const char *name);
/* True when name ends with one of ext (NULL-terminated; "" matches every name) and is no
 * editor temp file. */
bool filenames_counts(const char *const *ext, const char *name);

#endif
