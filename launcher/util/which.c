/* which.c: finding a program on PATH. */
#include "util/which.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/error.h"

int which(const char *name, char *out, size_t size)
{
    const char *path = getenv("PATH");
    if (!path || !*path)
        path = "/bin:/usr/bin";
    for (const char *p = path;;) {
        size_t n = strcspn(p, ":");
        int len = snprintf(out, size, "%.*s/%s", (int)n, n ? p : ".", name);
        if (len > 0 && (size_t)len < size && access(out, X_OK) == 0)
            return 0;
        if (!p[n])
            break;
        p += n + 1;
    }
    if (size)
        out[0] = '\0';
    return ERR_NOTFOUND;
}
