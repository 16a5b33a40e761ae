/* test_sources.c: which files are the game's sources, and pruning what the cache keeps of
 * the ones that are gone. */
#include <sys/stat.h>
#include <unistd.h>

#include "dev/sources.h"
#include "testlib.h"

static void put(const char *dir, const char *rel)
{
    char p[700];
    snprintf(p, sizeof(p), "%s/%s", dir, rel);
    for (char *s = p + strlen(dir) + 1; *s; s++)
        if (*s == '/') {
            *s = '\0';
            mkdir(p, 0755);
            *s = '/';
        }
    test_write_file(p, "x\n");
}

static bool exists(const char *dir, const char *rel)
{
    char p[700];
    snprintf(p, sizeof(p), "%s/%s", dir, rel);
    return access(p, F_OK) == 0;
}

int main(void)
{
    char *dir = test_tmpdir();
    put(dir, "src/main.c");
    put(dir, "src/b/z.c");
    put(dir, "src/b/a.c");
    put(dir, "src/game.h");
    put(dir, "src/.hidden/x.c");
    put(dir, "src/.cache/obj/y.c");
    put(dir, "src/notes.c.txt");
    char src[600], cache[700];
    snprintf(src, sizeof(src), "%s/src", dir);
    snprintf(cache, sizeof(cache), "%s/src/.cache", dir);
    mkdir(cache, 0755);
    put(dir, "src/cachedir/w.c");
    snprintf(cache, sizeof(cache), "%s/src/cachedir", dir);
    Strv v = {0};
    sources_scan(src, cache, &v);
    CHECK_EQ_INT(v.n, 3);
    CHECK_EQ_STR(v.v[0], "b/a.c");
    CHECK_EQ_STR(v.v[1], "b/z.c");
    CHECK_EQ_STR(v.v[2], "main.c");

    put(dir, "obj/main.c.o");
    put(dir, "obj/main.c.stamp");
    put(dir, "obj/b/a.c.d");
    put(dir, "obj/gone.c.o");
    put(dir, "obj/gone.c.stamp.new");
    put(dir, "obj/b/old.c.d");
    put(dir, "obj/other.txt");
    char obj[600];
    snprintf(obj, sizeof(obj), "%s/obj", dir);
    sources_prune(obj, &v);
    CHECK(exists(dir, "obj/main.c.o") && exists(dir, "obj/main.c.stamp"));
    CHECK(exists(dir, "obj/b/a.c.d"));
    CHECK(!exists(dir, "obj/gone.c.o") && !exists(dir, "obj/gone.c.stamp.new"));
    CHECK(!exists(dir, "obj/b/old.c.d"));
    CHECK(exists(dir, "obj/other.txt")); /* not ours: left alone */
    strv_free(&v);

    /* Links: a linked directory outside the tree is scanned, a linked .c file compiled;
     * a link to a directory or file of the tree, or to an ancestor (a loop), adds nothing
     * twice; a dangling link is nothing. */
    put(dir, "outside/lib/util.c");
    put(dir, "outside/lib/deep/more.c");
    put(dir, "outside/single.c");
    char target[800], link[800];
    snprintf(target, sizeof(target), "%s/outside/lib", dir);
    snprintf(link, sizeof(link), "%s/src/lib", dir);
    CHECK(symlink(target, link) == 0);
    snprintf(target, sizeof(target), "%s/outside/single.c", dir);
    snprintf(link, sizeof(link), "%s/src/single.c", dir);
    CHECK(symlink(target, link) == 0);
    snprintf(link, sizeof(link), "%s/src/b/up", dir);
    CHECK(symlink("..", link) == 0); /* a loop */
    snprintf(link, sizeof(link), "%s/src/again", dir);
    CHECK(symlink("b", link) == 0); /* a directory of the tree */
    snprintf(link, sizeof(link), "%s/src/main2.c", dir);
    CHECK(symlink("main.c", link) == 0); /* a file of the tree */
    snprintf(link, sizeof(link), "%s/src/dangling.c", dir);
    CHECK(symlink("nowhere.c", link) == 0);
    sources_scan(src, cache, &v);
    CHECK_EQ_INT(v.n, 6);
    if (v.n == 6) {
        CHECK_EQ_STR(v.v[0], "b/a.c");
        CHECK_EQ_STR(v.v[1], "b/z.c");
        CHECK_EQ_STR(v.v[2], "lib/deep/more.c");
        CHECK_EQ_STR(v.v[3], "lib/util.c");
        CHECK_EQ_STR(v.v[4], "main.c");
        CHECK_EQ_STR(v.v[5], "single.c");
    }
    strv_free(&v);
    test_rmtree(dir);
    free(dir);
    return 0;
}
