/* fs.h: file system helpers. */
#ifndef HOTRUN_UTIL_FS_H
#define HOTRUN_UTIL_FS_H

#include <stdbool.h>

/* Creates path and every missing parent (mode 0755 less the umask); an existing directory
 * is fine. 0, or a negative ERR_* code with errno set by the mkdir that failed. */
int fs_mkdirs(const char *path);
/* fs_mkdirs of the directory that holds file. */
int fs_mkdirs_parent(const char *file);
/* Copies the rest of the open file in to out (copy_file_range, else read and write). 0, or
 * ERR_IO with errno set. */
int fs_copy_fd(int in, int out);
/* Copies src to dst, a new file of that mode (an existing dst is replaced). 0, or ERR_IO
 * with errno set; nothing is left at dst on failure. */
int fs_copy_file(const char *src, const char *dst, unsigned mode);
/* Whether the files a and b can both be read and hold the same bytes (sizes first). */
bool fs_same_bytes(const char *a, const char *b);

#endif
