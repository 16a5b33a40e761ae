/* handles.h: asset handles in a state (HotTexture, HotFont, HotSound, HotMusic, HotData).
 * A handle is an id only the running host understands, so an image saves the asset's path
 * instead (a msgpack string; nil for none) and a decode asks for the id of that path. The
 * host registers how (its asset registry); without a resolver handles save as nil and
 * decode to none. */
#ifndef HOTRUN_STATE_HANDLES_H
#define HOTRUN_STATE_HANDLES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hot.h"

typedef struct StateHandles {
    /* The asset path of a handle, or NULL (none, or an object with no file). */
    const char *(*path_of)(void *ud, HotType type, uint32_t id);
    /* The handle of an asset path (loading it when new); 0 for none. */
    uint32_t (*id_of)(void *ud, HotType type, const char *path);
    void *ud;
} StateHandles;

/* Registers the resolver (copied; NULL removes it). */
void state_set_handles(const StateHandles *h);

static inline bool state_is_handle(int t)
{
    return t >= HOT_TEXTURE && t <= HOT_DATA;
}

/* The path saved for a handle (NULL: saved as nil). */
const char *state_handle_path(HotType type, uint32_t id);
/* The handle of a saved path of len bytes (not NUL-terminated); 0 for none or too long. */
uint32_t state_handle_id(HotType type, const uint8_t *path, size_t len);

#endif
