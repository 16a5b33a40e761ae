/* savedir.c: the per-user save folder, from SDL_GetPrefPath (XDG_DATA_HOME on Linux), so
 * develop and release builds of a game find the same saves. */
#include "platform/savedir.h"

#include <stdio.h>

#include <SDL.h>

int savedir_path(const char *name, char *out, size_t size, Err *err)
{
    char *p = SDL_GetPrefPath("hotrun", name && name[0] ? name : "game");
    if (!p)
        return err_set(err, ERR_IO, "no save folder: %s", SDL_GetError());
    snprintf(out, size, "%s", p);
    SDL_free(p);
    return 0;
}
