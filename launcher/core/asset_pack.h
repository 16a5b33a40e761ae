/* asset_pack.h: a game's asset folder appended to its release executable, so a one-file
 * release carries its assets. The format: the files' bytes, one after the other, then an
 * index (for each file: u32 path length, the path, u64 offset, u64 size, little-endian),
 * then a 24-byte trailer (u64 offset of the index, u64 number of files, "HOTPACK1").
 * The ELF loader ignores bytes after the program, so the executable runs as before. */
#ifndef HOTRUN_ASSET_PACK_H
#define HOTRUN_ASSET_PACK_H

#include <stddef.h>

#include "util/error.h"

typedef struct AssetPack AssetPack;

/* Appends every file under root (following symbolic links; names starting with '.' are
 * left out) to the file exe. Returns the number of files, or a negative ERR_* with err. */
int asset_pack_append(const char *exe, const char *root, Err *err);
/* The pack at the end of exe, or NULL when it has none. */
AssetPack *asset_pack_open(const char *exe);
void asset_pack_close(AssetPack *p);
/* A file of the pack by its path: 0 with a malloc'ed copy (NUL-terminated) in *bytes, or
 * ERR_NOTFOUND / ERR_IO / ERR_NOMEM. Fits AssetsRead (core/assets.h); ud is the pack. */
int asset_pack_read(void *ud, const char *path, void **bytes, size_t *len);

#endif
