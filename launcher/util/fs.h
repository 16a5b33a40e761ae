/* fs.h: file system helpers. */
#ifndef HOTRUN_UTIL_FS_H
#define HOTRUN_UTIL_FS_H

/* Creates path and every missing parent (mode 0755 less the umask); an existing directory
 * is fine. 0, or a negative ERR_* code with errno set by the mkdir that failed. */
int fs_mkdirs(const char *path);
/* fs_mkdirs of the directory that holds file. */
int fs_mkdirs_parent(const char *file);

#endif
