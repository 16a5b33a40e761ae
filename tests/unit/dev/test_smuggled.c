/* test_smuggled.c: pointer-sized integers of a state that hold addresses inside a noted
 * library are found with their paths; other numbers, and other kinds of field, are not. */
#include "dev/smuggled.h"
#include "testlib.h"

#include <stdio.h>

#define INNER(X) X(FIELD, uint64_t, fn, 0)
HOT_STATE(Inner, INNER)

#define OUTER(X)                        \
    X(FIELD, uint64_t, plain, 0)        \
    X(FIELD, int64_t, cb, 0)            \
    X(ARRAY, uint64_t, slots, 3)        \
    X(STRUCT, Inner, inner)             \
    X(LIST, Inner, items, 4)            \
    X(FIELD, uint32_t, small, 0)
HOT_STATE(Outer, OUTER)

static char found[8][128];
static int nfound;

static void hit(const char *path, uint64_t value, void *ud)
{
    (void)value;
    (void)ud;
    if (nfound < 8)
        snprintf(found[nfound++], sizeof(found[0]), "%s", path);
}

static void test_finds_paths(void)
{
    /* libc stands for the old library: its code and its data. */
    const void *libc = stdin;
    smuggled_note_library(libc);
    uint64_t in = (uint64_t)(uintptr_t)stdin;
    Outer o = {0};
    o.plain = 42;
    o.cb = (int64_t)in;
    o.slots[1] = in;
    o.inner.fn = in;
    o.items.count = 2;
    o.items.items[1].fn = in;
    o.items.items[3].fn = in; /* past the count: not state */
    o.small = 7;
    const char *lib = NULL;
    int n = smuggled_scan(&hot_schema_Outer, &o, &lib, hit, NULL);
    for (int i = 0; i < nfound; i++)
        fprintf(stderr, "   %s\n", found[i]);
    CHECK_EQ_INT(n, 4);
    CHECK_EQ_STR(found[0], "cb");
    CHECK_EQ_STR(found[1], "slots.1");
    CHECK_EQ_STR(found[2], "inner.fn");
    CHECK_EQ_STR(found[3], "items.1.fn");
    CHECK(lib && strstr(lib, "libc") != NULL);
    /* Nothing noted: nothing found. */
    smuggled_note_library(NULL);
    nfound = 0;
    CHECK_EQ_INT(smuggled_scan(&hot_schema_Outer, &o, &lib, hit, NULL), 0);
}

int main(void)
{
    RUN(test_finds_paths);
    return 0;
}
