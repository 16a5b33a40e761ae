/* filenames.c: sources and editor temp files, by name. */
#include "dev/filenames.h"

#include <string.h>

#include "util/strings.h"

bool filenames_editor_temp(const char *name)
{
    static const char *const suffixes[] = {
        "~", "#", ".swp", ".swx", ".swo", ".tmp", ".bak", "___jb_tmp___", "___jb_old___"};
    if (name[0] == '.' || name[0] == '#') /* .#foo.c (emacs), .foo.c.swp, .goutputstream-* */
        return true;
    if (strcmp(name, "4913") == 0) /* vim's probe for a writable directory */
        return true;
    for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
        if (str_ends_with(name, suffixes[i]))
            return true;
    return false;
}

bool filenames_counts(const char *const *ext, const char *name)
{
    if (!name || !name[0] || filenames_editor_temp(name))
        return false;
    for (int i = 0; ext[i]; i++)
        if (str_ends_with(name, ext[i]))
            return true;
    return false;
}
