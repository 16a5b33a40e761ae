/* hash.c: FNV-1a, 64-bit. */
#include "util/hash.h"

#include <string.h>

uint64_t hash_bytes(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 1099511628211ull;
    return h;
}

uint64_t hash_str(const char *s)
{
    return hash_bytes(HASH_FNV1A_INIT, s, strlen(s));
}
