/* test_compdb.c: compile_commands.json as written for editors: the exact argv per source,
 * JSON escaping, an unchanged database left untouched, a changed one replaced, and a path
 * that cannot be written refused with a sentence. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dev/compdb.h"
#include "testlib.h"

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    static char buf[8192];
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void test_write(void)
{
    char *dir = test_tmpdir();
    char path[4096];
    snprintf(path, sizeof(path), "%s/sub/compile_commands.json", dir); /* parents made */
    const char *a[] = {"cc", "-c", "-I/x/shared", "-DNAME=\"q\"", "-o", "a.o", "a.c", NULL};
    const char *b[] = {"cc", "-c", "b.c", NULL};
    CompdbEntry e[] = {{"/g/a.c", a}, {"/g/b.c", b}};
    Err err = {{0}};
    CHECK_EQ_INT(compdb_write(path, "/g", e, 2, &err), 1);
    CHECK_EQ_STR(slurp(path),
                 "[\n"
                 "  {\"directory\": \"/g\",\n"
                 "   \"file\": \"/g/a.c\",\n"
                 "   \"arguments\": [\"cc\", \"-c\", \"-I/x/shared\", \"-DNAME=\\\"q\\\"\", "
                 "\"-o\", \"a.o\", \"a.c\"]},\n"
                 "  {\"directory\": \"/g\",\n"
                 "   \"file\": \"/g/b.c\",\n"
                 "   \"arguments\": [\"cc\", \"-c\", \"b.c\"]}\n"
                 "]\n");

    /* The same again: not rewritten (the inode stays, as a rename would change it). */
    struct stat before, after;
    CHECK(stat(path, &before) == 0);
    CHECK_EQ_INT(compdb_write(path, "/g", e, 2, &err), 0);
    CHECK(stat(path, &after) == 0);
    CHECK_EQ_INT(after.st_ino, before.st_ino);
    /* A changed command: replaced. */
    CHECK_EQ_INT(compdb_write(path, "/g", e, 1, &err), 1);
    CHECK(stat(path, &after) == 0);
    CHECK(after.st_ino != before.st_ino);
    CHECK(strstr(slurp(path), "b.c") == NULL);
    /* None: an empty list is still valid JSON. */
    CHECK_EQ_INT(compdb_write(path, "/g", e, 0, &err), 1);
    CHECK_EQ_STR(slurp(path), "[\n]\n");

    /* A folder where the file should go: a sentence, nothing left behind. */
    snprintf(path, sizeof(path), "%s/sub", dir);
    CHECK_EQ_INT(compdb_write(path, "/g", e, 2, &err), ERR_IO);
    CHECK(strncmp(err.text, "cannot write ", 13) == 0);
    test_rmtree(dir);
    free(dir);
}

int main(void)
{
    RUN(test_write);
    return 0;
}
