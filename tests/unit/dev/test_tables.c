/* test_tables.c: which files tcc compiles with hot.h's schema tables: those that name
 * HOT_GAME or a schema, and any it cannot read; and which failed compiles lacked them. */
#include <stdlib.h>
#include <sys/stat.h>

#include "dev/tables.h"
#include "testlib.h"

static bool needed(const char *dir, const char *text)
{
    char path[600];
    snprintf(path, sizeof(path), "%s/f.c", dir);
    test_write_file(path, text);
    return tables_needed(path);
}

int main(void)
{
    char *dir = test_tmpdir();
    CHECK(needed(dir, "#include \"hot.h\"\nHOT_GAME(S, .update = update);\n"));
    CHECK(needed(dir, "const HotSchema *s = &hot_schema_Player;\n"));
    CHECK(needed(dir, "uint32_t n; hot__fields_Player(&n);\n"));
    CHECK(!needed(dir, "#include \"game.h\"\nint other(Root *r) { return r->n; }\n"));
    CHECK(!needed(dir, "/* HOT_STATE(Player, PLAYER) lives in game.h */\nint x;\n"));
    /* A failed compile: once more with the tables only when its error names one. */
    CHECK(tables_missing("main.c:3: error: 'hot_schema_Root' undeclared\n"));
    CHECK(tables_missing("x.c:1: error: 'hot__fields_Root' undeclared\n"));
    CHECK(!tables_missing("k.c:1: error: ';' expected (got \"}\")\n"));
    CHECK(!tables_missing(""));
    CHECK(!tables_missing(NULL));
    char path[600];
    snprintf(path, sizeof(path), "%s/missing.c", dir);
    CHECK(tables_needed(path)); /* unreadable: with the tables, the compiler says why */
    CHECK(tables_needed(dir));  /* not a file */
    test_rmtree(dir);
    free(dir);
    return 0;
}
