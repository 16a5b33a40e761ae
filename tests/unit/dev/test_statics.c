/* test_statics.c: the writable static and global variables of a real library, with their
 * lines; constants, HOT_SCRATCH and hot.h's own tables are not listed. */
#include "dev/statics.h"
#include "testlib.h"

#include <stdbool.h>
#include <stdlib.h>

#include "util/error.h"

static const char *src =
    "#include \"hot.h\"\n"
    "#define S(X) X(FIELD, uint64_t, frames, 0)\n"
    "HOT_STATE(Sv, S)\n"
    "static int hits;\n"                    /* line 4 */
    "int total = 5;\n"                      /* line 5 */
    "static HOT_SCRATCH char buf[64];\n"
    "static const int limit = 3;\n"
    "const char *const names[] = {\"a\"};\n"
    "static void update(const HotApi *api, void *state)\n"
    "{\n"
    "    static int calls;\n"               /* line 11 */
    "    (void)api;\n"
    "    calls++; hits++; total += limit; buf[0]++;\n"
    "    ((Sv *)state)->frames += (uint64_t)names[0][0];\n"
    "}\n"
    "HOT_GAME(Sv, .name = \"sv\", .update = update);\n";

static const StaticVar *find(const StaticVar *v, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(v[i].name, name) == 0)
            return &v[i];
    return NULL;
}

static void test_lists_the_writable_ones(void)
{
    char *tmp = test_tmpdir();
    char path[1024], lib[1024], cmd[4096];
    snprintf(path, sizeof(path), "%s/sv.c", tmp);
    snprintf(lib, sizeof(lib), "%s/sv.so", tmp);
    test_write_file(path, src);
    snprintf(cmd, sizeof(cmd), "cc -shared -fPIC -g -O0 -fvisibility=hidden -I%s -o %s %s",
             HOT_SHARED_DIR, lib, path);
    CHECK(system(cmd) == 0);
    StaticVar v[16];
    int n = statics_list(lib, v, 16);
    for (int i = 0; i < n; i++)
        fprintf(stderr, "   %s (%s)\n", v[i].name, v[i].symbol);
    CHECK_EQ_INT(n, 3);
    CHECK(find(v, n, "hits") && find(v, n, "total") && find(v, n, "calls"));
    CHECK(!find(v, n, "buf") && !find(v, n, "limit") && !find(v, n, "hot_game"));
    statics_locate(lib, v, n);
    if (system("nm --version >/dev/null 2>&1") == 0) {
        CHECK_EQ_STR(find(v, n, "hits")->where, "sv.c:4");
        CHECK_EQ_STR(find(v, n, "total")->where, "sv.c:5");
        CHECK_EQ_STR(find(v, n, "calls")->where, "sv.c:11");
    }
    /* Not a library: refused, never a crash. */
    CHECK(statics_list(path, v, 16) < 0);
    CHECK(statics_list("/nonexistent/x.so", v, 16) < 0);
    test_rmtree(tmp);
    free(tmp);
}

/* tcc puts every initialised variable in .data, constants too, and names its string
 * literals L.N: hot.h's own tables (hot_game, hot_schema_*, the field tables) and those
 * literals are not the game's variables. (A game's own constants look like variables
 * there; HOT_SCRATCH is empty with tcc, whose section would not be writable.) */
static void test_tcc_library(void)
{
    if (system("tcc -v >/dev/null 2>&1") != 0) {
        fprintf(stderr, "   no tcc: skipped\n");
        return;
    }
    char *tmp = test_tmpdir();
    char path[1024], lib[1024], cmd[4096];
    snprintf(path, sizeof(path), "%s/sv.c", tmp);
    snprintf(lib, sizeof(lib), "%s/sv.so", tmp);
    test_write_file(path, src);
    snprintf(cmd, sizeof(cmd), "tcc -shared -fPIC -g -I%s -o %s %s", HOT_SHARED_DIR, lib,
             path);
    CHECK(system(cmd) == 0);
    StaticVar v[64];
    int n = statics_list(lib, v, 64);
    for (int i = 0; i < n; i++)
        fprintf(stderr, "   %s (%s)\n", v[i].name, v[i].symbol);
    CHECK(find(v, n, "hits") && find(v, n, "total") && find(v, n, "calls"));
    CHECK(!find(v, n, "hot_game") && !find(v, n, "L") && !find(v, n, "fields"));
    for (int i = 0; i < n; i++)
        CHECK(strncmp(v[i].name, "hot_schema_", 11) != 0 && strncmp(v[i].name, "hot__", 5) != 0);
    test_rmtree(tmp);
    free(tmp);
}

/* tcc writes stabs, not DWARF, and nm -l reads them wrong: every variable got the line of
 * the last file's first function (b.c:4 for a.c's hits). Without DWARF no place is said
 * rather than a wrong one. */
static void test_tcc_no_wrong_place(void)
{
    if (system("tcc -v >/dev/null 2>&1") != 0) {
        fprintf(stderr, "   no tcc: skipped\n");
        return;
    }
    char *tmp = test_tmpdir();
    char a[1024], b[1024], lib[1024], cmd[4096];
    snprintf(a, sizeof(a), "%s/a.c", tmp);
    snprintf(b, sizeof(b), "%s/b.c", tmp);
    snprintf(lib, sizeof(lib), "%s/ab.so", tmp);
    test_write_file(a, "static int hits;\nint a_step(void) { return hits++; }\n");
    test_write_file(b, "/* b.c */\n\nstatic int misses = 2;\nint b_step(void) { return misses++; }\n");
    snprintf(cmd, sizeof(cmd), "tcc -shared -fPIC -g -o %s %s %s", lib, a, b);
    CHECK(system(cmd) == 0);
    StaticVar v[16];
    int n = statics_list(lib, v, 16);
    CHECK(find(v, n, "hits") && find(v, n, "misses"));
    statics_locate(lib, v, n);
    for (int i = 0; i < n; i++)
        fprintf(stderr, "   %s at '%s'\n", v[i].name, v[i].where);
    const StaticVar *h = find(v, n, "hits"), *m = find(v, n, "misses");
    CHECK(h && (!h->where[0] || strcmp(h->where, "a.c:1") == 0));
    CHECK(m && (!m->where[0] || strcmp(m->where, "b.c:3") == 0));
    test_rmtree(tmp);
    free(tmp);
}

int main(void)
{
    RUN(test_lists_the_writable_ones);
    RUN(test_tcc_library);
    RUN(test_tcc_no_wrong_place);
    return 0;
}
