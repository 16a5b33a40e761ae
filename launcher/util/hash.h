/* hash.h: FNV-1a, 64-bit: cache names, stat-cache slots, the hash of a command line. */
#ifndef HOTRUN_UTIL_HASH_H
#define HOTRUN_UTIL_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_FNV1A_INIT 14695981039346656037ull

/* Continues hash h over n bytes (start with HASH_FNV1A_INIT). */
uint64_t hash_bytes(uint64_t h, const void *data, size_t n);
/* The hash of a NUL-terminated string (without its NUL). */
uint64_t hash_str(const char *s);

#endif
