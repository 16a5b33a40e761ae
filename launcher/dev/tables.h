/* tables.h: which game files need hot.h's schema tables. tcc keeps every static object, so
 * a tcc build leaves the tables out of the files that do not use them (HOT__NO_TABLES). */
#ifndef HOTRUN_DEV_TABLES_H
#define HOTRUN_DEV_TABLES_H

#include <stdbool.h>

/* True when the source at path names HOT_GAME or a schema (hot_schema_, hot__fields_),
 * or cannot be read: it is compiled with the tables. A file that reaches them only through
 * a macro of its own fails to compile without them and is compiled again with them. */
bool tables_needed(const char *path);
/* True when a failed compile's output (NULL: none) names a schema table: the file needs
 * them after all. Any other error is the file's own, shown as it is. */
bool tables_missing(const char *output);

#endif
