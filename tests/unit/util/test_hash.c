/* test_hash.c: FNV-1a 64 against its published test values. */
#include "util/hash.h"
#include "testlib.h"

int main(void)
{
    CHECK(hash_str("") == 0xcbf29ce484222325ull);
    CHECK(hash_str("a") == 0xaf63dc4c8601ec8cull);
    CHECK(hash_str("foobar") == 0x85944171f73967e8ull);
    /* Continuing over pieces is hashing the whole. */
    CHECK(hash_bytes(hash_bytes(HASH_FNV1A_INIT, "foo", 3), "bar", 3) == hash_str("foobar"));
    CHECK(hash_str("a/b") != hash_str("b/a"));
    return 0;
}
