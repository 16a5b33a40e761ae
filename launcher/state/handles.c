/* handles.c: asset handles saved by path (see handles.h). */
#include "state/handles.h"

#include <limits.h>
#include <string.h>

static StateHandles resolver;

void state_set_handles(const StateHandles *h)
{
    if (h)
        resolver = *h;
    else
        memset(&resolver, 0, sizeof(resolver));
}

const char *state_handle_path(HotType type, uint32_t id)
{
    if (!id || !resolver.path_of)
        return NULL;
    return resolver.path_of(resolver.ud, type, id);
}

uint32_t state_handle_id(HotType type, const uint8_t *path, size_t len)
{
    char buf[PATH_MAX];
    if (!resolver.id_of || len == 0 || len >= sizeof(buf) || memchr(path, 0, len))
        return 0;
    memcpy(buf, path, len);
    buf[len] = '\0';
    return resolver.id_of(resolver.ud, type, buf);
}
