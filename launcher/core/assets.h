/* assets.h: the asset registry. Textures, fonts, sounds, music and data files are named by
 * their path in the game's asset folder and handed to the game as small ids (the handles
 * of hot.h). The registry maps path <-> id per kind, loads each kind through the
 * callbacks its platform module gives, keeps a placeholder (a NULL object) when a file is
 * missing or broken, reloads a changed file in place behind its id, counts versions and
 * writes "asset" events. Ids stay valid until the registry is destroyed. */
#ifndef HOTRUN_ASSETS_H
#define HOTRUN_ASSETS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hot.h"
#include "util/error.h"

typedef enum AssetKind {
    ASSET_TEXTURE = 0,
    ASSET_FONT,
    ASSET_SOUND,
    ASSET_MUSIC,
    ASSET_DATA,
    ASSET_KINDS
} AssetKind;

/* Times of one load's phases, in milliseconds; a loader fills the ones it has. */
typedef struct AssetTimes {
    double read, decode, upload, total;
} AssetTimes;

/* How one kind is loaded. */
typedef struct AssetKindOps {
    const char *noun; /* "texture": in sentences and events */
    /* Makes the kind's object from a file's bytes (borrowed for the call). `old` is the
     * object it will replace (NULL at the first load): settings may be carried over; it
     * is freed afterwards by the registry. NULL with one sentence in err. */
    void *(*load)(void *ud, const void *bytes, size_t len, void *old, AssetTimes *t, Err *err);
    void (*unload)(void *ud, void *obj); /* NULL obj never passed */
    void *ud;
} AssetKindOps;

typedef struct Assets Assets;

/* An empty registry; root is the asset folder (absolute; NULL or "" for none). */
Assets *assets_create(const char *root);
/* Unloads every asset. NULL is fine. */
void assets_destroy(Assets *a);
void assets_set_root(Assets *a, const char *root);
const char *assets_root(const Assets *a);
void assets_set_kind(Assets *a, AssetKind kind, const AssetKindOps *ops);
/* Where the registry's sentences go (a failed or missing load: one line each); without
 * one they go to stderr with the "hotrun: " prefix. */
void assets_set_report(Assets *a, void (*report)(void *ud, const char *line), void *ud);
/* Reads files from `read` instead of the asset folder (an archive embedded in a release
 * executable). read returns 0 with a malloc'ed buffer in *bytes, or a negative ERR_*. */
void assets_set_reader(Assets *a, int (*read)(void *ud, const char *path, void **bytes,
                                              size_t *len),
                       void *ud);

/* The id of the asset at `path` (relative to the asset folder), loading it on first use.
 * A file that is missing or cannot be loaded still gets an id: its object is NULL (drawn
 * as a placeholder) until a later assets_check finds the file good. 0 only for a NULL or
 * empty path. */
uint32_t assets_load(Assets *a, AssetKind kind, const char *path);
/* Registers an object made by the host (a render target): an id with no path, never
 * reloaded. 0 when obj is NULL. */
uint32_t assets_add(Assets *a, AssetKind kind, void *obj);
/* The object behind an id, or NULL (none, unknown, or a placeholder). */
void *assets_get(const Assets *a, AssetKind kind, uint32_t id);
/* How many times the asset was loaded from its file (0: never). */
uint32_t assets_version(const Assets *a, AssetKind kind, uint32_t id);
/* The asset path of an id; NULL for none, unknown or a host-made object. */
const char *assets_path(const Assets *a, AssetKind kind, uint32_t id);
/* Looks at every asset's file and reloads the ones that changed, appeared or were
 * replaced; a failed reload keeps the old object. Returns how many were reloaded. */
int assets_check(Assets *a);

/* The kind of a handle type (HOT_TEXTURE...); false for any other type. */
bool assets_kind_of(HotType type, AssetKind *kind);
/* The state library's resolver: a handle's path, and the handle of a path (loading it).
 * ud is the Assets. */
const char *assets_resolve_path(void *ud, HotType type, uint32_t id);
uint32_t assets_resolve_id(void *ud, HotType type, const char *path);

/* The asset folder of a game whose sources are in src_dir: src_dir/assets if it is a
 * folder, else an assets folder beside src_dir (game/assets for game/src), else
 * src_dir/assets (missing: every asset a placeholder). */
void assets_default_root(const char *src_dir, char *out, size_t size);

#endif
